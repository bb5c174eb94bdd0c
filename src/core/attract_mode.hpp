// Attract mode: when nobody has touched the kiosk for idle_timeout_s, close the panels, glide back to the overview
// and cycle through the QMI districts (highlight + one-line challenge + "Touchez la carte") every step_s.
// The first touch stops it at once and is consumed: the visitor's wake-up touch must not also select a town.
// Pure state machine; time only comes in as explicit arguments (tests use a fake clock).
//
// Loop usage (once per frame, before the gesture recognizer):
//     for each pointer event e: if (attract.on_pointer(e)) gestures.on_pointer(e);
//     for each wheel/key event at t: if (attract.on_other_input(t)) handle it;
//     attract.update(now);
//     for (auto& a : attract.take_actions()) switch (a.kind) {
//         case AttractAction::Start:     close panels, gestures.reset(), camera.ease_to(overview); break;
//         case AttractAction::Highlight: highlight district a.district (index into content.districts) + its
//                                        challenge + "Touchez la carte"; break;
//         case AttractAction::Stop:      remove the highlight; the map is interactive again; break; }
#pragma once
#include <utility>
#include <vector>

#include "core/pointer_event.hpp"

namespace qmi {

struct AttractConfig {
    double idle_timeout_s = 90;  // Settings::idle_timeout_s
    double step_s = 8;           // Settings::attract_step_s
    double glide_s = 1.5;        // time given to the glide to the overview before the first highlight
};

struct AttractAction {
    enum Kind { Start, Highlight, Stop };
    Kind kind = Start;
    int district = -1;  // Highlight: index in [0, district_count)
};

class AttractMode {
public:
    AttractMode(const AttractConfig& config, int district_count);

    // Content reloaded with a different number of districts: the cycle continues with the new count.
    void set_district_count(int count);

    // Every pointer event, in order. Returns true when the event should go on to the widgets and the map, false
    // when it is swallowed (the touch that woke the kiosk, until all its fingers are up). `on_control`: the event
    // lands on an interactive control (language button, district list): a touch there wakes the kiosk AND acts,
    // since the visitor aimed at that control, not at the loop.
    bool on_pointer(const PointerEvent& e, bool on_control = false);
    // Wheel or key input at time t: wakes the kiosk. Returns false when it was consumed to stop attract mode.
    bool on_other_input(double t);
    // Advance the clock: starts attract mode after the idle timeout, moves the highlight on.
    void update(double t);
    // Start attract mode now (demo key, --attract, tests).
    void start(double t);

    std::vector<AttractAction> take_actions();
    bool active() const { return active_; }
    int highlighted() const { return highlighted_; }  // -1 when none
    // Seconds until attract mode starts (0 when active): for a debug overlay.
    double idle_remaining(double t) const;

private:
    void wake(double t);
    void touch_time(double t);

    AttractConfig cfg_;
    int district_count_ = 0;
    bool have_t_ = false;
    double last_input_t_ = 0;
    double now_ = 0;
    bool active_ = false;
    double started_t_ = 0;
    long step_index_ = -1;    // which step of the cycle is shown
    int next_district_ = 0;   // where the next cycle starts: consecutive sessions show different districts
    int highlighted_ = -1;
    std::vector<PointerId> fingers_down_;  // while any is down the kiosk is not idle
    std::vector<PointerId> swallowing_;   // fingers of the wake-up touch
    std::vector<AttractAction> actions_;
};

}  // namespace qmi
