// Runs the real qmi-kiosk binary under its own Xvfb server and collects its exit code and output.
// Shared by every GL test so that they all start X the same way.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace qmi::gltest {

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr
};

// ctest -j starts several test processes at the same instant. `xvfb-run -a` alone then lets them pick the same
// display number (it checks lock files before Xvfb creates them), and the loser sees "Failed to open X11 display".
// Each process therefore starts its search at its own display number, derived from its pid, and a start-up race
// that still happens is retried: it is the test harness failing, not the kiosk.
inline Run run_under_xvfb_exe(const std::string& exe, const std::string& args,
                              const std::string& screen = "1920x1080x24") {
    Run r;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int first_display = 100 + static_cast<int>((getpid() * 7 + attempt * 131) % 3000);
        const std::string cmd = "xvfb-run -n " + std::to_string(first_display) + " -a -s \"-screen 0 " + screen +
                                "\" \"" + exe + "\" " + args + " 2>&1";
        r = Run{};
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return r;
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p)) r.output += buf;
        const int status = pclose(p);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        const bool x_race = r.output.find("Failed to open X11 display") != std::string::npos ||
                            r.output.find("Xvfb failed to start") != std::string::npos;
        if (!x_race) break;
    }
    return r;
}

inline Run run_under_xvfb(const std::string& kiosk_args, const std::string& screen = "1920x1080x24") {
    return run_under_xvfb_exe(QMI_KIOSK_EXE, kiosk_args, screen);
}

}  // namespace qmi::gltest
