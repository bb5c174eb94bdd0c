#include "core/partial_date.hpp"

#include "core/paris_time.hpp"

namespace qmi {

namespace {

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string pad(unsigned v, int width) {
    std::string s = std::to_string(v);
    while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
    return s;
}

}  // namespace

date::local_days PartialDate::first_day() const {
    const date::year y{year};
    if (!month) return date::local_days{y / date::January / 1};
    if (!day) return date::local_days{y / date::month{month} / 1};
    return date::local_days{y / date::month{month} / date::day{day}};
}

date::local_days PartialDate::last_day() const {
    const date::year y{year};
    if (!month) return date::local_days{y / date::December / 31};
    if (!day) return date::local_days{y / date::month{month} / date::last};
    return first_day();
}

std::string PartialDate::iso() const {
    std::string s = pad(static_cast<unsigned>(year), 4);
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "-" + string.
    if (month) {
        s += '-';
        s += pad(month, 2);
    }
    if (day) {
        s += '-';
        s += pad(day, 2);
    }
    return s;
}

std::optional<PartialDate> parse_partial_date(std::string_view s, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<PartialDate> {
        if (why) *why = reason;
        return std::nullopt;
    };
    const char* const kShape = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    if (s.size() != 4 && s.size() != 7 && s.size() != 10) return fail(kShape);
    if (!digits(s.substr(0, 4))) return fail(kShape);
    PartialDate d;
    d.year = to_int(s.substr(0, 4));
    if (s.size() >= 7) {
        if (s[4] != '-' || !digits(s.substr(5, 2))) return fail(kShape);
        d.month = static_cast<unsigned>(to_int(s.substr(5, 2)));
    }
    if (s.size() == 10) {
        if (s[7] != '-' || !digits(s.substr(8, 2))) return fail(kShape);
        d.day = static_cast<unsigned>(to_int(s.substr(8, 2)));
    }
    if (d.year < 1900 || d.year > 2200) return fail("year out of range (1900 to 2200)");
    if (s.size() >= 7 && (d.month < 1 || d.month > 12)) return fail("no such date");
    if (s.size() == 10 && !(date::year{d.year} / date::month{d.month} / date::day{d.day}).ok())
        return fail("no such date");
    return d;
}

std::string format_partial_date(const PartialDate& d, Lang lang) {
    switch (d.precision()) {
        case DatePrecision::Year: return std::to_string(d.year);
        case DatePrecision::Month: return format_month(date::year{d.year} / date::month{d.month}, lang);
        case DatePrecision::Day: break;
    }
    return format_date(date::year_month_day{date::year{d.year}, date::month{d.month}, date::day{d.day}}, lang);
}

std::string format_partial_date_when(const PartialDate& d, Lang lang) {
    const bool day = d.precision() == DatePrecision::Day;
    std::string out = lang == Lang::Fr ? (day ? "le " : "en ") : (day ? "on " : "in ");
    out += format_partial_date(d, lang);
    return out;
}

bool earlier(const PartialDate& a, const PartialDate& b) {
    if (a.first_day() != b.first_day()) return a.first_day() < b.first_day();
    return static_cast<int>(a.precision()) < static_cast<int>(b.precision());
}

}  // namespace qmi
