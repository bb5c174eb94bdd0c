// Screen layout: what a visitor would notice is overlapping boxes, a map squeezed to nothing, a button too small
// for a finger, or, on a totem, a control out of reach. Checked on the five target screens.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "../support/target_screens.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"

using namespace qmi;
using namespace qmi::ui;

namespace {

struct Named {
    const char* name;
    const Rect* rect;
};

// Every region that holds something; keyboard and hint are overlays, checked apart.
std::vector<Named> regions(const Layout& L) {
    return {{"header", &L.header},
            {"banner", &L.banner},
            {"qr", &L.qr},
            {"language", &L.language},
            {"search", &L.search},
            {"district_list", &L.district_list},
            {"map_controls", &L.map_controls},
            {"map_area", &L.map_area},
            {"panel", &L.panel},
            {"legend", &L.legend},
            {"attribution", &L.attribution}};
}

bool on_screen(const Layout& L, const Rect& r) {
    return r.min.x >= 0 && r.min.y >= 0 && r.max.x <= L.display.x && r.max.y <= L.display.y;
}

float mm(const Layout& L, float px) { return px / L.px_per_mm; }

// `target`: one of the five target screens, where everything must fit without scrolling. Elsewhere (a 23"
// 1080p screen is shorter than a 19" 5:4 one) the district list may have to scroll.
void check_layout(const Layout& L, bool target = true) {
    const auto all = regions(L);
    // A narrow screen (the headline on two lines across it) has no legend: the list's headings are the key.
    const bool narrow = L.header.width() == L.display.x && L.orientation == Orientation::Landscape;
    for (const Named& r : all) {
        INFO(r.name << " " << r.rect->min.x << "," << r.rect->min.y << " .. " << r.rect->max.x << "," << r.rect->max.y);
        if (!(narrow && r.rect == &L.legend)) CHECK_FALSE(r.rect->empty());
        CHECK(on_screen(L, *r.rect));
    }
    for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j) {
            INFO(all[i].name << " vs " << all[j].name);
            CHECK_FALSE(all[i].rect->overlaps(*all[j].rect));
        }

    // Touch targets, in millimetres on the glass.
    CHECK(mm(L, L.button) >= TouchSpec::kButtonMm);
    CHECK(mm(L, L.key) >= TouchSpec::kKeyMm);
    CHECK(mm(L, L.touch_min) >= TouchSpec::kMinMm);
    CHECK(mm(L, L.gap) >= TouchSpec::kGapMm);
    CHECK(mm(L, L.qr_side) >= TouchSpec::kQrMm);
    // Each control region holds its buttons at full size.
    CHECK(L.language.width() >= L.button);
    CHECK(L.language.height() >= L.button);
    CHECK(L.search.width() >= L.button);
    CHECK(L.search.height() >= L.button);
    const bool column = L.map_controls.height() > L.map_controls.width();
    CHECK((column ? L.map_controls.height() : L.map_controls.width()) >= 3 * L.button + 2 * L.gap);
    CHECK((column ? L.map_controls.width() : L.map_controls.height()) >= L.button);
    CHECK(L.qr.width() >= L.qr_side);
    CHECK(L.qr.height() >= L.qr_side);
    // The district list holds its 10 buttons and 2 promotion headings without scrolling, each button >= 18 mm. A
    // narrow screen (19" 5:4: 376 mm wide) gives the 15 mm headline two lines across its whole width, and the list
    // then scrolls rather than shrink its buttons.
    const int c = L.district_columns;
    const int rows = (4 + c - 1) / c + (6 + c - 1) / c;
    if (target && !narrow) CHECK(L.district_list.height() >= 2 * (L.fonts.body + L.gap) + rows * (L.button + L.gap));
    if (narrow) CHECK(L.district_list.height() >= 2 * (L.fonts.body + L.gap) + 6 * (L.button + L.gap));
    CHECK(mm(L, (L.district_list.width() - (c - 1) * L.gap) / c) >= TouchSpec::kButtonMm);
    // The longest district name fits a list button on one line (7.2 body sizes: test_ui_legibility measures it).
    CHECK((L.district_list.width() - (c - 1) * L.gap) / c >= 7.2f * L.fonts.body);

    // The map stays the main thing: at least a fifth of the screen (a sixth on a narrow one, where the list, the
    // panel and the controls keep their millimetres) and 100 mm on its short side, whatever the size.
    const float screen = L.display.x * L.display.y;
    CHECK(L.map_area.width() * L.map_area.height() >= screen / (narrow ? 6.5f : 5.0f));
    CHECK(mm(L, std::min(L.map_area.width(), L.map_area.height())) >= 100);
    // The panel fits a readable column: 8 lines of body text, 20 characters a line (40 but on a 19" screen).
    CHECK(L.panel.height() >= 8 * L.fonts.body);
    CHECK(L.panel.width() >= 20 * 0.4f * L.fonts.body);
    // The header fits its headline (two lines on a narrow screen) and a body line, the banner its countdown (title
    // role) and a body line.
    CHECK(L.header.height() >= (narrow ? 2 : 1) * L.fonts.headline + L.fonts.body);
    CHECK(L.banner.height() >= L.fonts.title + L.fonts.body);

    // Overlays: the hint lies inside the map; the keyboard is on screen, keeps the header and attribution visible,
    // and holds ten keys a row.
    CHECK(L.map_area.contains(L.hint));
    CHECK_FALSE(L.hint.empty());
    CHECK(on_screen(L, L.keyboard));
    CHECK_FALSE(L.keyboard.overlaps(L.header));
    CHECK_FALSE(L.keyboard.overlaps(L.attribution));
    CHECK(L.keyboard.width() >= 10 * L.key + 9 * L.gap);
    CHECK(L.keyboard_results >= (narrow ? 2 : 3));
}

// Every control within 0.4 - 1.2 m above the floor.
void check_reach(const Layout& L) {
    REQUIRE_FALSE(L.reach.empty());
    for (const Named& r : std::vector<Named>{{"district_list", &L.district_list},
                                             {"map_controls", &L.map_controls},
                                             {"search", &L.search},
                                             {"language", &L.language},
                                             {"qr", &L.qr},
                                             {"keyboard", &L.keyboard}}) {
        INFO(r.name << " rows " << r.rect->min.y << " .. " << r.rect->max.y << ", reach " << L.reach.top_px << " .. "
                    << L.reach.bottom_px);
        CHECK(r.rect->min.y >= L.reach.top_px - 0.5);
        CHECK(r.rect->max.y <= L.reach.bottom_px + 0.5);
    }
}

}  // namespace

TEST_CASE("Rect overlap: shared edges do not overlap, shared interiors do") {
    Rect a{{0, 0}, {10, 10}}, b{{10, 0}, {20, 10}}, c{{9, 9}, {12, 12}};
    CHECK_FALSE(a.overlaps(b));
    CHECK(a.overlaps(c));
    CHECK(b.overlaps(c));
    CHECK(a.contains(Rect{{1, 1}, {10, 10}}));
    CHECK_FALSE(a.contains(c));
}

TEST_CASE("layout at the five target screens: no overlaps, all on screen, targets and text at their sizes") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        const Layout L = make_layout(s.geometry(), Mounting{}, kOpenSansCapRatio);
        CHECK(L.orientation == (s.height_px > s.width_px ? Orientation::Portrait : Orientation::Landscape));
        check_layout(L);
        if (L.orientation == Orientation::Portrait) check_reach(L);
    }
}

TEST_CASE("landscape: list on the left, map in the middle, panel and legend on the right, controls beside the map") {
    const Layout L = make_layout(test::target_screens()[2].geometry());  // 43" 1920x1080
    CHECK(L.district_list.max.x <= L.map_area.min.x);
    CHECK(L.map_area.max.x <= L.map_controls.min.x);
    CHECK(L.map_controls.max.x <= L.panel.min.x);
    CHECK(L.legend.min.y >= L.panel.max.y);
    CHECK(L.header.min.y == 0);
    CHECK(L.attribution.max.y == 1080);
    CHECK(L.scale == Approx(1.0f).epsilon(0.01));  // the reference density
    // A 4K 55" screen has 1.56 times the pixels per millimetre: the same picture in millimetres, more room.
    const Layout uhd = make_layout(test::target_screens()[4].geometry());
    CHECK(uhd.scale == Approx(3840.0 / 1217.7 / (1920.0 / 952.0)).epsilon(0.01));
    CHECK(uhd.button / uhd.px_per_mm == Approx(L.button / L.px_per_mm).epsilon(0.1));
}

TEST_CASE("portrait 55-inch totem: map and text above, every control in the reach band, for several mountings") {
    const test::TargetScreen& totem = test::target_screens()[3];
    for (double bottom : {0.4, 0.5, 0.65, 0.8}) {
        INFO("screen bottom edge at " << bottom << " m");
        const Layout L = make_layout(totem.geometry(), Mounting{bottom});
        check_layout(L);
        check_reach(L);
        CHECK(L.map_area.max.y <= L.district_list.min.y);
        CHECK(L.panel.max.y <= L.map_controls.min.y);
        CHECK(L.header.max.y <= L.map_area.min.y);
    }
    // Mounted so low that its bottom rows are under 0.4 m: the controls rise above them.
    const Layout low = make_layout(totem.geometry(), Mounting{0.2});
    check_reach(low);
    CHECK(low.district_list.max.y <= low.reach.bottom_px + 0.5);
    CHECK(low.reach.bottom_px < 1920 - 100);
}

TEST_CASE("reach rows follow the mounting: 55-inch portrait, bottom edge at 0.65 m") {
    const ScreenGeometry g = test::target_screens()[3].geometry();
    CHECK(g.height_mm == Approx(1217.7).epsilon(0.002));
    const RowBand band = rows_between_heights(g, Mounting{0.65}, kReachLowM, kReachHighM);
    // 1.2 m is 0.55 m above the bottom edge: 550 mm * 1.577 px/mm = 867 rows from the bottom.
    CHECK(band.top_px == Approx(1920 - 550 * g.px_per_mm()).margin(0.5));
    CHECK(band.bottom_px == 1920);
    CHECK(height_above_floor_m(g, Mounting{0.65}, 1920) == Approx(0.65));
    CHECK(height_above_floor_m(g, Mounting{0.65}, 0) == Approx(0.65 + 1.2177).epsilon(0.002));
    // A screen hung entirely above the band has no row in reach.
    CHECK(rows_between_heights(g, Mounting{1.3}, kReachLowM, kReachHighM).empty());
}

TEST_CASE("unknown density: a 96 dpi monitor is assumed, never zero") {
    const Layout unknown = make_layout(ImVec2(1920, 1080), 0);
    CHECK(unknown.px_per_mm == Approx(kDefaultPxPerMm));
    CHECK(unknown.button / unknown.px_per_mm >= TouchSpec::kButtonMm);
    check_layout(unknown, false);
}

TEST_CASE("the map area converts to the camera's screen rectangle") {
    const Layout L = make_layout(ImVec2(1920, 1080), 1920.0f / 952.0f);
    const ScreenRect r = to_screen_rect(L.map_area);
    CHECK(r.x == L.map_area.min.x);
    CHECK(r.y == L.map_area.min.y);
    CHECK(r.w == L.map_area.width());
    CHECK(r.h == L.map_area.height());
}

// Not run by default: prints every region of the five layouts (build/qmi_adapter_tests "[.layout-dump]").
TEST_CASE("layout dump", "[.layout-dump]") {
    for (const test::TargetScreen& s : test::target_screens()) {
        const Layout L = make_layout(s.geometry());
        std::printf("%s: %.2f px/mm, scale %.2f, fonts headline %.0f cta %.0f title %.0f body %.0f label %.0f small %.0f, "
                    "button %.0f key %.0f gap %.0f margin %.0f padding %.0f qr %.0f, reach %.0f..%.0f\n",
                    s.name, L.px_per_mm, L.scale, L.fonts.headline, L.fonts.banner, L.fonts.title, L.fonts.body,
                    L.fonts.label, L.fonts.small, L.button, L.key, L.gap, L.margin, L.padding, L.qr_side,
                    L.reach.top_px, L.reach.bottom_px);
        std::vector<Named> all = regions(L);
        all.push_back({"hint", &L.hint});
        all.push_back({"keyboard", &L.keyboard});
        for (const Named& r : all)
            std::printf("  %-14s %5.0f,%5.0f .. %5.0f,%5.0f  (%4.0f x %4.0f)\n", r.name, r.rect->min.x, r.rect->min.y,
                        r.rect->max.x, r.rect->max.y, r.rect->width(), r.rect->height());
    }
}
