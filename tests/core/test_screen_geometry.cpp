// The screen's millimetres decide every text and target size: where they come from, and what a wrong number does.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/screen_geometry.hpp"

using namespace qmi;

TEST_CASE("screen geometry: a diagonal gives both sides of a square-pixel screen", "[screen]") {
    const ScreenGeometry g = screen_geometry(1920, 1080, 43.0, std::nullopt, 0);
    CHECK(g.source == ScreenGeometry::Source::Diagonal);
    CHECK(g.width_mm == Approx(952.1).epsilon(0.001));
    CHECK(g.height_mm == Approx(535.5).epsilon(0.001));
    CHECK(g.diagonal_in() == Approx(43.0));
    CHECK(g.px_per_mm() == Approx(2.0166).epsilon(0.001));
    // Portrait: the same panel on its side.
    const ScreenGeometry p = screen_geometry(1080, 1920, 43.0, std::nullopt, 0);
    CHECK(p.portrait());
    CHECK(p.width_mm == Approx(g.height_mm));
    // A 5:4 19" monitor.
    const ScreenGeometry q = screen_geometry(1280, 1024, 19.0, std::nullopt, 0);
    CHECK(q.width_mm == Approx(376.9).epsilon(0.002));
}

TEST_CASE("screen geometry: diagonal, then dpi, then the system, then 96 dpi assumed", "[screen]") {
    CHECK(screen_geometry(1920, 1080, 43.0, 300.0, 5.0).source == ScreenGeometry::Source::Diagonal);
    const ScreenGeometry dpi = screen_geometry(1920, 1080, std::nullopt, 101.6, 5.0);
    CHECK(dpi.source == ScreenGeometry::Source::Dpi);
    CHECK(dpi.px_per_mm() == Approx(4.0));
    const ScreenGeometry sys = screen_geometry(1920, 1080, std::nullopt, std::nullopt, 2.0);
    CHECK(sys.source == ScreenGeometry::Source::System);
    CHECK(sys.width_mm == Approx(960));
    const ScreenGeometry none = screen_geometry(1920, 1080, std::nullopt, std::nullopt, 0);
    CHECK(none.source == ScreenGeometry::Source::Assumed);
    CHECK(none.px_per_mm() == Approx(kAssumedPxPerMm));
    // Nonsense from a driver (EDID "1 mm wide", NaN) is ignored, not believed.
    CHECK(screen_geometry(1920, 1080, std::nullopt, std::nullopt, 1920.0).source == ScreenGeometry::Source::Assumed);
    CHECK(screen_geometry(1920, 1080, std::nullopt, std::nullopt, std::nan("")).source ==
          ScreenGeometry::Source::Assumed);
    CHECK(screen_geometry(1920, 1080, 0.5, std::nullopt, 0).source == ScreenGeometry::Source::Assumed);
    // A 55" 1080p totem is 40 dpi: a real kiosk, not nonsense.
    CHECK(screen_geometry(1080, 1920, 55.0, std::nullopt, 0).source == ScreenGeometry::Source::Diagonal);
    CHECK(std::string(describe(ScreenGeometry::Source::Assumed)).find("screen_diagonal_in") != std::string::npos);
}

TEST_CASE("screen geometry: rows within reach for a mounting", "[screen]") {
    // 43" landscape, bottom edge 0.9 m: the screen spans 0.90 - 1.44 m; rows above 1.2 m are out of reach.
    const ScreenGeometry g = screen_geometry(1920, 1080, 43.0, std::nullopt, 0);
    const RowBand band = rows_between_heights(g, Mounting{0.9}, kReachLowM, kReachHighM);
    CHECK(band.bottom_px == 1080);
    CHECK(band.top_px == Approx(1080 - 300 * g.px_per_mm()).margin(0.01));
    CHECK(height_above_floor_m(g, Mounting{0.9}, band.top_px) == Approx(1.2));
    // Entirely above the band: nothing within reach.
    CHECK(rows_between_heights(g, Mounting{1.5}, kReachLowM, kReachHighM).empty());
    // Entirely within it.
    const RowBand all = rows_between_heights(g, Mounting{0.5}, kReachLowM, kReachHighM);
    CHECK(all.top_px == 0);
    CHECK(all.height() == 1080);
}

TEST_CASE("screen geometry: the display server's size is believed for the big screens kiosks stand on", "[screen]") {
    // A 55" 1080p portrait totem (1080 px over 685 mm: 40 dpi), a 75" screen (29 dpi): their real density, not the
    // 96 dpi desktop guess that would draw every text and button two and a half times too large.
    CHECK(plausible_px_per_mm(1080, 685) == Approx(1080.0 / 685));
    CHECK(plausible_px_per_mm(1920, 1660) == Approx(1920.0 / 1660));
    CHECK(plausible_px_per_mm(1920, 952) == Approx(1920.0 / 952));  // 43": 51 dpi
    // No size, or nonsense: unknown.
    CHECK(plausible_px_per_mm(1920, 0) == 0);
    CHECK(plausible_px_per_mm(0, 500) == 0);
    CHECK(plausible_px_per_mm(1920, 16) == 0);    // centimetres reported as millimetres: 3,000 dpi
    CHECK(plausible_px_per_mm(1920, 3000) == 0);  // 16 dpi: a 120" wall, more likely a bogus EDID
}
