// The kiosk's colours and ImGui style: one calm, high-contrast, colour-blind-safe palette shared by the map
// renderer (src/render) and the widgets drawn on top of it, so that the legend always matches the map.
//
// Promotion colours come from the Okabe-Ito palette (blue #0072B2, vermillion #D55E00), chosen because they stay
// distinct under the three common colour-vision deficiencies. Okabe-Ito orange (#E69F00) is lighter and would
// blend into the grey communes around it (1.7:1); vermillion stands 3.2:1 away from them.
//
// Contrast (WCAG 2.1 relative luminance): text >= 4.5:1 against what is behind it, controls and district fills
// >= 3:1 against what surrounds them (1.4.11). Every pair the kiosk relies on is listed in contrast_pairs() and
// checked by a unit test, so a palette edit that breaks one fails the build's tests.
//
// The selected district stands out by luminance, not hue, so that everybody sees it: a thick near-black outline
// inside a white casing, and every OTHER commune dimmed under a white veil (dimmed()).
//
// What the map renderer (src/render) must read, and nothing else: commune_fill() per commune, dimmed() of it while
// something is selected (except the selection), clear colour palette::outside_commune, border colours and widths
// below, selection_casing / selection_outline and their widths.
#pragma once
#include <cstdint>
#include <vector>

#include <imgui.h>

#include "core/call_state.hpp"

namespace qmi::ui {

// 8-bit sRGB colour, plain data so that the SFML renderer can use it without ImGui: sf::Color(c.r, c.g, c.b, c.a).
struct Rgba8 {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

constexpr bool operator==(Rgba8 x, Rgba8 y) { return x.r == y.r && x.g == y.g && x.b == y.b && x.a == y.a; }

ImU32 to_u32(Rgba8 c);
ImVec4 to_vec4(Rgba8 c);
Rgba8 with_alpha(Rgba8 c, std::uint8_t a);
// `top` (with its alpha) composited over opaque `bottom`, in sRGB as the GPU's blending does: the colour seen.
Rgba8 over(Rgba8 top, Rgba8 bottom);

// WCAG 2.1: relative luminance of an sRGB colour (alpha ignored) and the contrast ratio of two colours (1 .. 21).
double relative_luminance(Rgba8 c);
double contrast_ratio(Rgba8 a, Rgba8 b);

// The palette. Map and widgets both read these; nothing else hard-codes a colour.
namespace palette {
// Map fills.
inline constexpr Rgba8 promotion_1{0x00, 0x72, 0xB2};        // Okabe-Ito blue: first promotion (2022)
inline constexpr Rgba8 promotion_2{0xD5, 0x5E, 0x00};        // Okabe-Ito vermillion: second promotion (2024)
inline constexpr Rgba8 promotion_unknown{0x5F, 0x63, 0x68};  // a promotion number the palette does not know
inline constexpr Rgba8 other_commune{0xEB, 0xE9, 0xE4};      // Métropole members that are not QMI districts
inline constexpr Rgba8 outside_commune{0xF3, 0xF2, 0xEE};    // context communes outside the Métropole
inline constexpr Rgba8 water_background{0xF7, 0xF8, 0xFA};   // clear colour behind the map
// Map lines. Widths are in pixels at ui scale 1 (multiply by Layout::scale).
inline constexpr Rgba8 commune_border{0xFF, 0xFF, 0xFF};     // thin white lines between communes
inline constexpr Rgba8 territory_border{0x4A, 0x55, 0x68};   // EPT (and Paris) outlines: solid slate
inline constexpr Rgba8 department_border{0x1F, 0x29, 0x37};  // department outlines: darker, dashed
inline constexpr Rgba8 metropole_border{0x11, 0x18, 0x27};   // the Métropole's own outline
inline constexpr float commune_border_width = 1.0f;
inline constexpr float territory_border_width = 2.0f;
inline constexpr float department_border_width = 2.5f;
inline constexpr float department_dash_length = 10.0f;       // dash and gap length of department borders
inline constexpr float metropole_border_width = 3.5f;
// Lines between Paris's arrondissements: the territory borders' slate, lighter and thinner (orientation, not a limit
// a visitor must read).
inline constexpr Rgba8 arrondissement_border{0x8A, 0x93, 0xA3};
inline constexpr float arrondissement_border_width = 1.5f;
// Selection: a near-black outline (>= 3.6:1 against every fill), inside a white casing drawn first and wider, so
// the outline is seen even where the neighbour is dark. The reddish purple accent line is decoration only: it is
// too close to the fills (1.4:1 on vermillion) to carry the selection and nothing relies on it.
inline constexpr Rgba8 selection_outline{0x11, 0x11, 0x11};
inline constexpr Rgba8 selection_casing{0xFF, 0xFF, 0xFF};
inline constexpr Rgba8 selection_accent{0xCC, 0x79, 0xA7};
inline constexpr float selection_outline_width = 6.0f;
inline constexpr float selection_casing_width = 10.0f;
// The districts of the call the banner names: a ring in the badge's colour (state_upcoming, state_open,
// state_last_day) inside a white casing, which keeps it apart from the district's own fill (the last day's
// vermillion on a vermillion district) and from the near-black selection outline.
inline constexpr float call_ring_width = 4.0f;
inline constexpr float call_casing_width = 9.0f;
// While a commune is selected every other fill is seen through this veil (dimmed()): the selection is the only
// saturated shape left. 60 % keeps the neighbours' hues recognisable and puts the grey communes 3.6:1 away from a
// selected district.
inline constexpr Rgba8 dim_veil{0xFF, 0xFF, 0xFF, 153};
// Widgets.
inline constexpr Rgba8 ink{0x1A, 0x1D, 0x23};              // body text: ~16:1 on white
inline constexpr Rgba8 ink_muted{0x4B, 0x55, 0x63};        // secondary text: ~7.5:1 on white (WCAG AAA)
inline constexpr Rgba8 surface{0xFF, 0xFF, 0xFF};          // panels, cards, QR background
inline constexpr Rgba8 surface_alt{0xF1, 0xF3, 0xF6};      // banner strip, legend
inline constexpr Rgba8 hairline{0xD1, 0xD5, 0xDB};         // card borders, separators
inline constexpr Rgba8 button{0xE5, 0xE7, 0xEB};          // buttons: light grey with ink text (~13:1)...
inline constexpr Rgba8 button_pressed{0xC4, 0xC9, 0xD1};
inline constexpr Rgba8 control_border{0x4B, 0x55, 0x63};  // ...and this outline, 6:1 against the button and the
                                                           // cards around it (a grey fill alone is 1.1:1)
inline constexpr float control_border_width = 2.0f;        // px at ui scale 1 (1 mm)
inline constexpr Rgba8 on_accent{0xFF, 0xFF, 0xFF};        // text on an accent-filled (chosen) button: 7.4:1
inline constexpr Rgba8 accent{0x00, 0x5A, 0x8C};           // headings rule, links: darker promotion blue, 7:1
inline constexpr Rgba8 qr_dark{0x00, 0x00, 0x00};          // QR modules: pure black on pure white, best scanning
inline constexpr Rgba8 qr_light{0xFF, 0xFF, 0xFF};
// Call state badges (white text on them, >= 5.8:1) and warnings. The last day is vermillion so it stands out from
// the blue and green states for every kind of colour vision; the badge's words carry the state too.
inline constexpr Rgba8 state_upcoming{0x00, 0x5A, 0x8C};   // = accent: announced, not open yet (7.4:1)
inline constexpr Rgba8 state_open{0x00, 0x6B, 0x4F};       // dark bluish green (6.5:1)
inline constexpr Rgba8 state_last_day{0xB3, 0x3F, 0x00};   // dark vermillion (5.8:1; 5.2:1 as text on the banner)
inline constexpr Rgba8 state_closed{0x4B, 0x55, 0x63};     // = ink_muted: closed, none announced (7.6:1)
inline constexpr Rgba8 warning{0xB9, 0x1C, 0x1C};          // "to be confirmed", staff review warning (6.5:1)
}  // namespace palette

// Fill colour of a QMI district by promotion number (1 -> blue, 2 -> vermillion); unknown numbers get a dark
// neutral grey rather than a guessed colour.
Rgba8 promotion_color(int promotion_number);

// A call window's state badge colour (announced, open, last day, closed), wherever a window is shown.
Rgba8 window_status_color(WindowStatus status);

// The fill of a commune on the map: a district's promotion colour (promotion > 0), else other_commune for a
// Métropole member, else outside_commune. The renderer reads this, not the constants, so the legend cannot drift.
Rgba8 commune_fill(bool in_metropole, int promotion);
// A fill seen through dim_veil: what every commune but the selected one looks like while something is selected.
Rgba8 dimmed(Rgba8 fill);

// One pair of colours the kiosk puts side by side, with the contrast it needs: what the contrast test checks and
// what --ui-report prints.
struct ContrastPair {
    const char* what;      // "body text on a card"
    Rgba8 fg, bg;          // bg opaque; fg may carry alpha (composited over bg)
    double min_ratio;      // 4.5 text, 3.0 shapes and controls
};
const std::vector<ContrastPair>& contrast_pairs();

// Widget colours and sizes for one ui scale. Built once (make_theme) when the scale is known, then read-only.
struct Theme {
    float scale = 1.0f;           // ui scale: Layout::scale (1 = the density of a 43" 1080p screen)
    float rounding = 12.0f;       // window/card corner radius, px
    float frame_rounding = 10.0f; // buttons, px
    float border = 1.0f;          // card border width, px
    float chip = 20.0f;           // side of a colour chip (promotion swatch), px
    ImVec2 frame_padding{18, 12}; // inside buttons, px: the label line plus this fits Layout::button

    Rgba8 text = palette::ink;
    Rgba8 text_muted = palette::ink_muted;
    Rgba8 panel_bg = palette::surface;
    Rgba8 banner_bg = palette::surface_alt;
    Rgba8 legend_bg = palette::surface;
    Rgba8 card_border = palette::hairline;
    Rgba8 button = palette::button;
    Rgba8 button_pressed = palette::button_pressed;
    Rgba8 control_border = palette::control_border;
    float control_border_width = palette::control_border_width;  // px (scaled)
    Rgba8 accent = palette::accent;
    Rgba8 on_accent = palette::on_accent;
};

Theme make_theme(float ui_scale);
// The theme for a layout: its scale, and button padding that keeps a body line inside Layout::button.
struct Layout;
Theme make_theme(const Layout& layout);

// Writes the theme into an ImGui style: light colours, large rounded frames, fat scrollbars for fingers.
// `touch_min_px` (Layout::touch_min) sizes the scrollbar and grab so that a finger can hold them.
// Call once after ImGui::CreateContext() (and again if the scale changes), never per frame.
void apply_theme(const Theme& theme, float touch_min_px, ImGuiStyle& style);

}  // namespace qmi::ui
