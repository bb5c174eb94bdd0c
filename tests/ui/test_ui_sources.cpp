// The "Sources" view a visitor opens from a card: every source of the facts on screen, with what it is used for
// and how recent, then the map's and the membership's attributions; "Retour" goes back to the card.
#include <algorithm>

#include "ui/sources_view.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace qmi::test;  // HeadlessUi, RepoData, utc, contains

namespace {

const ui::SourceEntry* entry(const ui::SourcesText& t, const std::string& id) {
    for (const auto& e : t.entries)
        if (e.id == id) return &e;
    return nullptr;
}

ui::SourcesModel sources_for(const char* insee, date::sys_seconds now) {
    const RepoData& d = RepoData::get();
    return ui::make_sources_model(d.content, d.membership, d.text, insee, now);
}

}  // namespace

TEST_CASE("a district's sources: each with what it vouches for and how recent") {
    const ui::SourcesModel athis = sources_for("91027", utc(2024, 5, 20, 10));
    const ui::SourcesText& fr = athis.in(Lang::Fr);
    CHECK(athis.insee == "91027");
    CHECK(fr.title == "Sources des informations affichées");
    const ui::SourceEntry* announcement = entry(fr, "announcement-2024-02");
    REQUIRE(announcement);
    CHECK(contains(announcement->title, "In 2024, 6 new metropolitan innovation districts to join the QMI scheme"));
    CHECK(contains(announcement->location, "sans adresse web connue"));  // a document, no URL
    CHECK(contains(announcement->publisher, "Publiée : février 2024"));
    for (const char* fact : {"participation au programme", "maire", "défi", "quartier d'innovation", "appel à projets"})
        CHECK(contains(announcement->used_for, fact));
    CHECK(announcement->as_of == "Informations datées jusqu'à février 2024");
    const ui::SourceEntry* experiments = entry(fr, "traitsurbains-facilitatrice");
    REQUIRE(experiments);
    CHECK(contains(experiments->used_for, "expérimentations"));
    CHECK(experiments->location == "https://traitsurbains.fr/tendances/540-la-metropole-du-grand-paris-facilitatrice-dinnovation-urbaine");
    // The page the QR code opens is listed as such, and the attributions close the list.
    const ui::SourceEntry* page = entry(fr, "mgp-first-edition");
    REQUIRE(page);
    CHECK(contains(page->used_for, "code QR"));
    REQUIRE(fr.entries.size() >= 2);
    CHECK(contains(fr.entries.back().title, "IGN – ADMIN EXPRESS"));
    CHECK(contains(fr.entries[fr.entries.size() - 2].title, "@etalab/decoupage-administratif 6.0.0"));
    // Nothing is listed that no fact on screen uses: Meudon's mayor's source is not Athis-Mons's.
    CHECK_FALSE(entry(fr, "boursorama-meudon"));
    const ui::SourceEntry* en = entry(athis.in(Lang::En), "announcement-2024-02");
    REQUIRE(en);
    CHECK(contains(en->used_for, "Used for: place in the programme, mayor"));
}

TEST_CASE("Meudon's mayor comes with its July 2025 source, the introduction lists the programme's sources") {
    const ui::SourcesModel meudon = sources_for("92048", utc(2026, 12, 2, 10));
    const ui::SourceEntry* mayor = entry(meudon.in(Lang::Fr), "boursorama-meudon");
    REQUIRE(mayor);
    CHECK(mayor->used_for == "Pour : maire");
    CHECK(contains(mayor->publisher, "Publiée : juillet 2025"));
    CHECK(mayor->as_of == "Informations datées jusqu'à juillet 2025");
    // After the last window the banner names phase 2: its source is on screen too.
    CHECK(entry(meudon.in(Lang::Fr), "mgp-phase-2-launch"));

    const ui::SourcesModel intro = sources_for("", utc(2026, 12, 2, 10));
    CHECK(intro.insee.empty());
    for (const char* id : {"announcement-2024-02", "mgp-first-edition", "smartcitymag-closing",
                           "traitsurbains-facilitatrice", "mgp-phase-2-launch"})
        CHECK(entry(intro.in(Lang::Fr), id));
    // A commune that is not a district: only what the banner and the map say.
    const ui::SourcesModel montreuil = sources_for("93048", utc(2026, 12, 2, 10));
    CHECK_FALSE(entry(montreuil.in(Lang::Fr), "boursorama-meudon"));
    CHECK(entry(montreuil.in(Lang::Fr), "mgp-phase-2-launch"));
}

TEST_CASE("the sources view draws in the panel area and 'Retour' closes it") {
    const ui::SourcesModel athis = sources_for("91027", utc(2024, 5, 20, 10));
    for (Lang lang : {Lang::Fr, Lang::En}) {
        HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920), lang);
        const ui::Layout& L = ui.layout();
        bool closed = false;
        auto draw = [&] {
            if (ui::draw_sources_view(athis, ui.ctx()) == ui::SourcesResult::Close) closed = true;
        };
        const std::string text = ui.frame(draw);
        ImGuiWindow* w = HeadlessUi::window("##qmi_panel");
        REQUIRE(w);
        CHECK(w->Pos.x == L.panel.min.x);
        CHECK(contains(text, athis.in(lang).title));
        CHECK(contains(text, athis.in(lang).entries.front().title));
        CHECK(contains(text, lang == Lang::Fr ? "Retour" : "Back"));
        // The back button at the top right, like the card's close button.
        ui.tap(ImVec2(L.panel.max.x - L.padding - 4, L.panel.min.y + L.padding + 4), draw);
        CHECK(closed);
        closed = false;
        ui.tap(ImVec2(L.panel.min.x + L.panel.width() / 2, L.panel.max.y - L.padding - 4), draw);
        CHECK_FALSE(closed);
    }
}
