// Presenter mode's widgets, headless: where things go on the five target screens (nothing overlaps, buttons of
// 18 mm, the bar within reach in portrait, every step's title whole at headline size), what each step of the
// bundled tour says (the programme in one sentence, a promotion's districts, every call with its state on the day),
// and the bar's and the staff menu's buttons answering a tap.
#include <cfloat>
#include <string>

#include <catch2/catch.hpp>

#include "../support/target_screens.hpp"
#include "core/presenter_tour.hpp"
#include "ui/presenter_bar.hpp"
#include "ui/presenter_cards.hpp"
#include "ui/presenter_layout.hpp"
#include "ui/staff_menu.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace qmi::test;  // HeadlessUi, RepoData, utc, contains

namespace {

ui::PresenterStepModel step_model(TourStep step, date::sys_seconds now, size_t index = 0, size_t total = 15) {
    const RepoData& d = RepoData::get();
    return ui::make_presenter_step(d.content, d.membership, d.text, step, index, total, now);
}

TourStep calls() { return {TourStep::Kind::Calls, 0, ""}; }

}  // namespace

TEST_CASE("presenter layout: title, map, card, bar and attribution apart, 18 mm buttons, the bar within reach") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const ui::Layout& K = ui.layout();
        const ui::PresenterLayout P = ui::make_presenter_layout(K);
        const ui::Layout& L = P.screen;
        const ui::Rect screen{ImVec2(0, 0), L.display};
        const ui::Rect regions[] = {P.title, L.language, L.map_area, L.panel, P.bar, L.attribution};
        const char* names[] = {"title", "language", "map", "card", "bar", "attribution"};
        for (size_t i = 0; i < std::size(regions); ++i) {
            INFO(names[i]);
            CHECK_FALSE(regions[i].empty());
            CHECK(screen.contains(regions[i]));
            for (size_t j = i + 1; j < std::size(regions); ++j) {
                INFO("against " << names[j]);
                // The language button sits in the bar in portrait: inside it, beside the other buttons.
                if (names[i] == std::string("language") && names[j] == std::string("bar") &&
                    L.orientation == ui::Orientation::Portrait) {
                    CHECK(P.bar.contains(L.language));
                    continue;
                }
                CHECK_FALSE(regions[i].overlaps(regions[j]));
            }
        }
        // The bar's buttons: main buttons, side by side, apart from the progress.
        const ui::Rect buttons[] = {P.exit, P.previous, P.next, L.language};
        for (size_t i = 0; i < std::size(buttons); ++i) {
            CHECK(buttons[i].height() / L.px_per_mm >= ui::TouchSpec::kButtonMm - 0.01f);
            CHECK(buttons[i].width() / L.px_per_mm >= ui::TouchSpec::kButtonMm - 0.01f);
            if (i < 3) {
                CHECK(P.bar.contains(buttons[i]));
                CHECK_FALSE(buttons[i].overlaps(P.progress));
            }
            for (size_t j = i + 1; j < 3; ++j) CHECK_FALSE(buttons[i].overlaps(buttons[j]));
        }
        // The labels fit their buttons whole, in both languages.
        ImFont* bold = ui.fonts().body_bold;
        for (Lang lang : {Lang::Fr, Lang::En}) {
            for (const auto& [key, r] : {std::pair{"present.exit", P.exit}, std::pair{"present.previous", P.previous},
                                         std::pair{"present.next", P.next}}) {
                INFO(key);
                std::string label = RepoData::get().text.get(key, lang);  // with the arrow the bar adds
                if (key == std::string("present.previous")) label = "\u2190 " + label;
                if (key == std::string("present.next")) label += " \u2192";
                const float w = bold->CalcTextSizeA(L.fonts.body, FLT_MAX, 0, label.c_str()).x;
                CHECK(w <= r.width() - 2 * std::ceil(0.35f * L.fonts.body));
            }
        }
        // The presentation gives the visitor's controls' room to the map; the timeline has map and card together.
        CHECK(L.map_area.width() * L.map_area.height() > K.map_area.width() * K.map_area.height());
        CHECK(P.wide.contains(L.map_area));
        CHECK(P.wide.contains(L.panel));
        for (const ui::Rect& gone : {L.district_list, L.map_controls, L.search, L.qr, L.legend, L.banner}) CHECK(gone.empty());
        // Every control within 0.4 - 1.2 m of the floor on the portrait screen.
        if (L.orientation == ui::Orientation::Portrait) {
            CHECK(P.bar.min.y >= L.reach.top_px);
            CHECK(P.bar.max.y <= L.reach.bottom_px + 0.5);
        }
        // Every title of the tour fits its strip at headline size (the programme's name on two lines if needed).
        const float title_w = P.title.width() - 2 * L.padding;
        for (const TourStep& step : tour_of(RepoData::get().content))
            for (Lang lang : {Lang::Fr, Lang::En}) {
                const std::string title = step_model(step, utc(2024, 5, 1, 10)).in(lang).title;
                INFO(title);
                const float h = ui.fonts().headline->CalcTextSizeA(L.fonts.headline, FLT_MAX, title_w, title.c_str()).y;
                CHECK(h <= P.title_lines * L.fonts.headline + 0.5f);
            }
    }
}

TEST_CASE("presenter steps: the programme in one sentence, then its promotions with their districts") {
    const ui::PresenterStepModel m = step_model({TourStep::Kind::Programme, 0, ""}, utc(2024, 5, 1, 10), 0, 15);
    const ui::PresenterStepText& fr = m.in(Lang::Fr);
    CHECK(fr.title == "Quartiers Métropolitains d'Innovation");
    CHECK(fr.subtitle == "Métropole du Grand Paris, avec l'agence d'innovation Paris&Co");
    CHECK(fr.lead ==
          "Le dispositif métropolitain d'expérimentation urbaine, mené avec l'appui de l'agence d'innovation Paris&Co.");
    CHECK(fr.progress == "Étape 1 sur 15");
    REQUIRE(fr.promotions.size() == 2);
    CHECK(fr.promotions[0].name == "1re promotion · 2022");
    CHECK(fr.promotions[0].districts == "Sceaux, Meudon, Aulnay-sous-Bois et Noisy-le-Grand");
    CHECK(fr.promotions[0].status == "Accompagnement terminé le 13 février 2025");
    CHECK(fr.promotions[1].summary.empty());  // the programme step lists; the promotion's own step tells
    CHECK(m.communes.empty());
    CHECK(fr.as_of == "Informations datées\u00a0: février 2024 – 13 février 2025");
    const ui::PresenterStepText& en = m.in(Lang::En);
    CHECK(en.lead == "The metropolitan urban experimentation scheme, run with the support of the Paris&Co innovation agency.");
    CHECK(en.progress == "Step 1 of 15");
    CHECK(en.promotions[1].districts ==
          "Athis-Mons, Aubervilliers, Fontenay-sous-Bois, Sucy-en-Brie, Issy-les-Moulineaux and Argenteuil");
}

TEST_CASE("presenter steps: a promotion shows its districts together and its summary, a district its commune") {
    const ui::PresenterStepModel p = step_model({TourStep::Kind::Promotion, 2, ""}, utc(2024, 5, 1, 10), 7);
    CHECK(p.communes == std::vector<std::string>{"91027", "93001", "94033", "94071", "92040", "95018"});
    CHECK(p.in(Lang::Fr).title == "2e promotion · 2024");
    CHECK(p.in(Lang::Fr).subtitle == "6 quartiers d'innovation");
    CHECK(p.in(Lang::En).subtitle == "6 innovation districts");
    REQUIRE(p.in(Lang::Fr).promotions.size() == 1);
    CHECK(p.in(Lang::Fr).promotions[0].summary.size() == 3);
    CHECK(contains(p.in(Lang::Fr).promotions[0].summary[0], "Bureau métropolitain du 6 février 2024"));
    // Its sources: the promotion's facts and its districts' place in it, nothing of the other promotion.
    for (const FactRef& f : p.facts) CHECK((f.kind == FactKind::Promotion || f.kind == FactKind::District));
    CHECK(p.facts.size() == 1 + 3 + 6);

    const ui::PresenterStepModel d = step_model({TourStep::Kind::District, 0, "91027"}, utc(2024, 5, 1, 10), 8);
    CHECK(d.communes == std::vector<std::string>{"91027"});
    CHECK(d.in(Lang::Fr).title == "Athis-Mons");
    CHECK(d.in(Lang::Fr).subtitle == "2e promotion · 2024 · Essonne (91)");
    CHECK(d.in(Lang::En).subtitle == "2nd promotion · 2024 · Essonne (91)");
}

TEST_CASE("presenter steps: every call with its dates, communes, source and its own state on the day") {
    struct Case {
        date::sys_seconds now;
        const char* phase1;
        const char* phase2;
    };
    for (const Case& c : {Case{utc(2024, 5, 1, 10), "À venir", "À venir"}, Case{utc(2024, 5, 20, 10), "Ouvert", "À venir"},
                          Case{utc(2024, 6, 16, 10), "Dernier jour", "À venir"}, Case{utc(2025, 2, 1, 10), "Clos", "Ouvert"},
                          Case{utc(2026, 12, 2, 10), "Clos", "Clos"}}) {
        const ui::PresenterStepModel m = step_model(calls(), c.now, 14);
        const ui::PresenterStepText& t = m.in(Lang::Fr);
        INFO(t.subtitle);
        REQUIRE(t.windows.size() == 2);
        CHECK(t.windows[0].badge == c.phase1);
        CHECK(t.windows[1].badge == c.phase2);
    }
    const ui::PresenterStepModel m = step_model(calls(), utc(2024, 5, 20, 10), 14);
    const ui::PresenterStepText& t = m.in(Lang::Fr);
    CHECK(t.title == "Les appels à projets");
    CHECK(t.subtitle == "Dates et état au 20 mai 2024");
    CHECK(t.windows[0].name == "Appel à projets — phase 1");
    CHECK(t.windows[0].dates == "13 mai 2024 – 16 juin 2024");
    CHECK(t.windows[0].communes == "Communes : Athis-Mons, Aubervilliers et Fontenay-sous-Bois");
    CHECK(contains(t.windows[0].source, "Source : Annonce « In 2024, 6 new metropolitan innovation districts"));
    CHECK(t.windows[0].badge_color == ui::palette::state_open);
    CHECK(m.in(Lang::En).windows[1].badge == "Upcoming");
    CHECK(m.communes.size() == 6);
    // The card is rebuilt when phase 1 enters its last day (midnight in Paris).
    REQUIRE(m.valid_until);
    CHECK(*m.valid_until == date::sys_days(date::year(2024) / 6 / 15) + std::chrono::hours(22));
}

TEST_CASE("presenter bar: next, previous and exit answer a tap, previous does nothing on the first step, next on the last") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const ui::PresenterLayout P = ui::make_presenter_layout(ui.layout());
        const ui::WidgetContext ctx{P.screen, ui.ctx().theme, ui.fonts(), RepoData::get().text, Lang::Fr};
        ui::PresenterStepModel m = step_model({TourStep::Kind::Programme, 0, ""}, utc(2024, 5, 1, 10), 0, 15);
        ui::PresenterBarResult got = ui::PresenterBarResult::None;
        std::string text;
        auto draw = [&] {
            const ui::PresenterBarResult r = ui::draw_presenter_bar(m, P, ctx);
            if (r != ui::PresenterBarResult::None) got = r;
        };
        text = ui.frame(draw);
        CHECK(contains(text, "Étape 1 sur 15"));
        ui.tap(P.next.center(), draw);
        CHECK(got == ui::PresenterBarResult::Next);
        got = ui::PresenterBarResult::None;
        ui.tap(P.previous.center(), draw);
        CHECK(got == ui::PresenterBarResult::None);  // first step
        ui.tap(P.exit.center(), draw);
        CHECK(got == ui::PresenterBarResult::Exit);
        m.index = 14;
        got = ui::PresenterBarResult::None;
        ui.tap(P.next.center(), draw);
        CHECK(got == ui::PresenterBarResult::None);  // last step
        ui.tap(P.previous.center(), draw);
        CHECK(got == ui::PresenterBarResult::Previous);
        // A tap on the progress text is nobody's.
        got = ui::PresenterBarResult::None;
        ui.tap(P.progress.center(), draw);
        CHECK(got == ui::PresenterBarResult::None);
    }
}

TEST_CASE("presenter card: what it says is drawn, and its Sources button answers") {
    HeadlessUi ui(ImVec2(1920, 1080), 1920.0f / 952.0f);
    const ui::PresenterLayout P = ui::make_presenter_layout(ui.layout());
    const ui::WidgetContext ctx{P.screen, ui.ctx().theme, ui.fonts(), RepoData::get().text, Lang::Fr};
    const ui::PresenterStepModel m = step_model(calls(), utc(2024, 5, 20, 10), 14);
    ui::PanelResult got = ui::PanelResult::None;
    auto draw = [&] {
        const ui::PanelResult r = ui::draw_presenter_card(m, ctx);
        if (r != ui::PanelResult::None) got = r;
    };
    const std::string text = ui.frame(draw);
    CHECK(contains(text, "Appel à projets — phase 1"));
    CHECK(contains(text, "13 mai 2024 – 16 juin 2024"));
    CHECK(contains(text, "Appel à projets — phase 2"));
    CHECK(contains(text, "Informations datées\u00a0: février 2024 – 2025"));
    ImGuiWindow* card = HeadlessUi::window("##qmi_panel");
    REQUIRE(card);
    CHECK(card->Pos.x == P.screen.panel.min.x);
    // "Sources" at the card's bottom right.
    ui.tap(ImVec2(P.screen.panel.max.x - P.screen.padding - 10, P.screen.panel.max.y - P.screen.padding - 10), draw);
    CHECK(got == ui::PanelResult::ShowSources);
}

TEST_CASE("staff menu: a guided tour and the timeline, each a button that answers") {
    HeadlessUi ui(ImVec2(1920, 1080), 1920.0f / 952.0f);
    ui::StaffStatus status;
    status.app_version = "test";
    ui::StaffMenuPlaces places;
    ui::StaffMenuResult got;
    auto draw = [&] {
        const ui::StaffMenuResult r = ui::draw_staff_menu(status, ui.ctx(), &places);
        if (r.kind != ui::StaffMenuResult::None) got = r;
    };
    ui.frame(draw);
    REQUIRE_FALSE(places.present.empty());
    REQUIRE_FALSE(places.timeline.empty());
    CHECK(places.present.height() >= ui.layout().touch_min);
    ui.tap(places.present.center(), draw);
    CHECK(got.kind == ui::StaffMenuResult::StartTour);
    got = {};
    ui.tap(places.timeline.center(), draw);
    CHECK(got.kind == ui::StaffMenuResult::ShowTimeline);
}
