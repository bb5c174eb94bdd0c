// Per-frame input gathering for the interactive kiosk: XInput2 touch (src/input/xi_touch), SFML mouse, wheel,
// keys and window close, and --replay scripts, all turned into core InputEvents on ONE loop clock (seconds), in
// arrival order; --record writes them back out. Also the ImGui touch bridge: once XI touch events are selected on
// the window the X server no longer emulates mouse clicks for touches, so the first finger drives ImGui's mouse.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SFML/Window/Event.hpp>
#include <SFML/Window/Window.hpp>

#include "core/input_script.hpp"
#include "input/replay.hpp"
#include "input/xi_touch.hpp"

namespace qmi::app {

// sf::Keyboard key + modifiers -> the names core/staff_access and input scripts use ("Escape", "F4", "Q", ...).
KeyChord key_chord(const sf::Event::KeyEvent& key);

struct FrameInput {
    std::vector<InputEvent> events;        // pointer (touch + left mouse button), wheel, key, close
    std::vector<sf::Event> window_events;  // resize, focus, text: for KioskView::handle_event as they are
};

class InputGatherer {
public:
    // window: nullptr for an offscreen replay (no touch, no mouse). replay: events on script time, played from
    // loop time start_t. record_path: "" = no recording.
    InputGatherer(sf::Window* window, std::optional<InputScript> replay, double start_t, std::string record_path);

    // Everything that arrived since the previous call, with times on the loop clock `now`.
    void gather(double now, FrameInput& out);

    bool replaying() const { return replay_.has_value(); }
    bool replay_finished() const { return !replay_ || replay_->finished(); }
    double replay_end() const { return replay_ ? replay_->end_time() : 0; }
    // Touch is the current input: the cursor stays hidden (it also stays hidden in kiosk mode).
    bool touch_recent(double now) const { return touch_ && touch_->suppress_mouse(now); }
    std::string touch_description() const { return touch_ ? touch_->description() : "touch: no window"; }
    // Writes the recording (if any); "" on success, else one line for the log.
    std::string save_recording() const;

private:
    sf::Window* window_;
    std::unique_ptr<XiTouchSource> touch_;
    std::optional<InputReplay> replay_;
    std::optional<InputRecorder> recorder_;
    std::string record_path_;
    std::vector<PointerEvent> touch_buf_;
};

// The ImGui side of a pointer: the first finger (or the left mouse button) as SFML mouse events for the ImGui glue.
// Later fingers of a multi-touch gesture are not a mouse and are left to the map.
class ImGuiTouchBridge {
public:
    void to_mouse_events(const PointerEvent& e, std::vector<sf::Event>& out);
    // Lets go of ImGui's mouse when a modal screen opens or attract mode starts under a finger that is still
    // down: a button release off screen (it clicks nothing), so the next finger starts with a fresh press. Merely
    // forgetting the finger would leave ImGui's button held, and the next tap on the PIN pad would not click.
    void release(std::vector<sf::Event>& out);

private:
    std::optional<std::pair<int, int>> primary_;  // (source, id) of the finger driving ImGui's mouse
};

}  // namespace qmi::app
