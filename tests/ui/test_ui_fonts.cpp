// Fonts: every French character must render as itself (ImGui's built-in font would show "?" for "é").
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "ui/fonts.hpp"
#include "ui/type_scale.hpp"

using namespace qmi::ui;

namespace {

// UTF-8 -> code points (test strings are valid UTF-8).
std::vector<ImWchar> code_points(const char* utf8) {
    std::vector<ImWchar> out;
    const char* end = utf8 + std::strlen(utf8);
    while (utf8 < end) {
        unsigned int c = 0;
        utf8 += ImTextCharFromUtf8(&c, utf8, end);
        out.push_back(static_cast<ImWchar>(c));
    }
    return out;
}

struct AtlasFixture {
    explicit AtlasFixture(const FontSizes& sizes, const FontFiles& files = open_sans_files()) {
        ImGui::CreateContext();
        fonts = load_fonts(*ImGui::GetIO().Fonts, sizes, files);
        unsigned char* px;
        int w, h;
        w = h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        built = w > 0 && h > 0 && ImGui::GetIO().Fonts->IsBuilt();
        width = w;
        height = h;
    }
    ~AtlasFixture() { ImGui::DestroyContext(); }
    std::vector<ImFont*> all() const {
        return {fonts.body, fonts.body_bold, fonts.small, fonts.title, fonts.banner, fonts.label, fonts.headline};
    }
    Fonts fonts;
    bool built = false;
    int width = 0, height = 0;
};

// A 43" 1080p screen: 1920 px over 952 mm.
FontSizes sizes_43in() { return font_sizes(make_type_scale(1920.0f / 952.0f)); }

// French text, typographic punctuation and the no-break spaces French typesetting puts before ; : ! ? and in « ».
const char* const kFrench = "éèêëàâçôûùïîÉÈÀÇŒœ—–’«»…€·°\u00A0\u202F";

}  // namespace

TEST_CASE("Open Sans is loaded in every size with glyphs for all of French") {
    AtlasFixture a(sizes_43in());
    REQUIRE(a.fonts.ok);
    CHECK_FALSE(a.fonts.fallback);
    REQUIRE(a.built);
    CHECK(ImGui::GetIO().FontDefault == a.fonts.body);
    for (ImFont* f : a.all()) {
        REQUIRE(f);
        for (ImWchar c : code_points(kFrench)) {
            INFO("font " << f->GetDebugName() << " U+" << std::hex << static_cast<int>(c));
            CHECK(f->FindGlyphNoFallback(c) != nullptr);
        }
    }
    // The atlas holds our fonts only: no ProggyClean (ImGui's ASCII default) slipped in.
    for (const ImFontConfig& cfg : ImGui::GetIO().Fonts->ConfigData)
        CHECK(std::string(cfg.Name).find("Proggy") == std::string::npos);
    // Body capitals 7 mm on a 43" screen: 14.1 px of capital, so a 27 px Open Sans line.
    CHECK(a.fonts.body->FontSize == 27);
    CHECK(a.fonts.headline->FontSize == 58);
    CHECK(a.fonts.banner->FontSize == 58);
}

TEST_CASE("the cap-height ratio is read from the font file itself") {
    const std::optional<float> open_sans = cap_ratio_of_file(open_sans_files().regular);
    REQUIRE(open_sans);
    // Open Sans: capital H 1462 units high, line (hhea ascent - descent) 2189 + 600 units.
    CHECK(*open_sans == Approx(1462.0 / 2789.0).epsilon(1e-4));
    CHECK(measured_cap_ratio() == Approx(kOpenSansCapRatio).epsilon(1e-4));
    // DejaVu Sans has taller capitals for its line: a fallback font gets sizes computed with its own ratio.
    const std::optional<float> dejavu = cap_ratio_of_file(dejavu_files().regular);
    REQUIRE(dejavu);
    CHECK(*dejavu > 0.55f);
    CHECK(*dejavu < 0.7f);
    CHECK_FALSE(cap_ratio_of_file(QMI_SOURCE_ROOT "/CMakeLists.txt"));
    CHECK_FALSE(cap_ratio_of_file("/nonexistent.ttf"));
    // Nothing readable: the known Open Sans ratio, not a guess of 1.
    CHECK(measured_cap_ratio({"/nonexistent/a.ttf", "/nonexistent/b.ttf", "/nonexistent/c.ttf"}) > 0.5f);
}

TEST_CASE("a 4K 55-inch screen gets bigger fonts in pixels, the same capitals in millimetres") {
    const TypeScale hd = make_type_scale(1920.0f / 952.0f), uhd = make_type_scale(3840.0f / 1218.0f);
    const FontSizes a = font_sizes(hd), b = font_sizes(uhd);
    CHECK(b.body > a.body);
    CHECK(b.headline > a.headline);
    CHECK(uhd.cap_mm(TextRole::Body) == Approx(hd.cap_mm(TextRole::Body)).epsilon(0.05));
    AtlasFixture atlas(b);
    REQUIRE(atlas.fonts.ok);
    CHECK(atlas.fonts.body->FontSize == b.body);
    CHECK(atlas.fonts.body->FindGlyphNoFallback(0x00E9) != nullptr);  // é
}

TEST_CASE("a missing Open Sans file falls back to DejaVu Sans, never to the ASCII default") {
    FontFiles missing{"/nonexistent/OpenSans-Regular.ttf", "/nonexistent/OpenSans-Semibold.ttf",
                      QMI_SOURCE_ROOT "/CMakeLists.txt"};  // exists but is not a font
    AtlasFixture a(sizes_43in(), missing);
    REQUIRE(a.fonts.ok);
    CHECK(a.fonts.fallback);
    REQUIRE(a.built);
    for (ImFont* f : a.all())
        for (ImWchar c : code_points(kFrench)) {
            INFO("U+" << std::hex << static_cast<int>(c));
            CHECK(f->FindGlyphNoFallback(c) != nullptr);
        }
    CHECK(ImGui::GetIO().Fonts->Fonts.Size == 7);
}
