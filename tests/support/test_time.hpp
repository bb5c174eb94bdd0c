// Instants and text checks the tests share: an instant written as a UTC calendar date and time (the kiosk's clock
// is set in UTC; Paris is UTC+1 in winter, UTC+2 in summer), and "does this text contain that".
#pragma once
#include <chrono>
#include <string>

#include <date/date.h>

namespace qmi::testdata {

// The hour is always written: a call's last day at 00:00 and at 12:00 are different states.
inline date::sys_seconds utc(int y, unsigned mo, unsigned d, int h, int mi = 0, int s = 0) {
    return date::sys_days{date::year{y} / mo / d} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{s};
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace qmi::testdata
