#include "render/map_redraw.hpp"

#include <algorithm>
#include <cmath>

namespace qmi::render {

MapQuality MapRedraw::quality(const Camera& camera, double now_s) const {
    if (!drawn_) return MapQuality::Full;  // a first frame (screenshot, start-up) is a resting one
    const bool moving = !same_view(camera) || now_s - last_motion_s_ < kRestS;
    return moving ? MapQuality::Moving : MapQuality::Full;
}

bool MapRedraw::changed(const Camera& camera, uint64_t generation, double now_s) const {
    if (!drawn_ || !same_view(camera) || generation != generation_) return true;
    return quality_ == MapQuality::Moving && quality(camera, now_s) == MapQuality::Full;
}

std::optional<double> MapRedraw::rest_due(double now_s) const {
    if (!drawn_ || quality_ != MapQuality::Moving) return std::nullopt;
    return std::max(0.0, last_motion_s_ + kRestS - now_s);
}

std::optional<std::pair<int, int>> MapRedraw::whole_pixel_shift(const Camera& camera, uint64_t generation) const {
    if (!drawn_ || generation != generation_ || camera.scale() != scale_) return std::nullopt;
    // Where the last frame's centre is now, relative to where it was (the screen centre).
    const double dx = (center_.x - camera.center().x) * scale_;
    const double dy = -(center_.y - camera.center().y) * scale_;
    const double rx = std::round(dx), ry = std::round(dy);
    // A mouse drags by whole pixels; the camera's arithmetic leaves a tiny remainder, far below what shows.
    if (std::abs(dx - rx) > 1e-3 || std::abs(dy - ry) > 1e-3 || std::abs(rx) > 1e6 || std::abs(ry) > 1e6)
        return std::nullopt;
    return std::pair<int, int>{static_cast<int>(rx), static_cast<int>(ry)};
}

void MapRedraw::drawn(const Camera& camera, uint64_t generation, MapQuality quality, double now_s) {
    if (drawn_ && !same_view(camera)) last_motion_s_ = now_s;
    drawn_ = true;
    center_ = camera.center();
    scale_ = camera.scale();
    generation_ = generation;
    quality_ = quality;
}

}  // namespace qmi::render
