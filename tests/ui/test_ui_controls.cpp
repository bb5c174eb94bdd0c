// Map controls (Home, +, -), the language button, the search button, the gesture hint: each answers a tap on its
// whole surface, is >= 18 mm, and stays in its region, on the five target screens.
#include <string>

#include <catch2/catch.hpp>

#include "../support/target_screens.hpp"
#include "ui/gesture_hint.hpp"
#include "ui/language_button.hpp"
#include "ui/map_controls.hpp"
#include "ui/search_keyboard.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using qmi::test::HeadlessUi;

TEST_CASE("map controls: Home, zoom in, zoom out, each >= 18 mm, on the five target screens") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const ui::Layout& L = ui.layout();
        ui::MapControl got = ui::MapControl::None;
        bool can_in = true, can_out = true;
        auto draw = [&] {
            const ui::MapControl c = ui::draw_map_controls(ui.ctx(), can_in, can_out);
            if (c != ui::MapControl::None) got = c;
        };
        ui.frame(draw);
        const std::array<ui::Rect, 3> cells = ui::map_control_rects(L);
        const ui::MapControl expected[3] = {ui::MapControl::Home, ui::MapControl::ZoomIn, ui::MapControl::ZoomOut};
        for (int i = 0; i < 3; ++i) {
            CHECK(L.map_controls.contains(cells[i]));
            CHECK(cells[i].width() / L.px_per_mm >= ui::TouchSpec::kButtonMm);
            CHECK(cells[i].height() / L.px_per_mm >= ui::TouchSpec::kButtonMm);
            for (int j = i + 1; j < 3; ++j) CHECK_FALSE(cells[i].overlaps(cells[j]));
            got = ui::MapControl::None;
            ui.tap(cells[i].center(), draw);
            CHECK(got == expected[i]);
            got = ui::MapControl::None;
            ui.tap(ImVec2(cells[i].min.x + 2, cells[i].min.y + 2), draw);
            CHECK(got == expected[i]);
        }
        // At the zoom limits the button does nothing.
        can_in = false;
        got = ui::MapControl::None;
        ui.tap(cells[1].center(), draw);
        CHECK(got == ui::MapControl::None);
        can_in = true;
        // Landscape: a column beside the map; portrait: a row.
        if (L.orientation == ui::Orientation::Landscape) CHECK(cells[0].max.y <= cells[1].min.y);
        else CHECK(cells[0].max.x <= cells[1].min.x);
    }
}

TEST_CASE("language button: names the other language, fits whole, answers a tap") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        bool tapped = false;
        auto draw = [&] { tapped = ui::draw_language_button(ui.ctx()) || tapped; };
        const std::string fr = ui.frame(draw);
        CHECK(fr.find("English") != std::string::npos);
        CHECK(fr.find("\xE2\x80\xA6") == std::string::npos);
        ui.set_lang(Lang::En);
        const std::string en = ui.frame(draw);
        CHECK(en.find("Fran\xC3\xA7" "ais") != std::string::npos);
        CHECK(en.find("\xE2\x80\xA6") == std::string::npos);
        tapped = false;
        ui.tap(ui.layout().language.center(), draw);
        CHECK(tapped);
    }
}

TEST_CASE("search button: a tap opens the search, wide enough, it also says so") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        bool tapped = false;
        auto draw = [&] { tapped = ui::draw_search_button(ui.ctx()) || tapped; };
        const std::string text = ui.frame(draw);
        if (ui.layout().search.width() > 1.5f * ui.layout().search.height())
            CHECK(text.find("Chercher") != std::string::npos);
        ui.tap(ui.layout().search.center(), draw);
        CHECK(tapped);
    }
}

TEST_CASE("gesture hint: shown a few seconds, gone at the first gesture, never in the way of a finger") {
    ui::GestureHint hint;
    CHECK(hint.opacity(0) == 0);
    hint.show(10);
    CHECK(hint.opacity(10) == 0);  // fades in
    CHECK(hint.opacity(11) == 1);
    CHECK(hint.opacity(10 + ui::GestureHint::kShowS - 0.01) == 1);
    CHECK(hint.opacity(10 + ui::GestureHint::kShowS + 0.3) > 0);
    CHECK(hint.opacity(10 + ui::GestureHint::kShowS + 0.3) < 1);
    CHECK_FALSE(hint.visible(10 + ui::GestureHint::kShowS + 1));
    // Dismissed by a gesture: fades out from then.
    ui::GestureHint b;
    b.show(0);
    b.dismiss(2);
    CHECK(b.opacity(2) == 1);
    CHECK(b.opacity(2.3) < 1);
    CHECK_FALSE(b.visible(3));
    // Shown again (back to the overview): visible again.
    b.show(20);
    CHECK(b.opacity(21) == 1);

    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const std::string text = ui.frame([&] { ui::draw_gesture_hint(ui.ctx(), 1.0f); });
        CHECK(text.find("Deux doigts pour zoomer") != std::string::npos);
        ImGuiWindow* w = HeadlessUi::window("##qmi_gesture_hint");
        REQUIRE(w);
        CHECK((w->Flags & ImGuiWindowFlags_NoInputs) != 0);  // a finger on it reaches the map
        CHECK(ui.layout().map_area.contains(ui.layout().hint));
        // The sentence fits the hint's box beside its icon, in both languages.
        const ui::Layout& L = ui.layout();
        const float icon = std::min(0.7f * L.hint.height(), 2.0f * L.fonts.body);
        const float text_w = L.hint_stacked ? L.hint.width() - 2 * L.padding : L.hint.width() - icon - 3 * L.padding;
        const float text_h = L.hint_stacked ? L.hint.height() - icon - L.padding : L.hint.height() - L.padding;
        for (Lang lang : {Lang::Fr, Lang::En}) {
            const std::string& sentence = test::RepoData::get().text.get("map.gesture_hint", lang);
            const ImVec2 size = ui.fonts().body_bold->CalcTextSizeA(L.fonts.body, FLT_MAX, text_w, sentence.c_str());
            CHECK(size.y <= text_h + 1);
        }
    }
}
