#include "app/watchdog.hpp"

#include <cstdlib>
#include <string>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

namespace qmi {

Watchdog::Watchdog() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    notify_ = socket && *socket;
    uint64_t usec = 0;
    // unset_environment = 0: child processes never see these, they are read again by sd_watchdog_enabled only.
    const int r = sd_watchdog_enabled(0, &usec);
    if (r > 0 && usec > 0) interval_s_ = static_cast<double>(usec) / 1e6;
    if (r < 0) spdlog::warn("watchdog: bad WATCHDOG_USEC/WATCHDOG_PID in the environment ({})", r);
    if (notify_)
        spdlog::info("watchdog: running under systemd, keep-alive interval {:.1f} s", interval_s_);
}

void Watchdog::ready() {
    if (ready_sent_) return;
    ready_sent_ = true;
    if (!notify_) return;
    const int r = sd_notify(0, "READY=1");
    if (r < 0) spdlog::warn("watchdog: sd_notify READY=1 failed ({})", r);
}

void Watchdog::frame(double now_s) {
    if (!notify_ || interval_s_ <= 0) return;
    // A quarter of the interval: systemd's advice is "half", a margin for one long frame on top.
    if (have_last_ && now_s - last_s_ < interval_s_ / 4 && now_s >= last_s_) return;
    have_last_ = true;
    last_s_ = now_s;
    const int r = sd_notify(0, "WATCHDOG=1");
    if (r > 0) ++sent_;
    else if (r < 0) spdlog::warn("watchdog: sd_notify WATCHDOG=1 failed ({})", r);
}

void Watchdog::status(std::string_view s) {
    if (!notify_) return;
    const std::string msg = "STATUS=" + std::string(s.substr(0, 200));
    sd_notify(0, msg.c_str());
}

void Watchdog::stopping() {
    if (!notify_) return;
    sd_notify(0, "STOPPING=1");
}

}  // namespace qmi
