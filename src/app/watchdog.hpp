// systemd integration: READY=1 once the first frame is on screen, WATCHDOG=1 keep-alives from the main loop.
// Outside systemd (no NOTIFY_SOCKET) every call is a cheap no-op, so the loop calls it unconditionally.
//
// Loop usage:
//     Watchdog watchdog;                      // once, at start-up
//     ... after the first window.display():  watchdog.ready();
//     every frame:                           watchdog.frame(seconds_since_start);
//     on a clean exit:                       watchdog.stopping();
// If the loop stops calling frame() for WatchdogSec (5 s in kiosk/qmi-kiosk.service), systemd kills and restarts
// the kiosk. Keep-alives are sent every interval/4 so one slow frame (map reload) does not trigger it.
#pragma once
#include <string_view>

namespace qmi {

class Watchdog {
public:
    Watchdog();

    bool under_systemd() const { return notify_; }
    // Keep-alive period requested by systemd in seconds, 0 when the unit has no WatchdogSec.
    double interval_s() const { return interval_s_; }

    void ready();                     // READY=1, once
    void frame(double now_s);         // WATCHDOG=1 when due; now_s from a monotonic clock
    void status(std::string_view s);  // STATUS=... shown by `systemctl status qmi-kiosk`
    void stopping();                  // STOPPING=1

    int keepalives_sent() const { return sent_; }

private:
    bool notify_ = false;
    double interval_s_ = 0;
    bool ready_sent_ = false;
    bool have_last_ = false;
    double last_s_ = 0;
    int sent_ = 0;
};

}  // namespace qmi
