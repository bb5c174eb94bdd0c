#include "app/stop_signals.hpp"

#include <atomic>
#include <csignal>

namespace qmi::app {

namespace {

std::atomic<int> g_stop_signal{0};  // written by the handler, read by the frame loop
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

extern "C" void on_stop_signal(int sig) { g_stop_signal.store(sig, std::memory_order_relaxed); }

}  // namespace

bool install_stop_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;  // a read or write in progress is resumed, not failed with EINTR
    return sigaction(SIGTERM, &sa, nullptr) == 0 && sigaction(SIGINT, &sa, nullptr) == 0;
}

int stop_signal() { return g_stop_signal.load(std::memory_order_relaxed); }

}  // namespace qmi::app
