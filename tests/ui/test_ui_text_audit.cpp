// The proof sheet's text audit (ui/text_audit) on deliberately broken screens: a text too long for its box must be
// reported with its window and the text itself, a card body that scrolls by design must not be, and a character the
// font lacks must be found even though it looks like a "?". Headless ImGui frames with the kiosk's real fonts.
#include <algorithm>
#include <string>

#include "ui/attract_overlay.hpp"
#include "ui/info_panel.hpp"
#include "ui/text_audit.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using qmi::test::HeadlessUi;
using qmi::test::RepoData;
using Kind = ui::TextFinding::Kind;

namespace {

const ScreenGeometry k43in = screen_geometry(1920, 1080, 43, std::nullopt, 0);
const ScreenGeometry k32in = screen_geometry(1366, 768, 32, std::nullopt, 0);

const date::sys_seconds kMay2024 = date::sys_days(date::year(2024) / 5 / 1) + std::chrono::hours(10);

// Two frames (a window measures itself in the first one it appears in), the second one audited.
template <class Draw>
std::vector<ui::TextFinding> audit(HeadlessUi& ui, Draw&& draw, std::vector<ui::DrawnLine>* lines = nullptr) {
    ui.frame(draw);
    ui::TextAudit audit;
    ui.frame(draw);
    if (lines) *lines = audit.drawn_lines();
    return audit.inspect();
}

std::vector<ui::TextFinding> errors_of(const std::vector<ui::TextFinding>& all) {
    std::vector<ui::TextFinding> e;
    std::copy_if(all.begin(), all.end(), std::back_inserter(e), [](const ui::TextFinding& f) { return f.error(); });
    return e;
}

std::string dump(const std::vector<ui::TextFinding>& all) {
    std::string s;
    for (const ui::TextFinding& f : all)
        s += std::string(ui::finding_kind_name(f.kind)) + " in " + f.window + ": \"" + f.text + "\" (" +
             std::to_string(f.overflow_px) + " px)\n";
    return s;
}

ui::AttractCard attract_card(const std::string& challenge) {
    ui::AttractCard c;
    c.district = "Fontenay-sous-Bois";
    c.site = "Val-de-Fontenay Alouettes";
    c.promotion = "2e promotion \xC2\xB7 2024";
    c.challenge = challenge;
    c.hint = "Touchez pour d\xC3\xA9" "couvrir Fontenay-sous-Bois";
    return c;
}

// A fixed overlay window, as the kiosk's widgets draw theirs: no scrollbar, no scrolling. Lines wrapped at its
// edge, or not (a label).
void fixed_window(const char* name, ui::Rect r, const std::vector<std::string>& lines, bool wrap = true) {
    ui::next_window_on(r);
    ImGui::Begin(name, nullptr, ui::kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar);
    if (wrap) ImGui::PushTextWrapPos(0.0f);
    for (const std::string& l : lines) ImGui::TextUnformatted(l.c_str());
    if (wrap) ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace

TEST_CASE("text audit: an attract card taller than the map is reported as hidden text, a long one grows whole",
          "[text_audit]") {
    HeadlessUi ui(k32in);
    // A long challenge (380 characters): the card grows to hold it, every word on screen.
    std::string challenge;
    while (challenge.size() < 380) challenge += "Renforcer la cohésion urbaine, sociale et économique du quartier. ";
    CHECK(errors_of(audit(ui, [&] { ui::draw_attract_overlay(attract_card(challenge), ui.ctx()); })).empty());
    // One far too long for any card (the whole map's height): the end cannot be shown, and the audit says so.
    while (challenge.size() < 4000) challenge += "Renforcer la cohésion urbaine, sociale et économique du quartier. ";
    const std::vector<ui::TextFinding> found =
        errors_of(audit(ui, [&] { ui::draw_attract_overlay(attract_card(challenge), ui.ctx()); }));
    INFO(dump(found));
    REQUIRE_FALSE(found.empty());
    CHECK(found[0].window == "##qmi_attract");

    // The same card with the bundled districts: whole.
    for (const District& d : RepoData::get().content.districts) {
        for (Lang lang : {Lang::Fr, Lang::En}) {
            ui.set_lang(lang);
            const ui::AttractCard card = ui::make_attract_card(d, RepoData::get().content, RepoData::get().text, lang);
            const std::vector<ui::TextFinding> ok = audit(ui, [&] { ui::draw_attract_overlay(card, ui.ctx()); });
            INFO(d.commune << " " << lang_code(lang) << "\n" << dump(ok));
            CHECK(errors_of(ok).empty());
        }
    }
}

TEST_CASE("text audit: text clipped by its box and content hidden past it are reported with the text",
          "[text_audit]") {
    HeadlessUi ui(k43in);
    const ui::Rect box{ImVec2(100, 100), ImVec2(500, 220)};
    SECTION("a label wider than the box is clipped at its side") {
        const std::string url = "https://www.metropolegrandparis.fr/fr/quartiers-metropolitains-dinnovation-lancement";
        const std::vector<ui::TextFinding> found =
            errors_of(audit(ui, [&] { fixed_window("##qmi_sources_test", box, {"Source :", url}, false); }));
        INFO(dump(found));
        const auto clipped = std::find_if(found.begin(), found.end(), [](const auto& f) { return f.kind == Kind::Clipped; });
        REQUIRE(clipped != found.end());
        CHECK(clipped->horizontal);
        CHECK(clipped->text.rfind("https://www.metropolegrandparis.fr", 0) == 0);  // the line as drawn, its start
        CHECK(clipped->text != url);                                              // ... not its hidden end
        const auto hidden = std::find_if(found.begin(), found.end(), [](const auto& f) { return f.kind == Kind::Hidden; });
        REQUIRE(hidden != found.end());
        CHECK(hidden->horizontal);
        CHECK(hidden->overflow_px > 100);
    }
    SECTION("the same text wrapped at the box's edge runs past its bottom: clipped there, the rest hidden") {
        const std::string url = "https://www.metropolegrandparis.fr/fr/quartiers-metropolitains-dinnovation-lancement";
        const std::vector<ui::TextFinding> found =
            errors_of(audit(ui, [&] { fixed_window("##qmi_sources_test", box, {"Source :", url}); }));
        INFO(dump(found));
        REQUIRE(found.size() >= 1);
        for (const ui::TextFinding& f : found) CHECK_FALSE(f.horizontal);
    }
    SECTION("lines past the bottom of a box that cannot scroll are hidden; the last one shown is named") {
        std::vector<std::string> lines;
        for (int i = 1; i <= 12; ++i) lines.push_back("Ligne " + std::to_string(i));
        const std::vector<ui::TextFinding> found = errors_of(audit(ui, [&] { fixed_window("##qmi_test", box, lines); }));
        INFO(dump(found));
        const auto hidden = std::find_if(found.begin(), found.end(), [](const auto& f) { return f.kind == Kind::Hidden; });
        REQUIRE(hidden != found.end());
        CHECK_FALSE(hidden->horizontal);
        CHECK(hidden->window == "##qmi_test");
        CHECK(hidden->box_px < 130);
        CHECK(hidden->overflow_px > 100);
        CHECK(hidden->text.rfind("Ligne ", 0) == 0);
        CHECK(hidden->text != "Ligne 12");  // never drawn: not visible
    }
    SECTION("the same lines in a box tall enough: nothing to report") {
        const ui::Rect tall{ImVec2(100, 100), ImVec2(500, 1000)};
        std::vector<std::string> lines;
        for (int i = 1; i <= 12; ++i) lines.push_back("Ligne " + std::to_string(i));
        const std::vector<ui::TextFinding> found = audit(ui, [&] { fixed_window("##qmi_test", tall, lines); });
        INFO(dump(found));
        CHECK(found.empty());
    }
}

TEST_CASE("text audit: a card body that scrolls is a note, not an error, and its glyphs are whole (J, j)",
          "[text_audit]") {
    const RepoData& d = RepoData::get();
    // Athis-Mons: "Jean-Jacques Grousseau" starts a line of the body; a J's tail reaches left of its line.
    std::optional<ui::PanelModel> athis = ui::make_panel_model("91027", d.content, d.membership, d.text, kMay2024);
    REQUIRE(athis);
    for (const ScreenGeometry& screen : {k43in, k32in}) {
        HeadlessUi ui(screen);
        const std::vector<ui::TextFinding> found = audit(ui, [&] { ui::draw_district_panel(*athis, ui.ctx()); });
        INFO(screen.width_px << " px\n" << dump(found));
        CHECK(errors_of(found).empty());
        REQUIRE(found.size() == 1);
        CHECK(found[0].kind == Kind::Scrolls);
        CHECK(found[0].window.find("##qmi_panel_body") != std::string::npos);
        CHECK(found[0].overflow_px > 0);
    }
}

TEST_CASE("text audit: a character the fonts lack is found although it is drawn as a question mark, a real one is not",
          "[text_audit]") {
    HeadlessUi ui(k43in);
    const ui::Rect box{ImVec2(100, 100), ImVec2(900, 400)};
    // U+0416 is outside the kiosk's glyph ranges: content validation refuses it, but text the kiosk composes itself
    // or a font installed without a glyph would get through; the audit sees what is drawn.
    const std::vector<ui::TextFinding> found = errors_of(audit(
        ui, [&] { fixed_window("##qmi_test", box, {"Pourquoi pas ?", "Quartier \xD0\x96ukovski"}); }));
    INFO(dump(found));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == Kind::MissingGlyph);
    CHECK(found[0].window == "##qmi_test");
    CHECK(found[0].text == "Quartier ?ukovski");

    // Once the audit is over, the fonts draw their own fallback again.
    const ImFont* font = ui.fonts().body;
    const ImFontGlyph* fallback = font->FallbackGlyph;
    { ui::TextAudit scope; CHECK(font->FallbackGlyph != fallback); }
    CHECK(font->FallbackGlyph == fallback);
}

TEST_CASE("text audit: lines read back from the draw lists keep their words and spaces", "[text_audit]") {
    HeadlessUi ui(k43in);
    std::vector<ui::DrawnLine> lines;
    audit(ui, [&] { fixed_window("##qmi_test", {ImVec2(0, 0), ImVec2(1900, 300)}, {"Touchez la carte — Défi", "a  b"}); },
          &lines);
    std::vector<std::string> texts;
    for (const ui::DrawnLine& l : lines)
        if (l.window == "##qmi_test") texts.push_back(l.text);
    CHECK(texts == std::vector<std::string>{"Touchez la carte — Défi", "a  b"});
}
