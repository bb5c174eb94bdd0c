// Where everything goes on screen, for one display size: pure arithmetic, computed once at start-up (and again only
// if the display size changes), then read by the widgets and by the map camera.
//
//   Landscape (1920x1080, 3840x2160)             Portrait (1080x1920)
//   +--------------------------------------+     +-----------------+
//   | header       | banner (countdown, QR)|     | header          |
//   +--------------------------+-----------+     +-----------------+
//   |                          | panel     |     | banner          |
//   |        map_area          |           |     +-----------------+
//   |                          +-----------+     |    map_area     |
//   |                          | legend    |     +-----------------+
//   +--------------------------+-----------+     | legend          |
//   | attribution                          |     +-----------------+
//   +--------------------------------------+     | panel (sheet)   |
//                                                +-----------------+
//                                                | attribution     |
//                                                +-----------------+
// The rectangles never overlap, so the map camera can fit the Métropole into `map_area` and nothing hides it.
// The panel's place is reserved even when nothing is selected (it then shows the programme introduction), so the
// map never jumps when a town is touched.
//
// Sizes scale with `ui_scale` (1.0 for a 1080 px short side, 2.0 for 2160) and touch targets never go under 9 mm
// on the physical screen, whatever the pixel density (`px_per_mm`).
#pragma once
#include <imgui.h>

#include "core/camera.hpp"

namespace qmi::ui {

struct Rect {
    ImVec2 min{0, 0}, max{0, 0};

    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    ImVec2 size() const { return ImVec2(width(), height()); }
    bool empty() const { return width() <= 0 || height() <= 0; }
    bool contains(ImVec2 p) const { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }
    // True when the interiors intersect (touching edges do not overlap).
    bool overlaps(const Rect& o) const {
        return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
    }
};

enum class Orientation { Landscape, Portrait };

inline constexpr float kMinTouchTargetMm = 9.0f;
inline constexpr float kDefaultPxPerMm = 96.0f / 25.4f;  // a 96 dpi desktop monitor, when the kiosk knows nothing

struct Layout {
    ImVec2 display{0, 0};
    Orientation orientation = Orientation::Landscape;
    float scale = 1.0f;             // ui scale: multiplies every design size and font size
    float px_per_mm = kDefaultPxPerMm;
    float touch_min = 0;            // smallest touch target side in px: >= 9 mm and >= 56 px * scale
    float margin = 0;               // outer gap between the screen edge / the regions, px
    float padding = 0;              // inner padding of cards, px
    float qr_side = 0;              // QR code side including its quiet zone, px (>= 25 mm)

    Rect header;       // programme title + "Métropole du Grand Paris · Paris&Co"
    Rect banner;       // countdown, call window name, QR code
    Rect map_area;     // what the camera fits the Métropole into; widgets never draw here
    Rect panel;        // district panel / introduction (right column, or bottom sheet in portrait)
    Rect legend;       // promotion colours, border styles
    Rect attribution;  // sources and licences, always visible
};

// Layout::map_area in the camera's terms (Camera::fit / set_bounds / ease_to_show).
inline ScreenRect to_screen_rect(const Rect& r) { return ScreenRect{r.min.x, r.min.y, r.width(), r.height()}; }

// Design ui scale for a display: its short side over 1080 px (1.0 for 1920x1080, 2.0 for 3840x2160).
float default_ui_scale(ImVec2 display);

// px_per_mm <= 0 means unknown: kDefaultPxPerMm is assumed. ui_scale <= 0 means default_ui_scale(display).
Layout make_layout(ImVec2 display, float ui_scale, float px_per_mm);

}  // namespace qmi::ui
