// Text and touch sizes from the physical screen: every size a visitor reads or touches is set here, in
// millimetres on the glass, from ONE table of text roles. Pure arithmetic (no ImGui, no GL): the layout, the font
// loader, the widgets, the tests and the --ui-report all read the same numbers.
//
// Why cap heights: the height of a capital letter is what legibility distances are quoted in, and it does not depend
// on how a font pads its line. A visitor reads a 15 mm capital from about 2 m, a 7 mm one from arm's length plus a
// step back; under 3.5 mm nobody standing reads anything.
//
// Why a cap ratio: ImGui sizes a font by its line height (hhea ascent - descent), not by its em. Open Sans capitals
// are 1462 units high for a 2789-unit line, so a "22 px" ImGui font has 11.5 px capitals. The ratio is measured from
// the font file actually loaded (ui/fonts: measured_cap_ratio), kOpenSansCapRatio is only the value when no file
// can be read.
#pragma once
#include <array>
#include <cstddef>

namespace qmi::ui {

enum class TextRole {
    Headline,      // programme name in the header, the district presented by the attract loop
    CallToAction,  // the countdown, "Touchez un quartier" / "Touch a district"
    Title,         // the commune name on the card, titles of the search and keyboard
    Body,          // card facts, button labels (district list, language, search), keyboard keys
    MapLabel,      // commune names on the map
    Fine,          // attribution, "information as of", legend notes
};
inline constexpr size_t kTextRoleCount = 6;

struct TextRoleSpec {
    TextRole role;
    const char* name;   // "headline", as printed by the --ui-report
    float min_cap_mm;   // capitals at least this high on the glass
    const char* why;
};
// The table, in TextRole order. This is the only place a minimum text size is written.
const std::array<TextRoleSpec, kTextRoleCount>& text_roles();
const TextRoleSpec& spec(TextRole role);

// Capital height over ImGui font size (hhea ascent - descent) for Open Sans (1462 / (2189 + 600)).
inline constexpr float kOpenSansCapRatio = 1462.0f / 2789.0f;
// Below this many pixels of capital height letter shapes blur whatever their physical size (a 55" 1080p screen has
// 0.63 mm pixels): no text is set smaller, in pixels, than this.
inline constexpr float kMinCapPx = 7.0f;

// Touch targets, millimetres on the glass. A standing adult's fingertip pad is 10-14 mm wide and lands a few
// millimetres off where the eye aimed, worse with the arm raised or stretched.
struct TouchSpec {
    static constexpr float kMinMm = 12.0f;     // any control (close, scroll grab): a fingertip plus its error
    static constexpr float kButtonMm = 18.0f;  // main buttons (district list, Home, zoom, language, search): hit
                                               // without aiming, by a visitor who is still walking up
    static constexpr float kKeyMm = 15.0f;     // keys of the on-screen keyboard: ten a row must fit 19" screens
    static constexpr float kGapMm = 2.0f;      // between two targets, so a finger on the edge does not take both
    static constexpr float kQrMm = 25.0f;      // QR code side with its quiet zone: a phone reads it from arm's length
};

struct TouchTargets {
    float min_px = 0;
    float button_px = 0;
    float key_px = 0;
    float gap_px = 0;
};

// Sizes for one screen density. Everything is rounded UP to whole pixels, so the minimums hold after rounding.
struct TypeScale {
    float px_per_mm = 0;
    float cap_ratio = kOpenSansCapRatio;
    std::array<float, kTextRoleCount> size_px{};  // ImGui font size (line height) per role, whole px
    TouchTargets touch;

    float size(TextRole r) const { return size_px[static_cast<size_t>(r)]; }
    float cap_px(TextRole r) const { return size(r) * cap_ratio; }
    float cap_mm(TextRole r) const { return px_per_mm > 0 ? cap_px(r) / px_per_mm : 0; }
    float mm(float px) const { return px_per_mm > 0 ? px / px_per_mm : 0; }
    float px(float mm) const { return mm * px_per_mm; }
};

// px_per_mm <= 0 or cap_ratio <= 0 fall back to a 96 dpi screen and Open Sans.
TypeScale make_type_scale(float px_per_mm, float cap_ratio = kOpenSansCapRatio);

}  // namespace qmi::ui
