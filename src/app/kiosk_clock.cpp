#include "app/kiosk_clock.hpp"

#include <string>

#include <spdlog/spdlog.h>

#include "core/paris_time.hpp"

namespace qmi::app {

std::chrono::system_clock::time_point KioskClock::now_precise() const {
    if (!start_) return std::chrono::system_clock::now();
    const auto elapsed = std::chrono::steady_clock::now() - steady_start_;
    return std::chrono::system_clock::time_point(*start_) +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed);
}

date::sys_seconds KioskClock::now() const { return std::chrono::floor<std::chrono::seconds>(now_precise()); }

std::optional<KioskClock> make_clock(const Options& o) {
    if (o.now.empty()) return KioskClock();
    std::string error;
    const auto t = parse_now(o.now, &error);
    if (!t) {
        spdlog::error("--now {}: {}", o.now, error);
        return std::nullopt;
    }
    return KioskClock(*t);
}

}  // namespace qmi::app
