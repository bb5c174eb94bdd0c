// The district list: every district reachable by name in one tap, grouped by promotion, big buttons, on the five
// target screens; the district on the card stands out.
#include <string>

#include <catch2/catch.hpp>

#include "../support/target_screens.hpp"
#include "ui/district_list.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace qmi::test;  // HeadlessUi, RepoData, utc, contains

namespace {

const ui::DistrictListModel& model() {
    static const ui::DistrictListModel m = ui::make_district_list_model(RepoData::get().content, RepoData::get().text);
    return m;
}

}  // namespace

TEST_CASE("district list model: the 10 districts under their promotions, in content order") {
    const ui::DistrictListModel& m = model();
    REQUIRE(m.groups.size() == 2);
    CHECK(m.size() == 10);
    CHECK(m.groups[0].promotion == 1);
    CHECK(m.groups[0].districts.size() == 4);
    CHECK(m.groups[1].districts.size() == 6);
    CHECK(m.groups[0].color == ui::palette::promotion_1);
    CHECK(m.groups[1].color == ui::palette::promotion_2);
    CHECK(m.groups[0].heading.fr == "1re promotion \xC2\xB7 2022");
    CHECK(contains(m.groups[0].heading.en, "1st promotion"));
    CHECK(m.groups[0].districts[0].name == "Sceaux");
    for (const auto& g : m.groups)
        for (const auto& d : g.districts) CHECK(RepoData::get().content.find_district(d.insee));
}

TEST_CASE("district list on the five target screens: every name whole, every button >= 18 mm and tappable") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const ui::Layout& L = ui.layout();
        std::optional<std::string> chosen;
        auto draw = [&] {
            const ui::DistrictListResult r = ui::draw_district_list(model(), ui.ctx());
            if (r.chosen) chosen = r.chosen;
        };
        const std::string text = ui.frame(draw);
        for (const auto& g : model().groups) {
            CHECK(contains(text, g.heading.fr));
            for (const auto& d : g.districts) CHECK(contains(text, d.name));
        }
        CHECK_FALSE(contains(text, "\xE2\x80\xA6"));  // no name cut with an ellipsis
        const ui::DistrictListGeometry geo = ui::district_list_geometry(model(), L);
        REQUIRE(geo.buttons.size() == 10);
        // No scrolling on a target screen, but on the narrow 19" one (the headline takes two lines there): its list
        // scrolls, and scrolled to the end it shows the last district whole.
        const bool narrow = L.header.width() == L.display.x;
        if (!narrow) CHECK(geo.content_height <= L.district_list.height() + 0.5f);
        if (narrow) {
            const ui::DistrictListGeometry end =
                ui::district_list_geometry(model(), L, geo.content_height - L.district_list.height());
            CHECK(L.district_list.contains(end.buttons.back().second));
        }
        for (const auto& [insee, r] : geo.buttons) {
            INFO(insee);
            CHECK(r.height() / L.px_per_mm >= ui::TouchSpec::kButtonMm);
            CHECK(r.width() / L.px_per_mm >= ui::TouchSpec::kButtonMm);
            if (narrow && !L.district_list.contains(r)) continue;  // below the fold until scrolled
            CHECK(L.district_list.contains(r));
            chosen.reset();
            ui.tap(r.center(), draw);
            CHECK(chosen == insee);
            // Near its corner too: the whole button answers, not just its label.
            chosen.reset();
            ui.tap(ImVec2(r.max.x - 3, r.max.y - 3), draw);
            CHECK(chosen == insee);
        }
        // Buttons never overlap, and keep a gap for the finger between them.
        for (size_t i = 0; i < geo.buttons.size(); ++i)
            for (size_t j = i + 1; j < geo.buttons.size(); ++j) CHECK_FALSE(geo.buttons[i].second.overlaps(geo.buttons[j].second));
        // A tap on a heading chooses nothing.
        chosen.reset();
        ui.tap(geo.headings[0].center(), draw);
        CHECK_FALSE(chosen);
    }
}

TEST_CASE("district list: the district on the card is drawn as the chosen (accent) button, in both languages") {
    HeadlessUi ui(test::target_screens()[2].geometry());
    const ImU32 accent = ui::to_u32(ui::palette::accent);
    ui.frame([&] { ui::draw_district_list(model(), ui.ctx()); });
    const int none = HeadlessUi::vertices_of_color(HeadlessUi::window("##qmi_district_list"), accent);
    ui.frame([&] { ui::draw_district_list(model(), ui.ctx(), "92040"); });
    const int one = HeadlessUi::vertices_of_color(HeadlessUi::window("##qmi_district_list"), accent);
    CHECK(none == 0);
    CHECK(one > 0);
    ui.set_lang(Lang::En);
    const std::string en = ui.frame([&] { ui::draw_district_list(model(), ui.ctx()); });
    CHECK(contains(en, "1st promotion"));
    CHECK(contains(en, "Issy-les-Moulineaux"));
}

TEST_CASE("district list in portrait: two columns within reach of a hand") {
    HeadlessUi ui(test::target_screens()[3].geometry());
    const ui::Layout& L = ui.layout();
    CHECK(L.district_columns == 2);
    const ui::DistrictListGeometry geo = ui::district_list_geometry(model(), L);
    bool left = false, right = false;
    for (const auto& [insee, r] : geo.buttons) {
        if (r.min.x < L.district_list.min.x + 1) left = true;
        if (r.max.x > L.district_list.max.x - 1) right = true;
        CHECK(r.min.y >= L.reach.top_px);
        CHECK(r.max.y <= L.reach.bottom_px);
    }
    CHECK(left);
    CHECK(right);
}

TEST_CASE("district list on a screen too short for it scrolls instead of shrinking its buttons") {
    // A 22" 1080p monitor: 1080 px is only 274 mm; eighteen-millimetre buttons do not all fit.
    HeadlessUi ui(screen_geometry(1920, 1080, 22.0, std::nullopt, 0));
    const ui::Layout& L = ui.layout();
    const ui::DistrictListGeometry geo = ui::district_list_geometry(model(), L);
    REQUIRE(geo.content_height > L.district_list.height());
    for (const auto& b : geo.buttons) CHECK(b.second.height() / L.px_per_mm >= ui::TouchSpec::kButtonMm);
    std::optional<std::string> chosen;
    auto draw = [&] {
        const ui::DistrictListResult r = ui::draw_district_list(model(), ui.ctx());
        if (r.chosen) chosen = r.chosen;
    };
    ui.frame(draw);
    // Drag the list up by a button's height: a scroll, not a choice.
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 start = L.district_list.center();
    io.MousePos = start;
    io.MouseDown[0] = true;
    ui.frame(draw);
    for (int i = 1; i <= 10; ++i) {
        io.MousePos = ImVec2(start.x, start.y - i * L.button / 10);
        ui.frame(draw);
    }
    io.MouseDown[0] = false;
    ui.frame(draw);
    CHECK_FALSE(chosen);
    ImGuiWindow* w = HeadlessUi::window("##qmi_district_list");
    REQUIRE(w);
    CHECK(w->Scroll.y > 0);
}
