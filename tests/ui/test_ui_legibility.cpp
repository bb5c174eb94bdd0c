// Legibility from two metres: capital heights measured on the rasterised glyphs, control sizes in millimetres and
// the --ui-report that prints them, on the five target screens. Also the palette's WCAG contrast ratios.
#include <cmath>
#include <string>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "../support/target_screens.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"
#include "ui/legend.hpp"
#include "ui/legibility_report.hpp"
#include "ui/theme.hpp"
#include "ui/type_scale.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace qmi::ui;

namespace {

// Fonts for a layout, rasterised into a real (CPU) atlas, as the kiosk does before its first frame.
struct BuiltFonts {
    explicit BuiltFonts(const Layout& L) {
        ImGui::CreateContext();
        fonts = load_fonts(*ImGui::GetIO().Fonts, L.fonts);
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    }
    ~BuiltFonts() { ImGui::DestroyContext(); }
    Fonts fonts;
};

}  // namespace

TEST_CASE("text roles: one table, the minimums of the brief, in order") {
    const auto& roles = text_roles();
    CHECK(spec(TextRole::Headline).min_cap_mm >= 15.0f);
    CHECK(spec(TextRole::CallToAction).min_cap_mm >= 15.0f);
    CHECK(spec(TextRole::Body).min_cap_mm >= 7.0f);
    CHECK(spec(TextRole::MapLabel).min_cap_mm >= 4.0f);
    for (size_t i = 0; i < roles.size(); ++i) {
        CHECK(static_cast<size_t>(roles[i].role) == i);
        CHECK(roles[i].min_cap_mm >= 3.5f);  // nothing below 3.5 mm
    }
}

TEST_CASE("type scale: capitals reach their minimum in mm after rounding, on any density") {
    for (float dpi : {50.0f, 60.0f, 72.0f, 96.0f, 110.0f, 163.0f, 220.0f, 300.0f}) {
        const TypeScale t = make_type_scale(dpi / 25.4f);
        INFO(dpi << " dpi");
        for (const TextRoleSpec& s : text_roles()) {
            INFO(s.name);
            CHECK(t.cap_mm(s.role) >= s.min_cap_mm);
            CHECK(t.cap_px(s.role) >= kMinCapPx - 1e-3f);
            // Not absurdly more than asked: at most one pixel of rounding, or the pixel floor.
            CHECK((t.cap_px(s.role) <= s.min_cap_mm * t.px_per_mm + t.cap_ratio + 1e-3f ||
                   t.size(s.role) <= std::ceil(kMinCapPx / t.cap_ratio)));
        }
        CHECK(t.mm(t.touch.button_px) >= TouchSpec::kButtonMm);
        CHECK(t.mm(t.touch.key_px) >= TouchSpec::kKeyMm);
        CHECK(t.mm(t.touch.min_px) >= TouchSpec::kMinMm);
    }
    // A font with taller capitals for its line needs smaller font sizes for the same capitals.
    const TypeScale open_sans = make_type_scale(2.0f, kOpenSansCapRatio), taller = make_type_scale(2.0f, 0.63f);
    CHECK(taller.size(TextRole::Body) < open_sans.size(TextRole::Body));
    CHECK(taller.cap_mm(TextRole::Body) >= 7.0f);
}

TEST_CASE("legibility report: every minimum holds on the five target screens, measured on the rasterised glyphs") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        const ScreenGeometry g = s.geometry();
        const Layout L = make_layout(g, Mounting{}, measured_cap_ratio());
        BuiltFonts built(L);
        REQUIRE(built.fonts.ok);
        const LegibilityReport computed = legibility_report(L, g);
        const LegibilityReport measured = legibility_report(L, g, &built.fonts);
        const std::string text = format_report(measured);
        INFO(text);
        CHECK(computed.ok());
        CHECK(measured.ok());
        CHECK(text.find("FAIL") == std::string::npos);
        REQUIRE(measured.text.size() == kTextRoleCount);
        for (size_t i = 0; i < kTextRoleCount; ++i) {
            INFO(measured.text[i].what);
            // The rasteriser's "H" is within a pixel of the computed capital height, never far below it.
            CHECK(measured.text[i].px >= computed.text[i].px - 1.0f);
            CHECK(measured.text[i].px <= computed.text[i].px + 1.5f);
            CHECK(measured.text[i].value >= measured.text[i].minimum);
        }
        // What the brief quotes: headline and call to action >= 15 mm, body >= 7 mm, map labels >= 4 mm.
        CHECK(measured.text[0].value >= 15.0f);
        CHECK(measured.text[1].value >= 15.0f);
        CHECK(measured.text[3].value >= 7.0f);
        CHECK(measured.text[4].value >= 4.0f);
        CHECK(text.find("headline") != std::string::npos);
        CHECK(text.find("mm") != std::string::npos);
        if (L.orientation == Orientation::Portrait) CHECK(text.find("band 0.40 - 1.20 m") != std::string::npos);
    }
}

TEST_CASE("legibility report: a screen too small for its promises says FAIL") {
    // A portrait totem hung with its bottom edge at 1.5 m: no control can be within reach, and the report says so
    // instead of printing ok everywhere.
    const ScreenGeometry g = test::target_screens()[3].geometry();
    const Layout L = make_layout(g, Mounting{1.5});
    const LegibilityReport r = legibility_report(L, g);
    CHECK_FALSE(r.ok());
    CHECK(format_report(r).find("FAIL") != std::string::npos);
}

TEST_CASE("the longest district name fits a list button on one line on every target screen") {
    const auto& data = test::RepoData::get();
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        const Layout L = make_layout(s.geometry());
        BuiltFonts built(L);
        float longest = 0;
        std::string name;
        for (const District& d : data.content.districts) {
            const ImVec2 size = built.fonts.body_bold->CalcTextSizeA(L.fonts.body, FLT_MAX, 0, d.commune.c_str());
            if (size.x > longest) longest = size.x, name = d.commune;
        }
        INFO(name << " is " << longest << " px");
        // The layout estimates 7.2 body sizes for it; the list button has that plus a chip and padding.
        CHECK(longest <= 7.2f * L.fonts.body);
    }
}

TEST_CASE("the attribution fits the lines the layout reserved for it") {
    const auto& data = test::RepoData::get();
    const LegendModel legend = make_legend_model(data.content, data.membership, data.text);
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        const Layout L = make_layout(s.geometry());
        BuiltFonts built(L);
        const int lines = static_cast<int>(std::lround((L.attribution.height() - L.padding) / L.fonts.small));
        for (const LegendText* t : {&legend.fr, &legend.en}) {
            const float w = built.fonts.small->CalcTextSizeA(L.fonts.small, FLT_MAX, 0, t->one_line.c_str()).x;
            INFO(t->one_line << ": " << w << " px, " << lines << " line(s) of " << L.attribution.width() - 2 * L.padding);
            CHECK(w <= lines * (L.attribution.width() - 2 * L.padding));
        }
    }
}

TEST_CASE("contrast: every palette pair the kiosk uses meets WCAG (text 4.5:1, shapes and controls 3:1)") {
    // The relative luminance formula, checked on known values first.
    CHECK(relative_luminance(Rgba8{0, 0, 0}) == Approx(0.0));
    CHECK(relative_luminance(Rgba8{255, 255, 255}) == Approx(1.0));
    CHECK(contrast_ratio(Rgba8{0, 0, 0}, Rgba8{255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio(Rgba8{0x77, 0x77, 0x77}, Rgba8{255, 255, 255}) == Approx(4.48).epsilon(0.005));
    // What the issue measured before: grey buttons on the banner strip 1.11:1, Okabe-Ito orange on grey 1.74:1.
    CHECK(contrast_ratio(Rgba8{0xE5, 0xE7, 0xEB}, Rgba8{0xF1, 0xF3, 0xF6}) == Approx(1.11).epsilon(0.01));
    CHECK(contrast_ratio(Rgba8{0xE6, 0x9F, 0x00}, Rgba8{0xE4, 0xE2, 0xDC}) == Approx(1.74).epsilon(0.01));

    for (const ContrastPair& p : contrast_pairs()) {
        const double ratio = contrast_ratio(over(p.fg, p.bg), p.bg);
        INFO(p.what << ": " << ratio << ":1");
        CHECK(ratio >= p.min_ratio);
    }
    // The palette stays Okabe-Ito for the promotions (colour-blind safe) and the two promotions differ in hue.
    CHECK(promotion_color(1) == Rgba8{0x00, 0x72, 0xB2});
    CHECK(promotion_color(2) == Rgba8{0xD5, 0x5E, 0x00});
    // Map fills come from one function: districts by promotion, members grey, the rest lighter.
    CHECK(commune_fill(true, 1) == palette::promotion_1);
    CHECK(commune_fill(true, 0) == palette::other_commune);
    CHECK(commune_fill(false, 0) == palette::outside_commune);
    // Dimming lightens every fill and keeps it opaque.
    for (Rgba8 c : {palette::promotion_1, palette::promotion_2, palette::other_commune}) {
        const Rgba8 d = dimmed(c);
        CHECK(d.a == 255);
        CHECK(relative_luminance(d) > relative_luminance(c));
    }
}

// Not run by default: prints the --ui-report of the five target screens (build/qmi_adapter_tests "[.ui-report]").
TEST_CASE("ui report of the five target screens", "[.ui-report]") {
    for (const test::TargetScreen& s : test::target_screens()) {
        const ScreenGeometry g = s.geometry();
        const Layout L = make_layout(g, Mounting{}, measured_cap_ratio());
        BuiltFonts built(L);
        std::printf("== %s\n%s\n", s.name, format_report(legibility_report(L, g, &built.fonts)).c_str());
    }
}
