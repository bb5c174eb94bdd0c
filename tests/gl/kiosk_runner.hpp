// Runs the real qmi-kiosk binary under its own Xvfb server and collects its exit code and output.
// Shared by every GL test so that they all start X the same way, and skip the same way.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include "../support/run_command.hpp"

namespace qmi::gltest {

// ctest reports a test that exits with this code as SKIPPED (SKIP_RETURN_CODE in CMakeLists.txt): a test that
// cannot run here is never counted as passed.
inline constexpr int kSkipExitCode = 77;

[[noreturn]] inline void skip(const std::string& why) {
    std::cout << "SKIPPED: " << why << std::endl;
    std::exit(kSkipExitCode);
}

// Every end-to-end test needs Xvfb and the map contours that kiosk/setup fetches into maps/cache.
inline void require_xvfb_and_map(const std::filesystem::path& root) {
    if (std::system("command -v Xvfb >/dev/null 2>&1") != 0) skip("Xvfb is not installed (package xvfb)");
    for (const char* d : {"75", "77", "78", "91", "92", "93", "94", "95"})
        if (!std::filesystem::exists(root / "maps" / "cache" / (std::string("communes-") + d + ".geojson")))
            skip("map contours missing under " + (root / "maps" / "cache").string() +
                 ": run kiosk/setup (or qmi-kiosk --fetch-maps)");
}

using Run = qmi::testdata::CommandRun;

// Xvfb's density: a 43" 1080p screen (51 dpi), the kiosk's reference, so that the pictures have the proportions of
// a real kiosk (Xvfb's default 100 dpi would make a 1920x1080 picture a 22" desk monitor).
inline constexpr int kXvfbDpi = 51;

// An Xvfb server of this test's own. Xvfb picks a free display number itself and writes it to a pipe once it
// accepts connections (-displayfd), so tests started side by side by ctest -j never share or race for a display
// (xvfb-run -a checks lock files before the server creates them, and two tests could take the same number).
class Xvfb {
public:
    explicit Xvfb(const std::string& screen) {
        if (std::system("command -v Xvfb >/dev/null 2>&1") != 0) skip("Xvfb is not installed (package xvfb)");
        int fds[2];
        if (pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            close(fds[0]);
            const std::string fd = std::to_string(fds[1]);
            // Its own session: the test's process group never receives the server's signals, nor it the test's.
            setsid();
            const int devnull = open("/dev/null", O_WRONLY);
            if (devnull >= 0) {
                dup2(devnull, 1);
                dup2(devnull, 2);
            }
            const std::string dpi = std::to_string(kXvfbDpi);
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(), "-dpi", dpi.c_str(),
                   "-nolisten", "tcp", "-noreset", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string number;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') number += c;
        close(fds[0]);
        if (!number.empty()) display_ = ":" + number;
    }
    ~Xvfb() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;

    // ":N", or "" when the server did not start.
    const std::string& display() const { return display_; }

private:
    pid_t pid_ = -1;
    std::string display_;
};

using qmi::testdata::run_command;

// Runs a shell command on its own Xvfb (DISPLAY set).
inline Run run_with_display(const std::string& shell_command, const std::string& screen = "1920x1080x24") {
    Xvfb x(screen);
    if (x.display().empty()) {
        Run r;
        r.output = "Xvfb did not start";
        return r;
    }
    return run_command("DISPLAY=" + x.display() + " " + shell_command);
}

inline Run run_under_xvfb(const std::string& kiosk_args, const std::string& screen = "1920x1080x24") {
    return run_with_display("\"" QMI_KIOSK_EXE "\" " + kiosk_args, screen);
}

// The same for another executable (a test binary re-running itself as a child on the display).
inline Run run_under_xvfb_exe(const std::string& exe, const std::string& args,
                              const std::string& screen = "1920x1080x24") {
    return run_with_display("\"" + exe + "\" " + args, screen);
}

// The density the kiosk reads from Xvfb (DisplayWidth / DisplayWidthMM): kXvfbDpi, the millimetres rounded to
// whole ones by Xvfb. A layout computed with it is the one the kiosk drew.
inline float xvfb_px_per_mm(int screen_width_px) {
    return static_cast<float>(screen_width_px) /
           std::round(static_cast<float>(screen_width_px) * 25.4f / static_cast<float>(kXvfbDpi));
}

}  // namespace qmi::gltest
