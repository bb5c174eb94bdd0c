#include "core/attract_mode.hpp"

#include <algorithm>
#include <cmath>

namespace qmi {

namespace {
constexpr size_t kMaxTracked = 32;
constexpr double kSwallowTimeout_s = 30;  // a wake-up touch whose Up got lost stops being swallowed

bool contains(const std::vector<PointerId>& v, PointerId k) { return std::find(v.begin(), v.end(), k) != v.end(); }
void erase(std::vector<PointerId>& v, PointerId k) { v.erase(std::remove(v.begin(), v.end(), k), v.end()); }
}  // namespace

AttractMode::AttractMode(const AttractConfig& config, int district_count) : cfg_(config) {
    // Guard the timings: a zero step would spin through districts every frame.
    if (!(cfg_.idle_timeout_s >= 1)) cfg_.idle_timeout_s = 1;
    if (!(cfg_.step_s >= 0.5)) cfg_.step_s = 0.5;
    if (!(cfg_.glide_s >= 0)) cfg_.glide_s = 0;
    set_district_count(district_count);
}

void AttractMode::set_district_count(int count) {
    district_count_ = std::max(0, count);
    if (highlighted_ >= district_count_) {
        highlighted_ = -1;
        step_index_ = -1;  // the next update() highlights a valid district again
    }
    if (district_count_ > 0) next_district_ %= district_count_;
    else next_district_ = 0;
}

// Time never goes backwards inside the state machine (NaN or an earlier t is read as "now").
void AttractMode::touch_time(double t) {
    if (!have_t_) {
        have_t_ = true;
        now_ = std::isfinite(t) ? t : 0;
        last_input_t_ = now_;
        return;
    }
    if (std::isfinite(t) && t > now_) now_ = t;
}

bool AttractMode::on_pointer(const PointerEvent& e, bool on_control) {
    touch_time(e.t);
    const double t = now_;
    const PointerId k = e.who();

    if (e.kind == PointerEvent::Cancel) {
        fingers_down_.clear();
        const bool pass = !active_ && swallowing_.empty();
        swallowing_.clear();
        last_input_t_ = t;
        return pass;
    }
    // The wake-up touch: swallow every event of it, and any finger joining it, until all are up.
    if (!swallowing_.empty()) {
        if (e.kind == PointerEvent::Down && !contains(swallowing_, k) && swallowing_.size() < kMaxTracked)
            swallowing_.push_back(k);
        if (contains(swallowing_, k)) {
            if (e.kind == PointerEvent::Up) erase(swallowing_, k);
            last_input_t_ = t;
            return false;
        }
    }
    if (active_) {
        if (e.kind == PointerEvent::Down && on_control) {
            wake(t);
            fingers_down_.push_back(k);
            return true;
        }
        if (e.kind == PointerEvent::Down) {
            wake(t);
            swallowing_.push_back(k);
        }
        // Hover or a stray Move/Up while the loop runs: not a visitor action, swallowed without waking.
        return false;
    }

    last_input_t_ = t;
    if (e.kind == PointerEvent::Down && !contains(fingers_down_, k) && fingers_down_.size() < kMaxTracked)
        fingers_down_.push_back(k);
    if (e.kind == PointerEvent::Up) erase(fingers_down_, k);
    return true;
}

bool AttractMode::on_other_input(double t) {
    touch_time(t);
    if (active_) {
        wake(now_);
        return false;
    }
    last_input_t_ = now_;
    return true;
}

void AttractMode::wake(double t) {
    active_ = false;
    if (highlighted_ >= 0 && district_count_ > 0) next_district_ = (highlighted_ + 1) % district_count_;
    highlighted_ = -1;
    step_index_ = -1;
    last_input_t_ = t;
    actions_.push_back({AttractAction::Stop, -1});
}

void AttractMode::start(double t) {
    touch_time(t);
    if (active_) return;
    active_ = true;
    started_t_ = now_;
    step_index_ = -1;
    highlighted_ = -1;
    fingers_down_.clear();
    actions_.push_back({AttractAction::Start, -1});
}

void AttractMode::update(double t) {
    touch_time(t);
    t = now_;
    if (!swallowing_.empty() && t - last_input_t_ > kSwallowTimeout_s) swallowing_.clear();
    if (!active_) {
        // A finger resting on the glass keeps the kiosk awake, but a lost Up must not keep it awake forever.
        if (!fingers_down_.empty() && t - last_input_t_ >= 2 * cfg_.idle_timeout_s) fingers_down_.clear();
        if (fingers_down_.empty() && t - last_input_t_ >= cfg_.idle_timeout_s) start(t);
        if (!active_) return;
    }
    if (district_count_ == 0) return;  // overview only
    const double since = t - started_t_ - cfg_.glide_s;
    if (since < 0) return;
    // Derived from elapsed time, not counted per call: a long frame skips districts instead of replaying them.
    const long step = static_cast<long>(std::floor(since / cfg_.step_s));
    if (step == step_index_) return;
    step_index_ = step;
    highlighted_ = static_cast<int>((next_district_ + step) % district_count_);
    actions_.push_back({AttractAction::Highlight, highlighted_});
}

std::vector<AttractAction> AttractMode::take_actions() {
    std::vector<AttractAction> out;
    out.swap(actions_);
    return out;
}

double AttractMode::idle_remaining(double t) const {
    if (active_) return 0;
    const double now = std::isfinite(t) ? std::max(t, now_) : now_;
    return std::max(0.0, cfg_.idle_timeout_s - (now - last_input_t_));
}

}  // namespace qmi
