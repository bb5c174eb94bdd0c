// The top strip (programme title, countdown, QR code) and the legend/attribution, after a headless frame.
#include <algorithm>
#include <cfloat>
#include <chrono>

#include "core/call_state.hpp"
#include "core/countdown.hpp"
#include "ui/banner.hpp"
#include "ui/legend.hpp"
#include "ui_test_support.hpp"
#include "../support/test_time.hpp"

using namespace qmi;
using qmi::testdata::contains;
using qmi::testdata::utc;
using namespace std::chrono_literals;
using qmi::test::HeadlessUi;
using qmi::test::RepoData;

namespace {

const ImU32 kQrDark = ui::to_u32(ui::palette::qr_dark);

// The five states of the calls, as a visitor sees them on the real content, in both languages.
struct StateCase {
    const char* label;
    date::sys_seconds now;
    BannerState::Phase phase;
    const char* badge_fr;
    const char* badge_en;
    ui::Rgba8 badge_color;
    const char* window_fr;
    const char* communes_fr;
    const char* communes_en;
    std::vector<std::string> highlighted;
};

std::vector<StateCase> state_cases() {
    const std::vector<std::string> phase1 = {"91027", "93001", "94033"}, phase2 = {"95018", "92040", "94071"};
    return {
        {"before", utc(2024, 5, 1, 10), BannerState::Before, "À venir", "Upcoming", ui::palette::state_upcoming,
         "Appel à projets — phase 1", "Athis-Mons, Aubervilliers et Fontenay-sous-Bois",
         "Athis-Mons, Aubervilliers and Fontenay-sous-Bois", phase1},
        {"open", utc(2024, 5, 20, 10), BannerState::Open, "Ouvert", "Open", ui::palette::state_open,
         "Appel à projets — phase 1", "Athis-Mons, Aubervilliers et Fontenay-sous-Bois",
         "Athis-Mons, Aubervilliers and Fontenay-sous-Bois", phase1},
        {"last day", utc(2024, 6, 16, 10), BannerState::LastDay, "Dernier jour", "Last day",
         ui::palette::state_last_day, "Appel à projets — phase 1", "Athis-Mons, Aubervilliers et Fontenay-sous-Bois",
         "Athis-Mons, Aubervilliers and Fontenay-sous-Bois", phase1},
        {"closed, later window", utc(2024, 7, 1, 10), BannerState::Between, "À venir", "Upcoming",
         ui::palette::state_upcoming, "Appel à projets — phase 2", "Argenteuil, Issy-les-Moulineaux et Sucy-en-Brie",
         "Argenteuil, Issy-les-Moulineaux and Sucy-en-Brie", phase2},
        {"after the last window", utc(2026, 12, 2, 10), BannerState::After, "Clos", "Closed",
         ui::palette::state_closed, "Appel à projets — phase 2", "Argenteuil, Issy-les-Moulineaux et Sucy-en-Brie",
         "Argenteuil, Issy-les-Moulineaux and Sucy-en-Brie", {}},
    };
}

}  // namespace

namespace {

// One frame with the legend card and the attribution strip; the text both drew.
std::string draw_legend_and_attribution(HeadlessUi& ui, const ui::LegendModel& legend) {
    return ui.frame([&] {
        ui::draw_legend(legend, ui.ctx());
        HeadlessUi::capture();
        ui::draw_attribution(legend, ui.ctx());
    });
}

}  // namespace

TEST_CASE("banner model in each state of the calls, both languages: badge, sentence, window, communes, QR card") {
    const RepoData& d = RepoData::get();
    const std::string page = *d.content.programme.page_url;
    for (const StateCase& c : state_cases()) {
        INFO(c.label);
        const ui::BannerModel fr = ui::make_banner_model(d.content, d.text, Lang::Fr, c.now);
        const ui::BannerModel en = ui::make_banner_model(d.content, d.text, Lang::En, c.now);
        const BannerState state = banner_state(d.content.call_windows, c.now);
        CHECK(fr.phase == c.phase);
        CHECK(fr.sentence == banner_text(state, Lang::Fr, d.text));
        CHECK(en.sentence == banner_text(state, Lang::En, d.text));
        CHECK(fr.badge == c.badge_fr);
        CHECK(en.badge == c.badge_en);
        CHECK(fr.badge_color == c.badge_color);
        CHECK(fr.window_name == c.window_fr);
        CHECK(fr.communes == c.communes_fr);
        CHECK(en.communes == c.communes_en);
        CHECK(fr.second_line == std::string(c.window_fr) + " : " + c.communes_fr);
        CHECK(fr.highlighted == c.highlighted);
        CHECK(fr.highlighted == districts_in_call(d.content, state));
        // No source gives a call page: the QR card never invites to apply, it opens the programme's page.
        CHECK(fr.qr_kind == QrCard::Kind::Programme);
        CHECK(fr.url == page);
        CHECK(fr.scan == "Scannez pour en savoir plus");
        CHECK(en.scan == "Scan to learn more");
        CHECK(fr.qr_source == "mgp-first-edition");
        CHECK(fr.valid_until == c.now + banner_next_change(d.content.call_windows, c.now));
        CHECK(fr.title == "Quartiers Métropolitains d'Innovation");
    }
}

TEST_CASE("the 2 December 2026 banner says what happened last, never a promise, and the QR card does not say apply") {
    const RepoData& d = RepoData::get();
    const ui::BannerModel fr = ui::make_banner_model(d.content, d.text, Lang::Fr, utc(2026, 12, 2, 10));
    const ui::BannerModel en = ui::make_banner_model(d.content, d.text, Lang::En, utc(2026, 12, 2, 10));
    CHECK(fr.sentence == "Le dernier appel à projets s'est clos le 23 février 2025");
    CHECK(en.sentence == "The last call for projects closed on 23 February 2025");
    CHECK_FALSE(contains(fr.sentence, "annoncé ultérieurement"));
    CHECK_FALSE(contains(fr.scan, "candidater"));
    CHECK(fr.url != "https://www.parisandco.paris");
}

namespace {

// Content with an application page (a source with a URL) for phase 1, to see the QR card follow the state.
Content with_apply_page(bool programme_page) {
    Content c = RepoData::get().content;
    Source apply;
    apply.id = "test-apply";
    apply.title = {"Candidater", "Apply"};
    apply.url = "https://example.org/apply";
    c.sources.push_back(apply);
    c.call_windows.front().apply_page = apply.id;
    c.call_windows.front().url = apply.url;
    if (!programme_page) {
        c.programme.page.reset();
        c.programme.page_url.reset();
    }
    return c;
}

}  // namespace

TEST_CASE("the QR card follows the state: apply while open, see the call while announced, else the programme page") {
    const RepoData& d = RepoData::get();
    const Content content = with_apply_page(true);
    struct Case {
        date::sys_seconds now;
        QrCard::Kind kind;
        const char* url;
        const char* scan_fr;
        const char* scan_en;
    };
    const std::string page = *content.programme.page_url;
    for (const Case& c : {Case{utc(2024, 5, 1, 10), QrCard::Kind::CallPage, "https://example.org/apply",
                               "Scannez pour découvrir l'appel", "Scan to see the call"},
                          Case{utc(2024, 5, 20, 10), QrCard::Kind::Apply, "https://example.org/apply",
                               "Scannez pour candidater", "Scan to apply"},
                          Case{utc(2024, 6, 16, 21), QrCard::Kind::Apply, "https://example.org/apply",
                               "Scannez pour candidater", "Scan to apply"},
                          // Phase 2 is announced but has no application page: the programme's page.
                          Case{utc(2024, 7, 1, 10), QrCard::Kind::Programme, page.c_str(),
                               "Scannez pour en savoir plus", "Scan to learn more"},
                          Case{utc(2026, 12, 2, 10), QrCard::Kind::Programme, page.c_str(),
                               "Scannez pour en savoir plus", "Scan to learn more"}}) {
        INFO(date::format("%F %R", c.now));
        const ui::BannerModel fr = ui::make_banner_model(content, d.text, Lang::Fr, c.now);
        const ui::BannerModel en = ui::make_banner_model(content, d.text, Lang::En, c.now);
        CHECK(fr.qr_kind == c.kind);
        CHECK(fr.url == c.url);
        CHECK(fr.scan == c.scan_fr);
        CHECK(en.scan == c.scan_en);
    }
}

TEST_CASE("banner and header windows exist after a frame, with the badge, the countdown, the communes and a QR code") {
    const RepoData& d = RepoData::get();
    HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920));
    ui::Banner banner;
    banner.update(d.content, d.text, Lang::Fr, utc(2024, 5, 1, 10));
    const std::string text = ui.frame([&] {
        banner.draw_header(ui.ctx());
        HeadlessUi::capture();
        banner.draw(ui.ctx());
        HeadlessUi::capture();
        banner.draw_qr_card(ui.ctx());
    });
    ImGuiWindow* header = HeadlessUi::window("##qmi_header");
    ImGuiWindow* strip = HeadlessUi::window("##qmi_banner");
    ImGuiWindow* qr = HeadlessUi::window("##qmi_qr");
    REQUIRE(header);
    REQUIRE(strip);
    REQUIRE(qr);
    CHECK(qr->Pos.x == ui.layout().qr.min.x);
    CHECK(strip->Pos.x == ui.layout().banner.min.x);
    CHECK(strip->Size.y == ui.layout().banner.height());
    CHECK(contains(text, "Quartiers Métropolitains d'Innovation"));
    CHECK(contains(text, "À venir"));
    CHECK(contains(text, banner.model().display_sentence));
    CHECK(contains(text, "Appel à projets — phase 1 : Athis-Mons, Aubervilliers et Fontenay-sous-Bois"));
    // The caption is drawn right-aligned against the QR code, on as many lines as it needs, ending with an arrow.
    CHECK(contains(text, "Scannez"));
    CHECK(contains(text, "plus\u00a0\u2192"));
    REQUIRE(banner.qr());
    // QR modules are the only pure-black pixels on screen.
    CHECK(HeadlessUi::vertices_of_color(qr, kQrDark) >= 4 * 3 * 7);  // at least the 3 finders' top rows
    // The badge is drawn in its state's colour.
    CHECK(HeadlessUi::vertices_of_color(strip, ui::to_u32(ui::palette::state_upcoming)) > 0);
}

TEST_CASE("on the last day the badge and the sentence are vermillion, other states draw no vermillion") {
    const RepoData& d = RepoData::get();
    const ImU32 vermillion = ui::to_u32(ui::palette::state_last_day);
    for (const StateCase& c : state_cases()) {
        INFO(c.label);
        for (Lang lang : {Lang::Fr, Lang::En}) {
            HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920), lang);
            ui::Banner banner;
            banner.update(d.content, d.text, lang, c.now);
            const std::string text = ui.frame([&] { banner.draw(ui.ctx()); });
            ImGuiWindow* strip = HeadlessUi::window("##qmi_banner");
            REQUIRE(strip);
            CHECK(contains(text, lang == Lang::Fr ? c.badge_fr : c.badge_en));
            CHECK(contains(text, lang == Lang::Fr ? c.communes_fr : c.communes_en));
            const int n = HeadlessUi::vertices_of_color(strip, vermillion);
            if (c.phase == BannerState::LastDay) CHECK(n > 100);  // the pill and every glyph of the sentence
            else CHECK(n == 0);
        }
    }
}

TEST_CASE("banner recomputes only when its sentence changes, and encodes the QR once") {
    const RepoData& d = RepoData::get();
    ui::Banner banner;
    const auto t0 = utc(2024, 5, 1, 10);
    banner.update(d.content, d.text, Lang::Fr, t0);
    const auto until = banner.model().valid_until;
    INFO("valid for " << (until - t0).count() << " s");
    REQUIRE(until > t0);
    for (auto t = t0; t < until; t += 1s) banner.update(d.content, d.text, Lang::Fr, t);
    CHECK(banner.rebuilds() == 1);
    banner.update(d.content, d.text, Lang::Fr, until);
    CHECK(banner.rebuilds() == 2);
    banner.update(d.content, d.text, Lang::En, until);  // language switch
    CHECK(banner.rebuilds() == 3);
    CHECK(banner.model().scan == "Scan to learn more");
    banner.update(d.content, d.text, Lang::En, t0);  // clock set back
    CHECK(banner.rebuilds() == 4);
    CHECK(banner.qr_encodes() == 1);  // same URL throughout
}

TEST_CASE("with no programme page and no call page there is no QR card at all, the countdown stays") {
    const RepoData& d = RepoData::get();
    Content content = d.content;
    content.programme.page.reset();
    content.programme.page_url.reset();
    HeadlessUi ui(ImVec2(1920, 1080));
    ui::Banner banner;
    banner.update(content, d.text, Lang::Fr, utc(2024, 6, 1, 12));  // phase 1 open
    CHECK(banner.qr() == nullptr);
    CHECK(banner.model().qr_kind == QrCard::Kind::None);
    CHECK(banner.model().url.empty());
    const std::string text = ui.frame([&] { banner.draw(ui.ctx()); });
    ImGuiWindow* strip = HeadlessUi::window("##qmi_banner");
    REQUIRE(strip);
    CHECK(HeadlessUi::vertices_of_color(strip, kQrDark) == 0);
    CHECK_FALSE(contains(text, "Scannez"));
    CHECK(contains(text, banner.model().display_sentence));
    CHECK_FALSE(banner.model().sentence.empty());
}

TEST_CASE("a call window's application page wins over the programme's page while the call is open") {
    const Content content = with_apply_page(false);
    const ui::BannerModel open = ui::make_banner_model(content, RepoData::get().text, Lang::Fr, utc(2024, 6, 1, 12));
    CHECK(open.url == "https://example.org/apply");
    CHECK(open.qr_source == "test-apply");
    // Once it closes there is nothing left to scan: no programme page in this content.
    const ui::BannerModel after = ui::make_banner_model(content, RepoData::get().text, Lang::Fr, utc(2026, 1, 1, 12));
    CHECK(after.url.empty());
    CHECK(after.qr_kind == QrCard::Kind::None);
}

TEST_CASE("legend: promotion colours with their names, borders, and the attribution of both sources") {
    const RepoData& d = RepoData::get();
    const ui::LegendModel legend = ui::make_legend_model(d.content, d.membership, d.text);
    const ui::LegendText& fr = legend.in(Lang::Fr);
    REQUIRE(fr.entries.size() >= 6);
    CHECK(fr.entries[0].color == ui::palette::promotion_1);
    CHECK(fr.entries[0].label == d.text.get("legend.promotion_first", Lang::Fr));
    CHECK(fr.entries[1].color == ui::palette::promotion_2);
    CHECK(fr.contours == "Contours : IGN – ADMIN EXPRESS, INSEE (Licence Ouverte)");
    CHECK(contains(fr.membership, "@etalab/decoupage-administratif 6.0.0"));
    CHECK_FALSE(contains(fr.membership, "data/epci.json"));

    HeadlessUi ui(ImVec2(1920, 1080));
    const std::string text = draw_legend_and_attribution(ui, legend);
    ImGuiWindow* w = HeadlessUi::window("##qmi_legend");
    REQUIRE(w);
    REQUIRE(HeadlessUi::window("##qmi_attribution"));
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::promotion_1)) > 0);
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::promotion_2)) > 0);
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::department_border)) > 0);
    for (const auto& e : fr.entries) CHECK(contains(text, e.label));
    CHECK(contains(text, "IGN – ADMIN EXPRESS"));
    CHECK(contains(text, "@etalab/decoupage-administratif 6.0.0"));
}

TEST_CASE("portrait: legend in two columns and attribution on two lines, all inside their regions") {
    const RepoData& d = RepoData::get();
    const ui::LegendModel legend = ui::make_legend_model(d.content, d.membership, d.text);
    HeadlessUi ui(ImVec2(1080, 1920), 0, Lang::En);
    const std::string text = draw_legend_and_attribution(ui, legend);
    ImGuiWindow* w = HeadlessUi::window("##qmi_legend");
    REQUIRE(w);
    // Nothing drawn outside the legend card (content fits in the rows the layout reserved).
    CHECK(w->ContentSize.y <= ui.layout().legend.height());
    for (const auto& e : legend.en.entries) CHECK(contains(text, e.label));
}

TEST_CASE("the countdown keeps numbers with their words when it wraps: no '13 / mai 2024' across two lines") {
    CHECK(ui::keep_numbers_with_words("dans 11 j 14 h 00 min — 13 mai 2024") ==
          "dans\u00a011\u00a0j\u00a014\u00a0h\u00a000\u00a0min —\u00a013\u00a0mai\u00a02024");
    CHECK(ui::keep_numbers_with_words("Candidatures closes") == "Candidatures closes");  // no digit: unchanged
    CHECK(ui::keep_numbers_with_words("") == "");
    const RepoData& d = RepoData::get();
    const ui::BannerModel m = ui::make_banner_model(d.content, d.text, Lang::Fr, utc(2024, 5, 1, 10));
    CHECK(m.display_sentence == ui::keep_numbers_with_words(m.sentence));
    CHECK(contains(m.display_sentence, "13\u00a0mai\u00a02024"));
}

TEST_CASE("the QR caption sits inside the QR card, right next to the code, at every target size") {
    const RepoData& d = RepoData::get();
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
        INFO(size.x << "x" << size.y);
        HeadlessUi ui(size, test::px_per_mm_43in(std::max(size.x, size.y)));
        ui::Banner banner;
        banner.update(d.content, d.text, Lang::Fr, utc(2024, 5, 1, 10));
        const std::string text = ui.frame([&] { banner.draw_qr_card(ui.ctx()); });
        ImGuiWindow* card = HeadlessUi::window("##qmi_qr");
        REQUIRE(card);
        // Everything drawn stays inside the card (nothing clipped off its edges), the caption is there whole with its
        // arrow towards the code, and the code has its full size.
        const ui::Rect& r = ui.layout().qr;
        CHECK(card->ContentSize.y <= r.height());
        CHECK(contains(text, "Scannez"));
        CHECK((contains(text, "\u2192") || contains(text, "\u2191")));
        float min_x = FLT_MAX, max_x = -FLT_MAX, min_y = FLT_MAX, max_y = -FLT_MAX;
        for (const ImDrawVert& v : card->DrawList->VtxBuffer)
            if (v.col == kQrDark) {
                min_x = std::min(min_x, v.pos.x);
                max_x = std::max(max_x, v.pos.x);
                min_y = std::min(min_y, v.pos.y);
                max_y = std::max(max_y, v.pos.y);
            }
        CHECK(r.contains(ui::Rect{ImVec2(min_x, min_y), ImVec2(max_x, max_y)}));
        INFO("qr_side " << ui.layout().qr_side << " card " << r.width() << "x" << r.height() << " modules "
                        << (banner.qr() ? banner.qr()->size : 0) << " dark x " << min_x << ".." << max_x);
        CHECK(max_x - min_x >= 0.55f * ui.layout().qr_side);  // the modules span the code (its quiet zone aside)
        // Every module at least 2 px and 0.5 mm: a phone reads it.
        REQUIRE(banner.qr());
        const float module = (max_x - min_x) / static_cast<float>(banner.qr()->size);
        CHECK(module >= 2.0f);
        CHECK(module / ui.layout().px_per_mm >= 0.5f);
    }
}

TEST_CASE("attribution: the arrondissements' publisher as loaded (Ville de Paris ODbL for the City's file, IGN for "
          "the geo API's), none without them, within the strip on every target screen", "[arrondissements]") {
    const RepoData& d = RepoData::get();
    const ui::LegendModel none = ui::make_legend_model(d.content, d.membership, d.text);
    CHECK(none.fr.arrondissements.empty());
    CHECK_FALSE(contains(none.fr.one_line, "Arrondissements"));
    const ui::LegendModel city =
        ui::make_legend_model(d.content, d.membership, d.text, ArrondissementSource::VilleDeParis);
    CHECK(city.fr.arrondissements == "Arrondissements : Ville de Paris (ODbL)");
    CHECK(city.en.arrondissements == "Arrondissements: Ville de Paris (ODbL)");
    CHECK(contains(city.fr.one_line, "Arrondissements : Ville de Paris (ODbL)"));
    const ui::LegendModel ign =
        ui::make_legend_model(d.content, d.membership, d.text, ArrondissementSource::IgnAdminExpress);
    CHECK(ign.fr.arrondissements == "Arrondissements : IGN – ADMIN EXPRESS (Licence Ouverte)");
    // The longest strip fits its region on each target screen (wrapped at most onto the lines reserved).
    for (const ImVec2 size : {ImVec2(1366, 768), ImVec2(1280, 1024), ImVec2(1920, 1080), ImVec2(1080, 1920),
                              ImVec2(3840, 2160)}) {
        INFO(size.x << "x" << size.y);
        HeadlessUi ui(size, test::px_per_mm_43in(std::max(size.x, size.y)));
        const std::string text = ui.frame([&] { ui::draw_attribution(ign, ui.ctx()); });
        ImGuiWindow* w = HeadlessUi::window("##qmi_attribution");
        REQUIRE(w);
        CHECK(contains(text, "Arrondissements : IGN"));
        CHECK(w->ContentSize.y <= ui.layout().attribution.height() + 1);
    }
}
