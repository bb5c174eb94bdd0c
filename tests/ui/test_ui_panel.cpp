// The town panel, as a visitor sees it: the real content.json and membership data, a headless ImGui frame.
#include <algorithm>

#include "core/call_state.hpp"
#include "ui/info_panel.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace qmi::test;  // HeadlessUi, RepoData, utc, contains

namespace {

// Before the first call opens; before any review date.
const date::sys_seconds kMay2024 = utc(2024, 5, 1, 10);
// The day the kiosk is run as a visitor would see it: after both calls, after the municipal elections of March 2026.
const date::sys_seconds kDec2026 = utc(2026, 12, 2, 10);

ui::PanelModel model_for(const char* insee, date::sys_seconds now = kMay2024) {
    const RepoData& d = RepoData::get();
    std::optional<ui::PanelModel> m = ui::make_panel_model(insee, d.content, d.membership, d.text, now);
    REQUIRE(m);
    return *m;
}

const ui::PanelLine* find_line(const ui::PanelText& t, const std::string& label) {
    for (const auto& l : t.lines)
        if (l.label == label) return &l;
    return nullptr;
}

// The card's scrolling body: an ImGui child window, named after its parent ("##qmi_panel/##qmi_panel_body_...").
ImGuiWindow* body_window() {
    for (ImGuiWindow* w : GImGui->Windows)
        if (std::string(w->Name).find("##qmi_panel_body") != std::string::npos) return w;
    return nullptr;
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
    CHECK(fr.as_of == "Informations datées\u00a0: février 2024 – septembre 2024");  // experiments: September 2024
    CHECK(fr.note.empty());

    const ui::PanelText& en = m.in(Lang::En);
    CHECK(en.promotion == "2nd promotion · 2024");
    REQUIRE(find_line(en, "Challenge"));
    CHECK(find_line(en, "Challenge")->value == "Develop a sports and health hub in the town of Athis-Mons");
    CHECK(en.as_of == "Information dated February 2024 – September 2024");
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
    const ui::IntroModel intro = ui::make_intro_model(d.content, d.text, kMay2024);
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
    // No source gives Sceaux's mayor: the card says so instead of showing a name.
    const ui::PanelLine* mayor = find_line(m.in(Lang::Fr), "Maire");
    REQUIRE(mayor);
    CHECK(mayor->missing);
    CHECK(mayor->value == "Non communiqué");
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
    const auto merged = ui::make_panel_model("93059", d.content, d.membership, d.text, kMay2024);  // Pierrefitte
    REQUIRE(merged);
    CHECK(merged->insee == "93066");
    CHECK(merged->commune == "Saint-Denis");
    CHECK_FALSE(ui::make_panel_model("78646", d.content, d.membership, d.text, kMay2024));  // Versailles, no map
    CHECK_FALSE(ui::make_panel_model("", d.content, d.membership, d.text, kMay2024));
    CHECK_FALSE(ui::make_panel_model("not a code", d.content, d.membership, d.text, kMay2024));
}

TEST_CASE("a commune outside the Métropole, known from the map, gets the outside card") {
    const RepoData& d = RepoData::get();
    MapModel map;
    CommuneShape versailles;
    versailles.insee = "78646";
    versailles.name = "Versailles";
    versailles.department = "78";
    map.communes.push_back(versailles);
    const auto m = ui::make_panel_model("78646", d.content, d.membership, d.text, kMay2024, &map);
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
    CHECK(contains(text, "Not available"));  // the mayor: no source
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
    const ui::IntroModel intro = ui::make_intro_model(d.content, d.text, kMay2024);
    REQUIRE(intro.fr.promotions.size() == d.content.programme.promotions.size());
    CHECK(intro.fr.promotions[0].color == ui::palette::promotion_1);
    const std::string text = ui.frame([&] { ui::draw_intro_panel(intro, ui.ctx()); });
    REQUIRE(HeadlessUi::window("##qmi_panel"));
    CHECK(contains(text, d.text.get("map.touch_hint", Lang::Fr)));
    CHECK(contains(text, "1re promotion · 2022"));
    CHECK(contains(text, "2e promotion · 2024"));
    // The first promotion is over: said with its date, and its summary speaks of the past.
    CHECK(intro.fr.promotions[0].status == "Accompagnement terminé le 13 février 2025");
    CHECK(intro.en.promotions[0].status == "Support ended on 13 February 2025");
    CHECK(contains(text, "Accompagnement terminé le 13 février 2025"));
    CHECK_FALSE(contains(text, "sont en cours de développement"));
    CHECK_FALSE(contains(text, "pendant les deux prochaines années"));
    CHECK(intro.fr.promotions[1].status.empty());  // no source says where the second promotion stands
    CHECK(intro.fr.as_of == "Informations datées\u00a0: février 2024 – 13 février 2025");
}

// --- calls, staleness, dates, sources --------------------------------------------------------------------------

TEST_CASE("a district's card says whether a call concerns it, in each state and both languages") {
    struct Case {
        const char* insee;
        date::sys_seconds now;
        CallConcern::Kind kind;
        const char* fr;
        const char* en;
    };
    const Case cases[] = {
        {"91027", kMay2024, CallConcern::Kind::Announced, "Annoncé pour cette commune : ouverture le 13 mai 2024",
         "Announced for this town: opens on 13 May 2024"},
        {"91027", utc(2024, 5, 20, 10), CallConcern::Kind::Open, "Ouvert pour cette commune jusqu'au 16 juin 2024",
         "Open for this town until 16 June 2024"},
        {"91027", utc(2024, 6, 16, 10), CallConcern::Kind::LastDay,
         "Dernier jour pour cette commune : clôture aujourd'hui à 23:59", "Last day for this town: closes today at 23:59"},
        {"91027", utc(2024, 7, 1, 10), CallConcern::Kind::Other,
         "L'appel à projets en cours ne concerne pas cette commune",
         "The current call for projects does not concern this town"},
        {"91027", kDec2026, CallConcern::Kind::LastClosed,
         "Aucun en cours ; le dernier pour cette commune (Appel à projets — phase 1) s'est clos le 16 juin 2024",
         "None under way; the last one for this town (Call for projects — phase 1) closed on 16 June 2024"},
        // A Sucy-en-Brie visitor during phase 1: the countdown on screen is not theirs, and the card says so.
        {"94071", utc(2024, 5, 20, 10), CallConcern::Kind::Announced,
         "L'appel à projets en cours ne concerne pas cette commune. Annoncé pour cette commune : ouverture le 20 "
         "janvier 2025",
         "The current call for projects does not concern this town. Announced for this town: opens on 20 January 2025"},
        {"92071", utc(2024, 5, 20, 10), CallConcern::Kind::Other,
         "L'appel à projets en cours ne concerne pas cette commune",
         "The current call for projects does not concern this town"},
        {"94071", utc(2024, 7, 1, 10), CallConcern::Kind::Announced,
         "Annoncé pour cette commune : ouverture le 20 janvier 2025", "Announced for this town: opens on 20 January 2025"},
        {"94071", utc(2025, 2, 1, 10), CallConcern::Kind::Open, "Ouvert pour cette commune jusqu'au 23 février 2025",
         "Open for this town until 23 February 2025"},
        // The first promotion had no call in the sources.
        {"92071", kDec2026, CallConcern::Kind::Never, "Aucun appel à projets ouvert ou annoncé pour cette commune",
         "No call for projects open or announced for this town"},
    };
    for (const Case& c : cases) {
        INFO(c.insee << " at " << date::format("%F %R", c.now));
        const ui::PanelModel m = model_for(c.insee, c.now);
        CHECK(m.call == c.kind);
        CHECK(m.in(Lang::Fr).call.label == "Appel à projets");
        CHECK(m.in(Lang::Fr).call.value == c.fr);
        CHECK(m.in(Lang::En).call.value == c.en);
        HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920));
        const std::string text = ui.frame([&] { ui::draw_district_panel(m, ui.ctx()); });
        CHECK(contains(text, c.fr));
    }
}

TEST_CASE("after the municipal elections of March 2026 every mayor reads 'à vérifier', in red, with its date") {
    const ImU32 red = ui::to_u32(ui::palette::warning);
    for (const char* insee : {"91027", "92048", "93051", "93005"}) {
        INFO(insee);
        const ui::PanelModel before = model_for(insee, utc(2026, 2, 28, 12));
        CHECK_FALSE(before.mayor_to_confirm);
        CHECK(find_line(before.in(Lang::Fr), "Maire")->to_confirm.empty());
        const ui::PanelModel after = model_for(insee, kDec2026);
        CHECK(after.mayor_to_confirm);
        const ui::PanelLine* fr = find_line(after.in(Lang::Fr), "Maire");
        const ui::PanelLine* en = find_line(after.in(Lang::En), "Mayor");
        REQUIRE(fr);
        REQUIRE(en);
        CHECK(contains(fr->to_confirm, "à vérifier (information de "));
        CHECK(contains(en->to_confirm, "to be confirmed (information of "));
        // Only the mayor is due for review: challenges and sites have no review date.
        for (const ui::PanelLine& l : after.in(Lang::Fr).lines)
            if (l.label != "Maire") CHECK(l.to_confirm.empty());
        HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920));
        ui.frame([&] { ui::draw_district_panel(after, ui.ctx()); });
        const std::string text = ui.frame([&] { ui::draw_district_panel(after, ui.ctx()); });
        CHECK(contains(text, fr->to_confirm));
        CHECK(HeadlessUi::vertices_of_color(body_window(), red) > 0);
    }
    CHECK(find_line(model_for("91027", kDec2026).in(Lang::Fr), "Maire")->to_confirm ==
          "à vérifier (information de février 2024)");
    CHECK(find_line(model_for("92048", kDec2026).in(Lang::En), "Mayor")->to_confirm ==
          "to be confirmed (information of July 2025)");
    // A card built before the review date knows when to be rebuilt.
    REQUIRE(model_for("91027", utc(2026, 2, 28, 12)).valid_until);
    CHECK(*model_for("91027", utc(2026, 2, 28, 12)).valid_until == utc(2026, 2, 28, 23));  // 1 March 00:00 Paris
}

TEST_CASE("every card carries its 'information as of' line, non-QMI communes included") {
    const ui::PanelModel montreuil = model_for("93048");
    CHECK(montreuil.in(Lang::Fr).as_of == "Informations datées\u00a0: février 2024");
    CHECK(montreuil.in(Lang::En).as_of == "Information dated February 2024");
    const ui::PanelModel meudon = model_for("92048");
    CHECK(meudon.in(Lang::Fr).as_of == "Informations datées\u00a0: 2024 – juillet 2025");  // site: "2024"
    const ui::PanelModel aulnay = model_for("93005");
    CHECK(aulnay.in(Lang::Fr).promotion_status == "Accompagnement terminé le 13 février 2025");
    for (const ui::PanelModel* m : {&montreuil, &meudon, &aulnay}) {
        for (Lang lang : {Lang::Fr, Lang::En}) {
            HeadlessUi ui(ImVec2(1080, 1920), test::px_per_mm_43in(1080), lang);
            ui.frame([&] { ui::draw_district_panel(*m, ui.ctx()); });
            const std::string text = ui.frame([&] { ui::draw_district_panel(*m, ui.ctx()); });
            CHECK(contains(text, m->in(lang).as_of));
            CHECK(contains(text, lang == Lang::Fr ? "Sources" : "Sources"));
        }
    }
}

TEST_CASE("the Sources button of the card and of the introduction asks for the sources view") {
    const float ppm = test::px_per_mm_43in(1920);
    HeadlessUi ui(ImVec2(1920, 1080), ppm);
    const ui::Layout& L = ui.layout();
    const ui::PanelModel athis = model_for("91027");
    ui::PanelResult last = ui::PanelResult::None;
    auto draw = [&] {
        const ui::PanelResult r = ui::draw_district_panel(athis, ui.ctx());
        if (r != ui::PanelResult::None) last = r;
    };
    ui.frame(draw);
    // The button sits at the bottom-right of the card, in the footer that never scrolls.
    const ImVec2 button(L.panel.max.x - L.padding - L.touch_min / 2, L.panel.max.y - L.padding - L.touch_min / 2);
    ui.tap(button, draw);
    CHECK(last == ui::PanelResult::ShowSources);

    const RepoData& d = RepoData::get();
    const ui::IntroModel intro = ui::make_intro_model(d.content, d.text, kMay2024);
    last = ui::PanelResult::None;
    auto draw_intro = [&] {
        const ui::PanelResult r = ui::draw_intro_panel(intro, ui.ctx());
        if (r != ui::PanelResult::None) last = r;
    };
    ui.frame(draw_intro);
    ui.tap(button, draw_intro);
    CHECK(last == ui::PanelResult::ShowSources);
}

TEST_CASE("panel: Paris tapped in an arrondissement names it ('Arrondissement : 8e — Élysée' / '8th — Élysée') and "
          "Paris from the list or the search has no such line", "[panel][arrondissements]") {
    const RepoData& d = RepoData::get();
    MapModel map;
    CommuneShape paris;
    paris.insee = "75056";
    paris.name = "Paris";
    paris.department = "75";
    paris.territory = "75056";
    paris.in_metropole = true;
    map.communes.push_back(paris);
    map.metropole_count = 1;
    Arrondissement eighth;
    eighth.insee = "75108";
    eighth.number = 8;
    eighth.name = "Paris 8e Arrondissement";
    eighth.usage_name = "Élysée";
    Arrondissement first = eighth;
    first.insee = "75101";
    first.number = 1;
    first.usage_name.clear();  // the geo API gives no usage name: the number alone
    map.arrondissements = {first, eighth};
    map.arrondissements_source = ArrondissementSource::VilleDeParis;

    const auto tapped = ui::make_panel_model("75056", d.content, d.membership, d.text, kMay2024, &map, 1);
    REQUIRE(tapped);
    CHECK(tapped->arrondissement == "75108");
    const ui::PanelLine* fr = find_line(tapped->fr, "Arrondissement");
    const ui::PanelLine* en = find_line(tapped->en, "Arrondissement");
    REQUIRE(fr);
    REQUIRE(en);
    CHECK(fr->value == "8e \xE2\x80\x94 Élysée");
    CHECK(en->value == "8th \xE2\x80\x94 Élysée");
    CHECK_FALSE(fr->missing);

    const auto first_tapped = ui::make_panel_model("75056", d.content, d.membership, d.text, kMay2024, &map, 0);
    REQUIRE(first_tapped);
    CHECK(find_line(first_tapped->fr, "Arrondissement")->value == "1er");
    CHECK(find_line(first_tapped->en, "Arrondissement")->value == "1st");

    const auto listed = ui::make_panel_model("75056", d.content, d.membership, d.text, kMay2024, &map);
    REQUIRE(listed);
    CHECK(listed->arrondissement.empty());
    CHECK_FALSE(find_line(listed->fr, "Arrondissement"));
    // An index that is not Paris's (a stale tap on another town) names nothing.
    const auto other = ui::make_panel_model("93066", d.content, d.membership, d.text, kMay2024, &map, 1);
    REQUIRE(other);
    CHECK_FALSE(find_line(other->fr, "Arrondissement"));
}
