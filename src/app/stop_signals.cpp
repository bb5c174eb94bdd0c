#include "app/stop_signals.hpp"

#include <signal.h>

#include <atomic>

namespace qmi::app {

namespace {

// Lock-free, so reading and writing it is async-signal-safe.
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

void on_stop_signal(int sig) { g_stop_signal.store(sig, std::memory_order_relaxed); }

}  // namespace

bool install_stop_signals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the second signal gets the default action (the process ends at once); SA_RESTART: a read or a
    // write interrupted by the first one is resumed, not failed.
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    return sigaction(SIGTERM, &action, nullptr) == 0 && sigaction(SIGINT, &action, nullptr) == 0;
}

bool stop_requested() { return g_stop_signal.load(std::memory_order_relaxed) != 0; }

int stop_signal() { return g_stop_signal.load(std::memory_order_relaxed); }

}  // namespace qmi::app
