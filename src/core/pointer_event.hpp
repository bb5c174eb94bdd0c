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

struct PointerId;

struct PointerEvent {
    enum Kind { Down, Move, Up, Cancel };
    enum Source { Touch, Mouse };

    int id = 0;          // touch: the XI touch id (any int); mouse: the button (0 = left)
    Kind kind = Down;
    ScreenPos pos;
    double t = 0;        // seconds, any monotonic origin shared by every event of a run
    Source source = Touch;

    PointerId who() const;
};

// Which pointer an event belongs to. Touch ids and mouse buttons are numbered independently (finger 0 and the left
// button are both 0), so an id alone never names a pointer: everything that tracks fingers keys them by this.
struct PointerId {
    PointerEvent::Source source = PointerEvent::Touch;
    int id = 0;

    friend bool operator==(const PointerId&, const PointerId&) = default;
};

inline PointerId PointerEvent::who() const { return {source, id}; }

// Mouse wheel: delta in notches, positive = wheel away from the user = zoom in (as SFML reports it).
struct WheelEvent {
    ScreenPos pos;
    float delta = 0;
    double t = 0;
};

// A key press with its modifiers, independent of SFML: the app maps sf::Keyboard::Key to these names
// ("Escape", "F4", "Q", "W", "Tab", "A".."Z", "F1".."F12", "PageUp", "PageDown", "Left", "Right", "Up", "Down",
// "Home", "End", "Period", ... ; anything else may be "Other").
struct KeyChord {
    std::string key;
    bool ctrl = false;
    bool alt = false;
    bool shift = false;
    bool system = false;  // Super / Windows key
};

}  // namespace qmi
