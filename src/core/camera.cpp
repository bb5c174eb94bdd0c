#include "core/camera.hpp"

#include <algorithm>
#include <cmath>

namespace qmi {

namespace {

// Ease-in-out cubic: starts and ends gently, so a selection glides instead of jumping.
double ease_in_out(double u) {
    return u < 0.5 ? 4 * u * u * u : 1 - std::pow(-2 * u + 2, 3) / 2;
}

// Shift needed so that the interval [a0, a1] (what the map area shows) stays inside [lo, hi] when it is smaller,
// or contains [lo, hi] when it is larger. The small tolerance keeps an exact fit from being nudged by rounding.
double axis_shift(double a0, double a1, double lo, double hi) {
    const double eps = 1e-6 * std::max(1.0, hi - lo);
    if (a1 - a0 <= hi - lo) {
        if (a0 < lo - eps) return lo - a0;
        if (a1 > hi + eps) return hi - a1;
    } else {
        if (a0 > lo + eps) return lo - a0;
        if (a1 < hi - eps) return hi - a1;
    }
    return 0;
}

}  // namespace

void Camera::set_viewport(double width, double height) {
    vw_ = std::max(1.0, width);
    vh_ = std::max(1.0, height);
    if (!bounds_.empty()) set_bounds(bounds_, bounds_area_, min_span_m_);
}

void Camera::set_bounds(const Box& world, const ScreenRect& map_area, double min_span_m) {
    bounds_ = world;
    bounds_area_ = map_area;
    min_span_m_ = min_span_m;
    if (world.empty() || world.width() <= 0 || world.height() <= 0 || map_area.w <= 0 || map_area.h <= 0) return;
    min_scale_ = std::min(map_area.w / world.width(), map_area.h / world.height());
    max_scale_ = std::max(min_scale_, std::min(vw_, vh_) / std::max(1.0, min_span_m));
    slack_x_ = std::max(0.0, map_area.w - world.width() * min_scale_);
    slack_y_ = std::max(0.0, map_area.h - world.height() * min_scale_);
    clamp();
}

void Camera::set_view_area(const ScreenRect& map_area) {
    if (bounds_.empty()) {
        bounds_area_ = map_area;
        return;
    }
    easing_ = false;
    set_bounds(bounds_, map_area, min_span_m_);
}

Vec2 Camera::world_to_screen(Vec2 w) const {
    return {vw_ / 2 + (w.x - center_.x) * scale_, vh_ / 2 - (w.y - center_.y) * scale_};
}

Vec2 Camera::screen_to_world(Vec2 s) const {
    return {center_.x + (s.x - vw_ / 2) / scale_, center_.y - (s.y - vh_ / 2) / scale_};
}

Box Camera::visible_world() const {
    Box b;
    b.add(screen_to_world({0, 0}));
    b.add(screen_to_world({vw_, vh_}));
    return b;
}

Vec2 Camera::center_for(Vec2 p, Vec2 q, double s) const {
    return {p.x - (q.x - vw_ / 2) / s, p.y + (q.y - vh_ / 2) / s};
}

void Camera::clamp_view(Vec2& c, double& s) const {
    s = std::clamp(s, min_scale_, max_scale_);
    if (bounds_.empty()) return;
    const ScreenRect& a = bounds_area_;
    // World interval shown by the map area at (c, s).
    const double x0 = c.x + (a.x - vw_ / 2) / s;
    const double x1 = c.x + (a.x + a.w - vw_ / 2) / s;
    const double y_top = c.y - (a.y - vh_ / 2) / s;
    const double y_bottom = c.y - (a.y + a.h - vh_ / 2) / s;
    // The bounds grown by the overview's empty margin, in pixels at this scale.
    const double gx = slack_x_ / s, gy = slack_y_ / s;
    c.x += axis_shift(x0, x1, bounds_.min.x - gx, bounds_.max.x + gx);
    c.y += axis_shift(y_bottom, y_top, bounds_.min.y - gy, bounds_.max.y + gy);
}

void Camera::clamp() { clamp_view(center_, scale_); }

void Camera::fit(const Box& world, const ScreenRect& area) {
    if (world.empty() || area.w <= 0 || area.h <= 0) return;
    easing_ = false;
    const double w = std::max(world.width(), 1.0), h = std::max(world.height(), 1.0);
    scale_ = std::min(area.w / w, area.h / h);
    center_ = center_for(world.center(), area.center(), scale_);
    clamp();
}

void Camera::pan_by(Vec2 d) {
    easing_ = false;
    center_.x -= d.x / scale_;
    center_.y += d.y / scale_;
    clamp();
}

void Camera::zoom_at(Vec2 q, double factor) {
    if (!(factor > 0)) return;
    easing_ = false;
    const Vec2 p = screen_to_world(q);
    double s = scale_ * factor;
    s = std::clamp(s, min_scale_, max_scale_);
    Vec2 c = center_for(p, q, s);
    clamp_view(c, s);
    center_ = c;
    scale_ = s;
}

void Camera::pan_zoom(Vec2 d, Vec2 q, double factor) {
    if (!(factor > 0) || !std::isfinite(factor)) factor = 1;
    easing_ = false;
    // Where the world point now under q came from before the pan, then the similarity about it, clamped once.
    const Vec2 p = screen_to_world({q.x - d.x, q.y - d.y});
    double s = std::clamp(scale_ * factor, min_scale_, max_scale_);
    Vec2 c = center_for(p, q, s);
    clamp_view(c, s);
    center_ = c;
    scale_ = s;
}

void Camera::ease_to(Vec2 c, double s, double duration_s) {
    clamp_view(c, s);
    from_center_ = center_;
    from_scale_ = scale_;
    to_center_ = c;
    to_scale_ = s;
    ease_t_ = 0;
    ease_duration_ = std::max(duration_s, 0.0);
    easing_ = true;
    if (ease_duration_ == 0) finish_easing();
}

void Camera::ease_to_show(const Box& target, const ScreenRect& area, double duration_s) {
    if (target.empty() || area.w <= 0 || area.h <= 0) return;
    const double w = std::max(target.width(), 1.0), h = std::max(target.height(), 1.0);
    // The commune with its neighbours: its box grown to 3x its size, and to at least kContextMinSpan, so that a
    // visitor sees where it lies. Never closer than the zoom-in limit.
    const double cw = std::max(w * kContextFactor, kContextMinSpan), ch = std::max(h * kContextFactor, kContextMinSpan);
    const double context_scale = std::clamp(std::min(area.w / cw, area.h / ch), min_scale_, max_scale_);
    const double fit_scale = std::min(area.w / w, area.h / h);
    // Already about as close as that (or closer) with the whole commune fitting: keep the zoom the visitor chose.
    const bool comfortable = scale_ >= context_scale * kComfortableZoom && scale_ <= fit_scale * kComfortableFit;
    if (!comfortable) {
        ease_to(center_for(target.center(), area.center(), context_scale), context_scale, duration_s);
        return;
    }
    // Same zoom: move only if part of the commune is hidden (under the panel, off screen, too close to an edge).
    const double mx = area.w * kEdgeMargin, my = area.h * kEdgeMargin;
    const Vec2 a = world_to_screen({target.min.x, target.max.y});  // top-left on screen
    const Vec2 b = world_to_screen({target.max.x, target.min.y});  // bottom-right on screen
    if (a.x >= area.x + mx && a.y >= area.y + my && b.x <= area.x + area.w - mx && b.y <= area.y + area.h - my) {
        easing_ = false;  // in plain view: the map stays still
        return;
    }
    ease_to(center_for(target.center(), area.center(), scale_), scale_, duration_s);
}

bool Camera::update(double dt_s) {
    if (!easing_) return false;
    ease_t_ += std::max(dt_s, 0.0);
    const double u = ease_duration_ > 0 ? std::min(1.0, ease_t_ / ease_duration_) : 1.0;
    const double k = ease_in_out(u);
    // Scale interpolates geometrically so that zooming feels uniform; the center follows linearly.
    scale_ = from_scale_ * std::pow(to_scale_ / from_scale_, k);
    center_ = {from_center_.x + (to_center_.x - from_center_.x) * k,
               from_center_.y + (to_center_.y - from_center_.y) * k};
    if (u >= 1.0) {
        center_ = to_center_;
        scale_ = to_scale_;
        easing_ = false;
    }
    return true;  // the view changed during this step
}

void Camera::finish_easing() {
    if (!easing_) return;
    center_ = to_center_;
    scale_ = to_scale_;
    easing_ = false;
}

}  // namespace qmi
