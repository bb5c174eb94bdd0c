#include "core/screen_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace qmi {

namespace {

constexpr double kMmPerInch = 25.4;

// A density only makes sense between a 20 dpi wall of LED tiles (a 110" 1080p screen) and a 1000 dpi phone;
// beyond that the number is a driver's nonsense (EDID "0 mm", or a projector reporting 1 mm).
bool plausible_ppmm(double ppmm) { return std::isfinite(ppmm) && ppmm >= 20 / kMmPerInch && ppmm <= 1000 / kMmPerInch; }

ScreenGeometry from_ppmm(double w, double h, double ppmm, ScreenGeometry::Source source) {
    ScreenGeometry g;
    g.width_px = w;
    g.height_px = h;
    g.width_mm = w / ppmm;
    g.height_mm = h / ppmm;
    g.source = source;
    return g;
}

}  // namespace

double plausible_px_per_mm(int width_px, int width_mm) {
    if (width_px <= 0 || width_mm <= 0) return 0;
    const double px_per_mm = static_cast<double>(width_px) / width_mm;
    return plausible_ppmm(px_per_mm) ? px_per_mm : 0;
}

double ScreenGeometry::diagonal_in() const { return std::hypot(width_mm, height_mm) / kMmPerInch; }

const char* describe(ScreenGeometry::Source source) {
    switch (source) {
        case ScreenGeometry::Source::Diagonal: return "kiosk.json screen_diagonal_in";
        case ScreenGeometry::Source::Dpi: return "kiosk.json dpi";
        case ScreenGeometry::Source::System: return "the display server";
        case ScreenGeometry::Source::Assumed: return "assumed (96 dpi): set screen_diagonal_in in kiosk.json";
    }
    return "?";
}

ScreenGeometry screen_geometry(double width_px, double height_px, std::optional<double> diagonal_in,
                               std::optional<double> dpi, double system_px_per_mm) {
    const double w = std::max(1.0, width_px), h = std::max(1.0, height_px);
    if (diagonal_in && std::isfinite(*diagonal_in) && *diagonal_in > 0) {
        const double ppmm = std::hypot(w, h) / (*diagonal_in * kMmPerInch);
        if (plausible_ppmm(ppmm)) return from_ppmm(w, h, ppmm, ScreenGeometry::Source::Diagonal);
    }
    if (dpi && plausible_ppmm(*dpi / kMmPerInch)) return from_ppmm(w, h, *dpi / kMmPerInch, ScreenGeometry::Source::Dpi);
    if (plausible_ppmm(system_px_per_mm)) return from_ppmm(w, h, system_px_per_mm, ScreenGeometry::Source::System);
    return from_ppmm(w, h, kAssumedPxPerMm, ScreenGeometry::Source::Assumed);
}

double height_above_floor_m(const ScreenGeometry& screen, const Mounting& mounting, double y_px) {
    const double ppmm = screen.px_per_mm();
    if (ppmm <= 0) return mounting.bottom_edge_m;
    return mounting.bottom_edge_m + (screen.height_px - y_px) / ppmm / 1000.0;
}

RowBand rows_between_heights(const ScreenGeometry& screen, const Mounting& mounting, double low_m, double high_m) {
    RowBand b;
    const double ppmm = screen.px_per_mm();
    if (ppmm <= 0 || high_m <= low_m) return b;
    // Row y is (bottom_edge + (H - y) / ppmm) metres high, so y = H - (height - bottom_edge) * 1000 * ppmm.
    auto row_at = [&](double m) { return screen.height_px - (m - mounting.bottom_edge_m) * 1000.0 * ppmm; };
    b.top_px = std::clamp(row_at(high_m), 0.0, screen.height_px);
    b.bottom_px = std::clamp(row_at(low_m), 0.0, screen.height_px);
    return b;
}

}  // namespace qmi
