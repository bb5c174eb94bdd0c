// What the map looked like in the last frame drawn, so that the next frame knows whether the map must be drawn
// again and how well. While the view moves, frames draw the map at MapQuality::Moving (and the labels with a
// lighter halo); once the view has been still for kRestS, ONE more frame draws it at Full quality, then nothing is
// drawn until something changes. The loop asks changed() before drawing and rest_due() for how long it may sleep.
#pragma once
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "core/camera.hpp"
#include "render/map_renderer.hpp"

namespace qmi::render {

class MapRedraw {
public:
    // How long the view must be still before the map is drawn at full quality again. A finger moving on a touch
    // screen reports every 8-17 ms and a dragged mouse every 10-20 ms, so 0.15 s without a change means the hand has
    // stopped, not that two events were far apart; short enough that nobody waits for the crisp map.
    static constexpr double kRestS = 0.15;

    // The quality a frame drawn at `now_s` (seconds, one steady clock) with `camera` gets.
    MapQuality quality(const Camera& camera, double now_s) const;
    // True when such a frame would show a different map than the last frame drawn: the view moved, the map's
    // content changed (MapRenderer::generation), or the view came to rest after a Moving frame.
    bool changed(const Camera& camera, uint64_t generation, double now_s) const;
    // Seconds from `now_s` until the map needs a frame by itself (the full-quality frame after motion); nullopt when
    // it needs none.
    std::optional<double> rest_due(double now_s) const;
    void drawn(const Camera& camera, uint64_t generation, MapQuality quality, double now_s);
    // The screen shift (pixels, y down) from the last frame drawn to `camera` when a whole-pixel pan is all that
    // separates them (same zoom, same content): that frame's pixels, moved, ARE this frame's, but for the strip the
    // move uncovers. nullopt otherwise (zoom, content, a fraction of a pixel, or no previous frame).
    std::optional<std::pair<int, int>> whole_pixel_shift(const Camera& camera, uint64_t generation) const;
    MapQuality last_quality() const { return quality_; }
    // The target's content is unknown (new target, resize): the next frame draws the map whatever it shows.
    void forget() { drawn_ = false; }

private:
    // The same picture: a view within a thousandth of a pixel of the last one (a pan pushed against the edge of
    // the map is clamped back to where it was, give or take the last bits of the arithmetic).
    bool same_view(const Camera& camera) const {
        return std::abs(camera.scale() - scale_) <= 1e-12 * scale_ &&
               std::abs(camera.center().x - center_.x) * scale_ < 1e-3 &&
               std::abs(camera.center().y - center_.y) * scale_ < 1e-3;
    }

    bool drawn_ = false;
    Vec2 center_;
    double scale_ = 0;
    uint64_t generation_ = 0;
    MapQuality quality_ = MapQuality::Full;
    double last_motion_s_ = -1e9;  // when a frame last showed a view different from the one before
};

}  // namespace qmi::render
