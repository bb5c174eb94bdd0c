#include "app/screen_density.hpp"

// Own translation unit: Xlib's macros (None, Status, Bool, ...) collide with SFML and ImGui names.
#include <X11/Xlib.h>

namespace qmi::app {

float screen_px_per_mm(const std::optional<double>& settings_dpi) {
    if (settings_dpi && *settings_dpi > 0) return static_cast<float>(*settings_dpi / 25.4);
    Display* d = XOpenDisplay(nullptr);
    if (!d) return 0;
    const int s = DefaultScreen(d);
    const int px = DisplayWidth(d, s), mm = DisplayWidthMM(d, s);
    XCloseDisplay(d);
    // Monitors with a missing or absurd EDID size report 0 mm or nonsense: 50 .. 1000 dpi or unknown.
    if (px <= 0 || mm <= 0) return 0;
    const float dpi = 25.4f * static_cast<float>(px) / static_cast<float>(mm);
    return (dpi >= 50 && dpi <= 1000) ? dpi / 25.4f : 0;
}

}  // namespace qmi::app
