// Paris time: parsing a "now" override, local <-> instant across daylight-saving changes, dates as people read them.
#include <catch2/catch.hpp>

#include "core/paris_time.hpp"
#include "../support/test_time.hpp"

using namespace qmi;
using qmi::testdata::utc;
using namespace std::chrono_literals;

namespace {

date::local_seconds paris(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
    return date::local_days{date::year{y} / mo / d} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{s};
}

// parse_now that must succeed; shows the error when it does not.
date::sys_seconds parsed(std::string_view iso) {
    std::string error;
    const auto t = parse_now(iso, &error);
    INFO("input: " << iso << " error: " << error);
    REQUIRE(t.has_value());
    CHECK(error.empty());
    return *t;
}

std::string rejection(std::string_view iso) {
    std::string error;
    const auto t = parse_now(iso, &error);
    INFO("input: " << iso);
    CHECK_FALSE(t.has_value());
    CHECK_FALSE(error.empty());
    return error;
}

}  // namespace

TEST_CASE("Europe/Paris comes from the OS tz database", "[paris_time]") {
    std::string error;
    REQUIRE(paris_zone_available(&error));
    CHECK(paris_zone().name() == "Europe/Paris");
}

TEST_CASE("parse_now reads Paris local time in summer and winter", "[paris_time]") {
    CHECK(parsed("2024-05-01T10:00") == utc(2024, 5, 1, 8, 0));  // CEST, UTC+2
    CHECK(parsed("2024-05-01T10:00:30") == utc(2024, 5, 1, 8, 0, 30));
    CHECK(parsed("2024-05-01 10:00") == utc(2024, 5, 1, 8, 0));
    CHECK(parsed("2024-01-15T10:00") == utc(2024, 1, 15, 9, 0));  // CET, UTC+1
    CHECK(parsed("2024-12-31T23:59:59") == utc(2024, 12, 31, 22, 59, 59));
    CHECK(parsed("2024-02-29T12:00") == utc(2024, 2, 29, 11, 0));  // leap day
    CHECK(parsed("  2024-05-01T10:00\n") == utc(2024, 5, 1, 8, 0));  // shell/copy-paste blanks
}

TEST_CASE("parse_now honours Z and explicit offsets", "[paris_time]") {
    CHECK(parsed("2024-05-01T10:00Z") == utc(2024, 5, 1, 10, 0));
    CHECK(parsed("2024-05-01T10:00:30Z") == utc(2024, 5, 1, 10, 0, 30));
    CHECK(parsed("2024-05-01 10:00z") == utc(2024, 5, 1, 10, 0));
    CHECK(parsed("2024-05-01T10:00+02:00") == utc(2024, 5, 1, 8, 0));
    CHECK(parsed("2024-05-01T10:00:30+02:00") == utc(2024, 5, 1, 8, 0, 30));
    CHECK(parsed("2024-05-01T10:00-05:30") == utc(2024, 5, 1, 15, 30));
    CHECK(parsed("2024-01-01T00:30+01:00") == utc(2023, 12, 31, 23, 30));
}

TEST_CASE("parse_now rejects the spring-forward gap and says which offset to add", "[paris_time]") {
    // 31 March 2024: clocks jump from 02:00 CET to 03:00 CEST; 02:00..02:59 never happens in Paris.
    const std::string error = rejection("2024-03-31T02:30");
    CHECK_THAT(error, Catch::Contains("does not exist"));
    CHECK_THAT(error, Catch::Contains("from 02:00 to 03:00"));
    CHECK_THAT(error, Catch::Contains("+01:00"));
    rejection("2024-03-31T02:00");
    rejection("2024-03-31T02:59:59");
    // Either side of the gap is fine, and an offset makes any time unambiguous.
    CHECK(parsed("2024-03-31T01:59:59") == utc(2024, 3, 31, 0, 59, 59));
    CHECK(parsed("2024-03-31T03:00") == utc(2024, 3, 31, 1, 0));
    CHECK(parsed("2024-03-31T02:30+01:00") == utc(2024, 3, 31, 1, 30));
}

TEST_CASE("parse_now rejects the fall-back overlap and offers both offsets", "[paris_time]") {
    // 27 October 2024: clocks go back from 03:00 CEST to 02:00 CET; 02:00..02:59 happens twice.
    const std::string error = rejection("2024-10-27T02:30");
    CHECK_THAT(error, Catch::Contains("twice"));
    CHECK_THAT(error, Catch::Contains("+02:00"));
    CHECK_THAT(error, Catch::Contains("+01:00"));
    rejection("2024-10-27T02:00");
    CHECK(parsed("2024-10-27T02:30+02:00") == utc(2024, 10, 27, 0, 30));  // the first 02:30
    CHECK(parsed("2024-10-27T02:30+01:00") == utc(2024, 10, 27, 1, 30));  // the second, one hour later
    CHECK(parsed("2024-10-27T01:59:59") == utc(2024, 10, 26, 23, 59, 59));
    CHECK(parsed("2024-10-27T03:00") == utc(2024, 10, 27, 2, 0));
}

TEST_CASE("parse_now rejects malformed input with a reason", "[paris_time]") {
    for (const char* bad : {"", "now", "2024-05-01", "2024-05-01T", "2024-5-1T10:00", "2024-05-01T1:00",
                            "2024-05-01T10", "2024-05-01T10:00:5", "2024-05-01T10:00+2", "2024-05-01T10:00+0200",
                            "2024-05-01T10:00 +02:00", "2024-05-01T10:00Z garbage", "2024-05-01X10:00",
                            "2024/05/01 10:00", "24-05-01T10:00"}) {
        rejection(bad);
    }
    CHECK_THAT(rejection("2024-02-30T10:00"), Catch::Contains("no such date"));
    CHECK_THAT(rejection("2023-02-29T10:00"), Catch::Contains("no such date"));  // not a leap year
    CHECK_THAT(rejection("2024-13-01T10:00"), Catch::Contains("no such date"));
    CHECK_THAT(rejection("2024-00-10T10:00"), Catch::Contains("no such date"));
    CHECK_THAT(rejection("2024-05-01T24:00"), Catch::Contains("out of range"));
    CHECK_THAT(rejection("2024-05-01T10:60"), Catch::Contains("out of range"));
    CHECK_THAT(rejection("2024-05-01T10:00:60"), Catch::Contains("out of range"));
    CHECK_THAT(rejection("2024-05-01T10:00+24:00"), Catch::Contains("offset"));
    // A null error pointer is allowed.
    CHECK_FALSE(parse_now("nope", nullptr).has_value());
}

TEST_CASE("from_paris_local maps the gap to the jump and the overlap to its first instant", "[paris_time]") {
    CHECK(from_paris_local(paris(2024, 5, 13, 0, 0)) == utc(2024, 5, 12, 22, 0));
    CHECK(from_paris_local(paris(2024, 11, 15, 23, 59, 59)) == utc(2024, 11, 15, 22, 59, 59));
    CHECK(from_paris_local(paris(2024, 3, 31, 2, 30)) == utc(2024, 3, 31, 1, 0));    // = 03:00 CEST
    CHECK(from_paris_local(paris(2024, 10, 27, 2, 30)) == utc(2024, 10, 27, 0, 30)); // still CEST
}

TEST_CASE("to_paris_local follows the clock changes", "[paris_time]") {
    CHECK(to_paris_local(utc(2024, 3, 31, 0, 59, 59)) == paris(2024, 3, 31, 1, 59, 59));
    CHECK(to_paris_local(utc(2024, 3, 31, 1, 0, 0)) == paris(2024, 3, 31, 3, 0, 0));
    CHECK(to_paris_local(utc(2024, 10, 27, 0, 59, 59)) == paris(2024, 10, 27, 2, 59, 59));
    CHECK(to_paris_local(utc(2024, 10, 27, 1, 0, 0)) == paris(2024, 10, 27, 2, 0, 0));
    // Round trip everywhere outside the overlap.
    for (auto t = utc(2024, 3, 30, 0, 0); t < utc(2024, 4, 2, 0, 0); t += 17min)
        CHECK(from_paris_local(to_paris_local(t)) == t);
}

TEST_CASE("dates and months read naturally in French and English", "[paris_time]") {
    using namespace date;
    CHECK(format_date(local_days{2024_y / May / 13}, Lang::Fr) == "13 mai 2024");
    CHECK(format_date(local_days{2024_y / May / 13}, Lang::En) == "13 May 2024");
    CHECK(format_date(local_days{2024_y / June / 16}, Lang::Fr) == "16 juin 2024");
    CHECK(format_date(local_days{2025_y / January / 1}, Lang::Fr) == "1er janvier 2025");
    CHECK(format_date(local_days{2025_y / January / 1}, Lang::En) == "1 January 2025");
    CHECK(format_date(local_days{2024_y / August / 2}, Lang::Fr) == "2 août 2024");
    CHECK(format_date(2024_y / February / 29, Lang::Fr) == "29 février 2024");
    CHECK(format_date(local_days{2024_y / December / 31}, Lang::Fr) == "31 décembre 2024");
    CHECK(format_month(2025_y / January, Lang::Fr) == "janvier 2025");
    CHECK(format_month(2025_y / January, Lang::En) == "January 2025");
    CHECK(format_month(2024_y / December, Lang::Fr) == "décembre 2024");
    CHECK(format_month(2024_y / September, Lang::En) == "September 2024");
    const char* const fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                              "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    for (unsigned m = 1; m <= 12; ++m) CHECK(std::string(month_name(date::month{m}, Lang::Fr)) == fr[m - 1]);
}

TEST_CASE("times use the 24-hour clock", "[paris_time]") {
    CHECK(format_time(paris(2024, 5, 13, 9, 5)) == "09:05");
    CHECK(format_time(paris(2024, 5, 13, 23, 59, 59)) == "23:59");
    CHECK(format_time(paris(2024, 5, 13, 0, 0)) == "00:00");
    CHECK(format_time(to_paris_local(utc(2024, 7, 1, 12, 30))) == "14:30");
}

TEST_CASE("parse_now refuses dates the tz database and the countdown cannot handle, with the range", "[paris_time]") {
    const TimeRange range = supported_time_range();
    CHECK(range.first == utc(1970, 1, 1, 0, 0));
    // Debian's zoneinfo lists Paris clock changes up to 25 October 2037; after that it would say "CET" in July.
    INFO("supported until " << date::format("%F %T", range.end));
    CHECK(range.end > utc(2030, 1, 1, 0, 0));
    CHECK(range.end <= utc(2201, 1, 1, 0, 0));
    const std::string summer_2040 = rejection("2040-07-01T12:00");
    CHECK(summer_2040.find("outside the dates the kiosk can convert to Paris time") != std::string::npos);
    CHECK(summer_2040.find("1970-01-01 to ") != std::string::npos);
    CHECK(rejection("9999-12-31T23:59").find("outside the dates") != std::string::npos);
    CHECK(rejection("0001-01-01T00:00Z").find("outside the dates") != std::string::npos);
    CHECK(rejection("1969-12-31T23:59:59Z").find("outside the dates") != std::string::npos);
    CHECK(rejection("2099-01-01T00:00+01:00").find("outside the dates") != std::string::npos);
    // The edges themselves, and every date the kiosk's content uses.
    CHECK(parsed("1970-01-01T00:00Z") == range.first);
    CHECK(parsed("2024-05-13T00:00") == utc(2024, 5, 12, 22, 0));
    CHECK(parsed("2026-12-02T10:00") == utc(2026, 12, 2, 9, 0));
    std::string error;
    CHECK_FALSE(parse_now(date::format("%FT%TZ", range.end), &error));
    CHECK(parse_now(date::format("%FT%TZ", range.end - std::chrono::seconds{1}), &error));
}
