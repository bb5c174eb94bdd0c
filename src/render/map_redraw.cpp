#include "render/map_redraw.hpp"

#include <algorithm>

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

void MapRedraw::drawn(const Camera& camera, uint64_t generation, MapQuality quality, double now_s) {
    if (drawn_ && !same_view(camera)) last_motion_s_ = now_s;
    drawn_ = true;
    center_ = camera.center();
    scale_ = camera.scale();
    generation_ = generation;
    quality_ = quality;
}

}  // namespace qmi::render
