// The kiosk's colours and ImGui style: one calm, high-contrast, colour-blind-safe palette shared by the map
// renderer (src/render) and the widgets drawn on top of it, so that the legend always matches the map.
//
// Promotion colours come from the Okabe-Ito palette (blue #0072B2, orange #E69F00), chosen because they stay
// distinct under the three common colour-vision deficiencies AND differ in luminance, so they also survive a
// washed-out touchscreen in a bright town hall. The selection is marked by a thick dark ink outline (luminance, not
// hue, so everybody sees it) with Okabe-Ito reddish purple as its accent.
#pragma once
#include <cstdint>

#include <imgui.h>

namespace qmi::ui {

// 8-bit sRGB colour, plain data so that the SFML renderer can use it without ImGui: sf::Color(c.r, c.g, c.b, c.a).
struct Rgba8 {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

constexpr bool operator==(Rgba8 x, Rgba8 y) { return x.r == y.r && x.g == y.g && x.b == y.b && x.a == y.a; }

ImU32 to_u32(Rgba8 c);
ImVec4 to_vec4(Rgba8 c);
Rgba8 with_alpha(Rgba8 c, std::uint8_t a);

// The palette. Map and widgets both read these; nothing else hard-codes a colour.
namespace palette {
// Map fills.
inline constexpr Rgba8 promotion_1{0x00, 0x72, 0xB2};        // Okabe-Ito blue: first promotion (2022)
inline constexpr Rgba8 promotion_2{0xE6, 0x9F, 0x00};        // Okabe-Ito orange: second promotion (2024)
inline constexpr Rgba8 promotion_unknown{0x99, 0x99, 0x99};  // a promotion number the palette does not know
inline constexpr Rgba8 other_commune{0xE4, 0xE2, 0xDC};      // Métropole members that are not QMI districts
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
// Selection: dark ink outline (seen by everybody), reddish purple accent (Okabe-Ito, distinct from blue/orange).
inline constexpr Rgba8 selection_outline{0x11, 0x11, 0x11};
inline constexpr Rgba8 selection_accent{0xCC, 0x79, 0xA7};
inline constexpr float selection_outline_width = 5.0f;
// Widgets.
inline constexpr Rgba8 ink{0x1A, 0x1D, 0x23};              // body text: ~16:1 on white
inline constexpr Rgba8 ink_muted{0x4B, 0x55, 0x63};        // secondary text: ~7.5:1 on white (WCAG AAA)
inline constexpr Rgba8 surface{0xFF, 0xFF, 0xFF};          // panels, cards, QR background
inline constexpr Rgba8 surface_alt{0xF1, 0xF3, 0xF6};      // banner strip, legend
inline constexpr Rgba8 hairline{0xD1, 0xD5, 0xDB};         // card borders, separators
inline constexpr Rgba8 button{0xE5, 0xE7, 0xEB};          // buttons: light grey with ink text (~13:1)
inline constexpr Rgba8 button_pressed{0xC4, 0xC9, 0xD1};
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

// Fill colour of a QMI district by promotion number (1 -> blue, 2 -> orange); unknown numbers get neutral grey
// rather than a guessed colour.
Rgba8 promotion_color(int promotion_number);

// Widget colours and sizes for one ui scale. Built once (make_theme) when the scale is known, then read-only.
struct Theme {
    float scale = 1.0f;           // ui scale (1 at 1080 px short side)
    float rounding = 12.0f;       // window/card corner radius, px
    float frame_rounding = 10.0f; // buttons, px
    float border = 1.0f;          // card border width, px
    float chip = 20.0f;           // side of a colour chip (promotion swatch), px

    Rgba8 text = palette::ink;
    Rgba8 text_muted = palette::ink_muted;
    Rgba8 panel_bg = palette::surface;
    Rgba8 banner_bg = palette::surface_alt;
    Rgba8 legend_bg = palette::surface;
    Rgba8 card_border = palette::hairline;
    Rgba8 button = palette::button;
    Rgba8 button_pressed = palette::button_pressed;
    Rgba8 accent = palette::accent;
};

Theme make_theme(float ui_scale);

// Writes the theme into an ImGui style: light colours, large rounded frames, fat scrollbars for fingers.
// `touch_min_px` (Layout::touch_min) sizes the scrollbar and grab so that a finger can hold them.
// Call once after ImGui::CreateContext() (and again if the scale changes), never per frame.
void apply_theme(const Theme& theme, float touch_min_px, ImGuiStyle& style);

}  // namespace qmi::ui
