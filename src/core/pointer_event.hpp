// Raw pointer input as the core sees it: screen pixels, seconds, one id per finger. Adapters (src/input/xi_touch,
// SFML mouse events, src/input/replay) produce these; GestureRecognizer, AttractMode and StaffAccess consume them.
#pragma once
#include <string>

namespace qmi {

// Screen position in pixels, origin top-left, y down (same as SFML window coordinates).
struct ScreenPos {
    float x = 0;
    float y = 0;
};

struct PointerEvent {
    enum Kind { Down, Move, Up, Cancel };
    enum Source { Touch, Mouse };

    int id = 0;          // touch: the XI touch id (any int); mouse: the button (0 = left)
    Kind kind = Down;
    ScreenPos pos;
    double t = 0;        // seconds, any monotonic origin shared by every event of a run
    Source source = Touch;
};

// Mouse wheel: delta in notches, positive = wheel away from the user = zoom in (as SFML reports it).
struct WheelEvent {
    ScreenPos pos;
    float delta = 0;
    double t = 0;
};

// A key press with its modifiers, independent of SFML: the app maps sf::Keyboard::Key to these names
// ("Escape", "F4", "Q", "W", "Tab", "A".."Z", "F1".."F12", ... ; anything else may be "Other").
struct KeyChord {
    std::string key;
    bool ctrl = false;
    bool alt = false;
    bool shift = false;
    bool system = false;  // Super / Windows key
};

}  // namespace qmi
