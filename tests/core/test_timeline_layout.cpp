// The timeline's geometry: dates in order along the axis, a day one day wide and a month a month wide, today's mark
// where today is (even after the last event), the years marked, and labels that never overlap nor cross each
// other's leaders, on the bundled timeline and on crowded or random ones.
#include <catch2/catch.hpp>

#include <random>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
#include "core/timeline_layout.hpp"

using namespace qmi;
using qmi::testdata::bundled_content;

namespace {

date::local_days day(int y, unsigned m, unsigned d) { return date::local_days{date::year{y} / m / d}; }

PartialDate pd(int y, unsigned m = 0, unsigned d = 0) { return PartialDate{y, m, d}; }

std::vector<TimelineItemIn> items_of(const Content& c, double along) {
    std::vector<TimelineItemIn> v;
    for (const TimelineEvent& e : c.timeline) v.push_back({e.start, e.end, along});
    return v;
}

// No two labels of a row overlap (gap kept), all lie on the axis, and a row keeps its events' order: then no two
// leaders of a row cross (their ends on the axis and on the labels come in the same order).
void require_clean(const TimelineLayout& L, const std::vector<TimelineItemIn>& in, double gap) {
    REQUIRE(L.fits);
    for (size_t i = 0; i < L.items.size(); ++i) {
        const TimelinePlacedItem& a = L.items[i];
        INFO("item " << i << " label " << a.label_start << ".." << a.label_end << " row " << a.row);
        CHECK(a.label_start >= -1e-6);
        CHECK(a.label_end <= L.length + 1e-6);
        CHECK(a.label_end - a.label_start == Approx(in[i].along));
        for (size_t j = 0; j < L.items.size(); ++j) {
            const TimelinePlacedItem& b = L.items[j];
            if (i == j || a.row != b.row) continue;
            INFO("against item " << j << " label " << b.label_start << ".." << b.label_end);
            CHECK((a.label_end + gap <= b.label_start + 1e-6 || b.label_end + gap <= a.label_start + 1e-6));
            if (a.anchor < b.anchor - 1e-9) {
                CHECK(a.label_start < b.label_start);
                CHECK(leader_end(a, 4) < leader_end(b, 4));
            }
        }
    }
}

}  // namespace

TEST_CASE("timeline: dates in order along the axis, each as wide as what the source says", "[timeline]") {
    const std::vector<TimelineItemIn> in = {
        {pd(2022), std::nullopt, 100},               // launch: "2022", the whole year
        {pd(2023, 10, 12), std::nullopt, 100},       // a day
        {pd(2024, 5, 13), pd(2024, 6, 16), 100},     // a call window
        {pd(2025, 1), std::nullopt, 100},            // a month
    };
    TimelineAxisOptions o;
    o.length = 2000;
    o.end_pad = 50;
    const TimelineLayout L = layout_timeline(in, day(2024, 5, 1), o);
    REQUIRE(L.fits);
    CHECK(L.length == 2000);
    CHECK(L.first_day == day(2022, 1, 1));                 // the axis starts on a year mark
    CHECK(L.position(L.first_day) == Approx(50));
    CHECK(L.position(L.end_day) == Approx(1950));
    const double per_day = L.position(day(2022, 1, 2)) - L.position(day(2022, 1, 1));
    CHECK(L.items[0].start == Approx(50));
    CHECK(L.items[0].end - L.items[0].start == Approx(365 * per_day));
    CHECK(L.items[1].end - L.items[1].start == Approx(per_day));
    CHECK(L.items[2].end - L.items[2].start == Approx(35 * per_day));  // 13 May to 16 June inclusive
    CHECK(L.items[3].end - L.items[3].start == Approx(31 * per_day));
    for (size_t i = 0; i + 1 < L.items.size(); ++i) CHECK(L.items[i].anchor < L.items[i + 1].anchor);
    CHECK(L.items[1].anchor == Approx((L.items[1].start + L.items[1].end) / 2));
    // Today: inside the call's month of May, before the call opens.
    CHECK(L.today > L.position(day(2024, 5, 1)));
    CHECK(L.today < L.position(day(2024, 5, 2)));
    CHECK(L.today < L.items[2].start);
    // Year marks on every 1 January of the span.
    REQUIRE(L.years.size() == 4);
    CHECK(L.years[0].year == 2022);
    CHECK(L.years[0].pos == Approx(50));
    CHECK(L.years[3].year == 2025);
    CHECK(L.years[3].pos == Approx(L.position(day(2025, 1, 1))));
}

TEST_CASE("timeline: today after the last event is still on the axis, after it", "[timeline]") {
    const std::vector<TimelineItemIn> in = items_of(bundled_content(), 150);
    TimelineAxisOptions o;
    o.length = 1500;
    o.end_pad = 20;
    const TimelineLayout L = layout_timeline(in, day(2026, 12, 2), o);
    CHECK(L.today > L.items.back().end);
    CHECK(L.today < L.length - o.end_pad);
    const auto y2026 = std::find_if(L.years.begin(), L.years.end(), [](const TimelineTick& t) { return t.year == 2026; });
    REQUIRE(y2026 != L.years.end());
    CHECK(y2026->pos < L.today);
    // And before the first one (a kiosk whose clock is wrong): the axis starts earlier, today first.
    const TimelineLayout early = layout_timeline(in, day(2021, 3, 1), o);
    CHECK(early.first_day == day(2021, 1, 1));
    CHECK(early.today < early.items.front().start);
}

TEST_CASE("timeline: the bundled events' labels take two rows without overlapping", "[timeline]") {
    const std::vector<TimelineItemIn> in = items_of(bundled_content(), 260);
    REQUIRE(in.size() >= 8);
    TimelineAxisOptions o;
    o.length = 1700;
    o.end_pad = 30;
    o.gap = 12;
    const TimelineLayout L = layout_timeline(in, day(2024, 5, 1), o);
    require_clean(L, in, o.gap);
    CHECK(L.length == 1700);  // no need to scroll
    int rows[2] = {0, 0};
    for (const TimelinePlacedItem& p : L.items) ++rows[p.row];
    CHECK(rows[0] > 0);
    CHECK(rows[1] > 0);
    // A lone event keeps its label centred on its date: the launch in 2022 has the axis's first stretch alone.
    CHECK((L.items[0].label_start + L.items[0].label_end) / 2 == Approx(L.items[0].anchor).margin(1));
}

TEST_CASE("timeline: labels that cannot fit make the axis longer, never overlap", "[timeline]") {
    // Twelve events in one month, labels of 200 px, a 1000 px axis: they need 12 x 200 / 2 rows = 1200 px and more.
    std::vector<TimelineItemIn> in;
    for (unsigned d = 1; d <= 12; ++d) in.push_back({pd(2024, 3, d), std::nullopt, 200});
    TimelineAxisOptions o;
    o.length = 1000;
    o.gap = 10;
    const TimelineLayout L = layout_timeline(in, day(2024, 3, 5), o);
    require_clean(L, in, o.gap);
    CHECK(L.length > 1000);
    CHECK(L.length <= 4000);
    // One row (a vertical axis): the column needs twice the room.
    o.rows = 1;
    const TimelineLayout one = layout_timeline(in, day(2024, 3, 5), o);
    require_clean(one, in, o.gap);
    CHECK(one.length >= 12 * 200 + 11 * 10);
    for (const TimelinePlacedItem& p : one.items) CHECK(p.row == 0);
    // Beyond max_stretch the layout says it does not fit instead of pretending.
    o.max_stretch = 1.5;
    CHECK_FALSE(layout_timeline(in, day(2024, 3, 5), o).fits);
}

TEST_CASE("timeline: random timelines, two rows or one, never overlap", "[timeline]") {
    std::mt19937 rng(20240501);
    for (int round = 0; round < 200; ++round) {
        std::uniform_int_distribution<int> count(0, 14), year(2020, 2026), month(0, 12), dayd(1, 28), along(40, 400);
        std::vector<TimelineItemIn> in;
        const int n = count(rng);
        for (int i = 0; i < n; ++i) {
            const unsigned m = static_cast<unsigned>(month(rng));
            TimelineItemIn it{pd(year(rng), m, m ? static_cast<unsigned>(dayd(rng)) : 0), std::nullopt,
                              static_cast<double>(along(rng))};
            if (m && i % 3 == 0) it.end = pd(it.start.year + 1, m, it.start.day);  // a year-long period
            in.push_back(it);
        }
        TimelineAxisOptions o;
        o.length = 800 + 100 * (round % 12);
        o.rows = 1 + round % 2;
        o.gap = 6;
        o.end_pad = 10;
        o.max_stretch = 100;  // always room in the end: what is checked is that nothing overlaps
        INFO("round " << round);
        require_clean(layout_timeline(in, day(2024, 5, 1), o), in, o.gap);
    }
}
