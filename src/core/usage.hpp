// Anonymous usage statistics: what a visitor's use of the kiosk is counted as, and the report made of the counts.
//
// Anonymous by construction: an event is a metric, a UTC instant and a subject from a CLOSED alphabet (an INSEE
// code, "fr"/"en", or a whole number of seconds), at most 7 characters. There is no field that could carry a name,
// typed text, a position on screen, an image or an identifier of the visitor: the factories below refuse anything
// else (the subject is then left empty). Counts are kept per UTC hour, so the order of events within an hour, and
// which taps belong to which session, are never stored either.
//
// Vocabulary (the `metric` column of `qmi-kiosk stats --csv`, stable):
//   session           a session started: the first touch after the attract loop or the idle timeout   subject ""
//   session_length_s  a session ended (idle timeout); subject = its length in whole seconds, 0..86400
//   tap_district      a tap selected a commune that holds a QMI district      subject = INSEE code, "91027"
//   tap_commune       a tap selected another commune of the map                subject = INSEE code
//   search            a search was performed; subject = INSEE code of the result chosen, "" when none
//   language          the visitor switched the language                        subject = the new language, "fr"/"en"
//   attract           the attract loop started                                 subject ""
//   not_recorded      events lost by the recorder (queue full, database unwritable for too long)   subject ""
//
// Hours: a count belongs to the UTC hour of its event's instant. Paris is a whole number of hours from UTC, so each
// UTC hour is exactly one Paris local hour; reports show it as Paris local time WITH its offset
// ("2024-10-27T02:00+02:00" and "2024-10-27T02:00+01:00" are the two 2 a.m. hours of the autumn clock change).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/text.hpp"

namespace qmi {

enum class UsageMetric : uint8_t {
    Session,
    SessionLength,
    DistrictTap,
    CommuneTap,
    Search,
    Language,
    Attract,
    NotRecorded,
};
constexpr int kUsageMetricCount = 8;

const char* metric_name(UsageMetric m);                           // "tap_district"
std::optional<UsageMetric> parse_usage_metric(std::string_view);  // exact names only

// At most 7 bytes of [0-9A-Za-z], stored inline: an event never allocates.
class UsageSubject {
public:
    UsageSubject() = default;
    // Empty when `s` is longer than 7 bytes or holds anything outside [0-9A-Za-z].
    static UsageSubject from(std::string_view s);
    std::string_view view() const { return {bytes_.data(), size_}; }
    bool empty() const { return size_ == 0; }
    friend bool operator==(const UsageSubject& a, const UsageSubject& b) { return a.view() == b.view(); }
    friend bool operator<(const UsageSubject& a, const UsageSubject& b) { return a.view() < b.view(); }

private:
    std::array<char, 7> bytes_{};
    uint8_t size_ = 0;
};

// "91027", "2A004": two digits (or 2A/2B, Corsica) then three digits. Nothing else is ever stored as a commune.
bool is_insee_code(std::string_view s);

// Longest session length recorded as such; longer sessions count as this (a kiosk left on a forgotten finger).
constexpr int kMaxSessionLengthS = 86400;

// One thing that happened, as the frame loop reports it. Trivially copyable, 24 bytes: the recorder's queue holds
// these by value. Build them with the factories, which enforce the vocabulary above.
struct UsageEvent {
    UsageMetric metric = UsageMetric::Session;
    UsageSubject subject;
    date::sys_seconds at{};  // UTC instant

    static UsageEvent session_start(date::sys_seconds at);
    // `length_s` from the session's first touch to its last (the idle wait that ends it is not part of it);
    // rounded to whole seconds, clamped to 0..kMaxSessionLengthS (NaN -> 0).
    static UsageEvent session_end(date::sys_seconds at, double length_s);
    // `insee` that is not an INSEE code is counted with an empty subject.
    static UsageEvent commune_tap(date::sys_seconds at, std::string_view insee, bool qmi_district);
    // Counts a search. Only the INSEE code of the result the visitor chose is kept ("" = none chosen): never the
    // typed text, which a visitor could fill with anything.
    static UsageEvent search(date::sys_seconds at, std::string_view chosen_insee = {});
    static UsageEvent language_switch(date::sys_seconds at, Lang to);
    static UsageEvent attract_start(date::sys_seconds at);
    static UsageEvent not_recorded(date::sys_seconds at);
};

// One row of counts: how many events of `metric` with `subject` happened in the UTC hour starting at `hour`.
struct UsageRow {
    date::sys_seconds hour{};  // start of a UTC hour
    UsageMetric metric = UsageMetric::Session;
    std::string subject;
    uint64_t count = 0;
    friend bool operator==(const UsageRow&, const UsageRow&) = default;
};

date::sys_seconds hour_of(date::sys_seconds t);  // start of t's UTC hour

// Counts per (hour, metric, subject), in memory: the recorder's pending writes and its figures of the last days.
// Bounded: once `max_rows` distinct rows are held, events that would need a new row are refused (add() returns
// false) so that a database that stays unwritable cannot grow memory without limit.
class UsageTally {
public:
    explicit UsageTally(size_t max_rows = 50000) : max_rows_(max_rows) {}

    bool add(const UsageEvent& e, uint64_t n = 1);
    bool add(date::sys_seconds hour, UsageMetric metric, UsageSubject subject, uint64_t n);
    // Rows in (hour, metric, subject) order. Subjects that are not in the closed alphabet are skipped.
    void add_rows(const std::vector<UsageRow>& rows);
    void merge(const UsageTally& other);
    void erase_before(date::sys_seconds hour);

    std::vector<UsageRow> rows() const;
    size_t size() const { return counts_.size(); }
    bool empty() const { return counts_.empty(); }
    void clear() { counts_.clear(); }

private:
    struct Key {
        int64_t hour;
        UsageMetric metric;
        UsageSubject subject;
        friend bool operator<(const Key& a, const Key& b) {
            if (a.hour != b.hour) return a.hour < b.hour;
            if (a.metric != b.metric) return a.metric < b.metric;
            return a.subject < b.subject;
        }
    };
    std::map<Key, uint64_t> counts_;
    size_t max_rows_;
};

// The figures of a set of rows (a day for the staff menu, a period for the report).
struct UsageFigures {
    uint64_t sessions = 0;
    uint64_t sessions_ended = 0;        // sessions whose length is known
    std::optional<double> median_session_s;  // median of the known lengths; none when no session ended
    uint64_t district_taps = 0, commune_taps = 0;
    uint64_t searches = 0;
    uint64_t language_switches = 0, to_french = 0, to_english = 0;
    uint64_t attract_starts = 0;
    uint64_t not_recorded = 0;
    uint64_t taps() const { return district_taps + commune_taps; }
};

UsageFigures usage_figures(const std::vector<UsageRow>& rows);
// Only the rows of `now`'s Europe/Paris calendar day ("today" on the staff screen).
UsageFigures usage_figures_of_day(const std::vector<UsageRow>& rows, date::sys_seconds now);

// "2024-05-01T10:00+02:00": the Paris local hour that starts at UTC `hour`, with its offset.
std::string format_paris_hour(date::sys_seconds hour);
// "2024-05-01" (a real calendar day) -> the instant of that day's midnight in Paris; nullopt otherwise.
std::optional<date::sys_seconds> parse_paris_day_start(std::string_view iso_day);

// The CSV export, one row per hour x metric x subject, sorted by hour, then metric in the order of the vocabulary,
// then subject. Header (stable):  hour,metric,subject,count
// Exports of many kiosks concatenate (skip the repeated header lines) and aggregate by summing `count` over equal
// (hour, metric, subject). Fields never need quoting: subjects come from the closed alphabet.
std::string usage_csv(const std::vector<UsageRow>& rows);
constexpr const char* kUsageCsvHeader = "hour,metric,subject,count";

// The human report: totals over the rows, one line per Paris day, sessions by hour of the day, the most tapped
// communes. `commune_name` turns an INSEE code into a name ("" when unknown: the code alone is shown).
struct UsageTableOptions {
    std::string title;  // first line, e.g. "Usage statistics since 2024-05-01 (var/usage.sqlite)"
    std::function<std::string(std::string_view insee)> commune_name;
    size_t top_communes = 10;
};
std::string usage_table(const std::vector<UsageRow>& rows, const UsageTableOptions& options);

}  // namespace qmi
