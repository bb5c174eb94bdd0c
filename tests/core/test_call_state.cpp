// What the calls mean for the whole screen, on the bundled content and on variants: which districts the map
// highlights, what the QR card invites to and opens, what each district's card says, and the --countdown summary.
#include <catch2/catch.hpp>

#include "../support/repo_data.hpp"
#include "core/call_state.hpp"
#include "core/content_loader.hpp"
#include "../support/test_time.hpp"

using namespace qmi;
using qmi::testdata::bundled_content;
using qmi::testdata::bundled_text;
using qmi::testdata::utc;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> kPhase1 = {"91027", "93001", "94033"};
const std::vector<std::string> kPhase2 = {"95018", "92040", "94071"};

// The bundled content plus an application page for phase 1 (a source with a URL).
Content with_apply_page() {
    Content c = bundled_content();
    Source s;
    s.id = "apply-phase-1";
    s.title = {"Candidater", "Apply"};
    s.url = "https://example.org/apply";
    c.sources.push_back(s);
    c.call_windows[0].apply_page = s.id;
    c.call_windows[0].url = s.url;
    return c;
}

}  // namespace

TEST_CASE("the map highlights the districts of the open or announced call, and none after the last", "[call_state]") {
    const Content& c = bundled_content();
    struct Case {
        date::sys_seconds now;
        BannerState::Phase phase;
        std::vector<std::string> districts;
    };
    for (const Case& k : {Case{utc(2024, 2, 10, 12), BannerState::Before, kPhase1},
                          Case{utc(2024, 5, 20, 12), BannerState::Open, kPhase1},
                          Case{utc(2024, 6, 16, 12), BannerState::LastDay, kPhase1},
                          Case{utc(2024, 9, 1, 12), BannerState::Between, kPhase2},
                          Case{utc(2025, 2, 1, 12), BannerState::Open, kPhase2},
                          Case{utc(2025, 2, 23, 12), BannerState::LastDay, kPhase2},
                          Case{utc(2025, 2, 24, 12), BannerState::After, {}},
                          Case{utc(2026, 12, 2, 12), BannerState::After, {}}}) {
        INFO(date::format("%F", k.now));
        const BannerState s = banner_state(c.call_windows, k.now);
        CHECK(s.phase == k.phase);
        CHECK(districts_in_call(c, s) == k.districts);
    }
    CHECK(commune_list(c, kPhase1, bundled_text(), Lang::Fr) == "Athis-Mons, Aubervilliers et Fontenay-sous-Bois");
    CHECK(commune_list(c, kPhase2, bundled_text(), Lang::En) == "Argenteuil, Issy-les-Moulineaux and Sucy-en-Brie");
    CHECK(commune_list(c, {"91027"}, bundled_text(), Lang::Fr) == "Athis-Mons");
    CHECK(commune_list(c, {"91027", "93001"}, bundled_text(), Lang::En) == "Athis-Mons and Aubervilliers");
}

TEST_CASE("the QR card: no source gives a call page, so it never says apply, it opens the programme's page", "[call_state]") {
    const Content& c = bundled_content();
    for (const auto now : {utc(2024, 5, 1, 12), utc(2024, 5, 20, 12), utc(2024, 6, 16, 12), utc(2024, 9, 1, 12), utc(2026, 12, 2, 12)}) {
        const QrCard qr = qr_card(c, banner_state(c.call_windows, now));
        CHECK(qr.kind == QrCard::Kind::Programme);
        CHECK(qr.url == "https://www.metropolegrandparis.fr/fr/"
                        "quartiers-metropolitains-dinnovation-une-premiere-edition-sur-4-communes-du-grand-paris");
        CHECK(qr.source_id == "mgp-first-edition");
        CHECK(std::string(qr.caption_key) == "qr.scan_programme_page");
        CHECK(qr.url != "https://www.parisandco.paris");
    }
    // Without a programme page there is no card at all.
    Content none = c;
    none.programme.page.reset();
    none.programme.page_url.reset();
    const QrCard qr = qr_card(none, banner_state(none.call_windows, utc(2026, 12, 2, 12)));
    CHECK(qr.kind == QrCard::Kind::None);
    CHECK(qr.url.empty());
    CHECK(qr.caption_key == nullptr);
}

TEST_CASE("the QR card with an application page: apply while open, see the call while announced", "[call_state]") {
    const Content c = with_apply_page();
    auto at = [&](date::sys_seconds now) { return qr_card(c, banner_state(c.call_windows, now)); };
    CHECK(at(utc(2024, 5, 1, 12)).kind == QrCard::Kind::CallPage);
    CHECK(std::string(at(utc(2024, 5, 1, 12)).caption_key) == "qr.scan_call_page");
    CHECK(at(utc(2024, 5, 20, 12)).kind == QrCard::Kind::Apply);
    CHECK(at(utc(2024, 5, 20, 12)).url == "https://example.org/apply");
    CHECK(at(utc(2024, 5, 20, 12)).source_id == "apply-phase-1");
    CHECK(std::string(at(utc(2024, 5, 20, 12)).caption_key) == "qr.scan_to_apply");
    CHECK(at(utc(2024, 6, 16, 21, 59)).kind == QrCard::Kind::Apply);  // 23:59 Paris on the last day
    CHECK(at(utc(2024, 6, 16, 22, 0)).kind == QrCard::Kind::Programme);  // closed: phase 2 has no page
    // A month-precision window is only planned: its page is shown as the call's, never as "apply".
    Content month = c;
    month.call_windows[0].precision = DatePrecision::Month;
    CHECK(qr_card(month, banner_state(month.call_windows, utc(2024, 5, 20, 12))).kind == QrCard::Kind::CallPage);
}

TEST_CASE("a district's card: open, last day, announced, another town's call, last closed, never", "[call_state]") {
    const Content& c = bundled_content();
    struct Case {
        const char* insee;
        date::sys_seconds now;
        CallConcern::Kind kind;
        const char* window;
        bool other_open;
    };
    for (const Case& k : {Case{"91027", utc(2024, 5, 1, 12), CallConcern::Kind::Announced, "2024-phase-1", false},
                          Case{"91027", utc(2024, 5, 20, 12), CallConcern::Kind::Open, "2024-phase-1", false},
                          Case{"93001", utc(2024, 6, 16, 12), CallConcern::Kind::LastDay, "2024-phase-1", false},
                          Case{"94071", utc(2024, 5, 20, 12), CallConcern::Kind::Announced, "2025-phase-2", true},
                          Case{"91027", utc(2024, 9, 1, 12), CallConcern::Kind::Other, "2025-phase-2", false},
                          Case{"95018", utc(2025, 2, 23, 12), CallConcern::Kind::LastDay, "2025-phase-2", false},
                          Case{"92040", utc(2026, 12, 2, 12), CallConcern::Kind::LastClosed, "2025-phase-2", false},
                          Case{"93005", utc(2024, 5, 20, 12), CallConcern::Kind::Other, "2024-phase-1", false},
                          Case{"93005", utc(2026, 12, 2, 12), CallConcern::Kind::Never, nullptr, false},
                          Case{"93048", utc(2024, 5, 20, 12), CallConcern::Kind::Other, "2024-phase-1", false}}) {
        INFO(k.insee << " " << date::format("%F", k.now));
        const CallConcern cc = call_concerning(c, k.insee, k.now);
        CHECK(cc.kind == k.kind);
        if (k.window) {
            REQUIRE(cc.window);
            CHECK(cc.window->id == k.window);
        } else {
            CHECK(cc.window == nullptr);
        }
        CHECK((cc.open_other != nullptr) == k.other_open);
        CHECK_FALSE(call_concern_text(cc, bundled_text(), Lang::Fr).empty());
        CHECK(call_concern_text(cc, bundled_text(), Lang::Fr).find('{') == std::string::npos);
        CHECK(call_concern_text(cc, bundled_text(), Lang::En).find('{') == std::string::npos);
    }
    // The card is rebuilt at the next boundary: the opening, the last day, the closing.
    CHECK(next_window_boundary(c.call_windows, utc(2024, 5, 1, 12)) == utc(2024, 5, 12, 22, 0));
    CHECK(next_window_boundary(c.call_windows, utc(2024, 5, 20, 12)) == utc(2024, 6, 15, 22, 0));
    CHECK(next_window_boundary(c.call_windows, utc(2024, 6, 16, 12)) == utc(2024, 6, 16, 22, 0));
    CHECK_FALSE(next_window_boundary(c.call_windows, utc(2026, 12, 2, 12)));
}

TEST_CASE("the countdown summary (qmi-kiosk --countdown): the banner sentence, the state, the communes, the QR card", "[call_state]") {
    const Content& c = bundled_content();
    const std::string open = call_summary(c, bundled_text(), Lang::Fr, utc(2024, 5, 20, 8));
    CHECK(open ==
          "Appel à projets ouvert — clôture dans 27 j 14 h 00 min (16 juin 2024)\n"
          "state: open\n"
          "window: Appel à projets — phase 1 (2024-phase-1)\n"
          "communes: Athis-Mons, Aubervilliers et Fontenay-sous-Bois\n"
          "highlighted: 91027 93001 94033\n"
          "qr: Scannez pour en savoir plus -> https://www.metropolegrandparis.fr/fr/"
          "quartiers-metropolitains-dinnovation-une-premiere-edition-sur-4-communes-du-grand-paris\n");
    const std::string after = call_summary(c, bundled_text(), Lang::En, utc(2026, 12, 2, 12));
    CHECK(after.rfind("The last call for projects closed on 23 February 2025\nstate: after\n", 0) == 0);
    CHECK(after.find("highlighted:\n") != std::string::npos);
    Content none = c;
    none.programme.page.reset();
    none.programme.page_url.reset();
    CHECK(call_summary(none, bundled_text(), Lang::En, utc(2026, 12, 2, 12)).find("qr: none\n") != std::string::npos);
}

TEST_CASE("each window's own state, whatever the others do: upcoming, open, last day, closed, a month window only planned", "[call_state]") {
    const Content& c = bundled_content();
    const CallWindow& phase1 = c.call_windows[0];  // 13 May - 16 June 2024, days
    CHECK(window_status(phase1, utc(2024, 5, 12, 21, 59)) == WindowStatus::Upcoming);  // 23:59 Paris
    CHECK(window_status(phase1, utc(2024, 5, 12, 22, 0)) == WindowStatus::Open);       // midnight Paris
    CHECK(window_status(phase1, utc(2024, 6, 15, 22, 0)) == WindowStatus::LastDay);
    CHECK(window_status(phase1, utc(2024, 6, 16, 21, 59)) == WindowStatus::LastDay);
    CHECK(window_status(phase1, utc(2024, 6, 16, 22, 0)) == WindowStatus::Closed);
    // While phase 1 is open, phase 2 is still upcoming: the banner only speaks of the open one.
    CHECK(window_status(c.call_windows[1], utc(2024, 5, 20, 12)) == WindowStatus::Upcoming);
    CallWindow month = phase1;
    month.precision = DatePrecision::Month;
    month.opens = date::local_days{date::year{2025} / 1 / 1};
    month.closes = date::local_days{date::year{2025} / 2 / 28} + std::chrono::hours{23} + std::chrono::minutes{59} +
                   std::chrono::seconds{59};
    CHECK(window_status(month, utc(2024, 12, 1, 12)) == WindowStatus::Planned);
    CHECK(window_status(month, utc(2025, 1, 15, 12)) == WindowStatus::Planned);  // never "open": its days are unknown
    CHECK(window_status(month, utc(2025, 3, 1, 12)) == WindowStatus::Closed);
    CHECK(std::string(window_status_badge_key(WindowStatus::LastDay)) == "badge.last_day");
    CHECK(bundled_text().get(window_status_badge_key(WindowStatus::Planned), Lang::En) == "Planned");
}
