// The town panel, as a visitor sees it: the real content.json and membership data, a headless ImGui frame.
#include <algorithm>

#include "ui/info_panel.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using qmi::test::HeadlessUi;
using qmi::test::RepoData;

namespace {

ui::PanelModel model_for(const char* insee) {
    const RepoData& d = RepoData::get();
    std::optional<ui::PanelModel> m = ui::make_panel_model(insee, d.content, d.membership, d.text);
    REQUIRE(m);
    return *m;
}

const ui::PanelLine* find_line(const ui::PanelText& t, const std::string& label) {
    for (const auto& l : t.lines)
        if (l.label == label) return &l;
    return nullptr;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("panel model of a fully published district: Athis-Mons") {
    const ui::PanelModel m = model_for("91027");
    CHECK(m.kind == ui::PanelModel::Kind::District);
    CHECK(m.commune == "Athis-Mons");
    CHECK(m.department == "Essonne (91)");
    CHECK(m.territory == "Grand-Orly Seine Bièvre");
    CHECK(m.promotion == 2);
    CHECK(m.promotion_color == ui::palette::promotion_2);
    REQUIRE(m.mayor);
    CHECK(*m.mayor == "Jean-Jacques Grousseau");
    REQUIRE(m.challenge);

    const ui::PanelText& fr = m.in(Lang::Fr);
    CHECK(fr.title == "Athis-Mons");
    CHECK(fr.promotion == "2e promotion · 2024");
    const ui::PanelLine* mayor = find_line(fr, "Maire");
    REQUIRE(mayor);
    CHECK(mayor->value == "Jean-Jacques Grousseau");
    CHECK_FALSE(mayor->missing);
    const ui::PanelLine* challenge = find_line(fr, "Défi");
    REQUIRE(challenge);
    CHECK(challenge->value == "Développer un pôle sport et santé dans la ville d'Athis-Mons");
    CHECK_FALSE(challenge->missing);
    CHECK(fr.as_of.find("février 2024") != std::string::npos);
    CHECK(fr.note.empty());

    const ui::PanelText& en = m.in(Lang::En);
    CHECK(en.promotion == "Second promotion · 2024");
    REQUIRE(find_line(en, "Challenge"));
    CHECK(find_line(en, "Challenge")->value == "Develop a sports and health hub in the town of Athis-Mons");
    CHECK(en.as_of == "Information as of February 2024");
    CHECK(fr.as_of == "Informations à jour\u00a0: février 2024");
}

TEST_CASE("Athis-Mons: a described but unnamed site shows its description under the heading, not 'not published'") {
    const ui::PanelModel m = model_for("91027");
    REQUIRE_FALSE(m.site_name);
    REQUIRE(m.site_description);
    for (Lang lang : {Lang::Fr, Lang::En}) {
        const ui::PanelText& t = m.in(lang);
        const ui::PanelLine* site = find_line(t, lang == Lang::Fr ? "Quartier d'innovation" : "Innovation district");
        REQUIRE(site);
        CHECK_FALSE(site->missing);
        CHECK(site->value.empty());
        CHECK(site->detail == m.site_description->in(lang));
    }
    for (Lang lang : {Lang::Fr, Lang::En}) {
        HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920), lang);
        const std::string text = ui.frame([&] { ui::draw_district_panel(m, ui.ctx()); });
        CHECK(contains(text, lang == Lang::Fr ? "Quartier d'innovation" : "Innovation district"));
        CHECK(contains(text, lang == Lang::Fr ? "La ville souhaite redynamiser" : "The town wants to revitalise"));
        CHECK_FALSE(contains(text, "Site non communiqué"));
        CHECK_FALSE(contains(text, "Site not provided"));
    }
}

TEST_CASE("Sceaux: neither site name nor description, so the panel says the site is not published yet") {
    const ui::PanelModel m = model_for("92071");
    REQUIRE_FALSE(m.site_name);
    REQUIRE_FALSE(m.site_description);
    const ui::PanelLine* site = find_line(m.in(Lang::Fr), "Quartier d'innovation");
    REQUIRE(site);
    CHECK(site->missing);
    CHECK(site->value == "Site non communiqué");
    CHECK(site->detail.empty());
    HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920));
    const std::string text = ui.frame([&] { ui::draw_district_panel(m, ui.ctx()); });
    CHECK(contains(text, "Site non communiqué"));
}

TEST_CASE("the 'information as of' footer stays on screen whatever the body's length, at every target size") {
    // Athis-Mons has the longest body (challenge + site description): in landscape it scrolls, and the footer
    // used to be at its end, below the fold. ImGui only draws (and logs) text that is not clipped.
    const ui::PanelModel athis = model_for("91027");
    const RepoData& d = RepoData::get();
    const ui::IntroModel intro = ui::make_intro_model(d.content, d.text);
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
        for (Lang lang : {Lang::Fr, Lang::En}) {
            INFO(size.x << "x" << size.y << (lang == Lang::En ? " en" : " fr"));
            HeadlessUi ui(size, test::px_per_mm_43in(std::max(size.x, size.y)), lang);
            ui.frame([&] { ui::draw_district_panel(athis, ui.ctx()); });  // first frame: ImGui measures
            std::string text = ui.frame([&] { ui::draw_district_panel(athis, ui.ctx()); });
            CHECK(contains(text, athis.in(lang).as_of));
            ui.frame([&] { ui::draw_intro_panel(intro, ui.ctx()); });
            text = ui.frame([&] { ui::draw_intro_panel(intro, ui.ctx()); });
            CHECK(contains(text, intro.in(lang).as_of));
            ImGuiWindow* w = HeadlessUi::window("##qmi_panel");
            REQUIRE(w);
            CHECK(w->ContentSize.y <= ui.layout().panel.height());  // the card itself never needs to scroll
        }
    }
}

TEST_CASE("a first-promotion district without published challenge or site says so instead of going blank: Sceaux") {
    const ui::PanelModel m = model_for("92071");
    CHECK(m.kind == ui::PanelModel::Kind::District);
    CHECK(m.promotion == 1);
    CHECK(m.promotion_color == ui::palette::promotion_1);
    CHECK_FALSE(m.challenge);
    CHECK_FALSE(m.site_name);
    CHECK(m.department == "Hauts-de-Seine (92)");
    CHECK(m.territory == "Vallée Sud-Grand Paris");

    for (Lang lang : {Lang::Fr, Lang::En}) {
        const ui::PanelText& t = m.in(lang);
        for (const ui::PanelLine& l : t.lines) {
            INFO(l.label);
            CHECK_FALSE(l.value.empty());               // never blank
            CHECK(l.value.find('[') == std::string::npos);  // never a missing-key marker "[panel.x]"
        }
    }
    const ui::PanelLine* fr = find_line(m.in(Lang::Fr), "Défi");
    REQUIRE(fr);
    CHECK(fr->missing);
    CHECK(fr->value == "Défi non communiqué");
    const ui::PanelLine* en = find_line(m.in(Lang::En), "Challenge");
    REQUIRE(en);
    CHECK(en->missing);
    CHECK(en->value == "Challenge not provided");
    const ui::PanelLine* mayor = find_line(m.in(Lang::Fr), "Maire");
    REQUIRE(mayor);
    CHECK(mayor->value == "Philippe Laurent");
}

TEST_CASE("a Métropole commune that is not a QMI district gets the light card") {
    // Montreuil (93048), Est Ensemble: a member, not in content.json.
    const RepoData& d = RepoData::get();
    REQUIRE(d.content.find_district("93048") == nullptr);
    const ui::PanelModel m = model_for("93048");
    CHECK(m.kind == ui::PanelModel::Kind::MetropoleCommune);
    CHECK(m.commune == "Montreuil");
    CHECK(m.department == "Seine-Saint-Denis (93)");
    CHECK(m.territory == "Est Ensemble");
    CHECK_FALSE(m.mayor);  // not in the sources: not shown, not invented
    const ui::PanelText& fr = m.in(Lang::Fr);
    CHECK(fr.note == d.text.get("panel.not_qmi", Lang::Fr));
    CHECK(fr.promotion.empty());
    CHECK(find_line(fr, "Maire") == nullptr);
    CHECK(find_line(fr, "Défi") == nullptr);
    CHECK(fr.lines.size() == 2);  // department and territory
}

TEST_CASE("a former INSEE code opens the commune it merged into, unknown codes open nothing") {
    const RepoData& d = RepoData::get();
    const auto merged = ui::make_panel_model("93059", d.content, d.membership, d.text);  // Pierrefitte-sur-Seine
    REQUIRE(merged);
    CHECK(merged->insee == "93066");
    CHECK(merged->commune == "Saint-Denis");
    CHECK_FALSE(ui::make_panel_model("78646", d.content, d.membership, d.text));  // Versailles: outside, no map
    CHECK_FALSE(ui::make_panel_model("", d.content, d.membership, d.text));
    CHECK_FALSE(ui::make_panel_model("not a code", d.content, d.membership, d.text));
}

TEST_CASE("a commune outside the Métropole, known from the map, gets the outside card") {
    const RepoData& d = RepoData::get();
    MapModel map;
    CommuneShape versailles;
    versailles.insee = "78646";
    versailles.name = "Versailles";
    versailles.department = "78";
    map.communes.push_back(versailles);
    const auto m = ui::make_panel_model("78646", d.content, d.membership, d.text, &map);
    REQUIRE(m);
    CHECK(m->kind == ui::PanelModel::Kind::OutsideCommune);
    CHECK(m->department == "Yvelines (78)");
    CHECK(m->in(Lang::Fr).note == d.text.get("panel.outside_metropole", Lang::Fr));
}

TEST_CASE("after a frame the panel window sits in the layout's panel area and shows the mayor") {
    HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920));
    const ui::PanelModel athis = model_for("91027");
    const std::string text = ui.frame([&] { ui::draw_district_panel(athis, ui.ctx()); });
    ImGuiWindow* w = HeadlessUi::window("##qmi_panel");
    REQUIRE(w);
    CHECK(w->Pos.x == ui.layout().panel.min.x);
    CHECK(w->Pos.y == ui.layout().panel.min.y);
    CHECK(w->Size.x == ui.layout().panel.width());
    CHECK(w->Size.y == ui.layout().panel.height());
    CHECK(contains(text, "Athis-Mons"));
    CHECK(contains(text, "Jean-Jacques Grousseau"));
    CHECK(contains(text, "Essonne (91)"));
    CHECK(contains(text, "Grand-Orly Seine Bièvre"));
    CHECK(contains(text, "Développer un pôle sport"));
    CHECK(contains(text, "Fermer"));
    // The promotion chip is drawn in the promotion's colour.
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::promotion_2)) > 0);
}

TEST_CASE("the panel speaks English when asked, including the graceful missing-challenge line") {
    HeadlessUi ui(ImVec2(1920, 1080), 0, Lang::En);
    const ui::PanelModel sceaux = model_for("92071");
    const std::string text = ui.frame([&] { ui::draw_district_panel(sceaux, ui.ctx()); });
    CHECK(contains(text, "Philippe Laurent"));
    CHECK(contains(text, "Challenge not provided"));
    CHECK(contains(text, "Close"));
    CHECK_FALSE(contains(text, "Fermer"));
}

TEST_CASE("the close button closes, anywhere on its >= 9 mm square, a tap elsewhere does not") {
    const float ppm = test::px_per_mm_43in(1920);
    HeadlessUi ui(ImVec2(1920, 1080), ppm);
    const ui::PanelModel athis = model_for("91027");
    const ui::Layout& L = ui.layout();
    REQUIRE(L.touch_min >= 9.0f * ppm);
    bool closed = false;
    auto draw = [&] {
        if (ui::draw_district_panel(athis, ui.ctx()) == ui::PanelResult::Close) closed = true;
    };
    ui.frame(draw);  // the panel exists before the first touch, as on screen

    // The button is at the top-right of the panel's content area: its corners, 2 px inside, all close.
    const float right = L.panel.max.x - L.padding, top = L.panel.min.y + L.padding;
    for (ImVec2 p : {ImVec2(right - 2, top + 2), ImVec2(right - L.touch_min + 2, top + L.touch_min - 2),
                     ImVec2(right - L.touch_min + 2, top + 2), ImVec2(right - 2, top + L.touch_min - 2)}) {
        closed = false;
        ui.tap(p, draw);
        CHECK(closed);
    }
    closed = false;
    ui.tap(ImVec2(L.panel.min.x + L.panel.width() / 2, L.panel.max.y - L.padding - 4), draw);
    CHECK_FALSE(closed);
}

TEST_CASE("in portrait the panel is a full-width bottom sheet") {
    HeadlessUi ui(ImVec2(1080, 1920), test::px_per_mm_43in(1080));
    const ui::PanelModel athis = model_for("91027");
    const std::string text = ui.frame([&] { ui::draw_district_panel(athis, ui.ctx()); });
    ImGuiWindow* w = HeadlessUi::window("##qmi_panel");
    REQUIRE(w);
    CHECK(w->Pos.y >= ui.layout().map_area.max.y);
    CHECK(w->Size.x == 1080);
    CHECK(contains(text, "Jean-Jacques Grousseau"));
}

TEST_CASE("with nothing selected the panel area introduces the programme and its promotions") {
    HeadlessUi ui(ImVec2(1920, 1080));
    const RepoData& d = RepoData::get();
    const ui::IntroModel intro = ui::make_intro_model(d.content, d.text);
    REQUIRE(intro.fr.promotions.size() == d.content.programme.promotions.size());
    CHECK(intro.fr.promotions[0].color == ui::palette::promotion_1);
    const std::string text = ui.frame([&] { ui::draw_intro_panel(intro, ui.ctx()); });
    REQUIRE(HeadlessUi::window("##qmi_panel"));
    CHECK(contains(text, d.text.get("map.touch_hint", Lang::Fr)));
    CHECK(contains(text, "1re promotion · 2022"));
    CHECK(contains(text, "2e promotion · 2024"));
}
