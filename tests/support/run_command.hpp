// Runs a shell command the way a person at a terminal would, and keeps what they would see: its exit code and
// everything it printed (stdout and stderr, interleaved). For the tests of the kiosk's command-line modes.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace qmi::testdata {

struct CommandRun {
    int exit_code = -1;  // -1: it did not exit (killed by a signal) or could not start
    std::string output;
};

inline CommandRun run_command(const std::string& shell_command) {
    CommandRun r;
    FILE* p = popen((shell_command + " 2>&1").c_str(), "r");
    if (!p) return r;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) r.output += buf;
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace qmi::testdata
