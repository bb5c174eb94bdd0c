// The search keyboard: a visitor types a few letters on an AZERTY keyboard and taps the town; keys are >= 15 mm,
// everything fits its overlay on the five target screens, and in portrait the keyboard is within reach.
#include <string>

#include <catch2/catch.hpp>

#include "../support/target_screens.hpp"
#include "core/commune_search.hpp"
#include "ui/search_keyboard.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using qmi::test::HeadlessUi;
using qmi::test::RepoData;

namespace {

const CommuneSearch& index() {
    static const CommuneSearch s(RepoData::get().membership, RepoData::get().content);
    return s;
}

const ui::KeyboardKey* find_key(const ui::KeyboardGeometry& g, const std::string& text,
                                ui::KeyboardKey::Kind kind = ui::KeyboardKey::Kind::Char) {
    for (const ui::KeyboardKey& k : g.keys)
        if (k.kind == kind && (kind != ui::KeyboardKey::Kind::Char || k.text == text)) return &k;
    return nullptr;
}

}  // namespace

TEST_CASE("keyboard: typing EPINAY then tapping the first result chooses Épinay-sur-Seine") {
    HeadlessUi ui(test::target_screens()[2].geometry());
    ui::SearchKeyboard kb(&index());
    std::vector<ui::SearchKeyboardResult> results;
    auto draw = [&] {
        const ui::SearchKeyboardResult r = kb.draw(ui.ctx());
        if (r.kind != ui::SearchKeyboardResult::Kind::None) results.push_back(r);
    };
    const std::string empty = ui.frame(draw);
    CHECK(empty.find("Tapez le nom") != std::string::npos);  // the placeholder says what to do
    const ui::KeyboardGeometry g = ui::keyboard_geometry(ui.layout());
    for (const char* letter : {"E", "P", "I", "N", "A", "Y"}) {
        const ui::KeyboardKey* k = find_key(g, letter);
        REQUIRE(k);
        ui.tap(k->rect.center(), draw);
    }
    CHECK(kb.query() == "EPINAY");
    REQUIRE(results.size() == 6);
    CHECK(results.back().kind == ui::SearchKeyboardResult::Kind::Typed);
    CHECK(results.back().key == "Y");
    REQUIRE_FALSE(kb.matches().empty());
    CHECK(kb.matches().front().name == "\xC3\x89pinay-sur-Seine");
    const std::string shown = ui.frame(draw);
    CHECK(shown.find("\xC3\x89pinay-sur-Seine") != std::string::npos);
    results.clear();
    ui.tap(g.results[0].center(), draw);
    REQUIRE(results.size() == 1);
    CHECK(results[0].kind == ui::SearchKeyboardResult::Kind::Chosen);
    CHECK(results[0].insee == "93031");
}

TEST_CASE("keyboard: backspace, clear, space, close, districts marked, no match said plainly") {
    HeadlessUi ui(test::target_screens()[0].geometry());
    ui::SearchKeyboard kb(&index());
    ui::SearchKeyboardResult last;
    auto draw = [&] {
        const ui::SearchKeyboardResult r = kb.draw(ui.ctx());
        if (r.kind != ui::SearchKeyboardResult::Kind::None) last = r;
    };
    ui.frame(draw);
    const ui::KeyboardGeometry g = ui::keyboard_geometry(ui.layout());
    kb.type("ST DENISX");
    ui.tap(find_key(g, "", ui::KeyboardKey::Kind::Backspace)->rect.center(), draw);
    CHECK(kb.query() == "ST DENIS");
    CHECK(last.key == "\b");
    REQUIRE_FALSE(kb.matches().empty());
    CHECK(kb.matches().front().name == "Saint-Denis");
    ui.tap(find_key(g, "", ui::KeyboardKey::Kind::Clear)->rect.center(), draw);
    CHECK(kb.query().empty());
    CHECK(kb.matches().empty());
    ui.tap(find_key(g, "", ui::KeyboardKey::Kind::Space)->rect.center(), draw);
    CHECK(kb.query() == " ");
    CHECK(kb.matches().empty());  // a space alone searches nothing
    kb.clear();
    kb.type("ISSY");
    const std::string issy = ui.frame(draw);
    CHECK(issy.find("Issy-les-Moulineaux") != std::string::npos);
    CHECK(issy.find("Quartier QMI") != std::string::npos);  // a district says so
    kb.clear();
    kb.type("ZZZ");
    const std::string none = ui.frame(draw);
    CHECK(none.find("Aucune ville") != std::string::npos);
    ui.tap(g.close.center(), draw);
    CHECK(last.kind == ui::SearchKeyboardResult::Kind::Close);
    // A stuck finger cannot grow the text without end; backspace removes whole characters.
    for (int i = 0; i < 100; ++i) kb.type("A");
    CHECK(kb.query().size() <= ui::SearchKeyboard::kMaxQueryBytes);
    kb.clear();
    kb.type("\xC3\xA9");
    kb.backspace();
    CHECK(kb.query().empty());
    kb.backspace();  // on empty: nothing
    CHECK(kb.query().empty());
}

TEST_CASE("keyboard on the five target screens: AZERTY keys >= 15 mm, all inside the overlay, reachable in portrait") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const ui::Layout& L = ui.layout();
        ui::SearchKeyboard kb(&index());
        const std::string text = ui.frame([&] { kb.draw(ui.ctx()); });
        const ui::KeyboardGeometry g = ui::keyboard_geometry(L);
        CHECK(g.keys.size() == 10 + 10 + 8 + 1 + 2);
        // The AZERTY order on the first row.
        std::string first_row;
        for (size_t i = 0; i < 10; ++i) first_row += g.keys[i].text;
        CHECK(first_row == "AZERTYUIOP");
        for (const ui::KeyboardKey& k : g.keys) {
            INFO("key " << k.text);
            CHECK(L.keyboard.contains(k.rect));
            CHECK(k.rect.width() / L.px_per_mm >= ui::TouchSpec::kKeyMm - 0.01f);
            CHECK(k.rect.height() / L.px_per_mm >= ui::TouchSpec::kKeyMm);
        }
        for (size_t i = 0; i < g.keys.size(); ++i)
            for (size_t j = i + 1; j < g.keys.size(); ++j) CHECK_FALSE(g.keys[i].rect.overlaps(g.keys[j].rect));
        for (const ui::Rect& r : g.results) {
            CHECK(L.keyboard.contains(r));
            CHECK(r.height() / L.px_per_mm >= ui::TouchSpec::kButtonMm);
        }
        CHECK(L.keyboard.contains(g.field));
        CHECK(L.keyboard.contains(g.close));
        CHECK(text.find("Effacer") != std::string::npos);
        CHECK(text.find("Espace") != std::string::npos);
        if (L.orientation == ui::Orientation::Portrait) {
            CHECK(L.keyboard.min.y >= L.reach.top_px);
            CHECK(L.keyboard.max.y <= L.reach.bottom_px);
        }
    }
}
