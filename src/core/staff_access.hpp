// Staff access and kiosk lock-down.
//
// Hidden gesture: one finger held still for Settings::staff.corner_hold_s (5 s) in the top-left 15 mm square opens
// a PIN pad. The PIN is checked with libsodium's crypto_pwhash_str_verify against Settings::staff.pin_hash (the
// PIN itself is never stored). After max_pin_attempts wrong PINs the pad locks for lockout_s, doubling at each
// further lockout (60 s, 120 s, 240 s, ... capped at one day) until a right PIN resets it.
// With an empty pin_hash the staff menu does not exist and the corner does nothing.
//
// Lock-down: kiosk_key_action() says which keys are swallowed (Escape, Alt+F4, Ctrl+Q, ...), and
// kiosk_allows_window_close() whether the window's close request is obeyed. What the application cannot block
// (Ctrl+Alt+Backspace, VT switching) is disabled by the session, see kiosk/session/.
//
// Pure; time only comes in as explicit arguments.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/pointer_event.hpp"
#include "core/settings.hpp"

namespace qmi {

enum class PinResult {
    Accepted,   // staff menu unlocked
    Wrong,      // attempts_left() tells how many remain before a lockout
    LockedOut,  // not even checked: lockout_remaining() tells how long
    Disabled,   // no pin_hash configured
    Malformed,  // empty, longer than 64 bytes, or not digits: not checked, not counted
};

class StaffAccess {
public:
    StaffAccess(const Settings::Staff& staff, float px_per_mm, double pin_pad_timeout_s = 30);

    bool enabled() const { return !staff_.pin_hash.empty(); }
    // Side of the hidden corner square in screen px (15 mm).
    float corner_px() const { return corner_px_; }

    // Every raw pointer event, before attract mode and gestures (it only watches, it never consumes).
    void on_pointer(const PointerEvent& e);
    // Fires the corner hold once its time is up; closes an idle PIN pad after pin_pad_timeout_s.
    void update(double t);

    // While a lone finger holds the corner: where it is and how far the hold has come (0..1), so that the screen can
    // show a ring filling under the finger. Nothing before `show_after_s`: a visitor's brief touch there shows no
    // sign of a hidden gesture.
    struct CornerHold {
        ScreenPos pos;
        float fraction = 0;
    };
    std::optional<CornerHold> corner_hold(double t, double show_after_s = 0.75) const;

    bool pin_pad_open() const { return pad_open_; }
    // True once, right after the pad opened (the UI focuses it).
    bool take_pin_pad_opened();
    PinResult submit_pin(std::string_view pin, double t);
    // A key press on the PIN pad keeps it open (resets its idle timeout).
    void pin_pad_activity(double t);
    void close_pin_pad();

    bool unlocked() const { return unlocked_; }
    void lock();  // staff leaves the menu

    int attempts_left() const { return attempts_left_; }
    double lockout_remaining(double t) const;

private:
    void open_pad(double t);

    Settings::Staff staff_;
    float corner_px_;
    double pad_timeout_s_;

    bool holding_ = false;
    PointerId holder_;
    ScreenPos hold_pos_;
    double hold_start_t_ = 0;
    int fingers_down_ = 0;
    double now_ = 0;

    bool pad_open_ = false;
    bool pad_opened_flag_ = false;
    double pad_last_activity_t_ = 0;
    bool unlocked_ = false;
    int attempts_left_;
    double locked_until_ = -1e300;
    double next_lockout_s_;
};

// PIN -> crypto_pwhash_str string for config/kiosk.json (`qmi-kiosk hash-pin`). nullopt when libsodium fails
// (out of memory). Default cost: libsodium's "interactive" limits (about 0.1 s, 64 MiB).
std::optional<std::string> hash_staff_pin(std::string_view pin);

// ---- lock-down ----
enum class KeyAction {
    Pass,    // normal key, handled by the UI
    Ignore,  // kiosk mode: an exit/escape shortcut, swallowed
    Quit,    // windowed (developer) mode: the same shortcut quits the application
};
// Exit shortcuts: Escape, Alt+F4, Ctrl+Q, Ctrl+W. Kiosk mode also swallows Alt+Tab, Alt+Escape and the Super key.
KeyAction kiosk_key_action(const KeyChord& key, bool kiosk_mode);
// Window close button / WM_DELETE_WINDOW: obeyed only outside kiosk mode.
bool kiosk_allows_window_close(bool kiosk_mode);

}  // namespace qmi
