#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>

#include "ui/fonts.hpp"

namespace qmi::ui {

namespace {

Rect rect(float x0, float y0, float x1, float y1) {
    Rect r;
    r.min = ImVec2(std::round(x0), std::round(y0));
    r.max = ImVec2(std::round(x1), std::round(y1));
    return r;
}

// ImGui's line height for a font of `size` px is the size itself; one row of text plus item spacing.
float row(float font_px, float s) { return font_px + 10.0f * s; }

}  // namespace

float default_ui_scale(ImVec2 display) {
    const float short_side = std::min(display.x, display.y);
    if (short_side <= 0) return 1.0f;
    // Never below 0.75: under that the body text would be smaller than 16 px and hard to read standing up.
    return std::max(0.75f, short_side / 1080.0f);
}

Layout make_layout(ImVec2 display, float ui_scale, float px_per_mm) {
    Layout L;
    L.display = display;
    L.orientation = display.y > display.x ? Orientation::Portrait : Orientation::Landscape;
    L.scale = ui_scale > 0 ? ui_scale : default_ui_scale(display);
    L.px_per_mm = px_per_mm > 0 ? px_per_mm : kDefaultPxPerMm;
    const float s = L.scale;
    const FontSizes fs = font_sizes(s);
    const float W = display.x, H = display.y;

    L.touch_min = std::ceil(std::max(kMinTouchTargetMm * L.px_per_mm, 48.0f * s));
    L.margin = std::round(16.0f * s);
    L.padding = std::round(20.0f * s);
    // A phone reads a 25 mm code from arm's length; below ~130 px the modules of a long URL get too small.
    L.qr_side = std::ceil(std::max(25.0f * L.px_per_mm, 132.0f * s));

    const float m = L.margin;
    const float qr_pad = std::round(12.0f * s);
    const float banner_h = L.qr_side + 2 * qr_pad;
    const float legend_row = std::max(row(fs.body, s), 36.0f * s);

    if (L.orientation == Orientation::Landscape) {
        const float foot_h = std::round(row(fs.small, s) + 12.0f * s);
        // Right column: wide enough for a 9 mm close button next to a long commune name, never more than 38 %
        // of the screen so the map stays the main thing.
        const float col_w = std::clamp(0.30f * W, std::min(460.0f * s, 0.38f * W), 0.38f * W);
        const float banner_w = std::min(std::max(0.55f * W, col_w), W);
        const float legend_h = 6 * legend_row + 2 * L.padding;  // 2 promotions, 2 fills, 2 borders

        L.header = rect(0, 0, W - banner_w, banner_h);
        L.banner = rect(W - banner_w, 0, W, banner_h);
        L.attribution = rect(0, H - foot_h, W, H);
        const float col_x0 = W - m - col_w;
        L.legend = rect(col_x0, H - foot_h - m - legend_h, W - m, H - foot_h - m);
        L.panel = rect(col_x0, banner_h + m, W - m, L.legend.min.y - m);
        L.map_area = rect(0, banner_h, col_x0 - m, H - foot_h);
    } else {
        const float foot_h = std::round(2 * row(fs.small, s) + 12.0f * s);  // attribution wraps on two lines
        const float header_h = std::round(fs.title + fs.small + 2 * L.padding + 6.0f * s);
        const float sheet_h = std::round(std::max(0.34f * H, 10 * row(fs.body, s)));
        const float legend_h = 3 * legend_row + 1.5f * L.padding;  // two columns of legend entries

        // The legend is a full-width strip resting on the bottom sheet, not a card floating over the map: the
        // map area ends exactly where the strip starts, so no box ever hides a district, and the screen reads as
        // map above, information below.
        L.header = rect(0, 0, W, header_h);
        L.banner = rect(0, header_h, W, header_h + banner_h);
        L.attribution = rect(0, H - foot_h, W, H);
        L.panel = rect(0, H - foot_h - sheet_h, W, H - foot_h);
        L.legend = rect(0, L.panel.min.y - legend_h, W, L.panel.min.y);
        L.map_area = rect(0, L.banner.max.y, W, L.legend.min.y);
    }
    return L;
}

}  // namespace qmi::ui
