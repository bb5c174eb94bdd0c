// Where everything goes on screen, for one physical screen: pure arithmetic, computed once at start-up (and again
// only if the display size changes), then read by the widgets and by the map camera. Every size comes from
// millimetres (ui/type_scale: text roles, touch targets), so a 32" 1366x768 kiosk and a 55" 4K one show the same
// physical sizes, and only how much fits differs.
//
//   Landscape (1366x768 .. 3840x2160, 1280x1024)
//   +---------------------------------------------------------------+
//   | header (headline)      | banner (countdown)     | lang | qr   |
//   +-----------+-------------------------------+---+---------------+
//   | district  |                               |srch| panel        |
//   | list      |          map_area             |   |               |
//   | (by       |                               |   |               |
//   | promotion)|       [hint]                  |Home+---------------+
//   |           |                               | + | legend        |
//   |           |                               | - |               |
//   +-----------+-------------------------------+---+---------------+
//   | attribution                                                   |
//   +---------------------------------------------------------------+
//
//   Portrait (1080x1920): text and map above, every control within reach (0.4 - 1.2 m above the floor)
//   +-----------------------------+
//   | header (headline)           |
//   | banner (countdown)          |
//   |                             |
//   |         map_area            |
//   |          [hint]             |
//   +-----------------------------+
//   | legend                      |
//   | panel                       |
//   +-----------------------------+  <- reach.top (1.2 m for the configured mounting)
//   | Home + -  [srch]     [lang] |  map_controls, search, language
//   | district list     |  qr     |
//   +-----------------------------+
//   | attribution                 |
//   +-----------------------------+
//
// The regions never overlap (`keyboard` and `hint` excepted: they are drawn OVER others while shown), so the map
// camera can fit the Métropole into `map_area` and nothing hides it. The panel's place is reserved even when nothing
// is selected (it then shows the programme introduction), so the map never jumps when a town is touched.
#pragma once
#include <imgui.h>

#include <cmath>

#include "core/camera.hpp"
#include "core/screen_geometry.hpp"
#include "ui/fonts.hpp"
#include "ui/type_scale.hpp"

namespace qmi::ui {

struct Rect {
    ImVec2 min{0, 0}, max{0, 0};

    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    ImVec2 size() const { return ImVec2(width(), height()); }
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
    bool empty() const { return width() <= 0 || height() <= 0; }
    bool contains(ImVec2 p) const { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }
    bool contains(const Rect& o) const {
        return o.min.x >= min.x && o.min.y >= min.y && o.max.x <= max.x && o.max.y <= max.y;
    }
    // True when the interiors intersect (touching edges do not overlap).
    bool overlaps(const Rect& o) const {
        return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
    }
};

// The rectangle between two corners, rounded to whole pixels so that edges, text and lines stay crisp.
inline Rect pixel_rect(float x0, float y0, float x1, float y1) {
    Rect r;
    r.min = ImVec2(std::round(x0), std::round(y0));
    r.max = ImVec2(std::round(x1), std::round(y1));
    return r;
}

// Width of the programme's name, "Quartiers Métropolitains d'Innovation", on one line at font size `size`: 37
// characters of bold, 0.42 of the size each (measured from Open Sans advances). The kiosk's headline and the
// presenter's title both decide from it whether the name needs two lines.
inline float programme_name_width(float size) { return 37 * 0.42f * size; }

enum class Orientation { Landscape, Portrait };

inline constexpr float kDefaultPxPerMm = 96.0f / 25.4f;  // a 96 dpi desktop monitor, when the kiosk knows nothing
// Density of a 43" 16:9 1080p screen (1920 px over 952 mm): ui scale 1. Design sizes that are not text or targets
// (corner radii, line widths, chips) are "px at scale 1" and multiplied by Layout::scale, so they too are physical.
inline constexpr float kReferencePxPerMm = 1920.0f / 952.0f;

struct Layout {
    ImVec2 display{0, 0};
    Orientation orientation = Orientation::Landscape;
    float px_per_mm = kDefaultPxPerMm;
    float scale = 1.0f;             // px_per_mm / kReferencePxPerMm
    TypeScale type;                 // text roles (cap heights) and touch targets, from the millimetres
    FontSizes fonts;                // font_sizes(type): what load_fonts() must be given
    float button = 0;               // side/height of a main button, px: >= 18 mm and its label line plus padding
    float touch_min = 0;            // side of any button a widget draws, px: = button (type.touch.min_px, 12 mm,
                                    // is the floor for things that are not buttons: scroll grabs)
    float label_pad = 0;            // vertical padding of a button label: (button - body) / 2 at most
    float key = 0;                  // side of an on-screen keyboard key, px: >= 15 mm and a label line plus padding
    float gap = 0;                  // space between two touch targets, px (>= 2 mm)
    float margin = 0;               // outer gap between the screen edge / the regions, px
    float padding = 0;              // inner padding of cards, px
    float qr_side = 0;              // QR code side including its quiet zone, px (>= 25 mm, >= 2 px a module)

    Rect header;         // programme title (headline) + "Métropole du Grand Paris · Paris&Co"
    Rect banner;         // countdown (call to action) and the call window's name
    Rect qr;             // QR code card: the code and "Scannez pour candidater"
    Rect language;       // the language button
    Rect search;         // the button that opens the search keyboard
    Rect district_list;  // the 10 districts, grouped by promotion: always visible
    int district_columns = 1;  // the list's button columns: 1 (landscape), 2 (portrait)
    Rect map_controls;   // Home, zoom in, zoom out (a column in landscape, a row in portrait)
    Rect map_area;       // what the camera fits the Métropole into; widgets never draw here (hint excepted)
    Rect panel;          // district panel / introduction
    Rect legend;         // promotion colours, border styles
    Rect attribution;    // sources and licences, always visible

    Rect hint;           // overlay inside map_area: "pinch to zoom, drag to move", shown for a while
    bool hint_stacked = false;  // a narrow map: the hint's icon above its text instead of beside it
    Rect keyboard;       // overlay while searching: field, results and AZERTY keys (covers map/panel/list)
    int keyboard_results = 5;  // result rows the keyboard region holds

    RowBand reach;       // screen rows 0.4 - 1.2 m above the floor for the configured mounting
    double bottom_edge_m = 0.65;  // the mounting the layout was made for
};

// Layout::map_area in the camera's terms (Camera::fit / set_bounds / ease_to_show).
inline ScreenRect to_screen_rect(const Rect& r) { return ScreenRect{r.min.x, r.min.y, r.width(), r.height()}; }

// Ui scale for a density: px_per_mm / kReferencePxPerMm (<= 0: kDefaultPxPerMm).
float ui_scale_for(float px_per_mm);

// The layout for a screen, from its pixels AND millimetres (core/screen_geometry). `cap_ratio` is the loaded
// font's (measured_cap_ratio()).
Layout make_layout(const ScreenGeometry& screen, const Mounting& mounting = {}, float cap_ratio = kOpenSansCapRatio);
// Shorthand for tests and tools: square pixels at `px_per_mm` (<= 0: kDefaultPxPerMm), default mounting.
Layout make_layout(ImVec2 display, float px_per_mm);

}  // namespace qmi::ui
