// Physical screen density, so that touch targets and gesture thresholds are millimetres on the glass.
#pragma once
#include <optional>

namespace qmi::app {

// px/mm: Settings::dpi when set, else the X server's DisplayWidth / DisplayWidthMM of the default screen ($DISPLAY;
// Xvfb reports a plausible size), else 0 = unknown (the layout then assumes 96 dpi).
float screen_px_per_mm(const std::optional<double>& settings_dpi);

}  // namespace qmi::app
