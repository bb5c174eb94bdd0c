// The legibility report (--ui-report): for one screen, each text role's capital height and each control's size,
// in pixels AND millimetres, against the minimums of ui/type_scale; the height above the floor of the controls
// (portrait reach); the contrast of every palette pair (ui/theme). Built from the same Layout the kiosk draws with,
// so what it prints is what the visitor gets.
#pragma once
#include <string>
#include <vector>

#include "core/screen_geometry.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"

namespace qmi::ui {

struct ReportLine {
    std::string what;        // "body", "district button (height)", "first-promotion district against grey ..."
    float px = 0;            // capital height or control side in px (contrast lines: 0)
    float value = 0;         // millimetres (text, controls, heights: metres) or contrast ratio
    float minimum = 0;       // what `value` must reach (for heights: the band's low end)
    float maximum = 0;       // heights only: the band's high end; 0 = no upper bound
    bool ok = true;
};

struct LegibilityReport {
    std::string screen;                  // "1920x1080 px, 952 x 536 mm (43.0\"), from kiosk.json ..."
    std::vector<ReportLine> text;        // one per text role: capital height
    std::vector<ReportLine> controls;    // main touch targets: side(s) in mm
    std::vector<ReportLine> reach;       // portrait: controls' top and bottom above the floor (m)
    std::vector<ReportLine> contrast;    // every contrast_pairs() entry
    bool ok() const;
};

// `built` (optional): fonts loaded into a BUILT atlas; the capital heights are then measured from the rasterised
// "H" glyphs instead of computed, so the report shows what is on the glass.
LegibilityReport legibility_report(const Layout& layout, const ScreenGeometry& screen, const Fonts* built = nullptr);

// Plain text, one line per entry, "FAIL" on each line under its minimum, e.g.
//   text  headline          cap 30.4 px = 15.1 mm  (min 15.0 mm)  ok
std::string format_report(const LegibilityReport& report);

}  // namespace qmi::ui
