#include "core/staff_access.hpp"

#include <algorithm>
#include <cmath>

#include <sodium.h>

namespace qmi {

namespace {
constexpr double kCornerMm = 15.0;
constexpr double kMaxLockout_s = 86400;
constexpr size_t kMaxPinBytes = 64;

bool well_formed_pin(std::string_view pin) {
    if (pin.empty() || pin.size() > kMaxPinBytes) return false;
    return std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

StaffAccess::StaffAccess(const Settings::Staff& staff, float px_per_mm, double pin_pad_timeout_s)
    : staff_(staff), pad_timeout_s_(pin_pad_timeout_s) {
    if (!(px_per_mm > 0.5f && px_per_mm < 100.0f)) px_per_mm = 96.0f / 25.4f;
    corner_px_ = static_cast<float>(kCornerMm * px_per_mm);
    staff_.max_pin_attempts = std::max(1, staff_.max_pin_attempts);
    staff_.lockout_s = std::max(1, staff_.lockout_s);
    staff_.corner_hold_s = std::max(1, staff_.corner_hold_s);
    attempts_left_ = staff_.max_pin_attempts;
    next_lockout_s_ = staff_.lockout_s;
    // Idempotent and thread-safe; needed before crypto_pwhash_*.
    if (sodium_init() < 0) staff_.pin_hash.clear();
}

void StaffAccess::on_pointer(const PointerEvent& e) {
    if (std::isfinite(e.t) && e.t > now_) now_ = e.t;
    const bool in_corner = std::isfinite(e.pos.x) && std::isfinite(e.pos.y) && e.pos.x >= 0 && e.pos.y >= 0 &&
                           e.pos.x < corner_px_ && e.pos.y < corner_px_;
    switch (e.kind) {
        case PointerEvent::Down:
            ++fingers_down_;
            // Only a lone finger counts: a pinch that happens to start in the corner is not the staff gesture.
            if (fingers_down_ == 1 && in_corner && enabled() && !pad_open_ && !unlocked_) {
                holding_ = true;
                holder_ = e.who();
                hold_pos_ = e.pos;
                hold_start_t_ = now_;
            } else {
                holding_ = false;
            }
            break;
        case PointerEvent::Move:
            if (holding_ && e.who() == holder_ && !in_corner) holding_ = false;
            if (holding_ && e.who() == holder_) hold_pos_ = e.pos;
            break;
        case PointerEvent::Up:
            fingers_down_ = std::max(0, fingers_down_ - 1);
            if (holding_ && e.who() == holder_) holding_ = false;
            break;
        case PointerEvent::Cancel:
            fingers_down_ = 0;
            holding_ = false;
            break;
    }
    update(now_);
}

std::optional<StaffAccess::CornerHold> StaffAccess::corner_hold(double t, double show_after_s) const {
    if (!holding_) return std::nullopt;
    const double held = std::max(t, now_) - hold_start_t_;
    if (held < show_after_s) return std::nullopt;
    return CornerHold{hold_pos_, static_cast<float>(std::clamp(held / staff_.corner_hold_s, 0.0, 1.0))};
}

void StaffAccess::update(double t) {
    if (std::isfinite(t) && t > now_) now_ = t;
    if (holding_ && now_ - hold_start_t_ >= staff_.corner_hold_s) {
        holding_ = false;  // once per press: lift and press again for another try
        open_pad(now_);
    }
    if (pad_open_ && now_ - pad_last_activity_t_ >= pad_timeout_s_) close_pin_pad();
}

void StaffAccess::open_pad(double t) {
    pad_open_ = true;
    pad_opened_flag_ = true;
    pad_last_activity_t_ = t;
}

bool StaffAccess::take_pin_pad_opened() {
    const bool f = pad_opened_flag_;
    pad_opened_flag_ = false;
    return f;
}

void StaffAccess::pin_pad_activity(double t) {
    if (std::isfinite(t) && t > now_) now_ = t;
    pad_last_activity_t_ = now_;
}

void StaffAccess::close_pin_pad() {
    pad_open_ = false;
    pad_opened_flag_ = false;
}

void StaffAccess::lock() {
    unlocked_ = false;
    close_pin_pad();
}

double StaffAccess::lockout_remaining(double t) const {
    const double now = std::isfinite(t) ? std::max(t, now_) : now_;
    return std::max(0.0, locked_until_ - now);
}

PinResult StaffAccess::submit_pin(std::string_view pin, double t) {
    if (std::isfinite(t) && t > now_) now_ = t;
    pad_last_activity_t_ = now_;
    if (!enabled()) return PinResult::Disabled;
    if (now_ < locked_until_) return PinResult::LockedOut;
    if (!well_formed_pin(pin)) return PinResult::Malformed;

    // The PIN is passed as pointer + length (no terminator needed); the hash string is NUL-terminated.
    const bool ok = crypto_pwhash_str_verify(staff_.pin_hash.c_str(), pin.data(), pin.size()) == 0;
    if (ok) {
        unlocked_ = true;
        pad_open_ = false;
        attempts_left_ = staff_.max_pin_attempts;
        next_lockout_s_ = staff_.lockout_s;
        return PinResult::Accepted;
    }
    if (--attempts_left_ <= 0) {
        locked_until_ = now_ + next_lockout_s_;
        next_lockout_s_ = std::min(kMaxLockout_s, next_lockout_s_ * 2);
        attempts_left_ = staff_.max_pin_attempts;  // a fresh set once the lockout is over
    }
    return PinResult::Wrong;
}

std::optional<std::string> hash_staff_pin(std::string_view pin) {
    if (sodium_init() < 0) return std::nullopt;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return std::nullopt;
    return std::string(out);
}

// ---- lock-down ----

namespace {
struct Shortcut {
    const char* key;
    bool ctrl;
    bool alt;
    bool exits;  // true: quits in windowed mode; false: only swallowed in kiosk mode
};
// The whole policy in one table, so it can be read (and reviewed) at a glance.
constexpr Shortcut kShortcuts[] = {
    {"Escape", false, false, true},  // Escape quits the developer window
    {"F4", false, true, true},       // Alt+F4
    {"Q", true, false, true},        // Ctrl+Q
    {"W", true, false, true},        // Ctrl+W
    {"Tab", false, true, false},     // Alt+Tab: no other window to go to
    {"Escape", false, true, false},  // Alt+Escape
};
}  // namespace

KeyAction kiosk_key_action(const KeyChord& key, bool kiosk_mode) {
    if (kiosk_mode && (key.system || key.key == "LSystem" || key.key == "RSystem")) return KeyAction::Ignore;
    for (const Shortcut& s : kShortcuts) {
        // Modifiers must match exactly for ctrl/alt, so Ctrl+Alt+Q is not Ctrl+Q; shift is ignored.
        if (key.key == s.key && key.ctrl == s.ctrl && key.alt == s.alt) {
            if (kiosk_mode) return KeyAction::Ignore;
            return s.exits ? KeyAction::Quit : KeyAction::Pass;
        }
    }
    return KeyAction::Pass;
}

bool kiosk_allows_window_close(bool kiosk_mode) { return !kiosk_mode; }

}  // namespace qmi
