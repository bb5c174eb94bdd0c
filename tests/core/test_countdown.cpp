// The call-for-projects banner, as a visitor reads it: phase, countdown, dates, honest month-only texts, and
// exact second counts across daylight-saving changes. Texts come from the repository's config/ui-text.json.
#include <catch2/catch.hpp>

#include "core/countdown.hpp"
#include "core/paris_time.hpp"
#include "../support/test_time.hpp"
#include "../support/repo_data.hpp"

using namespace qmi;
using qmi::testdata::bundled_text;
using qmi::testdata::utc;
using namespace std::chrono_literals;
using std::chrono::seconds;

namespace {

// What content_loader builds for {"opens": "2024-05-13", "closes": "2024-06-16"}: inclusive days, Paris time.
CallWindow day_window(std::string id, date::year_month_day first, date::year_month_day last) {
    CallWindow w;
    w.id = std::move(id);
    w.opens = date::local_days{first};
    w.closes = date::local_days{last} + date::days{1} - 1s;
    w.precision = DatePrecision::Day;
    return w;
}

// {"opens": "2025-01", "closes": "2025-03", "precision": "month"}
CallWindow month_window(std::string id, date::year_month first, date::year_month last) {
    CallWindow w;
    w.id = std::move(id);
    w.opens = date::local_days{first / 1};
    w.closes = date::local_days{(last + date::months{1}) / 1} - 1s;
    w.precision = DatePrecision::Month;
    return w;
}

std::string text_at(const std::vector<CallWindow>& windows, date::sys_seconds now, Lang lang = Lang::En) {
    return banner_text(banner_state(windows, now), lang, bundled_text());
}

std::vector<CallWindow> two_phases() {
    using namespace date;
    return {day_window("2024-phase-1", 2024_y / May / 13, 2024_y / June / 16),
            day_window("2024-phase-2", 2024_y / September / 2, 2024_y / October / 15)};
}

}  // namespace

TEST_CASE("no windows: no call announced, and no promise of one", "[countdown]") {
    const std::vector<CallWindow> none;
    const BannerState s = banner_state(none, utc(2024, 5, 1, 12, 0));
    CHECK(s.phase == BannerState::None);
    CHECK(s.window == nullptr);
    CHECK(s.previous == nullptr);
    CHECK(s.remaining == 0s);
    CHECK(banner_text(s, Lang::En, bundled_text()) == "No call for projects announced");
    CHECK(banner_text(s, Lang::Fr, bundled_text()) == "Aucun appel à projets annoncé");
    CHECK(banner_next_change(none, utc(2024, 5, 1, 12, 0)) == 3600s);  // nothing will change: the safety cap
}

TEST_CASE("before a day window: countdown to opening and the opening day", "[countdown]") {
    const auto windows = two_phases();
    // 13 May 2024 00:00 in Paris (CEST) is 12 May 22:00 UTC.
    const date::sys_seconds opening = utc(2024, 5, 12, 22, 0);
    const date::sys_seconds now = opening - (12 * 24h + 4h + 31min);
    const BannerState s = banner_state(windows, now);
    CHECK(s.phase == BannerState::Before);
    REQUIRE(s.window == &windows[0]);
    CHECK(s.remaining == 12 * 24h + 4h + 31min);
    CHECK(banner_text(s, Lang::En, bundled_text()) ==
          "Call for projects opens in 12 d 04 h 31 min — 13 May 2024");
    CHECK(banner_text(s, Lang::Fr, bundled_text()) ==
          "Ouverture de l'appel à projets dans 12 j 04 h 31 min — 13 mai 2024");
    // The countdown truncates: 59 s more still reads 31 min, never rounds up to time that is not left.
    CHECK(text_at(windows, now - 59s) == "Call for projects opens in 12 d 04 h 31 min — 13 May 2024");
    CHECK(text_at(windows, now - 60s) == "Call for projects opens in 12 d 04 h 32 min — 13 May 2024");
}

TEST_CASE("at and around the opening instant", "[countdown]") {
    const auto windows = two_phases();
    const date::sys_seconds opening = utc(2024, 5, 12, 22, 0);

    const BannerState last_second = banner_state(windows, opening - 1s);
    CHECK(last_second.phase == BannerState::Before);
    CHECK(last_second.remaining == 1s);
    CHECK(text_at(windows, opening - 1s) == "Call for projects opens in 1 s — 13 May 2024");
    CHECK(text_at(windows, opening - 5min - 5s) == "Call for projects opens in 5 min 05 s — 13 May 2024");

    const BannerState at = banner_state(windows, opening);
    CHECK(at.phase == BannerState::Open);
    REQUIRE(at.window == &windows[0]);
    CHECK(at.remaining == seconds{3024000});  // 35 days to 16 June 24:00 Paris
    CHECK(text_at(windows, opening) == "Call for projects open — closes in 35 d 00 h 00 min (16 June 2024)");
    CHECK(text_at(windows, opening + 1s) == "Call for projects open — closes in 34 d 23 h 59 min (16 June 2024)");
}

TEST_CASE("during a day window: countdown to closing and the last day", "[countdown]") {
    const auto windows = two_phases();
    const date::sys_seconds end = utc(2024, 6, 16, 22, 0);  // 17 June 00:00 Paris: first second closed
    const date::sys_seconds now = end - (3 * 24h + 2h + 10min);
    const BannerState s = banner_state(windows, now);
    CHECK(s.phase == BannerState::Open);
    CHECK(s.window == &windows[0]);
    CHECK(s.remaining == 3 * 24h + 2h + 10min);
    CHECK(banner_text(s, Lang::En, bundled_text()) ==
          "Call for projects open — closes in 3 d 02 h 10 min (16 June 2024)");
    CHECK(banner_text(s, Lang::Fr, bundled_text()) ==
          "Appel à projets ouvert — clôture dans 3 j 02 h 10 min (16 juin 2024)");
    // On the closing day (from 00:00 Paris) the banner says it is the last day.
    CHECK(text_at(windows, end - 24h - 1s) == "Call for projects open — closes in 1 d 00 h 00 min (16 June 2024)");
    CHECK(banner_state(windows, end - 24h).phase == BannerState::LastDay);
    CHECK(text_at(windows, end - 4h - 30s) == "Last day! Closes today at 23:59 — 4 h 00 min left");
    CHECK(text_at(windows, end - 4h - 30s, Lang::Fr) == "Dernier jour ! Clôture aujourd'hui à 23:59 — encore 4 h 00 min");
    CHECK(text_at(windows, end - 42s) == "Last day! Closes today at 23:59 — 42 s left");
}

TEST_CASE("the closing day is inclusive: 23:59:59 Paris is still open", "[countdown]") {
    const auto windows = two_phases();
    const date::sys_seconds end = utc(2024, 6, 16, 22, 0);
    const BannerState last = banner_state(windows, end - 1s);
    CHECK(last.phase == BannerState::LastDay);
    CHECK(last.remaining == 1s);
    CHECK(to_paris_local(end - 1s) == date::local_days{date::year{2024} / 6 / 16} + 23h + 59min + 59s);
    // One second later phase 1 is over and phase 2 (2 September 00:00 Paris = 1 September 22:00 UTC) is next:
    // the banner says both.
    const BannerState after = banner_state(windows, end);
    CHECK(after.phase == BannerState::Between);
    REQUIRE(after.window == &windows[1]);
    REQUIRE(after.previous == &windows[0]);
    CHECK(after.remaining == utc(2024, 9, 1, 22, 0) - end);
    CHECK(text_at(windows, end) ==
          "Call for projects closed on 16 June 2024 — the next opens in 77 days (2 September 2024)");
    CHECK(text_at(windows, end, Lang::Fr) ==
          "Appel à projets clos le 16 juin 2024 — le suivant ouvre dans 77 jours (2 septembre 2024)");
}

TEST_CASE("after the last window: what happened last, never a promise", "[countdown]") {
    const auto windows = two_phases();
    const date::sys_seconds end2 = utc(2024, 10, 15, 22, 0);  // 16 October 00:00 Paris
    CHECK(banner_state(windows, end2 - 1s).phase == BannerState::LastDay);
    const BannerState s = banner_state(windows, end2);
    CHECK(s.phase == BannerState::After);
    CHECK(s.window == nullptr);
    CHECK(s.previous == &windows[1]);
    CHECK(s.remaining == 0s);
    CHECK(text_at(windows, end2) == "The last call for projects closed on 15 October 2024");
    CHECK(text_at(windows, end2, Lang::Fr) == "Le dernier appel à projets s'est clos le 15 octobre 2024");
    CHECK(text_at(windows, utc(2030, 1, 1, 0, 0)) == "The last call for projects closed on 15 October 2024");
    for (Lang lang : {Lang::Fr, Lang::En}) {
        const std::string t = text_at(windows, end2, lang);
        CHECK(t.find("annonc") == std::string::npos);  // nothing about a next call the content does not hold
        CHECK(t.find("next") == std::string::npos);
    }
}

TEST_CASE("the last day starts at midnight Paris on the closing day, a one-day window is all last day", "[countdown]") {
    using namespace date;
    const auto windows = two_phases();
    const date::sys_seconds last_midnight = utc(2024, 6, 15, 22, 0);  // 16 June 00:00 CEST
    CHECK(banner_state(windows, last_midnight - 1s).phase == BannerState::Open);
    CHECK(banner_state(windows, last_midnight).phase == BannerState::LastDay);
    CHECK(banner_next_change(windows, last_midnight - 30s) == 30s);  // the phase change is a boundary
    const std::vector<CallWindow> one_day = {day_window("one", 2024_y / February / 29, 2024_y / February / 29)};
    CHECK(banner_state(one_day, utc(2024, 2, 28, 23, 0)).phase == BannerState::LastDay);
    CHECK(banner_state(one_day, utc(2024, 2, 28, 22, 59, 59)).phase == BannerState::Before);
}

TEST_CASE("open wins over a later window, the soonest future window is the next one", "[countdown]") {
    using namespace date;
    // Deliberately unsorted to check the choice does not depend on order.
    const std::vector<CallWindow> windows = {day_window("late", 2025_y / March / 1, 2025_y / March / 31),
                                             day_window("soon", 2025_y / January / 6, 2025_y / January / 31)};
    const BannerState before = banner_state(windows, utc(2024, 12, 1, 12, 0));
    REQUIRE(before.window != nullptr);
    CHECK(before.window->id == "soon");
    const BannerState open = banner_state(windows, utc(2025, 1, 10, 12, 0));
    CHECK(open.phase == BannerState::Open);
    REQUIRE(open.window != nullptr);
    CHECK(open.window->id == "soon");
}

TEST_CASE("month-precision window: never a made-up day, no d/h/min countdown", "[countdown]") {
    using namespace date;
    const std::vector<CallWindow> windows = {month_window("2025", 2025_y / January, 2025_y / January)};

    // Before: the month only.
    const BannerState before = banner_state(windows, utc(2024, 12, 15, 12, 0));
    CHECK(before.phase == BannerState::Before);
    CHECK(before.remaining == utc(2024, 12, 31, 23, 0) - utc(2024, 12, 15, 12, 0));  // to 1 Jan 00:00 Paris
    CHECK(banner_text(before, Lang::En, bundled_text()) ==
          "Call for projects planned for January 2025 (exact dates not published)");
    CHECK(banner_text(before, Lang::Fr, bundled_text()) ==
          "Appel à projets prévu en janvier 2025 (dates précises non communiquées)");
    CHECK(text_at(windows, utc(2024, 12, 31, 22, 59, 59)) ==
          "Call for projects planned for January 2025 (exact dates not published)");

    // During the month: planned, not "open" with a countdown, and never a "last day".
    for (const auto now : {utc(2024, 12, 31, 23, 0), utc(2025, 1, 20, 12, 0), utc(2025, 1, 31, 22, 59, 59)}) {
        const BannerState during = banner_state(windows, now);
        CHECK(during.phase == BannerState::Open);
        CHECK(banner_text(during, Lang::En, bundled_text()) ==
              "Call for projects planned this month (January 2025) — exact dates not published");
        CHECK(banner_text(during, Lang::Fr, bundled_text()) ==
              "Appel à projets prévu ce mois-ci (janvier 2025) — dates précises non communiquées");
    }

    // After the month (1 February 00:00 Paris = 31 January 23:00 UTC): after the last window, by the month.
    CHECK(banner_state(windows, utc(2025, 1, 31, 23, 0)).phase == BannerState::After);
    CHECK(text_at(windows, utc(2025, 1, 31, 23, 0)) == "The last call for projects closed in January 2025");
    CHECK(text_at(windows, utc(2025, 1, 31, 23, 0), Lang::Fr) == "Le dernier appel à projets s'est clos en janvier 2025");
}

TEST_CASE("multi-month window: 'this month' in the opening month, then the planned period", "[countdown]") {
    using namespace date;
    const std::vector<CallWindow> windows = {month_window("2025", 2025_y / January, 2025_y / March)};
    CHECK(text_at(windows, utc(2025, 1, 31, 22, 59, 59)) ==
          "Call for projects planned this month (January 2025) — exact dates not published");
    CHECK(text_at(windows, utc(2025, 1, 31, 23, 0)) ==
          "Announced call for projects period: January 2025 – March 2025");
    CHECK(text_at(windows, utc(2025, 3, 20, 12, 0), Lang::Fr) ==
          "Période annoncée de l'appel à projets : janvier 2025 – mars 2025");
    // 31 March 2025 23:59:59 CEST is the last second (clocks changed on 30 March).
    CHECK(banner_state(windows, utc(2025, 3, 31, 21, 59, 59)).phase == BannerState::Open);
    CHECK(banner_state(windows, utc(2025, 3, 31, 22, 0)).phase == BannerState::After);
}

TEST_CASE("between a day window and a month window: the closed one and the planned month", "[countdown]") {
    using namespace date;
    const std::vector<CallWindow> windows = {day_window("b", 2024_y / May / 13, 2024_y / June / 16),
                                             month_window("c", 2025_y / January, 2025_y / January)};
    const BannerState s = banner_state(windows, utc(2024, 7, 1, 12, 0));
    CHECK(s.phase == BannerState::Between);
    CHECK(text_at(windows, utc(2024, 7, 1, 12, 0)) ==
          "Call for projects closed on 16 June 2024 — the next is planned for January 2025");
    CHECK(text_at(windows, utc(2024, 7, 1, 12, 0), Lang::Fr) ==
          "Appel à projets clos le 16 juin 2024 — le suivant est prévu en janvier 2025");
}

TEST_CASE("countdowns count real seconds across both 2024 clock changes", "[countdown][dst]") {
    using namespace date;
    // Open from 15 March to 15 November 2024: spans 31 March (02:00 -> 03:00) and 27 October (03:00 -> 02:00).
    // Ends 16 November 00:00 CET = 15 November 23:00 UTC.
    const std::vector<CallWindow> windows = {day_window("dst", 2024_y / March / 15, 2024_y / November / 15)};

    // Spring: Paris clocks read 01:59:59 then 03:00:00, yet only one second passes.
    const auto spring_before = utc(2024, 3, 31, 0, 59, 59), spring_after = utc(2024, 3, 31, 1, 0, 0);
    CHECK(to_paris_local(spring_after) - to_paris_local(spring_before) == 1h + 1s);
    CHECK(banner_state(windows, spring_before).remaining == seconds{19864801});
    CHECK(banner_state(windows, spring_after).remaining == seconds{19864800});
    CHECK(text_at(windows, spring_after) == "Call for projects open — closes in 229 days (15 November 2024)");

    // Autumn: Paris clocks read 02:59:59 then 02:00:00, yet one second passes.
    const auto autumn_before = utc(2024, 10, 27, 0, 59, 59), autumn_after = utc(2024, 10, 27, 1, 0, 0);
    CHECK(to_paris_local(autumn_after) - to_paris_local(autumn_before) == -1h + 1s);
    CHECK(banner_state(windows, autumn_before).remaining == seconds{1720801});
    CHECK(banner_state(windows, autumn_after).remaining == seconds{1720800});
    CHECK(text_at(windows, autumn_before) == "Call for projects open — closes in 19 d 22 h 00 min (15 November 2024)");
    CHECK(text_at(windows, autumn_after) == "Call for projects open — closes in 19 d 22 h 00 min (15 November 2024)");
    CHECK(text_at(windows, autumn_after + 1s) ==
          "Call for projects open — closes in 19 d 21 h 59 min (15 November 2024)");
}

TEST_CASE("countdown to an opening across a clock change counts real seconds", "[countdown][dst]") {
    using namespace date;
    // Opens 2 April 2024 00:00 CEST = 1 April 22:00 UTC; now is 30 March 12:00 CET = 11:00 UTC.
    // Wall clocks differ by 2 d 12 h, but only 2 d 11 h will elapse.
    const std::vector<CallWindow> spring = {day_window("spring", 2024_y / April / 2, 2024_y / April / 30)};
    CHECK(banner_state(spring, utc(2024, 3, 30, 11, 0)).remaining == seconds{212400});
    CHECK(text_at(spring, utc(2024, 3, 30, 11, 0)) == "Call for projects opens in 2 d 11 h 00 min — 2 April 2024");

    // Opens 28 October 2024 00:00 CET = 27 October 23:00 UTC; now is 26 October 12:00 CEST = 10:00 UTC.
    // Wall clocks differ by 1 d 12 h, but 1 d 13 h will elapse.
    const std::vector<CallWindow> autumn = {day_window("autumn", 2024_y / October / 28, 2024_y / November / 30)};
    CHECK(banner_state(autumn, utc(2024, 10, 26, 10, 0)).remaining == seconds{133200});
    CHECK(text_at(autumn, utc(2024, 10, 26, 10, 0)) ==
          "Call for projects opens in 1 d 13 h 00 min — 28 October 2024");
}

TEST_CASE("format_duration in both languages", "[countdown]") {
    const std::pair<seconds, const char*> en[] = {
        {0s, "0 s"},
        {-5s, "0 s"},
        {59s, "59 s"},
        {60s, "1 min 00 s"},
        {31min + 5s, "31 min 05 s"},
        {59min + 59s, "59 min 59 s"},
        {1h, "1 h 00 min"},
        {4h + 31min + 59s, "4 h 31 min"},
        {23h + 59min + 59s, "23 h 59 min"},
        {24h, "1 d 00 h 00 min"},
        {12 * 24h + 4h + 31min, "12 d 04 h 31 min"},
        {60 * 24h - 1s, "59 d 23 h 59 min"},
        {60 * 24h, "60 days"},
        {229 * 24h + 22h, "229 days"},
    };
    for (const auto& [d, text] : en) {
        INFO(d.count() << " s");
        CHECK(format_duration(d, Lang::En) == text);
    }
    CHECK(format_duration(12 * 24h + 4h + 31min, Lang::Fr) == "12 j 04 h 31 min");
    CHECK(format_duration(24h, Lang::Fr) == "1 j 00 h 00 min");
    CHECK(format_duration(4h + 31min, Lang::Fr) == "4 h 31 min");
    CHECK(format_duration(31min + 5s, Lang::Fr) == "31 min 05 s");
    CHECK(format_duration(75 * 24h, Lang::Fr) == "75 jours");
}

TEST_CASE("banner_next_change: per second under an hour, per minute beyond, per day past 60 days", "[countdown]") {
    const auto windows = two_phases();
    const date::sys_seconds opening = utc(2024, 5, 12, 22, 0);
    CHECK(banner_next_change(windows, opening - (12 * 24h + 4h + 31min)) == 1s);        // 31 -> 30 min next second
    CHECK(banner_next_change(windows, opening - (12 * 24h + 4h + 31min + 59s)) == 60s);  // a full minute of "31 min"
    CHECK(banner_next_change(windows, opening - (12 * 24h + 4h + 31min + 20s)) == 21s);
    CHECK(banner_next_change(windows, opening - 45min) == 1s);
    CHECK(banner_next_change(windows, opening - 1s) == 1s);
    CHECK(banner_next_change(windows, opening - 1h) == 1s);        // "1 h 00 min" -> "59 min 59 s"
    CHECK(banner_next_change(windows, opening - (1h + 30s)) == 31s);
    // Exactly 77 days before phase 2, "77 days" lasts one second; 76 d 22 h before, the 1 h cap applies.
    CHECK(banner_next_change(windows, utc(2024, 6, 16, 22, 0)) == 1s);
    CHECK(banner_next_change(windows, utc(2024, 6, 17, 0, 0)) == 3600s);
}

TEST_CASE("banner_next_change for month windows waits for the next boundary", "[countdown]") {
    using namespace date;
    const std::vector<CallWindow> windows = {month_window("q1", 2025_y / January, 2025_y / March)};
    CHECK(banner_next_change(windows, utc(2024, 12, 1, 0, 0)) == 3600s);
    CHECK(banner_next_change(windows, utc(2024, 12, 31, 22, 30)) == 1800s);          // opening at 23:00 UTC
    CHECK(banner_next_change(windows, utc(2025, 1, 31, 22, 59, 0)) == 60s);          // "this month" ends
    CHECK(banner_next_change(windows, utc(2025, 2, 10, 12, 0)) == 3600s);            // planned period: static
}

TEST_CASE("banner text stays the same until banner_next_change and changes right then", "[countdown]") {
    using namespace date;
    // Every kind of boundary: day windows (one across a clock change), a one-month and a three-month window.
    const std::vector<CallWindow> windows = {
        day_window("a", 2024_y / March / 15, 2024_y / April / 2),
        day_window("b", 2024_y / May / 13, 2024_y / June / 16),
        month_window("c", 2024_y / September, 2024_y / September),
        month_window("d", 2025_y / January, 2025_y / March),
    };
    std::vector<date::sys_seconds> around = {
        utc(2024, 3, 14, 23, 0),  utc(2024, 3, 31, 1, 0),   utc(2024, 4, 2, 22, 0),  utc(2024, 5, 12, 22, 0),
        utc(2024, 6, 15, 22, 0),  utc(2024, 6, 16, 22, 0),  utc(2024, 8, 31, 22, 0),  utc(2024, 9, 30, 22, 0), utc(2024, 12, 31, 23, 0),
        utc(2025, 1, 31, 23, 0),  utc(2025, 3, 31, 22, 0),
    };
    size_t checked = 0, changes = 0;
    for (const auto centre : around) {
        // Walk from 70 minutes before each boundary to 10 minutes after, jumping by the announced delays.
        date::sys_seconds now = centre - 70min;
        while (now < centre + 10min) {
            const seconds delay = banner_next_change(windows, now);
            REQUIRE(delay >= 1s);
            REQUIRE(delay <= 3600s);
            const std::string text = text_at(windows, now);
            INFO("now " << date::format("%F %T", now) << " delay " << delay.count() << " text " << text);
            CHECK(text_at(windows, now + delay - 1s) == text);
            if (delay < 3600s) {
                CHECK(text_at(windows, now + delay) != text);
                ++changes;
            }
            ++checked;
            now += delay;
        }
    }
    CHECK(checked > 1000);  // the walk really ran through the per-second stretches
    CHECK(changes > 1000);
}
