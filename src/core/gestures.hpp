// Touch-first gesture recognition: turns raw PointerEvent / WheelEvent streams into map actions
// (tap, double-tap, pan with inertia, pinch zoom about the fingers' centre, wheel zoom at the cursor).
// Pure and deterministic: time only comes in through the events and update(t), so tests replay synthetic streams.
//
// Thresholds are physical (millimetres on the glass) and converted once with px_per_mm, because a 2 mm finger
// wobble is 8 px on a 55" 1080p screen but 16 px on a 24" 4K one.
//
// Loop usage (once per frame):
//     for each input event: recognizer.on_pointer(e) / recognizer.on_wheel(w)
//     recognizer.update(now)                 // held-press timeout, inertia glide, stuck-pointer reset
//     taps = apply_camera_gestures(camera, recognizer.take_actions())   // PanBy / ZoomAt; Tap / DoubleTap left
//     for (auto& x : recognizer.take_anomalies()) spdlog::warn("input: {}", x.describe());
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/pointer_event.hpp"

namespace qmi {

struct GestureConfig {
    float px_per_mm = 96.0f / 25.4f;       // screen density; the app computes it from the monitor size
    float tap_slop_mm = 2.0f;              // a press that moves less than this is not a drag
    double double_tap_s = 0.30;            // max time from the first tap's release to the second tap's press
    float double_tap_slop_mm = 10.0f;      // max distance between the two taps of a double tap
    double long_press_s = 0.60;            // a press held still this long is not a tap (a resting hand, a visitor
                                           // who changed their mind): its release selects nothing
    double fling_window_s = 0.08;          // release velocity is measured over the last 80 ms of the drag
    float fling_min_speed_mm_s = 60.0f;    // slower releases just stop
    double inertia_decay_per_s = 4.0;      // v(t) = v0 * exp(-k t): k = 4 -> a fling glides ~0.25 s * v0
    float inertia_stop_speed_mm_s = 15.0f; // the glide ends below this speed
    float wheel_zoom_per_notch = 1.15f;    // ZoomAt factor for one wheel notch
    int max_pointers = 10;                 // fingers beyond this are ignored (reported once)
    float max_abs_coord_px = 100000.0f;    // coordinates outside +-this (or NaN) are rejected
    double stuck_timeout_s = 30.0;         // fingers down with no event for this long: assume a lost Up, reset
};

struct GestureAction {
    enum Kind {
        Tap,        // pos: select what is there
        DoubleTap,  // pos: zoom in there
        PanBy,      // delta: move the map content by this many screen px (camera.pan_by(delta))
        ZoomAt,     // pos, factor: scale about this screen point (camera.zoom_at(pos, factor)); >1 = closer
    };
    Kind kind = Tap;
    ScreenPos pos;
    ScreenPos delta;
    float factor = 1.0f;
};

// Something wrong in the input stream. Recognition goes on; the app logs describe() once per anomaly.
struct GestureAnomaly {
    enum Kind {
        UpWithoutDown,      // Up for an id that is not down
        MoveForUnknownId,   // touch Move for an id that is not down
        DuplicateDown,      // Down for an id already down (treated as a Move)
        TooManyPointers,    // more than max_pointers fingers: the extra ones are ignored
        BadCoordinates,     // NaN, infinite or beyond max_abs_coord_px
        TimeWentBackwards,  // event time earlier than the previous one (or NaN): clamped
        StuckPointerReset,  // fingers down without any event for stuck_timeout_s: everything reset
        Cancelled,          // the source cancelled the gesture (not an error in itself)
        EventStorm,         // more than 256 taps between two take_actions(): the extra ones were dropped
        NotListed,          // more anomalies than take_anomalies() lists: `count` of them, the last at t
    };
    Kind kind = UpWithoutDown;
    int id = 0;
    double t = 0;
    std::uint64_t count = 0;       // NotListed only
    std::string describe() const;  // "pointer up without down (id 7, t=12.300 s)"
};

class GestureRecognizer {
public:
    explicit GestureRecognizer(const GestureConfig& config = {});

    void on_pointer(const PointerEvent& e);
    void on_wheel(const WheelEvent& e);
    // Advance time without input: a press held still past long_press_s stops being a tap, the inertia glide moves
    // on, stuck fingers are reset.
    void update(double t);
    // Drop every finger and the glide without producing a tap (attract mode start, window focus loss).
    void reset();

    // Actions since the last call, in order. Consecutive PanBy / ZoomAt are merged into at most one PanBy followed
    // by one ZoomAt (exact composition of the screen-space similarity), so an event storm yields a short list.
    std::vector<GestureAction> take_actions();
    // Anomalies since the last call, in order: at most 32, then one NotListed saying how many more there were, so a
    // broken touch driver costs the log a few lines a frame, not thousands.
    std::vector<GestureAnomaly> take_anomalies();

    bool fingers_down() const { return !pointers_.empty(); }
    // True while the map moves on after a fling: the app must keep drawing frames.
    bool gliding() const { return phase_ == Phase::Gliding; }

private:
    // LongPressed: one finger held still past long_press_s. Lifting it is not a tap, moving it does not pan; a
    // second finger still starts a pinch.
    enum class Phase { Idle, Pressing, LongPressed, Panning, Pinching, Gliding };
    struct Pointer {
        PointerId who;
        ScreenPos pos;       // latest
        ScreenPos down_pos;
        double down_t = 0;
    };
    struct Sample {
        double t;
        ScreenPos pos;
    };

    Pointer* find(PointerId who);
    void remove(PointerId who);
    bool ignored(PointerId who) const;
    double sane_time(double t, int id);
    void anomaly(GestureAnomaly::Kind kind, int id, double t);
    void on_down(const PointerEvent& e);
    void on_move(const PointerEvent& e);
    void on_up(const PointerEvent& e);
    void cancel_all();
    void emit_tap(ScreenPos pos, double t_down, double t_up);
    void begin_pinch_baseline();
    void begin_pan_baseline(const Pointer& p, double t);
    void push_sample(double t, ScreenPos pos);
    void emit(const GestureAction& a);
    void merge_pan(ScreenPos delta);
    void merge_zoom(ScreenPos centre, float factor);
    void flush_merge();
    void reopen_merge();
    bool check_long_press(double t);
    bool long_press_due(const Pointer& p, double t);

    GestureConfig cfg_;
    float tap_slop_px_, double_tap_slop_px_, fling_min_px_s_, stop_px_s_;

    std::vector<Pointer> pointers_;  // in the order they went down; [0], [1] drive pan / pinch
    std::vector<PointerId> ignored_;  // extra fingers swallowed silently until Up
    Phase phase_ = Phase::Idle;
    bool fling_allowed_ = true;       // false once a pinch happened in this gesture
    bool press_stopped_glide_ = false;  // the finger that stopped a glide does not tap
    double last_t_ = 0;
    bool have_t_ = false;
    double last_event_t_ = 0;

    ScreenPos pan_last_;              // Panning: last position of the driving finger
    ScreenPos pinch_centre_;          // Pinching: last centre and distance of fingers [0] and [1]
    float pinch_dist_ = 0;
    bool pinch_moved_ = false;
    std::vector<Sample> samples_;     // recent drag positions for the release velocity
    float vx_ = 0, vy_ = 0;           // glide velocity, px/s
    double glide_t_ = 0;

    bool last_tap_valid_ = false;
    ScreenPos last_tap_pos_;
    double last_tap_up_t_ = 0;

    // Pending merged similarity s -> f*s + b, expressed as PanBy(pan) then ZoomAt(centre, f).
    bool merge_open_ = false;
    float merge_f_ = 1;
    ScreenPos merge_pan_, merge_centre_;

    std::vector<GestureAction> actions_;
    int discrete_actions_ = 0;        // Tap / DoubleTap since the last take_actions()
    bool storm_reported_ = false;
    std::vector<GestureAnomaly> anomalies_;
    GestureAnomaly not_listed_{GestureAnomaly::NotListed};  // anomalies beyond anomalies_' bound since the last take
};

}  // namespace qmi
