// End-to-end: how the real qmi-kiosk starts and stops outside the happy path. Without a display it says so in one
// line and exits 1 (a systemd restart loop then logs something a person can act on, not a SIGABRT); a stop signal
// (systemctl stop, a reboot, Ctrl+C) ends it cleanly through its own frame loop.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "kiosk_runner.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = QMI_SOURCE_ROOT;

int lines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

}  // namespace

TEST_CASE("without an X display the kiosk says so in one error line and exits 1") {
    qmi::gltest::require_xvfb_and_map(kRoot);
    for (const char* mode : {"", "--screenshot /tmp/qmi-no-display.png", "--bench --bench-seconds 1"}) {
        const qmi::gltest::Run r = qmi::gltest::run_command("env -u DISPLAY \"" QMI_KIOSK_EXE "\" --root \"" + kRoot.string() + "\" " + mode);
        INFO("mode '" << mode << "' output:\n" << r.output);
        CHECK(r.exit_code == 1);
        CHECK(r.output.find("no X display") != std::string::npos);
        CHECK(r.output.find("[error]") != std::string::npos);
        CHECK(lines(r.output) <= 3);  // a warning or two at most besides the one error (no stack of SFML errors)
    }
    CHECK_FALSE(fs::exists("/tmp/qmi-no-display.png"));
}

TEST_CASE("SIGTERM stops the kiosk on screen cleanly: exit 0 with one line saying why") {
    qmi::gltest::require_xvfb_and_map(kRoot);
    // The kiosk full screen on its own Xvfb; once it has drawn its first frame (however loaded the machine is),
    // systemd's stop arrives.
    const fs::path log = fs::temp_directory_path() / ("qmi-sigterm-" + std::to_string(getpid()) + ".log");
    const std::string cmd =
        "sh -c '\"" QMI_KIOSK_EXE "\" --root \"" + kRoot.string() +
        "\" --now 2024-05-01T10:00 >\"" + log.string() + "\" 2>&1 & pid=$!; "
        "for i in $(seq 300); do grep -q \"first complete frame\" \"" + log.string() + "\" && break; sleep 0.1; done; "
        "sleep 0.5; kill -TERM $pid; wait $pid; echo \"exit=$?\"; cat \"" + log.string() + "\"'";
    const qmi::gltest::Run r = qmi::gltest::run_with_display(cmd, "1280x720x24");
    INFO(r.output);
    CHECK(r.output.find("first complete frame") != std::string::npos);
    CHECK(r.output.find("stopping on signal 15") != std::string::npos);
    CHECK(r.output.find("exit=0") != std::string::npos);
    fs::remove(log);
}
