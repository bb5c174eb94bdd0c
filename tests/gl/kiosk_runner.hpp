// Runs the real qmi-kiosk binary under its own Xvfb server and collects its exit code and output.
// Shared by every GL test so that they all start X the same way, and skip the same way.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace qmi::gltest {

// ctest reports a test that exits with this code as SKIPPED (SKIP_RETURN_CODE in CMakeLists.txt): a test that
// cannot run here is never counted as passed.
inline constexpr int kSkipExitCode = 77;

[[noreturn]] inline void skip(const std::string& why) {
    std::cout << "SKIPPED: " << why << std::endl;
    std::exit(kSkipExitCode);
}

// Every end-to-end test needs Xvfb (xvfb-run) and the map contours that kiosk/setup fetches into maps/cache.
inline void require_xvfb_and_map(const std::filesystem::path& root) {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) skip("xvfb-run is not installed (package xvfb)");
    for (const char* d : {"75", "77", "78", "91", "92", "93", "94", "95"})
        if (!std::filesystem::exists(root / "maps" / "cache" / (std::string("communes-") + d + ".geojson")))
            skip("map contours missing under " + (root / "maps" / "cache").string() +
                 ": run kiosk/setup (or qmi-kiosk --fetch-maps)");
}

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr
};

// ctest -j starts several test processes at the same instant. `xvfb-run -a` alone then lets them pick the same
// display number (it checks lock files before Xvfb creates them), and the loser sees "Failed to open X11 display".
// Each process therefore starts its search at its own display number, derived from its pid, and a start-up race
// that still happens is retried: it is the test harness failing, not the kiosk.
inline Run run_under_xvfb(const std::string& kiosk_args, const std::string& screen = "1920x1080x24") {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) skip("xvfb-run is not installed (package xvfb)");
    Run r;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int first_display = 100 + static_cast<int>((getpid() * 7 + attempt * 131) % 3000);
        const std::string cmd = "xvfb-run -n " + std::to_string(first_display) + " -a -s \"-screen 0 " + screen +
                                "\" \"" QMI_KIOSK_EXE "\" " + kiosk_args + " 2>&1";
        r = Run{};
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return r;
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p)) r.output += buf;
        const int status = pclose(p);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        const bool x_race = r.output.find("cannot open the X display") != std::string::npos ||
                            r.output.find("Failed to open X11 display") != std::string::npos ||
                            r.output.find("Xvfb failed to start") != std::string::npos;
        if (!x_race) break;
    }
    return r;
}

}  // namespace qmi::gltest
