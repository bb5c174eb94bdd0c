// The kiosk's two clocks, in one place:
//   - KioskClock: the wall clock the banner counts down against (UTC instants), optionally shifted so that it starts
//     at --now and then runs normally (demos, screenshots, tests of every banner state);
//   - Stopwatch: seconds elapsed on the steady clock since it was started (start-up figures, frame times).
#pragma once
#include <chrono>
#include <optional>

#include <date/date.h>

#include "app/options.hpp"

namespace qmi::app {

class KioskClock {
public:
    KioskClock() = default;
    explicit KioskClock(date::sys_seconds start) : start_(start), steady_start_(std::chrono::steady_clock::now()) {}
    date::sys_seconds now() const;
    std::chrono::system_clock::time_point now_precise() const;  // same clock, sub-second

private:
    std::optional<date::sys_seconds> start_;
    std::chrono::steady_clock::time_point steady_start_{};
};

// The system clock, or the start given by --now (one log line and nullopt when it does not parse).
std::optional<KioskClock> make_clock(const Options& o);

class Stopwatch {
public:
    using Clock = std::chrono::steady_clock;
    Stopwatch() : start_(Clock::now()) {}
    explicit Stopwatch(Clock::time_point start) : start_(start) {}
    double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
    double ms() const { return seconds() * 1000.0; }
    Clock::time_point start() const { return start_; }

private:
    Clock::time_point start_;
};

}  // namespace qmi::app
