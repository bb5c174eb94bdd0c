// The kiosk's fonts: Open Sans (Debian fonts-open-sans) in a few sizes, with glyphs for all of French.
// ImGui's built-in font is ASCII only ("é" would show as "?"), so it is never used.
//
// Order at start-up (once, before the ImGui renderer backend uploads the font texture):
//     ImGui::CreateContext();
//     const float cap = qmi::ui::measured_cap_ratio(qmi::ui::open_sans_files());   // reads the font files once
//     const qmi::ui::Layout layout = qmi::ui::make_layout(screen, mounting, cap);
//     qmi::ui::Fonts fonts = qmi::ui::load_fonts(*ImGui::GetIO().Fonts, layout.fonts);
//     ...then the glue builds/uploads the atlas (ImGui_ImplOpenGL3_Init / first NewFrame).
// The fonts are rasterised at their final pixel size (from the screen's millimetres, ui/type_scale), never scaled
// per frame, so text stays crisp at 4K.
#pragma once
#include <optional>
#include <string>

#include <imgui.h>

#include "ui/type_scale.hpp"

namespace qmi::ui {

// ImGui font sizes (line height, px) of the text roles (ui/type_scale.hpp), one field per role. Pure.
struct FontSizes {
    float headline = 58;  // TextRole::Headline
    float banner = 58;    // TextRole::CallToAction: countdown, invitation to touch
    float title = 39;     // TextRole::Title: commune name on the card
    float body = 27;      // TextRole::Body
    float label = 16;     // TextRole::MapLabel (drawn by the map renderer)
    float small = 14;     // TextRole::Fine: attribution, "Information as of ...", legend notes

    bool operator==(const FontSizes&) const = default;
};
FontSizes font_sizes(const TypeScale& type);

// Font files to try, in order of preference for each weight.
struct FontFiles {
    std::string regular;
    std::string semibold;
    std::string bold;
};
FontFiles open_sans_files();  // /usr/share/fonts/truetype/open-sans/OpenSans-{Regular,Semibold,Bold}.ttf
FontFiles dejavu_files();     // /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold,-Bold}.ttf (fonts-dejavu-core)

struct Fonts {
    ImFont* headline = nullptr;   // Bold, FontSizes::headline
    ImFont* body = nullptr;       // Regular, FontSizes::body: default font (io.FontDefault)
    ImFont* body_bold = nullptr;  // Semibold, FontSizes::body: field labels, emphasis
    ImFont* small = nullptr;      // Regular, FontSizes::small
    ImFont* title = nullptr;      // Bold, FontSizes::title
    ImFont* banner = nullptr;     // Semibold, FontSizes::banner (call to action)
    ImFont* label = nullptr;      // Semibold, FontSizes::label: for the map renderer's labels
    FontSizes sizes;
    bool ok = false;              // false: some weight had no usable file at all (neither font installed)
    bool fallback = false;        // true: at least one weight came from DejaVu Sans instead of Open Sans
};

// Glyph ranges covering French completely: Basic Latin, Latin-1 (é è ê à ç ô û « » and U+00A0), Latin Extended-A
// (œ Œ Ÿ), General Punctuation (— – ’ … and the narrow no-break space U+202F used before ; : ! ?), € and arrows.
// Static storage: valid for the program's lifetime, as ImGui requires.
const ImWchar* french_glyph_ranges();

// Capital height over line height (hhea ascent - descent, what ImGui calls the font size) of the capital "H" of
// `path`, measured from its outline; nullopt when the file is missing or not a font.
std::optional<float> cap_ratio_of_file(const std::string& path);
// The smallest of the three weights of `preferred` (DejaVu Sans for a weight that cannot be read, as load_fonts
// does), kOpenSansCapRatio when nothing can be read. Sizes computed with it are never smaller than intended.
float measured_cap_ratio(const FontFiles& preferred = open_sans_files());
// Height in pixels of the capital "H" as rasterised into a BUILT atlas (0 when the glyph is absent): what the
// visitor sees, to check a TypeScale against.
float rendered_cap_px(const ImFont* font);

// Adds the fonts to `atlas` (which must not be built yet) and sets io.FontDefault when `atlas` is the current
// context's. Each weight comes from `preferred`; a missing or unreadable file gives one spdlog warning and that
// weight is taken from DejaVu Sans. Glyphs Open Sans lacks (U+202F, U+2011, arrows) are merged in from DejaVu Sans
// at the same size, so no French text ever shows a "?" box. Nothing is rasterised until the atlas is built.
Fonts load_fonts(ImFontAtlas& atlas, const FontSizes& sizes, const FontFiles& preferred = open_sans_files());

}  // namespace qmi::ui
