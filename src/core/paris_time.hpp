// Europe/Paris wall-clock time: the only time zone the kiosk speaks. Instants are date::sys_seconds (UTC, what
// elapses); dates people read are date::local_seconds in Paris. Converting between the two goes through the OS
// tz database (/usr/share/zoneinfo via date/tz), so the daylight-saving rules are never written by hand here.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

#include "core/text.hpp"

namespace qmi {

// The Europe/Paris zone, located once. Throws std::runtime_error when the OS tz database lacks it (tzdata not
// installed): that is a broken installation, which the app detects at start-up with paris_zone_available().
const date::time_zone& paris_zone();
bool paris_zone_available(std::string* error);

date::local_seconds to_paris_local(date::sys_seconds t);

// Paris local time -> instant. Local times that do not exist (the spring-forward hour, 02:00-02:59 on the last
// Sunday of March) map to the instant the clocks jump (03:00 CEST), the first moment that does exist. Local times
// that happen twice (02:00-02:59 on the last Sunday of October) map to the earlier one (still CEST).
// Call windows open at 00:00 and close at 23:59:59, never inside those hours, so this only matters for odd input.
date::sys_seconds from_paris_local(date::local_seconds t);

// The instants the kiosk can turn into Paris wall-clock time and count down to: from 1970-01-01 (the tz database
// is only reliable from then on) up to, not including, the last clock change the OS tz database lists. Debian's
// zoneinfo files list changes up to October 2037 and nothing after, so a "summer" time in 2040 would silently be
// an hour off (CET instead of CEST): such instants are refused rather than shown wrong.
struct TimeRange {
    date::sys_seconds first;
    date::sys_seconds end;  // exclusive
};
TimeRange supported_time_range();

// Parses a "now" override (command line, tests, staff demo):
//   "2024-05-01T10:00", "2024-05-01T10:00:30", "2024-05-01 10:00"  -> Paris local time
//   the same followed by "Z" or an offset "+02:00" / "-05:30"        -> that exact instant
// Without an offset, a local time inside the spring-forward gap or the fall-back overlap is REJECTED with an
// error that names the problem and the offset to add: for an explicit override, guessing which instant was meant
// would silently shift it by an hour. An instant outside supported_time_range() is rejected with that range.
// Returns nullopt and sets *error (when non-null) on any rejection.
std::optional<date::sys_seconds> parse_now(std::string_view iso, std::string* error);

// "janvier" / "January"
const char* month_name(date::month m, Lang lang);
// "13 mai 2024" / "13 May 2024"; French writes the first of the month "1er": "1er janvier 2025".
std::string format_date(date::local_days day, Lang lang);
std::string format_date(date::year_month_day day, Lang lang);
// "janvier 2025" / "January 2025"
std::string format_month(date::year_month ym, Lang lang);
// "14:05", 24-hour clock in both languages.
std::string format_time(date::local_seconds t);

}  // namespace qmi
