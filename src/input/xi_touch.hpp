// Real multi-touch on Linux/X11: XInput 2.2 touch events (libXi) on the kiosk's SFML window, as PointerEvents.
// SFML 2.5 has no touch events on Linux, so this opens a second X connection, selects XI_TouchBegin/Update/End on
// the SFML window (sf::WindowHandle is the X Window id) and is polled once per frame. Without a touch screen (or
// under Xvfb) it reports "no touch device" and produces nothing; the app then relies on SFML mouse events alone.
//
// Loop usage:
//     XiTouchSource touch(window.getSystemHandle());    // after the window exists; log touch.description()
//     every frame: touch.poll(events, now_s);             // appends Touch PointerEvents in arrival order
//     SFML mouse button / move events -> PointerEvent{Source::Mouse}, unless touch.suppress_mouse(now_s)
//
// Once a client selects touch events on a window, the X server stops emulating the mouse for touches there, so a
// tap is not seen twice. suppress_mouse() is a second guard for servers that emulate anyway: while a finger is down
// (and 0.5 s after) SFML mouse button events are dropped, otherwise a tap would look like a two-finger pinch.
//
// On hardware: `xinput list` shows the touch screen ("... Touchscreen  id=N [slave pointer]"); `xinput list N`
// must show "Class originated from: ... Touch mode: direct"; `xinput test-xi2 --root` prints TouchBegin /
// TouchUpdate / TouchEnd while touching. Under cage the device is "xwayland-touch".
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/pointer_event.hpp"

namespace qmi {

// Maps X server timestamps (ms, wrapping every 49 days) onto the caller's clock in seconds, keeping the spacing
// between events exact (fling velocity needs it) and re-anchoring when the two clocks drift apart.
class XTimeMapper {
public:
    double map(unsigned long x_time_ms, double now_s);

private:
    bool anchored_ = false;
    unsigned long base_x_ = 0;
    double base_s_ = 0;
};

// Pure conversion of one XI2 device event (evtype XI_TouchBegin/Update/End) to a PointerEvent; false for other
// event types. `event_x/event_y` are window-relative pixels, `detail` the touch id.
bool xi_touch_to_pointer(int evtype, int detail, double event_x, double event_y, int flags, double t,
                         PointerEvent& out);

class XiTouchSource {
public:
    enum class TouchStatus {
        Ok,             // touch events selected, at least one direct-touch device present
        NoTouchDevice,  // XI 2.2 available and selected, but no touch screen (yet: hot-plug is followed)
        NoDisplay,      // cannot open the X display ($DISPLAY unset or refused)
        NoXInput2,      // server without XInput 2.2
        WindowRefused,      // the window id was refused by the server
    };

    // window: the X Window id (sf::WindowHandle). display_name: nullptr = $DISPLAY.
    explicit XiTouchSource(unsigned long window, const char* display_name = nullptr);
    ~XiTouchSource();
    XiTouchSource(const XiTouchSource&) = delete;
    XiTouchSource& operator=(const XiTouchSource&) = delete;

    TouchStatus status() const { return status_; }
    bool has_touch_device() const { return status_ == TouchStatus::Ok; }
    // One line for the log: "touch: 1 direct-touch device: ILITEK Multi-Touch (10 touches), XI 2.4" or the reason.
    const std::string& description() const { return description_; }

    // Drains the pending X events without blocking; appends Touch PointerEvents (t on the caller's clock).
    void poll(std::vector<PointerEvent>& out, double now_s);
    // True while a finger is down and for 0.5 s after the last touch event.
    bool suppress_mouse(double now_s) const;
    int fingers_down() const { return static_cast<int>(down_.size()); }
    // The connection's file descriptor, for a loop that sleeps in poll() until input arrives (-1: none), and
    // whether Xlib already holds events read from it (poll() would not wake for those).
    int connection_fd() const;
    bool events_queued() const;

private:
    void query_devices();

    struct Impl;
    std::unique_ptr<Impl> impl_;
    TouchStatus status_ = TouchStatus::NoDisplay;
    std::string description_;
    std::vector<int> down_;
    double last_touch_s_ = -1e9;
    XTimeMapper clock_;
};

const char* to_string(XiTouchSource::TouchStatus s);

}  // namespace qmi
