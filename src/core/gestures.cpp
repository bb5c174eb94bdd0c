#include "core/gestures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qmi {

namespace {

constexpr size_t kMaxAnomalies = 32;
constexpr int kMaxDiscreteActions = 256;
constexpr size_t kMaxIgnored = 64;
constexpr size_t kMaxSamples = 32;

float dist(ScreenPos a, ScreenPos b) { return std::hypot(a.x - b.x, a.y - b.y); }
ScreenPos sub(ScreenPos a, ScreenPos b) { return {a.x - b.x, a.y - b.y}; }
ScreenPos mid(ScreenPos a, ScreenPos b) { return {(a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f}; }

}  // namespace

std::string GestureAnomaly::describe() const {
    const char* what = "?";
    switch (kind) {
        case UpWithoutDown: what = "pointer up without down"; break;
        case MoveForUnknownId: what = "touch move for an unknown id"; break;
        case DuplicateDown: what = "pointer down for an id already down"; break;
        case TooManyPointers: what = "too many fingers, extra one ignored"; break;
        case BadCoordinates: what = "NaN or out-of-range coordinates, event ignored"; break;
        case TimeWentBackwards: what = "event time went backwards (or NaN), clamped"; break;
        case StuckPointerReset: what = "fingers down without events for too long, gesture reset"; break;
        case Cancelled: what = "gesture cancelled by the input source"; break;
        case EventStorm: what = "input event storm, extra taps dropped"; break;
        case NotListed: {
            char buf[160];
            std::snprintf(buf, sizeof buf, "%llu more input anomalies not listed (the last at t=%.3f s)",
                          static_cast<unsigned long long>(count), t);
            return buf;
        }
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s (id %d, t=%.3f s)", what, id, t);
    return buf;
}

GestureRecognizer::GestureRecognizer(const GestureConfig& config) : cfg_(config) {
    // Guard against a zero or absurd density from a bad monitor EDID: fall back to 96 dpi.
    float ppmm = cfg_.px_per_mm;
    if (!(ppmm > 0.5f && ppmm < 100.0f)) ppmm = 96.0f / 25.4f;
    tap_slop_px_ = cfg_.tap_slop_mm * ppmm;
    double_tap_slop_px_ = cfg_.double_tap_slop_mm * ppmm;
    fling_min_px_s_ = cfg_.fling_min_speed_mm_s * ppmm;
    stop_px_s_ = cfg_.inertia_stop_speed_mm_s * ppmm;
    if (cfg_.max_pointers < 1) cfg_.max_pointers = 1;
    if (!(cfg_.inertia_decay_per_s > 0.01)) cfg_.inertia_decay_per_s = 4.0;
}

// ---- bookkeeping ------------------------------------------------------------------------------------------------

GestureRecognizer::Pointer* GestureRecognizer::find(PointerId who) {
    for (Pointer& p : pointers_)
        if (p.who == who) return &p;
    return nullptr;
}

void GestureRecognizer::remove(PointerId who) {
    pointers_.erase(std::remove_if(pointers_.begin(), pointers_.end(), [&](const Pointer& p) { return p.who == who; }),
                    pointers_.end());
}

bool GestureRecognizer::ignored(PointerId who) const {
    return std::find(ignored_.begin(), ignored_.end(), who) != ignored_.end();
}

void GestureRecognizer::anomaly(GestureAnomaly::Kind kind, int id, double t) {
    if (anomalies_.size() >= kMaxAnomalies) {
        ++not_listed_.count;
        not_listed_.t = t;
        return;
    }
    anomalies_.push_back({kind, id, t});
}

// Events must come in time order; a source that goes backwards (clock change, replay bug) is clamped so that
// durations never become negative and no timer can fire twice.
double GestureRecognizer::sane_time(double t, int id) {
    if (!have_t_) {
        if (!std::isfinite(t)) t = 0;
        have_t_ = true;
        last_t_ = t;
        last_event_t_ = t;
        return t;
    }
    if (!std::isfinite(t) || t < last_t_) {
        anomaly(GestureAnomaly::TimeWentBackwards, id, std::isfinite(t) ? t : last_t_);
        return last_t_;
    }
    last_t_ = t;
    return t;
}

// ---- output -----------------------------------------------------------------------------------------------------

void GestureRecognizer::emit(const GestureAction& a) {
    if (a.kind == GestureAction::PanBy) {
        merge_pan(a.delta);
        return;
    }
    if (a.kind == GestureAction::ZoomAt) {
        merge_zoom(a.pos, a.factor);
        return;
    }
    flush_merge();
    // Only taps are left: a storm of them must not grow the list without bound.
    if (discrete_actions_ >= kMaxDiscreteActions) {
        if (!storm_reported_) anomaly(GestureAnomaly::EventStorm, 0, last_t_);
        storm_reported_ = true;
        return;
    }
    ++discrete_actions_;
    actions_.push_back(a);
}

// The pending PanBy/ZoomAt sequence is the screen-space similarity s -> f*s + b. PanBy(d): b += d.
// ZoomAt(c, g): s -> c + g*(s - c), so f' = g*f and b' = g*b + c*(1-g).
void GestureRecognizer::merge_pan(ScreenPos d) {
    if (!merge_open_) reopen_merge();
    merge_pan_.x += d.x;
    merge_pan_.y += d.y;
}

void GestureRecognizer::merge_zoom(ScreenPos c, float g) {
    if (!(g > 0) || !std::isfinite(g)) return;
    if (!merge_open_) reopen_merge();
    merge_f_ *= g;
    merge_pan_.x = g * merge_pan_.x + c.x * (1 - g);
    merge_pan_.y = g * merge_pan_.y + c.y * (1 - g);
    merge_centre_ = c;
}

// Emitted as PanBy(p) then ZoomAt(c, f) with c the latest zoom centre: c + f*(s + p - c) = f*s + b
// gives p = (b - c*(1-f)) / f.
void GestureRecognizer::flush_merge() {
    if (!merge_open_) return;
    merge_open_ = false;
    const float f = merge_f_;
    const bool zoom = std::fabs(f - 1.0f) > 1e-6f;
    ScreenPos p = merge_pan_;
    if (zoom) {
        p.x = (merge_pan_.x - merge_centre_.x * (1 - f)) / f;
        p.y = (merge_pan_.y - merge_centre_.y * (1 - f)) / f;
    }
    if (std::fabs(p.x) > 1e-4f || std::fabs(p.y) > 1e-4f) {
        GestureAction a;
        a.kind = GestureAction::PanBy;
        a.delta = p;
        actions_.push_back(a);
    }
    if (zoom) {
        GestureAction a;
        a.kind = GestureAction::ZoomAt;
        a.pos = merge_centre_;
        a.factor = f;
        actions_.push_back(a);
    }
}

// Start a merge; if the list already ends with a flushed [PanBy][ZoomAt], take them back so they keep merging.
void GestureRecognizer::reopen_merge() {
    merge_open_ = true;
    merge_f_ = 1;
    merge_pan_ = {0, 0};
    merge_centre_ = {0, 0};
    GestureAction zoom, pan;
    bool has_zoom = false, has_pan = false;
    if (!actions_.empty() && actions_.back().kind == GestureAction::ZoomAt) {
        zoom = actions_.back();
        actions_.pop_back();
        has_zoom = true;
    }
    if (!actions_.empty() && actions_.back().kind == GestureAction::PanBy) {
        pan = actions_.back();
        actions_.pop_back();
        has_pan = true;
    }
    if (has_pan) {
        merge_pan_ = pan.delta;
    }
    if (has_zoom) {
        const float g = zoom.factor;
        merge_f_ = g;
        merge_pan_.x = g * merge_pan_.x + zoom.pos.x * (1 - g);
        merge_pan_.y = g * merge_pan_.y + zoom.pos.y * (1 - g);
        merge_centre_ = zoom.pos;
    }
}

std::vector<GestureAction> GestureRecognizer::take_actions() {
    flush_merge();
    std::vector<GestureAction> out;
    out.swap(actions_);
    discrete_actions_ = 0;
    storm_reported_ = false;
    return out;
}

std::vector<GestureAnomaly> GestureRecognizer::take_anomalies() {
    std::vector<GestureAnomaly> out;
    out.swap(anomalies_);
    if (not_listed_.count > 0) {
        out.push_back(not_listed_);
        not_listed_.count = 0;
    }
    return out;
}

void GestureRecognizer::emit_tap(ScreenPos pos, double t_down, double t_up) {
    GestureAction a;
    a.pos = pos;
    if (last_tap_valid_ && t_down - last_tap_up_t_ <= cfg_.double_tap_s &&
        dist(pos, last_tap_pos_) <= double_tap_slop_px_) {
        a.kind = GestureAction::DoubleTap;
        a.pos = last_tap_pos_;  // zoom where the first tap aimed
        last_tap_valid_ = false;
    } else {
        a.kind = GestureAction::Tap;
        last_tap_valid_ = true;
        last_tap_pos_ = pos;
        last_tap_up_t_ = t_up;
    }
    emit(a);
}

bool GestureRecognizer::check_long_press(double t) {
    if (phase_ != Phase::Pressing || pointers_.size() != 1) return false;
    if (!long_press_due(pointers_[0], t)) return false;
    phase_ = Phase::LongPressed;  // the finger is still down: lifting it now is not a tap
    return true;
}

void GestureRecognizer::push_sample(double t, ScreenPos pos) {
    if (samples_.size() >= kMaxSamples) samples_.erase(samples_.begin());
    samples_.push_back({t, pos});
}

void GestureRecognizer::begin_pan_baseline(const Pointer& p, double t) {
    pan_last_ = p.pos;
    samples_.clear();
    push_sample(t, p.pos);
}

void GestureRecognizer::begin_pinch_baseline() {
    pinch_centre_ = mid(pointers_[0].pos, pointers_[1].pos);
    pinch_dist_ = dist(pointers_[0].pos, pointers_[1].pos);
}

// ---- input ------------------------------------------------------------------------------------------------------

void GestureRecognizer::on_pointer(const PointerEvent& in) {
    PointerEvent e = in;
    e.t = sane_time(e.t, e.id);
    if (!pointers_.empty() && e.t - last_event_t_ > cfg_.stuck_timeout_s) {
        anomaly(GestureAnomaly::StuckPointerReset, e.id, e.t);
        cancel_all();
    }
    last_event_t_ = e.t;

    const bool finite = std::isfinite(e.pos.x) && std::isfinite(e.pos.y) &&
                        std::fabs(e.pos.x) <= cfg_.max_abs_coord_px && std::fabs(e.pos.y) <= cfg_.max_abs_coord_px;
    if (!finite) {
        if (e.kind == PointerEvent::Down || e.kind == PointerEvent::Move) {
            anomaly(GestureAnomaly::BadCoordinates, e.id, e.t);
            return;
        }
        // An Up must never be lost (the finger would stay down forever): keep its last good position.
        anomaly(GestureAnomaly::BadCoordinates, e.id, e.t);
        if (Pointer* p = find(e.who())) e.pos = p->pos;
    }

    switch (e.kind) {
        case PointerEvent::Down: on_down(e); break;
        case PointerEvent::Move: on_move(e); break;
        case PointerEvent::Up: on_up(e); break;
        case PointerEvent::Cancel:
            anomaly(GestureAnomaly::Cancelled, e.id, e.t);
            cancel_all();
            break;
    }
}

void GestureRecognizer::on_down(const PointerEvent& e) {
    if (ignored(e.who())) return;
    if (find(e.who())) {
        anomaly(GestureAnomaly::DuplicateDown, e.id, e.t);
        on_move(e);
        return;
    }
    if (static_cast<int>(pointers_.size()) >= cfg_.max_pointers) {
        anomaly(GestureAnomaly::TooManyPointers, e.id, e.t);
        if (ignored_.size() < kMaxIgnored) ignored_.push_back(e.who());
        return;
    }

    bool stopped_glide = false;
    if (phase_ == Phase::Gliding) {
        // Touching a gliding map stops it, like a hand on a sliding sheet; that touch is not a tap.
        phase_ = Phase::Idle;
        stopped_glide = true;
    }

    Pointer p;
    p.who = e.who();
    p.pos = e.pos;
    p.down_pos = e.pos;
    p.down_t = e.t;
    pointers_.push_back(p);

    if (pointers_.size() == 1) {
        phase_ = Phase::Pressing;
        press_stopped_glide_ = stopped_glide;
        fling_allowed_ = true;
    } else if (pointers_.size() == 2) {
        // Second finger: pinch (with two-finger pan). Never a tap, never a fling.
        phase_ = Phase::Pinching;
        last_tap_valid_ = false;  // a pinch between two taps breaks the double tap
        fling_allowed_ = false;
        pinch_moved_ = false;
        begin_pinch_baseline();
    }
}

void GestureRecognizer::on_move(const PointerEvent& e) {
    Pointer* p = find(e.who());
    if (!p) {
        if (ignored(e.who())) return;
        // The mouse moves without a button all the time (hover): that is normal, not an anomaly.
        if (e.source == PointerEvent::Touch) anomaly(GestureAnomaly::MoveForUnknownId, e.id, e.t);
        return;
    }
    p->pos = e.pos;
    const bool driver = (p == &pointers_[0]);

    switch (phase_) {
        case Phase::Pressing:
        case Phase::LongPressed: {
            // A finger that rested a while and then moves drags the map like any other (a visitor reading the
            // map before moving it): only the tap on release is gone after a long hold.
            if (phase_ == Phase::Pressing && check_long_press(e.t)) return;
            if (dist(p->pos, p->down_pos) <= tap_slop_px_) return;
            phase_ = Phase::Panning;
            last_tap_valid_ = false;  // a drag between two taps breaks the double tap
            samples_.clear();
            push_sample(p->down_t, p->down_pos);
            push_sample(e.t, p->pos);
            // Pan by the whole distance from the press so the map stays under the finger.
            GestureAction a;
            a.kind = GestureAction::PanBy;
            a.delta = sub(p->pos, p->down_pos);
            emit(a);
            pan_last_ = p->pos;
            return;
        }
        case Phase::Panning: {
            if (!driver) return;
            GestureAction a;
            a.kind = GestureAction::PanBy;
            a.delta = sub(p->pos, pan_last_);
            emit(a);
            pan_last_ = p->pos;
            push_sample(e.t, p->pos);
            return;
        }
        case Phase::Pinching: {
            if (pointers_.size() < 2 || (p != &pointers_[0] && p != &pointers_[1])) return;
            const ScreenPos c = mid(pointers_[0].pos, pointers_[1].pos);
            const float d = dist(pointers_[0].pos, pointers_[1].pos);
            if (!pinch_moved_) {
                // Two fingers resting on the glass jitter; start moving the map only past the tap slop.
                if (dist(c, pinch_centre_) <= tap_slop_px_ && std::fabs(d - pinch_dist_) <= tap_slop_px_) return;
                pinch_moved_ = true;
            }
            GestureAction pan;
            pan.kind = GestureAction::PanBy;
            pan.delta = sub(c, pinch_centre_);
            emit(pan);
            // Fingers almost on top of each other give a meaningless ratio: keep the old distance as reference.
            if (pinch_dist_ >= 1.0f && d >= 1.0f) {
                GestureAction zoom;
                zoom.kind = GestureAction::ZoomAt;
                zoom.pos = c;
                zoom.factor = d / pinch_dist_;
                emit(zoom);
                pinch_dist_ = d;
            } else if (pinch_dist_ < 1.0f) {
                pinch_dist_ = d;
            }
            pinch_centre_ = c;
            return;
        }
        case Phase::Idle:
        case Phase::Gliding: return;
    }
}

void GestureRecognizer::on_up(const PointerEvent& e) {
    Pointer* found = find(e.who());
    if (!found) {
        if (ignored(e.who())) {
            ignored_.erase(std::find(ignored_.begin(), ignored_.end(), e.who()));
            return;
        }
        anomaly(GestureAnomaly::UpWithoutDown, e.id, e.t);
        return;
    }
    found->pos = e.pos;
    const Pointer p = *found;
    const bool was_driver = (found == &pointers_[0]);
    // Let the last finger movement reach the camera before the finger leaves.
    if (phase_ == Phase::Panning && was_driver) on_move(e);
    if (phase_ == Phase::Pinching) on_move(e);
    remove(p.who);

    switch (phase_) {
        case Phase::Pressing: {
            if (!long_press_due(p, e.t) && !press_stopped_glide_) emit_tap(p.down_pos, p.down_t, e.t);
            phase_ = Phase::Idle;
            return;
        }
        case Phase::LongPressed: {
            if (pointers_.empty()) phase_ = Phase::Idle;
            return;
        }
        case Phase::Panning: {
            if (!pointers_.empty()) return;
            // Release velocity over the last fling_window_s: a finger that stopped before lifting does not fling.
            const Sample* oldest = nullptr;
            for (const Sample& s : samples_)
                if (s.t >= e.t - cfg_.fling_window_s) {
                    oldest = &s;
                    break;
                }
            float vx = 0, vy = 0;
            if (oldest && e.t - oldest->t >= 0.005) {
                vx = static_cast<float>((p.pos.x - oldest->pos.x) / (e.t - oldest->t));
                vy = static_cast<float>((p.pos.y - oldest->pos.y) / (e.t - oldest->t));
            }
            samples_.clear();
            if (fling_allowed_ && std::hypot(vx, vy) >= fling_min_px_s_) {
                phase_ = Phase::Gliding;
                vx_ = vx;
                vy_ = vy;
                glide_t_ = e.t;
            } else {
                phase_ = Phase::Idle;
            }
            return;
        }
        case Phase::Pinching: {
            if (pointers_.size() >= 2) {
                begin_pinch_baseline();
            } else if (pointers_.size() == 1) {
                phase_ = Phase::Panning;
                begin_pan_baseline(pointers_[0], e.t);
            } else {
                phase_ = Phase::Idle;
            }
            return;
        }
        case Phase::Idle:
        case Phase::Gliding: return;
    }
}

// True once `p` has been held for long_press_s. Checked from update() while the finger is down, and at the
// release: a press released after long_press_s without any update() in between is not a tap either (the result
// must not depend on the frame rate). A long press between two taps breaks the double tap.
bool GestureRecognizer::long_press_due(const Pointer& p, double t) {
    if (t - p.down_t < cfg_.long_press_s) return false;
    last_tap_valid_ = false;
    return true;
}

void GestureRecognizer::on_wheel(const WheelEvent& in) {
    const double t = sane_time(in.t, 0);
    if (!std::isfinite(in.pos.x) || !std::isfinite(in.pos.y) || std::fabs(in.pos.x) > cfg_.max_abs_coord_px ||
        std::fabs(in.pos.y) > cfg_.max_abs_coord_px || !std::isfinite(in.delta)) {
        anomaly(GestureAnomaly::BadCoordinates, 0, t);
        return;
    }
    const float notches = std::clamp(in.delta, -10.0f, 10.0f);
    GestureAction a;
    a.kind = GestureAction::ZoomAt;
    a.pos = in.pos;
    a.factor = std::pow(cfg_.wheel_zoom_per_notch, notches);
    emit(a);
}

void GestureRecognizer::update(double t) {
    // update() runs on the frame clock while events may carry slightly older timestamps (X server time of a touch
    // queued during the previous frame), so the frame clock never moves the reference used to order events.
    if (!std::isfinite(t)) return;

    if (!pointers_.empty() && t - last_event_t_ > cfg_.stuck_timeout_s) {
        anomaly(GestureAnomaly::StuckPointerReset, pointers_[0].who.id, t);
        cancel_all();
        return;
    }
    if (phase_ == Phase::Pressing) {
        check_long_press(t);
        return;
    }
    if (phase_ != Phase::Gliding) return;

    const double dt = t - glide_t_;
    if (dt <= 0) return;
    // Exponential decay v(t) = v0 e^{-kt}; distance over dt = v0 (1 - e^{-k dt}) / k, exact for any frame time.
    const double k = cfg_.inertia_decay_per_s;
    const double decay = std::exp(-k * dt);
    GestureAction a;
    a.kind = GestureAction::PanBy;
    a.delta = {static_cast<float>(vx_ * (1 - decay) / k), static_cast<float>(vy_ * (1 - decay) / k)};
    emit(a);
    vx_ = static_cast<float>(vx_ * decay);
    vy_ = static_cast<float>(vy_ * decay);
    glide_t_ = t;
    if (std::hypot(vx_, vy_) < stop_px_s_) {
        phase_ = Phase::Idle;
        vx_ = vy_ = 0;
    }
}

void GestureRecognizer::cancel_all() {
    pointers_.clear();
    ignored_.clear();
    samples_.clear();
    vx_ = vy_ = 0;
    phase_ = Phase::Idle;
    last_tap_valid_ = false;
}

void GestureRecognizer::reset() { cancel_all(); }

}  // namespace qmi
