// The proof sheet's instants: one in each state the banner goes through, each really in that state.
#include <catch2/catch.hpp>

#include "../support/repo_data.hpp"
#include "core/banner_instants.hpp"
#include "core/call_state.hpp"
#include "core/content_loader.hpp"
#include "core/paris_time.hpp"

using namespace qmi;

namespace {

CallWindow window(const char* id, date::local_days opens, date::local_days closes,
                  DatePrecision precision = DatePrecision::Day) {
    CallWindow w;
    w.id = id;
    w.name = {id, id};
    w.opens = date::local_seconds(opens);
    w.closes = date::local_seconds(closes) + std::chrono::hours{23} + std::chrono::minutes{59} +
               std::chrono::seconds{59};
    w.precision = precision;
    return w;
}

std::vector<BannerState::Phase> phases(const std::vector<BannerInstant>& v) {
    std::vector<BannerState::Phase> p;
    for (const BannerInstant& i : v) p.push_back(i.phase);
    return p;
}

}  // namespace

TEST_CASE("the bundled calls give one instant in each of the five banner states, in a visitor's order",
          "[banner_instants]") {
    ContentLoad load = load_content_file(QMI_SOURCE_ROOT "/config/content.json", "content.json",
                                         qmi::testdata::membership());
    REQUIRE(load.content);
    const std::vector<CallWindow>& w = load.content->call_windows;
    const std::vector<BannerInstant> got = banner_instants(w, date::sys_seconds{});
    REQUIRE(phases(got) == std::vector<BannerState::Phase>{BannerState::Before, BannerState::Open,
                                                           BannerState::LastDay, BannerState::Between,
                                                           BannerState::After});
    for (const BannerInstant& i : got) CHECK(banner_state(w, i.at).phase == i.phase);
    // Noon in Paris on a day of the phase: 3 May 2024 (ten days before 13 May), 14 May, 16 June (last day), 17
    // June 2024 (between the two phases), 24 February 2025 (after the last).
    CHECK(date::format("%F %H:%M", to_paris_local(got[0].at)) == "2024-05-03 12:00");
    CHECK(date::format("%F %H:%M", to_paris_local(got[1].at)) == "2024-05-13 12:00");
    CHECK(date::format("%F %H:%M", to_paris_local(got[2].at)) == "2024-06-16 12:00");
    CHECK(date::format("%F %H:%M", to_paris_local(got[3].at)) == "2024-06-17 12:00");
    CHECK(date::format("%F %H:%M", to_paris_local(got[4].at)) == "2025-02-24 12:00");
}

TEST_CASE("banner instants: a one-day window has no 'open' day before its last, no windows means phase none",
          "[banner_instants]") {
    using namespace date;
    const std::vector<CallWindow> one_day = {window("d", local_days{2024_y / 5 / 13}, local_days{2024_y / 5 / 13})};
    const std::vector<BannerInstant> got = banner_instants(one_day, sys_seconds{});
    CHECK(phases(got) == std::vector<BannerState::Phase>{BannerState::Before, BannerState::LastDay,
                                                         BannerState::After});
    for (const BannerInstant& i : got) CHECK(banner_state(one_day, i.at).phase == i.phase);

    const sys_seconds fallback = sys_days{2030_y / 1 / 1};
    const std::vector<BannerInstant> none = banner_instants({}, fallback);
    REQUIRE(none.size() == 1);
    CHECK(none[0].phase == BannerState::None);
    CHECK(none[0].at == fallback);

    // A month-precision window is never "last day": planned, then open (its months), then after.
    const std::vector<CallWindow> month = {
        window("m", local_days{2025_y / 1 / 1}, local_days{2025_y / 3 / 31}, DatePrecision::Month)};
    CHECK(phases(banner_instants(month, sys_seconds{})) ==
          std::vector<BannerState::Phase>{BannerState::Before, BannerState::Open, BannerState::After});
}
