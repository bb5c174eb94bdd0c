// Input scripts: recorded or hand-written visitor input, one JSON object per line (JSON Lines), used by
// `qmi-kiosk --replay FILE` (end-to-end tests, demos) and written by `--record FILE`.
//
//   # comments and blank lines are allowed
//   {"t":0.00,"type":"down","id":1,"x":960,"y":540}        touch: down | move | up | cancel, id = finger
//   {"t":0.05,"type":"move","id":1,"x":980,"y":540}
//   {"t":0.10,"type":"up","id":1,"x":980,"y":540}
//   {"t":1.00,"type":"mouse","action":"down","x":10,"y":20}  mouse: action down | move | up, "button" optional (0)
//   {"t":2.00,"type":"wheel","x":960,"y":540,"delta":1}      wheel notches, > 0 zooms in
//   {"t":3.00,"type":"key","key":"Escape","ctrl":false,"alt":false}   key names: see KeyChord
//   {"t":4.00,"type":"close"}                                the window's close button / WM_DELETE
//
// t is in seconds from the start of the replay. Malformed lines are dropped with a ConfigError naming the line;
// impossible sequences (time going back, up without down, ...) are reported but their events kept, because
// replaying garbage on purpose is how the kiosk's robustness is tested.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/config_error.hpp"
#include "core/pointer_event.hpp"

namespace qmi {

struct InputEvent {
    enum Kind { Pointer, Wheel, Key, Close };
    Kind kind = Pointer;
    double t = 0;          // seconds since the start of the script (also copied into pointer.t / wheel.t)
    PointerEvent pointer;  // kind == Pointer
    WheelEvent wheel;      // kind == Wheel
    KeyChord key;          // kind == Key
};

struct InputScript {
    std::vector<InputEvent> events;  // in file order
    ConfigErrors errors;             // path "line N" or "line N /field"
    // False when a line (or the whole file) could not be read, so events are missing: --replay refuses such a
    // script. Impossible sequences alone (an up without a down, time going back) leave it true: their events are
    // kept on purpose, and --replay plays them with a warning.
    bool complete = true;
};

constexpr size_t kMaxInputScriptBytes = 64u * 1024 * 1024;
constexpr size_t kMaxInputScriptLine = 4096;

// `label` names the source in errors (usually the file path). Never throws.
InputScript parse_input_script(std::string_view bytes, const std::string& label);

// One line, without the trailing newline. parse_input_script(serialise) gives the same events back (t to 1 µs).
std::string serialise_input_event(const InputEvent& e);
std::string serialise_input_script(const std::vector<InputEvent>& events);  // every line ends with '\n'

}  // namespace qmi
