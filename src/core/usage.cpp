#include "core/usage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "core/paris_time.hpp"

namespace qmi {

static_assert(std::is_trivially_copyable_v<UsageEvent>, "the recorder's queue copies events with memcpy semantics");
static_assert(sizeof(UsageEvent) <= 24, "an event stays small: the queue holds thousands of them");

namespace {

constexpr const char* kMetricNames[kUsageMetricCount] = {
    "session", "session_length_s", "tap_district", "tap_commune", "search", "language", "attract", "not_recorded",
};

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

UsageEvent make(UsageMetric metric, date::sys_seconds at, std::string_view subject = {}) {
    UsageEvent e;
    e.metric = metric;
    e.subject = UsageSubject::from(subject);
    e.at = at;
    return e;
}

std::string fmt_count(uint64_t n) { return std::to_string(n); }

// "1 min 05 s", "42 s", "—"
std::string fmt_length(const std::optional<double>& s) {
    if (!s) return "-";
    const long total = std::lround(*s);
    if (total < 60) return std::to_string(total) + " s";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%ld min %02ld s", total / 60, total % 60);
    return buf;
}

// Left-aligned or right-aligned cell of `width` columns (ASCII content: counts, codes, dates).
std::string cell(const std::string& s, size_t width, bool right = true) {
    if (s.size() >= width) return s;
    const std::string pad(width - s.size(), ' ');
    return right ? pad + s : s + pad;
}

date::local_days paris_day(date::sys_seconds t) { return date::floor<date::days>(to_paris_local(t)); }

std::string iso_day(date::local_days d) {
    const date::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

}  // namespace

const char* metric_name(UsageMetric m) {
    const auto i = static_cast<size_t>(m);
    return i < static_cast<size_t>(kUsageMetricCount) ? kMetricNames[i] : "unknown";
}

std::optional<UsageMetric> parse_usage_metric(std::string_view name) {
    for (int i = 0; i < kUsageMetricCount; ++i)
        if (name == kMetricNames[i]) return static_cast<UsageMetric>(i);
    return std::nullopt;
}

UsageSubject UsageSubject::from(std::string_view s) {
    UsageSubject out;
    if (s.size() > out.bytes_.size()) return out;
    for (char c : s)
        if (!is_alnum(c)) return out;
    std::copy(s.begin(), s.end(), out.bytes_.begin());
    out.size_ = static_cast<uint8_t>(s.size());
    return out;
}

bool is_insee_code(std::string_view s) {
    if (s.size() != 5 || !is_digit(s[0])) return false;
    const bool corsica = s[0] == '2' && (s[1] == 'A' || s[1] == 'B');
    if (!corsica && !is_digit(s[1])) return false;
    return is_digit(s[2]) && is_digit(s[3]) && is_digit(s[4]);
}

UsageEvent UsageEvent::session_start(date::sys_seconds at) { return make(UsageMetric::Session, at); }

UsageEvent UsageEvent::session_end(date::sys_seconds at, double length_s) {
    long s = 0;
    if (std::isfinite(length_s) && length_s > 0)
        s = length_s >= kMaxSessionLengthS ? kMaxSessionLengthS : std::lround(length_s);
    char digits[8];
    std::snprintf(digits, sizeof digits, "%ld", s);
    return make(UsageMetric::SessionLength, at, digits);
}

UsageEvent UsageEvent::commune_tap(date::sys_seconds at, std::string_view insee, bool qmi_district) {
    return make(qmi_district ? UsageMetric::DistrictTap : UsageMetric::CommuneTap, at,
                is_insee_code(insee) ? insee : std::string_view{});
}

UsageEvent UsageEvent::search(date::sys_seconds at, std::string_view chosen_insee) {
    return make(UsageMetric::Search, at, is_insee_code(chosen_insee) ? chosen_insee : std::string_view{});
}

UsageEvent UsageEvent::language_switch(date::sys_seconds at, Lang to) {
    return make(UsageMetric::Language, at, lang_code(to));
}

UsageEvent UsageEvent::attract_start(date::sys_seconds at) { return make(UsageMetric::Attract, at); }
UsageEvent UsageEvent::not_recorded(date::sys_seconds at) { return make(UsageMetric::NotRecorded, at); }

date::sys_seconds hour_of(date::sys_seconds t) { return date::floor<std::chrono::hours>(t); }

// --- UsageTally ---------------------------------------------------------------------------------------------------

bool UsageTally::add(date::sys_seconds hour, UsageMetric metric, UsageSubject subject, uint64_t n) {
    const Key key{hour_of(hour).time_since_epoch().count(), metric, subject};
    auto it = counts_.find(key);
    if (it == counts_.end()) {
        if (counts_.size() >= max_rows_) return false;
        counts_.emplace(key, n);
    } else {
        it->second += n;
    }
    return true;
}

bool UsageTally::add(const UsageEvent& e, uint64_t n) { return add(e.at, e.metric, e.subject, n); }

void UsageTally::add_rows(const std::vector<UsageRow>& rows) {
    for (const UsageRow& r : rows) {
        const UsageSubject subject = UsageSubject::from(r.subject);
        if (subject.view() != r.subject) continue;
        add(r.hour, r.metric, subject, r.count);
    }
}

void UsageTally::merge(const UsageTally& other) {
    for (const auto& [key, n] : other.counts_) add(date::sys_seconds{std::chrono::seconds{key.hour}}, key.metric,
                                                   key.subject, n);
}

void UsageTally::erase_before(date::sys_seconds hour) {
    const int64_t h = hour.time_since_epoch().count();
    counts_.erase(counts_.begin(), counts_.lower_bound(Key{h, UsageMetric::Session, UsageSubject{}}));
}

std::vector<UsageRow> UsageTally::rows() const {
    std::vector<UsageRow> out;
    out.reserve(counts_.size());
    for (const auto& [key, n] : counts_)
        out.push_back({date::sys_seconds{std::chrono::seconds{key.hour}}, key.metric, std::string(key.subject.view()),
                       n});
    return out;
}

// --- figures ------------------------------------------------------------------------------------------------------

UsageFigures usage_figures(const std::vector<UsageRow>& rows) {
    UsageFigures f;
    std::vector<std::pair<long, uint64_t>> lengths;  // (seconds, sessions)
    for (const UsageRow& r : rows) {
        switch (r.metric) {
            case UsageMetric::Session: f.sessions += r.count; break;
            case UsageMetric::SessionLength: {
                char* end = nullptr;
                const long s = std::strtol(r.subject.c_str(), &end, 10);
                if (r.subject.empty() || *end != '\0' || s < 0 || s > kMaxSessionLengthS) break;  // not a length
                f.sessions_ended += r.count;
                lengths.emplace_back(s, r.count);
                break;
            }
            case UsageMetric::DistrictTap: f.district_taps += r.count; break;
            case UsageMetric::CommuneTap: f.commune_taps += r.count; break;
            case UsageMetric::Search: f.searches += r.count; break;
            case UsageMetric::Language:
                f.language_switches += r.count;
                if (r.subject == "fr") f.to_french += r.count;
                if (r.subject == "en") f.to_english += r.count;
                break;
            case UsageMetric::Attract: f.attract_starts += r.count; break;
            case UsageMetric::NotRecorded: f.not_recorded += r.count; break;
        }
    }
    if (f.sessions_ended > 0) {
        std::sort(lengths.begin(), lengths.end());
        // The k-th smallest length (0-based), walking the (length, count) runs.
        auto kth = [&](uint64_t k) {
            for (const auto& [s, n] : lengths) {
                if (k < n) return static_cast<double>(s);
                k -= n;
            }
            return static_cast<double>(lengths.back().first);
        };
        const uint64_t n = f.sessions_ended;
        f.median_session_s = n % 2 == 1 ? kth(n / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2.0;
    }
    return f;
}

UsageFigures usage_figures_of_day(const std::vector<UsageRow>& rows, date::sys_seconds now) {
    const date::local_days today = paris_day(now);
    std::vector<UsageRow> day;
    for (const UsageRow& r : rows)
        if (paris_day(r.hour) == today) day.push_back(r);
    return usage_figures(day);
}

// --- formatting ---------------------------------------------------------------------------------------------------

std::string format_paris_hour(date::sys_seconds hour) {
    const auto info = paris_zone().get_info(hour);
    const date::local_seconds local = to_paris_local(hour);
    const date::local_days day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> tod{local - day};
    const long off_min = static_cast<long>(info.offset.count() / 60);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d%c%02ld:%02ld", iso_day(day).c_str(),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  off_min < 0 ? '-' : '+', std::labs(off_min) / 60, std::labs(off_min) % 60);
    return buf;
}

std::optional<date::sys_seconds> parse_paris_day_start(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(s[i])) return std::nullopt;
    const auto num = [&](size_t from, size_t n) {
        int v = 0;
        for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const date::year_month_day ymd{date::year{num(0, 4)}, date::month{static_cast<unsigned>(num(5, 2))},
                                   date::day{static_cast<unsigned>(num(8, 2))}};
    if (!ymd.ok()) return std::nullopt;
    return from_paris_local(date::local_days{ymd});
}

std::string usage_csv(const std::vector<UsageRow>& rows) {
    std::vector<const UsageRow*> sorted;
    sorted.reserve(rows.size());
    for (const UsageRow& r : rows) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(), [](const UsageRow* a, const UsageRow* b) {
        if (a->hour != b->hour) return a->hour < b->hour;
        if (a->metric != b->metric) return a->metric < b->metric;
        return a->subject < b->subject;
    });
    std::string out = std::string(kUsageCsvHeader) + "\n";
    for (const UsageRow* r : sorted) {
        out += format_paris_hour(r->hour);
        out += ',';
        out += metric_name(r->metric);
        out += ',';
        out += r->subject;
        out += ',';
        out += std::to_string(r->count);
        out += '\n';
    }
    return out;
}

std::string usage_table(const std::vector<UsageRow>& rows, const UsageTableOptions& options) {
    std::string out;
    if (!options.title.empty()) out += options.title + "\n\n";
    if (rows.empty()) {
        out += "No usage recorded in this period.\n";
        return out;
    }

    const UsageFigures all = usage_figures(rows);
    out += "Sessions            " + fmt_count(all.sessions) + "   (median length " + fmt_length(all.median_session_s) +
           " over " + fmt_count(all.sessions_ended) + " ended)\n";
    out += "Taps                " + fmt_count(all.taps()) + "   (QMI districts " + fmt_count(all.district_taps) +
           ", other communes " + fmt_count(all.commune_taps) + ")\n";
    out += "Searches            " + fmt_count(all.searches) + "\n";
    out += "Language switches   " + fmt_count(all.language_switches) + "   (to French " + fmt_count(all.to_french) +
           ", to English " + fmt_count(all.to_english) + ")\n";
    out += "Attract loop starts " + fmt_count(all.attract_starts) + "\n";
    if (all.not_recorded > 0)
        out += "NOT RECORDED        " + fmt_count(all.not_recorded) +
               " events (the recorder's queue was full or the database unwritable: see the kiosk's log)\n";

    // One line per Paris day.
    std::map<date::local_days, std::vector<UsageRow>> by_day;
    for (const UsageRow& r : rows) by_day[paris_day(r.hour)].push_back(r);
    out += "\nday         sessions  median length  district taps  other taps  searches  languages  attract\n";
    for (const auto& [day, day_rows] : by_day) {
        const UsageFigures f = usage_figures(day_rows);
        out += iso_day(day) + cell(fmt_count(f.sessions), 10) + cell(fmt_length(f.median_session_s), 15) +
               cell(fmt_count(f.district_taps), 15) + cell(fmt_count(f.commune_taps), 12) +
               cell(fmt_count(f.searches), 10) + cell(fmt_count(f.language_switches), 11) +
               cell(fmt_count(f.attract_starts), 9) + "\n";
    }

    // When the kiosk is used: sessions by Paris hour of the day, over the whole period.
    std::array<uint64_t, 24> by_hour{};
    uint64_t busiest = 0;
    for (const UsageRow& r : rows) {
        if (r.metric != UsageMetric::Session) continue;
        const date::local_seconds local = to_paris_local(r.hour);
        const auto h = date::hh_mm_ss<std::chrono::seconds>{local - date::floor<date::days>(local)}.hours().count();
        by_hour[static_cast<size_t>(h)] += r.count;
        busiest = std::max(busiest, by_hour[static_cast<size_t>(h)]);
    }
    if (busiest > 0) {
        out += "\nsessions by hour of the day (Paris time)\n";
        for (size_t h = 0; h < 24; ++h) {
            if (by_hour[h] == 0) continue;
            char label[24];
            std::snprintf(label, sizeof label, "%02zu:00-%02zu:00 ", h, (h + 1) % 24);
            const size_t bar = static_cast<size_t>((by_hour[h] * 40 + busiest - 1) / busiest);
            out += label + std::string(bar, '#') + " " + fmt_count(by_hour[h]) + "\n";
        }
    }

    // Most tapped communes.
    std::map<std::string, std::pair<uint64_t, bool>> taps;  // code -> (taps, is a QMI district)
    for (const UsageRow& r : rows) {
        if (r.metric != UsageMetric::DistrictTap && r.metric != UsageMetric::CommuneTap) continue;
        auto& t = taps[r.subject];
        t.first += r.count;
        t.second = t.second || r.metric == UsageMetric::DistrictTap;
    }
    if (!taps.empty() && options.top_communes > 0) {
        std::vector<std::pair<std::string, std::pair<uint64_t, bool>>> ranked(taps.begin(), taps.end());
        std::stable_sort(ranked.begin(), ranked.end(),
                         [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
        if (ranked.size() > options.top_communes) ranked.resize(options.top_communes);
        out += "\nmost tapped communes\n";
        for (const auto& [code, t] : ranked) {
            std::string name = code.empty() ? std::string("(unknown commune)") : code;
            if (!code.empty() && options.commune_name) {
                const std::string n = options.commune_name(code);
                if (!n.empty()) name += " " + n;
            }
            if (t.second) name += " (QMI district)";
            out += cell(fmt_count(t.first), 8) + "  " + name + "\n";
        }
    }
    return out;
}

}  // namespace qmi
