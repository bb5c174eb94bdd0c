// Fonts: every French character must render as itself (ImGui's built-in font would show "?" for "é").
#include <cstring>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "ui/fonts.hpp"

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
    explicit AtlasFixture(float scale, const FontFiles& files = open_sans_files()) {
        ImGui::CreateContext();
        fonts = load_fonts(*ImGui::GetIO().Fonts, scale, files);
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
        return {fonts.body, fonts.body_bold, fonts.small, fonts.title, fonts.banner, fonts.label};
    }
    Fonts fonts;
    bool built = false;
    int width = 0, height = 0;
};

// French text, typographic punctuation and the no-break spaces French typesetting puts before ; : ! ? and in « ».
const char* const kFrench = "éèêëàâçôûùïîÉÈÀÇŒœ—–’«»…€·°\u00A0\u202F";

}  // namespace

TEST_CASE("Open Sans is loaded in every size with glyphs for all of French") {
    AtlasFixture a(1.0f);
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
    CHECK(a.fonts.body->FontSize == 22);
    CHECK(a.fonts.title->FontSize == 34);
}

TEST_CASE("sizes scale with the ui scale: a 4K screen gets twice the pixels") {
    const FontSizes hd = font_sizes(1.0f), uhd = font_sizes(2.0f);
    CHECK(uhd.body == 2 * hd.body);
    CHECK(uhd.title == 2 * hd.title);
    CHECK(uhd.small == 2 * hd.small);
    AtlasFixture a(2.0f);
    REQUIRE(a.fonts.ok);
    CHECK(a.fonts.body->FontSize == 44);
    CHECK(a.fonts.banner->FontSize == 60);
    CHECK(a.fonts.body->FindGlyphNoFallback(0x00E9) != nullptr);  // é
}

TEST_CASE("a missing Open Sans file falls back to DejaVu Sans, never to the ASCII default") {
    FontFiles missing{"/nonexistent/OpenSans-Regular.ttf", "/nonexistent/OpenSans-Semibold.ttf",
                      QMI_SOURCE_ROOT "/CMakeLists.txt"};  // exists but is not a font
    AtlasFixture a(1.0f, missing);
    REQUIRE(a.fonts.ok);
    CHECK(a.fonts.fallback);
    REQUIRE(a.built);
    for (ImFont* f : a.all())
        for (ImWchar c : code_points(kFrench)) {
            INFO("U+" << std::hex << static_cast<int>(c));
            CHECK(f->FindGlyphNoFallback(c) != nullptr);
        }
    CHECK(ImGui::GetIO().Fonts->Fonts.Size == 6);
}
