// Which characters the kiosk can draw, read from the character maps of the Debian font files load_fonts() uses:
// all of French, the typography of the content (— ’ « » …, no-break spaces), and nothing it would draw as "?".
#include <catch2/catch.hpp>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
#include "core/ui_text.hpp"
#include "ui/glyph_coverage.hpp"
#include "ui_test_support.hpp"

using namespace qmi;

TEST_CASE("the fonts' coverage: French and its typography yes, Cyrillic, CJK, emoji no") {
    std::string error;
    const auto coverage = ui::load_glyph_coverage(ui::open_sans_files(), &error);
    INFO(error);
    REQUIRE(coverage);
    for (char32_t c : {U'a', U'Z', U'0', U' ', U'é', U'è', U'ê', U'à', U'ç', U'ô', U'û', U'ï', U'œ', U'Œ', U'Ÿ', U'É',
                       U'«', U'»', U'—', U'–', U'’', U'“', U'”', U'…', U'€', U'²', U'°', U'·', U'→', U'\u00a0',
                       U'\u202f', U'&'}) {
        INFO(code_point_name(c));
        CHECK(coverage->covers(c));
    }
    for (char32_t c : {U'Ж', U'中', U'😀', U'✓', U'\u0416', U'\u2713', U'\u0001', U'\uFFFD'}) {
        INFO(code_point_name(c));
        CHECK_FALSE(coverage->covers(c));
    }
    CHECK(coverage->count() > 400);
    const GlyphPredicate p = coverage->predicate();
    CHECK(p(U'é'));
    CHECK_FALSE(p(U'Ж'));
    CHECK(ui::kiosk_glyph_predicate());  // the fonts are installed here: a real predicate
    CHECK(ui::kiosk_glyph_predicate()(U'œ'));
}

TEST_CASE("a missing or broken font file falls back to DejaVu Sans, as load_fonts does") {
    for (const ui::FontFiles& broken : {ui::FontFiles{"/nonexistent/a.ttf", "/nonexistent/b.ttf", "/nonexistent/c.ttf"},
                                        ui::FontFiles{"/", "/etc/hostname", "/dev/null"}}) {
        const auto coverage = ui::load_glyph_coverage(broken);
        REQUIRE(coverage);
        CHECK(coverage->covers(U'é'));
        CHECK(coverage->covers(U'\u202f'));
        CHECK_FALSE(coverage->covers(U'Ж'));
    }
}

TEST_CASE("the bundled content.json and ui-text.json pass the real fonts' check, a Cyrillic mayor does not") {
    const qmi::test::RepoData& d = qmi::test::RepoData::get();
    const GlyphPredicate& drawable = ui::kiosk_glyph_predicate();
    const ContentLoad content =
        load_content_file(QMI_SOURCE_ROOT "/config/content.json", "config/content.json", d.membership, drawable);
    for (const auto& e : content.errors) UNSCOPED_INFO(e.message());
    CHECK(content.errors.empty());
    const UiTextLoad text = load_ui_text(QMI_SOURCE_ROOT "/config/ui-text.json", drawable);
    for (const auto& e : text.errors) UNSCOPED_INFO(e.message());
    CHECK(text.errors.empty());

    Json j = Json::parse(qmi::testdata::read(QMI_SOURCE_ROOT "/config/content.json"));
    j["districts"][4]["mayor"]["name"] = "Жан-Жак Грусо";
    const ContentLoad bad = parse_content(j.dump(), "config/content.json", d.membership, drawable);
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].path == "/districts/4/mayor/name");
    CHECK(bad.errors[0].reason.find("U+0416") != std::string::npos);
}
