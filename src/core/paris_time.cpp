#include "core/paris_time.hpp"

#include <stdexcept>

namespace qmi {

namespace {

const date::time_zone* locate_paris(std::string* error) {
    try {
        return date::locate_zone("Europe/Paris");
    } catch (const std::exception& e) {
        if (error) *error = std::string("time zone Europe/Paris not found in the OS tz database: ") + e.what();
        return nullptr;
    }
}

// Reads exactly `count` ASCII digits at s[pos]; advances pos.
bool read_digits(std::string_view s, size_t& pos, int count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    pos += count;
    return true;
}

bool read_char(std::string_view s, size_t& pos, char expected) {
    if (pos < s.size() && s[pos] == expected) {
        ++pos;
        return true;
    }
    return false;
}

std::string two_digits(int v) {
    std::string s;
    s += static_cast<char>('0' + (v / 10) % 10);
    s += static_cast<char>('0' + v % 10);
    return s;
}

// "02:00" for a local time of day, used in the gap/overlap error messages.
std::string hhmm(date::local_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::hh_mm_ss<std::chrono::seconds> tod{t - day};
    return two_digits(static_cast<int>(tod.hours().count())) + ":" + two_digits(static_cast<int>(tod.minutes().count()));
}

std::string offset_text(std::chrono::seconds off) {
    const char sign = off < std::chrono::seconds{0} ? '-' : '+';
    const long long abs_s = off.count() < 0 ? -off.count() : off.count();
    return std::string(1, sign) + two_digits(static_cast<int>(abs_s / 3600)) + ":" +
           two_digits(static_cast<int>((abs_s / 60) % 60));
}

bool fail(std::string* error, std::string message) {
    if (error) *error = std::move(message);
    return false;
}

constexpr const char* kNowFormat = "expected YYYY-MM-DDTHH:MM[:SS] with an optional Z or +HH:MM offset";

}  // namespace

const date::time_zone& paris_zone() {
    // Located once: date::locate_zone scans the tz database on first use, which is far too slow per frame.
    static const date::time_zone* zone = locate_paris(nullptr);
    if (!zone) throw std::runtime_error("time zone Europe/Paris not found in the OS tz database (is tzdata installed?)");
    return *zone;
}

bool paris_zone_available(std::string* error) {
    try {
        (void)paris_zone();
        return true;
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return false;
    }
}

date::local_seconds to_paris_local(date::sys_seconds t) { return paris_zone().to_local(t); }

date::sys_seconds from_paris_local(date::local_seconds t) {
    // date's choose::earliest gives exactly the documented policy: the transition instant for a gap, the
    // earlier of the two instants for an overlap.
    return paris_zone().to_sys(t, date::choose::earliest);
}

TimeRange supported_time_range() {
    static const TimeRange range = [] {
        using namespace date;
        TimeRange r{sys_days{1970_y / January / 1}, sys_days{2201_y / January / 1}};
        // The period the zone is in far in the future: when it never ends, its start is the last change listed.
        const sys_info far = paris_zone().get_info(sys_days{9999_y / January / 1});
        if (far.end > sys_days{9999_y / December / 31} && far.begin < r.end) r.end = far.begin;
        return r;
    }();
    return range;
}

namespace {

std::optional<date::sys_seconds> in_supported_range(date::sys_seconds t, const std::string& quoted,
                                                    std::string* error) {
    const TimeRange r = supported_time_range();
    if (t >= r.first && t < r.end) return t;
    const std::string first = date::format("%Y-%m-%d", date::floor<date::days>(r.first));
    const std::string last = date::format("%Y-%m-%d %H:%M UTC", r.end - std::chrono::seconds{1});
    fail(error, quoted + ": outside the dates the kiosk can convert to Paris time and count down to (" + first +
                    " to " + last + "; later dates are past the last clock change in this system's time zone "
                    "database, so times would be off by an hour)");
    return std::nullopt;
}

}  // namespace

std::optional<date::sys_seconds> parse_now(std::string_view iso, std::string* error) {
    // Surrounding blanks come from copy-paste and shell quoting; they carry no meaning.
    while (!iso.empty() && (iso.front() == ' ' || iso.front() == '\t')) iso.remove_prefix(1);
    while (!iso.empty() && (iso.back() == ' ' || iso.back() == '\t' || iso.back() == '\n' || iso.back() == '\r'))
        iso.remove_suffix(1);
    const std::string quoted = "\"" + std::string(iso.substr(0, 64)) + "\"";

    size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!read_digits(iso, pos, 4, y) || !read_char(iso, pos, '-') || !read_digits(iso, pos, 2, mo) ||
        !read_char(iso, pos, '-') || !read_digits(iso, pos, 2, d)) {
        fail(error, quoted + ": " + kNowFormat);
        return std::nullopt;
    }
    if (!(read_char(iso, pos, 'T') || read_char(iso, pos, 't') || read_char(iso, pos, ' '))) {
        fail(error, quoted + ": missing time of day; " + kNowFormat);
        return std::nullopt;
    }
    if (!read_digits(iso, pos, 2, h) || !read_char(iso, pos, ':') || !read_digits(iso, pos, 2, mi)) {
        fail(error, quoted + ": " + kNowFormat);
        return std::nullopt;
    }
    if (read_char(iso, pos, ':') && !read_digits(iso, pos, 2, s)) {
        fail(error, quoted + ": seconds must be two digits; " + kNowFormat);
        return std::nullopt;
    }

    std::optional<std::chrono::seconds> offset;
    if (read_char(iso, pos, 'Z') || read_char(iso, pos, 'z')) {
        offset = std::chrono::seconds{0};
    } else if (pos < iso.size() && (iso[pos] == '+' || iso[pos] == '-')) {
        const bool negative = iso[pos] == '-';
        ++pos;
        int oh = 0, om = 0;
        if (!read_digits(iso, pos, 2, oh) || !read_char(iso, pos, ':') || !read_digits(iso, pos, 2, om)) {
            fail(error, quoted + ": offset must be +HH:MM or -HH:MM");
            return std::nullopt;
        }
        if (oh > 23 || om > 59) {
            fail(error, quoted + ": offset out of range");
            return std::nullopt;
        }
        const std::chrono::seconds off = std::chrono::hours{oh} + std::chrono::minutes{om};
        offset = negative ? -off : off;
    }
    if (pos != iso.size()) {
        fail(error, quoted + ": unexpected text after the time; " + kNowFormat);
        return std::nullopt;
    }

    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        fail(error, quoted + ": no such date");
        return std::nullopt;
    }
    // 24:00 and leap seconds (:60) are legal ISO 8601 but nobody types them on purpose: reject.
    if (h > 23 || mi > 59 || s > 59) {
        fail(error, quoted + ": time of day out of range (00:00:00 to 23:59:59)");
        return std::nullopt;
    }
    const std::chrono::seconds tod = std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};

    if (offset) return in_supported_range(date::sys_days{ymd} + tod - *offset, quoted, error);

    const date::local_seconds local = date::local_days{ymd} + tod;
    // Before asking the zone: outside the range the answer would be unreliable anyway.
    if (!in_supported_range(date::sys_seconds{local.time_since_epoch()} - std::chrono::hours{1}, quoted, error))
        return std::nullopt;
    const date::local_info info = paris_zone().get_info(local);
    if (info.result == date::local_info::nonexistent) {
        // info.first is the rule before the jump, info.second after; first.end is the jump instant.
        const date::local_seconds from = date::local_seconds{info.first.end.time_since_epoch() + info.first.offset};
        const date::local_seconds to = date::local_seconds{info.first.end.time_since_epoch() + info.second.offset};
        fail(error, quoted + ": this time does not exist in Paris (clocks jump from " + hhmm(from) + " to " + hhmm(to) +
                        " that day); give an explicit offset such as " + offset_text(info.first.offset));
        return std::nullopt;
    }
    if (info.result == date::local_info::ambiguous) {
        fail(error, quoted + ": this time happens twice in Paris (clocks go back that night); add " +
                        offset_text(info.first.offset) + " for the first or " + offset_text(info.second.offset) +
                        " for the second");
        return std::nullopt;
    }
    return in_supported_range(date::sys_seconds{local.time_since_epoch() - info.first.offset}, quoted, error);
}

const char* month_name(date::month m, Lang lang) {
    static const char* const fr[12] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                       "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    static const char* const en[12] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
    const unsigned i = static_cast<unsigned>(m);
    if (i < 1 || i > 12) return "?";
    return lang == Lang::En ? en[i - 1] : fr[i - 1];
}

std::string format_date(date::year_month_day ymd, Lang lang) {
    const unsigned d = static_cast<unsigned>(ymd.day());
    std::string day = std::to_string(d);
    if (lang == Lang::Fr && d == 1) day += "er";  // "1er mai": French ordinal for the first of the month
    return day + " " + month_name(ymd.month(), lang) + " " + std::to_string(static_cast<int>(ymd.year()));
}

std::string format_date(date::local_days day, Lang lang) { return format_date(date::year_month_day{day}, lang); }

std::string format_month(date::year_month ym, Lang lang) {
    return std::string(month_name(ym.month(), lang)) + " " + std::to_string(static_cast<int>(ym.year()));
}

std::string format_time(date::local_seconds t) { return hhmm(t); }

}  // namespace qmi
