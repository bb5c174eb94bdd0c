#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>

namespace qmi::ui {

namespace {

// The QR code opens a source's page, whose URL can be long (the Métropole's pages run to ~130 characters): version 8
// (49 modules, 57 with its quiet zones) at level M holds 152 bytes. Under 2 px or 0.5 mm a module, phones read it
// badly, whatever the code's size in millimetres: its side is at least 57 such modules.
constexpr float kQrTotalModules = 57.0f;
constexpr float kQrModuleMinPx = 2.0f;
constexpr float kQrModuleMinMm = 0.5f;

// The programme today: 10 districts, 4 in the first promotion and 6 in the second. The list region is sized for
// these groups (a heading each); more districts still show, the list then scrolls.
constexpr int kPromotionGroups = 2;
constexpr int kGroupSizes[kPromotionGroups] = {4, 6};

// Widths estimated from Open Sans advances, in ImGui font sizes (line heights), a little above what the tests
// measure: a character of running text ~0.40 of the size (the attribution, mostly lower case and spaces, measures
// 0.34), the longest district name ("Issy-les-Moulineaux", semibold) 7.0 sizes.
constexpr float kTextCharW = 0.40f;
constexpr float kFinePrintCharW = 0.36f;
constexpr float kLongestNameW = 7.2f;
// The longest attribution: contours, arrondissements ("Arrondissements : IGN – ADMIN EXPRESS (Licence Ouverte)")
// and membership, joined.
constexpr int kAttributionChars = 195;

int list_rows(int columns) {
    int rows = 0;
    for (int n : kGroupSizes) rows += (n + columns - 1) / columns;
    return rows;
}

// Height of the district list for `columns` button columns: a heading per group, then its buttons.
float list_height(const Layout& L, int columns) {
    return kPromotionGroups * (L.fonts.body + L.gap) + list_rows(columns) * (L.button + L.gap) +
           (kPromotionGroups - 1) * L.gap;
}

// The keyboard overlay: padding, search field, result rows, four rows of ten keys (AZERTY).
float keyboard_height(const Layout& L, int results) {
    return 2 * L.padding + L.button + L.gap + results * (L.button + L.gap) + L.gap + 4 * (L.key + L.gap);
}

float keyboard_width(const Layout& L) { return 2 * L.padding + 10 * L.key + 9 * L.gap; }

// Puts the keyboard overlay centred on `cx`, its bottom at `bottom`, never above `top`, with as many result rows
// (up to 5, at least 2) as fit.
void place_keyboard(Layout& L, float cx, float top, float bottom) {
    int results = 5;
    while (results > 2 && keyboard_height(L, results) > bottom - top) --results;
    const float w = std::min(keyboard_width(L), L.display.x);
    const float h = keyboard_height(L, results);
    const float x0 = std::clamp(cx - w / 2, 0.0f, L.display.x - w);
    L.keyboard = pixel_rect(x0, std::max(0.0f, bottom - h), x0 + w, bottom);
    L.keyboard_results = results;
}

void place_hint(Layout& L) {
    const Rect& m = L.map_area;
    const float w = std::min(m.width() - 2 * L.margin, 22 * L.fonts.body);
    // The sentence (~56 characters of semibold: 24 body sizes with margin) beside a two-line icon, as many lines
    // as the width needs; on a narrow map (a 19" screen) the icon goes above the text, which then has the width.
    const float sentence_w = 24 * kTextCharW * 2.5f * L.fonts.body;
    const float beside_w = w - 2 * L.fonts.body - 3 * L.padding;
    L.hint_stacked = beside_w < 12 * L.fonts.body;
    const float text_w = std::max(L.fonts.body, L.hint_stacked ? w - 2 * L.padding : beside_w);
    const float lines = std::max(2.0f, std::ceil(sentence_w / text_w));
    const float h = L.hint_stacked ? (lines + 2) * L.fonts.body + 1.5f * L.padding : lines * L.fonts.body + L.padding;
    const float cx = (m.min.x + m.max.x) / 2;
    L.hint = pixel_rect(cx - w / 2, m.max.y - L.margin - h, cx + w / 2, m.max.y - L.margin);
}

// Attribution strip: one line of fine print when it fits the width, else two. Exactly what draw_attribution draws:
// the lines inside 4 px of padding above and below (at ui scale 1).
// Every pixel counts on a 19" 5:4 screen, where the strip needs two lines and the map keeps a sixth of the glass.
float attribution_height(const Layout& L, float width) {
    const float one_line = kAttributionChars * kFinePrintCharW * L.fonts.small;
    const int lines = one_line <= width - 2 * L.padding ? 1 : 2;
    return std::ceil(lines * L.fonts.small + 8.0f * L.scale);  // one wrapped text: its lines touch
}

float language_width(const Layout& L) {
    // "Français" / "English" in body semibold with the button's padding.
    return std::max(L.button, std::ceil(8 * kTextCharW * 1.15f * L.fonts.body + 2 * L.padding));
}

void landscape(Layout& L) {
    const FontSizes& F = L.fonts;
    const float W = L.display.x, H = L.display.y;
    const float m = L.margin, p = L.padding, g = L.gap;

    // Two rows at the top: the headline (what this is, read from 2 m) with a line of body text under it, then the
    // call-for-projects strip (its state, the countdown, the communes it is for). The QR card and the language
    // button sit at the right: beside both rows when the headline fits on one line next to them, else (a narrow
    // screen: the name at 15 mm capitals is longer than the glass is wide) the headline takes the full width on two
    // lines and they sit beside the strip only. Vertical padding is half the card padding: every row counts.
    const float qr_w = L.qr_side + p + std::ceil(5.0f * F.body);  // code, its caption ("Scannez pour / candidater")
    const float lang_w = language_width(L);
    const float right_w = qr_w + lang_w + 2 * m;
    const float headline_w = programme_name_width(F.headline);
    const bool headline_beside = headline_w <= W - right_w - m - 2 * p;
    const float header_h = std::ceil((headline_beside ? 1 : 2) * F.headline + F.body + p / 2);
    const float banner_h = std::ceil(F.title + F.body + p / 2);
    const float right_top = headline_beside ? 0.0f : header_h;
    const float top_h = std::max(header_h + banner_h, right_top + std::ceil(L.qr_side + p / 2));
    const float right_h = top_h - right_top;
    const float qr_h = std::min(right_h, L.qr_side + p);
    L.qr = pixel_rect(W - m - qr_w, right_top + (right_h - qr_h) / 2, W - m, right_top + (right_h + qr_h) / 2);
    L.language = pixel_rect(L.qr.min.x - m - lang_w, right_top + (right_h - L.button) / 2, L.qr.min.x - m,
                      right_top + (right_h + L.button) / 2);
    const float text_right = L.language.min.x - m;
    L.header = pixel_rect(0, 0, headline_beside ? text_right : W, header_h);
    L.banner = pixel_rect(0, header_h, text_right, top_h);

    L.attribution = pixel_rect(0, H - attribution_height(L, W), W, H);
    const float top = top_h + m, bottom = L.attribution.min.y - m;

    // Left: the district list, as wide as the longest name on a button (chip and padding included), never more
    // than a third of the screen.
    const float name_button_w = std::ceil((kLongestNameW + 1.6f) * F.body);
    const float list_w = std::min(name_button_w, std::floor(0.32f * W));
    L.district_list = pixel_rect(m, top, m + list_w, bottom);
    L.district_columns = 1;

    // Right: the panel (a readable measure of ~40 characters, at most 30 % of the width) over the legend.
    const float panel_w = std::min(std::ceil(16 * F.body), std::floor(0.30f * W));
    // A narrow screen has no room for the legend: the district list's promotion headings, with their colours,
    // are the map's key there.
    const float legend_h = headline_beside ? std::ceil(6 * (F.body + g) + 2 * p) : 0.0f;  // 2 promotions, 2 fills, 2 borders
    if (legend_h > 0) L.legend = pixel_rect(W - m - panel_w, bottom - legend_h, W - m, bottom);
    L.panel = pixel_rect(W - m - panel_w, top, W - m, legend_h > 0 ? L.legend.min.y - m : bottom);

    // Between the map and the panel, a column of square buttons: search at the top, Home / + / - at the bottom.
    const float strip_w = L.button + 2 * g;
    const float sx1 = L.panel.min.x - m, sx0 = sx1 - strip_w;
    L.search = pixel_rect(sx0, top, sx1, top + L.button + 2 * g);
    L.map_controls = pixel_rect(sx0, bottom - (3 * L.button + 4 * g), sx1, bottom);

    L.map_area = pixel_rect(L.district_list.max.x + m, top, sx0 - m, bottom);
    place_hint(L);
    place_keyboard(L, (L.map_area.min.x + L.map_controls.max.x) / 2, top, bottom);
}

void portrait(Layout& L) {
    const FontSizes& F = L.fonts;
    const float W = L.display.x, H = L.display.y;
    const float m = L.margin, p = L.padding, g = L.gap;

    // Text at the top: the eyes of a standing adult are at 1.5 - 1.7 m, above the hands' reach.
    L.header = pixel_rect(0, 0, W, std::ceil(F.headline + F.body + p));
    L.banner = pixel_rect(0, L.header.max.y, W, L.header.max.y + std::ceil(F.title + F.body + p));
    L.attribution = pixel_rect(0, H - attribution_height(L, W), W, H);

    // Controls at the bottom, inside the reach band: the block ends at the attribution or at the lowest row a
    // hand reaches comfortably (0.4 m), whichever is higher on the screen.
    const float block_bottom = std::min(L.attribution.min.y - m, static_cast<float>(L.reach.bottom_px));
    L.district_columns = 2;
    const float list_h = std::ceil(list_height(L, L.district_columns));
    const float qr_w = std::max(L.qr_side, std::ceil(5.0f * F.body)) + p;
    const float qr_h = std::ceil(L.qr_side + p + 3 * F.body + g);  // code, then "Scannez pour / en savoir / plus" under it
    const float row2_h = std::max(list_h, qr_h);
    const float row2_top = block_bottom - row2_h;
    const float row1_top = row2_top - m - L.button;

    L.qr = pixel_rect(W - m - qr_w, row2_top, W - m, row2_top + qr_h);
    L.district_list = pixel_rect(m, row2_top, L.qr.min.x - m, row2_top + row2_h);
    L.map_controls = pixel_rect(m, row1_top, m + 3 * L.button + 2 * g, row1_top + L.button);
    const float lang_w = language_width(L);
    L.language = pixel_rect(W - m - lang_w, row1_top, W - m, row1_top + L.button);
    const float search_w = std::max(L.button, std::ceil(11 * kTextCharW * F.body + L.button));  // icon + "Rechercher"
    L.search = pixel_rect(L.language.min.x - m - search_w, row1_top, L.language.min.x - m, row1_top + L.button);

    // Above the controls: the panel (10 lines of body text, or a fifth of the screen), the legend strip, then the
    // map. On a screen too short for all of it the panel gives way first, down to 6 lines, so that the map keeps
    // at least 30 % of the height.
    const float legend_h = std::ceil(3 * (F.body + g) + p);  // two columns of legend entries
    const float above = row1_top - m - L.banner.max.y - legend_h;  // map + panel
    const float panel_min = std::ceil(6 * (F.body + g) + p);
    float panel_h = std::ceil(std::max(10 * (F.body + g) + p, 0.2f * H));
    panel_h = std::max(panel_min, std::min(panel_h, above - 0.3f * H));
    panel_h = std::min(panel_h, std::max(0.0f, above));
    L.panel = pixel_rect(0, row1_top - m - panel_h, W, row1_top - m);
    L.legend = pixel_rect(0, L.panel.min.y - legend_h, W, L.panel.min.y);
    L.map_area = pixel_rect(0, L.banner.max.y, W, L.legend.min.y);
    place_hint(L);
    place_keyboard(L, W / 2, std::max(static_cast<float>(L.reach.top_px), L.banner.max.y), block_bottom);
}

}  // namespace

float ui_scale_for(float px_per_mm) { return (px_per_mm > 0 ? px_per_mm : kDefaultPxPerMm) / kReferencePxPerMm; }

Layout make_layout(const ScreenGeometry& screen, const Mounting& mounting, float cap_ratio) {
    Layout L;
    L.display = ImVec2(static_cast<float>(screen.width_px), static_cast<float>(screen.height_px));
    L.orientation = screen.height_px > screen.width_px ? Orientation::Portrait : Orientation::Landscape;
    L.px_per_mm = screen.px_per_mm() > 0 ? static_cast<float>(screen.px_per_mm()) : kDefaultPxPerMm;
    L.scale = ui_scale_for(L.px_per_mm);
    L.type = make_type_scale(L.px_per_mm, cap_ratio);
    L.fonts = font_sizes(L.type);
    L.bottom_edge_m = mounting.bottom_edge_m;
    ScreenGeometry g = screen;
    if (g.px_per_mm() <= 0) g = screen_geometry(screen.width_px, screen.height_px, std::nullopt, std::nullopt, 0);
    L.reach = rows_between_heights(g, mounting, kReachLowM, kReachHighM);

    const FontSizes& F = L.fonts;
    const TouchTargets& t = L.type.touch;
    // A label line plus padding above and below; the 18 mm floor usually decides.
    const float label_pad = std::ceil(0.15f * F.body);
    L.button = std::max(t.button_px, F.body + 2 * label_pad);
    // Widgets size their buttons with touch_min: it is the main button, so a label line always fits in it.
    L.touch_min = L.button;
    L.label_pad = std::floor((L.button - F.body) / 2);
    L.key = std::max(t.key_px, F.body + 2 * label_pad);
    L.gap = t.gap_px;
    L.margin = std::ceil(std::max(3.0f * L.px_per_mm, 4.0f));
    L.padding = std::ceil(std::max(0.5f * F.body, 3.0f * L.px_per_mm));
    // Whole pixels a module (the code is drawn on the pixel grid, never blurred).
    const float module_px = std::ceil(std::max(kQrModuleMinPx, kQrModuleMinMm * L.px_per_mm));
    L.qr_side = std::ceil(std::max(L.type.px(TouchSpec::kQrMm), kQrTotalModules * module_px));

    if (L.orientation == Orientation::Landscape) landscape(L);
    else portrait(L);
    return L;
}

Layout make_layout(ImVec2 display, float px_per_mm) {
    const ScreenGeometry g = screen_geometry(display.x, display.y, std::nullopt,
                                             px_per_mm > 0 ? std::optional<double>(px_per_mm * 25.4) : std::nullopt, 0);
    return make_layout(g, Mounting{}, kOpenSansCapRatio);
}

}  // namespace qmi::ui
