#include "app/screen_density.hpp"

// Own translation unit: Xlib's macros (None, Status, Bool, ...) collide with SFML and ImGui names.
#include <X11/Xlib.h>

#include "core/screen_geometry.hpp"

namespace qmi::app {

float screen_px_per_mm(const std::optional<double>& settings_dpi) {
    if (settings_dpi && *settings_dpi > 0) return static_cast<float>(*settings_dpi / 25.4);
    Display* d = XOpenDisplay(nullptr);
    if (!d) return 0;
    const int s = DefaultScreen(d);
    const int px = DisplayWidth(d, s), mm = DisplayWidthMM(d, s);
    XCloseDisplay(d);
    // Monitors with a missing or absurd EDID size report 0 mm or nonsense.
    return static_cast<float>(plausible_px_per_mm(px, mm));
}

}  // namespace qmi::app
