// The kiosk's fonts: Open Sans (Debian fonts-open-sans) in a few sizes, with glyphs for all of French.
// ImGui's built-in font is ASCII only ("é" would show as "?"), so it is never used.
//
// Order at start-up (once, before the ImGui renderer backend uploads the font texture):
//     ImGui::CreateContext();
//     qmi::ui::Fonts fonts = qmi::ui::load_fonts(*ImGui::GetIO().Fonts, layout.scale);
//     ...then the glue builds/uploads the atlas (ImGui_ImplOpenGL3_Init / first NewFrame).
// The fonts are rasterised at their final pixel size (scale applied here), never scaled per frame, so text stays
// crisp at 4K.
#pragma once
#include <string>

#include <imgui.h>

namespace qmi::ui {

// Pixel sizes for a ui scale (1.0 = 1080 px short side). Pure, also used by the layout to size its regions.
struct FontSizes {
    float body = 22;    // panel text
    float small = 17;   // attribution, legend notes, "Information as of ..."
    float title = 34;   // commune name, programme name
    float banner = 30;  // countdown
    float label = 18;   // map labels (drawn by the map renderer)
};
FontSizes font_sizes(float ui_scale);

// Font files to try, in order of preference for each weight.
struct FontFiles {
    std::string regular;
    std::string semibold;
    std::string bold;
};
FontFiles open_sans_files();  // /usr/share/fonts/truetype/open-sans/OpenSans-{Regular,Semibold,Bold}.ttf
FontFiles dejavu_files();     // /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold,-Bold}.ttf (fonts-dejavu-core)

struct Fonts {
    ImFont* body = nullptr;       // Regular, FontSizes::body: default font (io.FontDefault)
    ImFont* body_bold = nullptr;  // Semibold, FontSizes::body: field labels, emphasis
    ImFont* small = nullptr;      // Regular, FontSizes::small
    ImFont* title = nullptr;      // Bold, FontSizes::title
    ImFont* banner = nullptr;     // Semibold, FontSizes::banner
    ImFont* label = nullptr;      // Semibold, FontSizes::label: for the map renderer's labels
    FontSizes sizes;
    bool ok = false;              // false: some weight had no usable file at all (neither font installed)
    bool fallback = false;        // true: at least one weight came from DejaVu Sans instead of Open Sans
};

// Glyph ranges covering French completely: Basic Latin, Latin-1 (é è ê à ç ô û « » and U+00A0), Latin Extended-A
// (œ Œ Ÿ), General Punctuation (— – ’ … and the narrow no-break space U+202F used before ; : ! ?), € and arrows.
// Static storage: valid for the program's lifetime, as ImGui requires.
const ImWchar* french_glyph_ranges();

// Adds the fonts to `atlas` (which must not be built yet) and sets io.FontDefault when `atlas` is the current
// context's. Each weight comes from `preferred`; a missing or unreadable file gives one spdlog warning and that
// weight is taken from DejaVu Sans. Glyphs Open Sans lacks (U+202F, U+2011, arrows) are merged in from DejaVu Sans
// at the same size, so no French text ever shows a "?" box. Nothing is rasterised until the atlas is built.
Fonts load_fonts(ImFontAtlas& atlas, float ui_scale, const FontFiles& preferred = open_sans_files());

}  // namespace qmi::ui
