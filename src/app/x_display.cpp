#include "app/x_display.hpp"

#include <cstdlib>

// Own translation unit: Xlib's macros (None, Status, Bool, ...) collide with SFML and ImGui names.
#include <X11/Xlib.h>

namespace qmi::app {

std::string x_display_problem() {
    const char* name = std::getenv("DISPLAY");
    // The connection stays open until the process ends: closing it could leave the server without a client for an
    // instant, and an X server started without -noreset (xvfb-run's) then resets and refuses the connections the
    // kiosk opens next ("Failed to open X11 display" in the middle of a proof or a screenshot).
    static Display* kept = nullptr;
    if (kept) return "";
    if (Display* d = XOpenDisplay(nullptr)) {
        kept = d;
        return "";
    }
    const std::string which = name && *name ? "cannot open the X display '" + std::string(name) + "'"
                                            : "no X display ($DISPLAY is not set)";
    return which + ": the kiosk needs a graphical session (the kiosk PC's cage session, or `xvfb-run -a qmi-kiosk "
                   "--screenshot out.png` to check rendering headless)";
}

}  // namespace qmi::app
