// The map layer (fills and borders) rendered once per resting view into an offscreen texture, with 4x MSAA and a
// margin around the screen; a frame then draws that texture as ONE quad. While the view moves (pan, pinch, wheel,
// easing), the quad is drawn transformed by the motion since the texture was rendered, so the map follows the
// fingers exactly at the cost of a textured quad instead of ~90k vertices through a software rasteriser with MSAA.
// When the view rests (same camera on two successive frames) or the selection changes, the texture is re-rendered
// crisp; at rest the quad maps texels 1:1 onto pixels, so the picture is the directly drawn map.
// A long gesture that zooms past kMaxDrift or pans the margin off screen re-renders during the motion.
// Memory: the layer is 1.56 screens; at 4x MSAA that would be 20 bytes a pixel (~65 MB at 1080p, on the CPU with a
// software renderer). So only a band of kBands-th of the layer is multisampled: the layer is rendered band by band,
// each band resolved and copied texel for texel into a plain texture (5.3 instead of 20 bytes a layer pixel).
#pragma once
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>

#include "core/camera.hpp"
#include "render/map_renderer.hpp"
#include "render/phase_times.hpp"

namespace qmi::render {

class MapLayerCache {
public:
    // `msaa`: samples of the offscreen texture (the window itself then needs none for the map).
    explicit MapLayerCache(unsigned msaa = 4) : msaa_(msaa) {}
    // The map's content changed (selection outline, new upload): re-render on the next draw.
    void invalidate() { valid_ = false; }
    // Draws the map for `camera` into `target` (cleared by the caller with clear_color()). Re-renders the texture
    // when needed (see above). `times`: bench phase timings, or nullptr. Returns false, having drawn nothing, when
    // no offscreen texture could be created: the caller then draws the map directly.
    bool draw(sf::RenderTarget& target, MapRenderer& renderer, const Camera& camera, float ui_scale,
              PhaseTimes* times);
    // True when the last frame showed a transformed (moving) texture: one more frame makes it crisp.
    bool needs_crisp_frame(const Camera& camera) const;
    // True when `camera` differs from the view of the previous draw(): the map is being moved.
    bool moving(const Camera& camera) const;

    static constexpr double kMaxDrift = 1.6;      // zoom ratio since the texture was rendered, either way
    static constexpr double kMarginFraction = 0.125;  // of each screen side, rendered beyond it
    // Horizontal bands the layer is rendered in. 8 would save another 8 MB at 1080p but cost ~30 % more time per
    // re-render on llvmpipe (vertices go through the pipeline once per band); 4 costs no measurable time.
    static constexpr unsigned kBands = 4;

private:
    bool render(MapRenderer& renderer, const Camera& camera, sf::Vector2u screen, float ui_scale, PhaseTimes* t);
    bool covers(const Camera& camera, sf::Vector2u screen) const;

    unsigned msaa_;
    sf::RenderTexture texture_;  // the layer, resolved: what frames draw
    sf::RenderTexture band_;     // msaa_ samples, full layer width, a kBands-th of its height
    sf::Vector2u texture_size_{0, 0}, screen_size_{0, 0};
    bool valid_ = false;
    Vec2 cached_center_;  // the view the texture holds
    double cached_scale_ = 0;
    Vec2 last_center_;  // the view of the previous frame: a difference means the view is moving
    double last_scale_ = 0;
    float cached_ui_scale_ = 0;
};

}  // namespace qmi::render
