// A calendar date known to the year, the month or the day: "2022", "2025-01", "2025-02-23". Sources say "launched in
// 2022" or "in January 2025" as often as they give a day, and the kiosk must never turn "January 2025" into a
// made-up "1 January 2025". Dates are Europe/Paris calendar dates (no time of day).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "core/text.hpp"

namespace qmi {

enum class DatePrecision { Year, Month, Day };

struct PartialDate {
    int year = 0;
    unsigned month = 0;  // 1..12, 0 when only the year is known
    unsigned day = 0;    // 1..31, 0 when only the year or the month is known

    DatePrecision precision() const {
        return day ? DatePrecision::Day : month ? DatePrecision::Month : DatePrecision::Year;
    }
    // The first and the last day the date stands for: one day, a whole month, a whole year.
    date::local_days first_day() const;
    date::local_days last_day() const;
    std::string iso() const;  // "2025", "2025-01", "2025-02-23"

    friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// "2025", "2025-01" or "2025-02-23" (years 1900..2200). nullopt for anything else, including dates that do not
// exist ("2025-02-30"); `why` (when non-null) then says which of the two.
std::optional<PartialDate> parse_partial_date(std::string_view s, std::string* why = nullptr);

// As a reader sees it: "2022", "janvier 2025" / "January 2025", "23 février 2025" / "23 February 2025".
std::string format_partial_date(const PartialDate& d, Lang lang);

// With the preposition that fits its precision, for sentences such as "closed {when}":
//   fr "le 23 février 2025", "en janvier 2025", "en 2022";  en "on 23 February 2025", "in January 2025", "in 2022".
std::string format_partial_date_when(const PartialDate& d, Lang lang);

// Orders by first day, then by precision (a year before a month of it, a month before a day of it).
bool earlier(const PartialDate& a, const PartialDate& b);

}  // namespace qmi
