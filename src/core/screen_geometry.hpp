// The physical screen: its size in pixels AND in millimetres, and where it hangs above the floor. Everything a
// visitor must read or touch is sized from millimetres (ui/type_scale, ui/layout), never from pixels, because the
// same 1920x1080 picture is 476 mm wide on a 21.5" monitor and 1210 mm wide on a 55" totem.
//
// Where the millimetres come from, most trusted first:
//   1. kiosk.json "screen_diagonal_in" (the installer read it off the box): exact, whatever the driver says;
//   2. kiosk.json "dpi";
//   3. the display server (EDID), when it gives a plausible size;
//   4. nothing known: a 96 dpi desktop monitor is assumed (kAssumedPxPerMm), and the kiosk says so in its log.
// Pure arithmetic: the app asks the display server once and passes the answer in.
#pragma once
#include <optional>

namespace qmi {

struct ScreenGeometry {
    enum class Source { Diagonal, Dpi, System, Assumed };

    double width_px = 0, height_px = 0;
    double width_mm = 0, height_mm = 0;
    Source source = Source::Assumed;

    double px_per_mm() const { return width_mm > 0 ? width_px / width_mm : 0; }
    double diagonal_in() const;
    bool portrait() const { return height_px > width_px; }
};

const char* describe(ScreenGeometry::Source source);  // "kiosk.json screen_diagonal_in", ...

inline constexpr double kAssumedPxPerMm = 96.0 / 25.4;  // a desktop monitor, when nothing says otherwise

// The density a display server reports (`width_px` over `width_mm`, from the monitor's EDID), or 0 when it is not
// believable: no size (0 mm), or a density outside 20 .. 1000 dpi. The low end admits the kiosk's own screens: a 55"
// 1080p totem is 40 dpi, a 75" one 29 dpi, a 98" one 22 dpi; a monitor reporting centimetres as millimetres
// (16 x 9 "mm") lands far above 1000 dpi and is refused.
double plausible_px_per_mm(int width_px, int width_mm);

// `system_px_per_mm` <= 0 means the display server gave nothing usable. Square pixels are assumed (every flat
// panel sold today has them), so a diagonal and the pixel size give both sides.
ScreenGeometry screen_geometry(double width_px, double height_px, std::optional<double> diagonal_in,
                               std::optional<double> dpi, double system_px_per_mm);

// Where the screen hangs: its lower edge above the floor (kiosk.json "mounting.bottom_edge_m").
struct Mounting {
    double bottom_edge_m = 0.65;  // a 55" totem on its foot; the 1.2 m reach line then crosses its middle
};

// Comfortable reach of a standing or seated adult, and of a wheelchair user: controls go between these heights
// (the 15 in to 48 in side and forward reach range of accessibility codes, rounded to 0.4 and 1.2 m).
inline constexpr double kReachLowM = 0.4;
inline constexpr double kReachHighM = 1.2;

// Screen rows (y down, 0 = top edge) between two heights above the floor. `top_px` is the row at `high_m`,
// `bottom_px` the row at `low_m`, both clamped to the screen; empty (top_px >= bottom_px) when the screen lies
// entirely above or below that band.
struct RowBand {
    double top_px = 0, bottom_px = 0;
    bool empty() const { return top_px >= bottom_px; }
    double height() const { return empty() ? 0 : bottom_px - top_px; }
};
RowBand rows_between_heights(const ScreenGeometry& screen, const Mounting& mounting, double low_m, double high_m);
// Height above the floor (m) of screen row `y_px`.
double height_above_floor_m(const ScreenGeometry& screen, const Mounting& mounting, double y_px);

}  // namespace qmi
