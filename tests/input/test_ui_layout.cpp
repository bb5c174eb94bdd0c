// Screen layout: what a visitor would notice is overlapping boxes, a map squeezed to nothing, or a button too small
// for a finger. Checked on the three target screens.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "ui/fonts.hpp"
#include "ui/layout.hpp"

using namespace qmi::ui;

namespace {

struct Named {
    const char* name;
    const Rect* rect;
};

std::vector<Named> regions(const Layout& L) {
    return {{"header", &L.header}, {"banner", &L.banner},   {"map_area", &L.map_area},
            {"panel", &L.panel},   {"legend", &L.legend},   {"attribution", &L.attribution}};
}

void check_regions(const Layout& L) {
    const auto all = regions(L);
    for (const Named& r : all) {
        INFO(r.name);
        CHECK_FALSE(r.rect->empty());
        CHECK(r.rect->min.x >= 0);
        CHECK(r.rect->min.y >= 0);
        CHECK(r.rect->max.x <= L.display.x);
        CHECK(r.rect->max.y <= L.display.y);
    }
    for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j) {
            INFO(all[i].name << " vs " << all[j].name);
            CHECK_FALSE(all[i].rect->overlaps(*all[j].rect));
        }
    // The map stays the main thing: at least a third of the screen, and the panel fits a readable column.
    const float screen = L.display.x * L.display.y;
    CHECK(L.map_area.width() * L.map_area.height() >= screen / 3);
    CHECK(L.panel.width() >= 420 * L.scale);
    CHECK(L.panel.height() >= 8 * font_sizes(L.scale).body);
}

}  // namespace

TEST_CASE("Rect overlap: shared edges do not overlap, shared interiors do") {
    Rect a{{0, 0}, {10, 10}}, b{{10, 0}, {20, 10}}, c{{9, 9}, {12, 12}};
    CHECK_FALSE(a.overlaps(b));
    CHECK(a.overlaps(c));
    CHECK(b.overlaps(c));
}

TEST_CASE("landscape 1920x1080: regions do not overlap, panel on the right, banner at the top") {
    const float ppm = 1920.0f / 952.0f;  // 43-inch screen
    const Layout L = make_layout(ImVec2(1920, 1080), 0, ppm);
    CHECK(L.orientation == Orientation::Landscape);
    CHECK(L.scale == Approx(1.0f));
    check_regions(L);
    CHECK(L.panel.min.x >= L.map_area.max.x);           // panel right of the map
    CHECK(L.panel.max.x > 0.6f * 1920);
    CHECK(L.banner.min.y == 0);                          // banner strip at the top
    CHECK(L.banner.max.y <= L.map_area.min.y);
    CHECK(L.attribution.max.y == 1080);                  // attribution along the bottom edge
    CHECK(L.touch_min >= 9.0f * ppm);
    CHECK(L.qr_side >= 25.0f * ppm);
}

TEST_CASE("landscape 3840x2160 is the 1080p layout at twice the scale") {
    const Layout hd = make_layout(ImVec2(1920, 1080), 0, 1920.0f / 952.0f);
    const Layout uhd = make_layout(ImVec2(3840, 2160), 0, 3840.0f / 952.0f);
    CHECK(uhd.scale == Approx(2.0f));
    check_regions(uhd);
    for (auto [a, b] : {std::pair{&hd.panel, &uhd.panel}, std::pair{&hd.map_area, &uhd.map_area},
                        std::pair{&hd.banner, &uhd.banner}, std::pair{&hd.legend, &uhd.legend}}) {
        CHECK(b->width() == Approx(2 * a->width()).margin(2));
        CHECK(b->height() == Approx(2 * a->height()).margin(2));
    }
    CHECK(uhd.touch_min >= 9.0f * uhd.px_per_mm);
}

TEST_CASE("portrait 1080x1920: the panel is a bottom sheet under the map and the legend") {
    const float ppm = 1080.0f / 535.0f;  // 43-inch screen on its side: 535 mm wide
    const Layout L = make_layout(ImVec2(1080, 1920), 0, ppm);
    CHECK(L.orientation == Orientation::Portrait);
    CHECK(L.scale == Approx(1.0f));
    check_regions(L);
    CHECK(L.panel.width() == 1080);
    CHECK(L.panel.min.y >= L.legend.max.y);
    CHECK(L.legend.min.y >= L.map_area.max.y);
    CHECK(L.map_area.width() == 1080);
    CHECK(L.touch_min >= 9.0f * ppm);
    // No box floats over the map: the legend is a full-width strip between the map area and the sheet.
    CHECK(L.legend.min.x == 0);
    CHECK(L.legend.width() == 1080);
    CHECK(L.legend.min.y == L.map_area.max.y);
    CHECK(L.legend.max.y == L.panel.min.y);
}

TEST_CASE("touch targets stay >= 9 mm on a dense small screen, and scale follows the short side") {
    // A 13-inch 1920x1080 panel: 10.5 px per mm, so 9 mm is ~95 px, far above the 48 px design size.
    const float ppm = 1920.0f / 293.0f;
    const Layout L = make_layout(ImVec2(1920, 1080), 0, ppm);
    CHECK(L.touch_min >= 9.0f * ppm);
    CHECK(L.touch_min / ppm >= 9.0f);
    check_regions(L);
    // Unknown density: a 96 dpi monitor is assumed, never zero.
    const Layout unknown = make_layout(ImVec2(1920, 1080), 0, 0);
    CHECK(unknown.px_per_mm == Approx(kDefaultPxPerMm));
    CHECK(unknown.touch_min >= 9.0f * kDefaultPxPerMm);
    CHECK(default_ui_scale(ImVec2(1080, 1920)) == Approx(1.0f));
    CHECK(default_ui_scale(ImVec2(3840, 2160)) == Approx(2.0f));
    CHECK(default_ui_scale(ImVec2(0, 0)) == Approx(1.0f));
}

TEST_CASE("the map area converts to the camera's screen rectangle") {
    const Layout L = make_layout(ImVec2(1920, 1080), 1.0f, 0);
    const qmi::ScreenRect r = to_screen_rect(L.map_area);
    CHECK(r.x == L.map_area.min.x);
    CHECK(r.y == L.map_area.min.y);
    CHECK(r.w == L.map_area.width());
    CHECK(r.h == L.map_area.height());
}
