// Usage statistics, the pure part: what an event may carry (nothing personal gets in), counts per hour, the
// figures staff read, the CSV that many kiosks' exports add up from, and Paris hours across the clock changes.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/usage.hpp"
#include "../support/test_time.hpp"

using namespace qmi;
using qmi::testdata::utc;
using namespace std::chrono_literals;

namespace {

const date::sys_seconds k10h = utc(2024, 5, 1, 8);  // 10:00 in Paris (CEST)

std::vector<UsageRow> rows_of(const std::vector<UsageEvent>& events) {
    UsageTally t;
    for (const auto& e : events) REQUIRE(t.add(e));
    return t.rows();
}

}  // namespace

TEST_CASE("usage: an event keeps only codes from a closed alphabet, never typed text", "[usage]") {
    CHECK(UsageEvent::commune_tap(k10h, "91027", true).subject.view() == "91027");
    CHECK(UsageEvent::commune_tap(k10h, "91027", true).metric == UsageMetric::DistrictTap);
    CHECK(UsageEvent::commune_tap(k10h, "92040", false).metric == UsageMetric::CommuneTap);
    CHECK(UsageEvent::commune_tap(k10h, "2A004", false).subject.view() == "2A004");  // Corsica's codes are codes
    // Anything that is not an INSEE code is counted without a subject.
    for (const char* bad : {"Athis-Mons", "9102", "910271", "91 27", "<b>1</b>", "2C004", "A1027", "", "9102\n"}) {
        INFO(bad);
        const UsageEvent e = UsageEvent::commune_tap(k10h, bad, true);
        CHECK(e.subject.empty());
        CHECK(e.metric == UsageMetric::DistrictTap);
    }
    // A search keeps at most the code of the chosen result: what the visitor typed has nowhere to go.
    CHECK(UsageEvent::search(k10h).subject.empty());
    CHECK(UsageEvent::search(k10h, "Marie Dupont 06 12 34 56 78").subject.empty());
    CHECK(UsageEvent::search(k10h, "aubervilliers").subject.empty());
    CHECK(UsageEvent::search(k10h, "93001").subject.view() == "93001");
    CHECK(UsageEvent::language_switch(k10h, Lang::En).subject.view() == "en");
    CHECK(UsageEvent::language_switch(k10h, Lang::Fr).subject.view() == "fr");
    CHECK(UsageEvent::session_start(k10h).subject.empty());
    CHECK(UsageEvent::attract_start(k10h).subject.empty());

    // The subject type itself refuses anything longer than 7 characters or outside [0-9A-Za-z].
    CHECK(UsageSubject::from("abcdefg").view() == "abcdefg");
    CHECK(UsageSubject::from("abcdefgh").empty());
    CHECK(UsageSubject::from("a b").empty());
    CHECK(UsageSubject::from("é").empty());
    CHECK(UsageSubject::from("a,b").empty());
}

TEST_CASE("usage: a session length is whole seconds, clamped, and bad lengths count as 0", "[usage]") {
    CHECK(UsageEvent::session_end(k10h, 42.4).subject.view() == "42");
    CHECK(UsageEvent::session_end(k10h, 42.5).subject.view() == "43");
    CHECK(UsageEvent::session_end(k10h, 0).subject.view() == "0");
    CHECK(UsageEvent::session_end(k10h, -3).subject.view() == "0");
    CHECK(UsageEvent::session_end(k10h, std::nan("")).subject.view() == "0");
    CHECK(UsageEvent::session_end(k10h, std::numeric_limits<double>::infinity()).subject.view() == "0");
    CHECK(UsageEvent::session_end(k10h, 1e12).subject.view() == "86400");
    CHECK(UsageEvent::session_end(k10h, 42).metric == UsageMetric::SessionLength);
}

TEST_CASE("usage: counts add up per UTC hour, metric and subject", "[usage]") {
    UsageTally t;
    t.add(UsageEvent::commune_tap(utc(2024, 5, 1, 8, 0, 0), "91027", true));
    t.add(UsageEvent::commune_tap(utc(2024, 5, 1, 8, 59, 59), "91027", true));
    t.add(UsageEvent::commune_tap(utc(2024, 5, 1, 9, 0, 0), "91027", true));  // next hour
    t.add(UsageEvent::commune_tap(utc(2024, 5, 1, 8, 30), "93001", true));
    t.add(UsageEvent::commune_tap(utc(2024, 5, 1, 8, 30), "93001", false));  // same code, other metric
    const std::vector<UsageRow> rows = t.rows();
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == UsageRow{utc(2024, 5, 1, 8), UsageMetric::DistrictTap, "91027", 2});
    CHECK(rows[1] == UsageRow{utc(2024, 5, 1, 8), UsageMetric::DistrictTap, "93001", 1});
    CHECK(rows[2] == UsageRow{utc(2024, 5, 1, 8), UsageMetric::CommuneTap, "93001", 1});
    CHECK(rows[3] == UsageRow{utc(2024, 5, 1, 9), UsageMetric::DistrictTap, "91027", 1});

    // merge and erase_before keep the same keys.
    UsageTally other;
    other.merge(t);
    other.merge(t);
    CHECK(other.rows()[0].count == 4);
    other.erase_before(utc(2024, 5, 1, 9));
    REQUIRE(other.size() == 1);
    CHECK(other.rows()[0].hour == utc(2024, 5, 1, 9));
}

TEST_CASE("usage: a tally at its bound keeps counting known rows and refuses new ones", "[usage]") {
    UsageTally t(2);
    CHECK(t.add(UsageEvent::session_start(k10h)));
    CHECK(t.add(UsageEvent::attract_start(k10h)));
    CHECK_FALSE(t.add(UsageEvent::search(k10h)));             // a third row
    CHECK(t.add(UsageEvent::session_start(k10h + 10min)));     // same row as the first
    CHECK(t.size() == 2);
    CHECK(t.rows()[0].count == 2);
}

TEST_CASE("usage: the staff figures: sessions, taps, searches, languages and the median length", "[usage]") {
    const std::vector<UsageRow> rows = rows_of({
        UsageEvent::session_start(k10h),
        UsageEvent::commune_tap(k10h, "91027", true),
        UsageEvent::commune_tap(k10h, "92040", false),
        UsageEvent::search(k10h, "93001"),
        UsageEvent::language_switch(k10h, Lang::En),
        UsageEvent::session_end(k10h + 2min, 30),
        UsageEvent::session_start(k10h + 5min),
        UsageEvent::language_switch(k10h + 5min, Lang::Fr),
        UsageEvent::session_end(k10h + 8min, 100),
        UsageEvent::session_start(k10h + 10min),
        UsageEvent::session_end(k10h + 12min, 40),
        UsageEvent::attract_start(k10h + 14min),
    });
    const UsageFigures f = usage_figures(rows);
    CHECK(f.sessions == 3);
    CHECK(f.sessions_ended == 3);
    REQUIRE(f.median_session_s);
    CHECK(*f.median_session_s == 40);  // 30, 40, 100
    CHECK(f.district_taps == 1);
    CHECK(f.commune_taps == 1);
    CHECK(f.taps() == 2);
    CHECK(f.searches == 1);
    CHECK(f.language_switches == 2);
    CHECK(f.to_english == 1);
    CHECK(f.to_french == 1);
    CHECK(f.attract_starts == 1);
    CHECK(f.not_recorded == 0);

    // An even number of lengths: the mean of the middle two.
    const UsageFigures even = usage_figures(rows_of({UsageEvent::session_end(k10h, 10), UsageEvent::session_end(k10h, 20),
                                                     UsageEvent::session_end(k10h, 20), UsageEvent::session_end(k10h, 90)}));
    CHECK(*even.median_session_s == 20);
    const UsageFigures two = usage_figures(rows_of({UsageEvent::session_end(k10h, 10), UsageEvent::session_end(k10h, 25)}));
    CHECK(*two.median_session_s == 17.5);
    CHECK_FALSE(usage_figures({}).median_session_s);
}

TEST_CASE("usage: today is the Paris calendar day, not the UTC one", "[usage]") {
    // 2024-05-01 22:30 UTC is 00:30 on 2 May in Paris.
    const std::vector<UsageRow> rows = rows_of({
        UsageEvent::session_start(utc(2024, 5, 1, 21, 30)),  // 23:30 on 1 May, Paris
        UsageEvent::session_start(utc(2024, 5, 1, 22, 30)),  // 00:30 on 2 May, Paris
        UsageEvent::session_start(utc(2024, 5, 2, 10)),
    });
    CHECK(usage_figures_of_day(rows, utc(2024, 5, 2, 12)).sessions == 2);
    CHECK(usage_figures_of_day(rows, utc(2024, 5, 1, 21, 59)).sessions == 1);
    CHECK(usage_figures_of_day(rows, utc(2024, 5, 3, 12)).sessions == 0);
}

TEST_CASE("usage: Paris hours carry their offset, so the two 2 a.m. hours of October stay apart", "[usage]") {
    CHECK(format_paris_hour(utc(2024, 5, 1, 8)) == "2024-05-01T10:00+02:00");
    CHECK(format_paris_hour(utc(2024, 1, 15, 8)) == "2024-01-15T09:00+01:00");
    CHECK(format_paris_hour(utc(2024, 10, 27, 0)) == "2024-10-27T02:00+02:00");
    CHECK(format_paris_hour(utc(2024, 10, 27, 1)) == "2024-10-27T02:00+01:00");
    CHECK(format_paris_hour(utc(2024, 3, 31, 0)) == "2024-03-31T01:00+01:00");
    CHECK(format_paris_hour(utc(2024, 3, 31, 1)) == "2024-03-31T03:00+02:00");  // 02:00 does not exist that day
}

TEST_CASE("usage: --since takes a real day and starts at Paris midnight", "[usage]") {
    CHECK(parse_paris_day_start("2024-05-01") == utc(2024, 4, 30, 22));
    CHECK(parse_paris_day_start("2024-01-15") == utc(2024, 1, 14, 23));
    CHECK(parse_paris_day_start("2024-02-29") == utc(2024, 2, 28, 23));
    for (const char* bad : {"2023-02-29", "2024-13-01", "2024-5-1", "2024-05-01T00:00", "", "yesterday", "2024/05/01",
                            "2024-00-10", "2024-05-32"}) {
        INFO(bad);
        CHECK_FALSE(parse_paris_day_start(bad));
    }
}

TEST_CASE("usage: the CSV has one row per hour x metric x subject in a stable order", "[usage]") {
    const std::vector<UsageRow> rows = rows_of({
        UsageEvent::attract_start(utc(2024, 10, 27, 1, 10)),
        UsageEvent::session_start(utc(2024, 10, 27, 0, 10)),
        UsageEvent::commune_tap(utc(2024, 10, 27, 0, 11), "93001", true),
        UsageEvent::commune_tap(utc(2024, 10, 27, 0, 12), "91027", true),
        UsageEvent::commune_tap(utc(2024, 10, 27, 0, 13), "91027", true),
        UsageEvent::search(utc(2024, 10, 27, 0, 14)),
        UsageEvent::language_switch(utc(2024, 10, 27, 0, 15), Lang::En),
        UsageEvent::session_end(utc(2024, 10, 27, 0, 20), 61),
    });
    CHECK(usage_csv(rows) ==
          "hour,metric,subject,count\n"
          "2024-10-27T02:00+02:00,session,,1\n"
          "2024-10-27T02:00+02:00,session_length_s,61,1\n"
          "2024-10-27T02:00+02:00,tap_district,91027,2\n"
          "2024-10-27T02:00+02:00,tap_district,93001,1\n"
          "2024-10-27T02:00+02:00,search,,1\n"
          "2024-10-27T02:00+02:00,language,en,1\n"
          "2024-10-27T02:00+01:00,attract,,1\n");  // the second 2 a.m. hour
    // Rows given out of order come out in the same order.
    std::vector<UsageRow> reversed(rows.rbegin(), rows.rend());
    CHECK(usage_csv(reversed) == usage_csv(rows));
    CHECK(usage_csv({}) == "hour,metric,subject,count\n");
    // Every metric name reads back.
    for (int i = 0; i < kUsageMetricCount; ++i) {
        const auto m = static_cast<UsageMetric>(i);
        CHECK(parse_usage_metric(metric_name(m)) == m);
    }
    CHECK_FALSE(parse_usage_metric("sessions"));
}

TEST_CASE("usage: the report for people names communes and says when events were lost", "[usage]") {
    std::vector<UsageRow> rows = rows_of({
        UsageEvent::session_start(utc(2024, 5, 1, 8, 5)),
        UsageEvent::commune_tap(utc(2024, 5, 1, 8, 6), "91027", true),
        UsageEvent::commune_tap(utc(2024, 5, 1, 8, 7), "91027", true),
        UsageEvent::commune_tap(utc(2024, 5, 1, 8, 8), "75056", false),
        UsageEvent::session_end(utc(2024, 5, 1, 8, 9), 95),
        UsageEvent::session_start(utc(2024, 5, 2, 15, 0)),
    });
    UsageTableOptions options;
    options.title = "QMI kiosk usage";
    options.commune_name = [](std::string_view code) { return code == "91027" ? std::string("Athis-Mons") : ""; };
    std::string table = usage_table(rows, options);
    INFO(table);
    CHECK(table.rfind("QMI kiosk usage\n", 0) == 0);
    CHECK(table.find("Sessions            2   (median length 1 min 35 s over 1 ended)") != std::string::npos);
    CHECK(table.find("Taps                3   (QMI districts 2, other communes 1)") != std::string::npos);
    CHECK(table.find("2024-05-01         1     1 min 35 s              2           1") != std::string::npos);
    CHECK(table.find("2024-05-02         1              -              0           0") != std::string::npos);
    CHECK(table.find("10:00-11:00 ") != std::string::npos);  // 08:05 UTC is 10:05 in Paris
    CHECK(table.find("17:00-18:00 ") != std::string::npos);
    CHECK(table.find("       2  91027 Athis-Mons (QMI district)") != std::string::npos);
    CHECK(table.find("       1  75056\n") != std::string::npos);
    CHECK(table.find("NOT RECORDED") == std::string::npos);

    rows.push_back({utc(2024, 5, 1, 9), UsageMetric::NotRecorded, "", 12});
    table = usage_table(rows, options);
    CHECK(table.find("NOT RECORDED        12 events") != std::string::npos);
    CHECK(usage_table({}, options).find("No usage recorded in this period.") != std::string::npos);
}
