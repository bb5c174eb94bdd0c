// A process id that surely ran and is gone (a child that exited and was reaped): what a writer killed half-way
// leaves in the names of its temporary files.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace qmi::test {

inline pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid < 0) std::abort();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

}  // namespace qmi::test
