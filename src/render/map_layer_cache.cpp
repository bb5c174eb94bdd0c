#include "render/map_layer_cache.hpp"

#include <cmath>

#include <SFML/Graphics/Sprite.hpp>
#include <spdlog/spdlog.h>

namespace qmi::render {

namespace {

bool same_view(Vec2 a, double sa, Vec2 b, double sb) { return a.x == b.x && a.y == b.y && sa == sb; }

}  // namespace

bool MapLayerCache::needs_crisp_frame(const Camera& camera) const {
    return valid_ && !same_view(camera.center(), camera.scale(), cached_center_, cached_scale_);
}

bool MapLayerCache::moving(const Camera& camera) const {
    // No frame drawn yet (first frame, screenshot): nothing moves.
    return last_scale_ != 0 && !same_view(camera.center(), camera.scale(), last_center_, last_scale_);
}

bool MapLayerCache::covers(const Camera& camera, sf::Vector2u screen) const {
    // The screen's corners, in texture pixels, must lie inside the texture.
    const double k = cached_scale_ / camera.scale();
    for (const Vec2 corner : {Vec2{0, 0}, Vec2{static_cast<double>(screen.x), static_cast<double>(screen.y)}}) {
        const Vec2 w = camera.screen_to_world(corner);
        const double tx = texture_size_.x / 2.0 + (w.x - cached_center_.x) * cached_scale_;
        const double ty = texture_size_.y / 2.0 - (w.y - cached_center_.y) * cached_scale_;
        if (tx < 0 || ty < 0 || tx > texture_size_.x || ty > texture_size_.y) return false;
    }
    return k > 0;
}

bool MapLayerCache::render(MapRenderer& renderer, const Camera& camera, sf::Vector2u screen, float ui_scale,
                           PhaseTimes* t) {
    // Margins rounded to whole pixels so that at rest texels land exactly on pixels.
    const unsigned mx = static_cast<unsigned>(std::lround(screen.x * kMarginFraction));
    const unsigned my = static_cast<unsigned>(std::lround(screen.y * kMarginFraction));
    const sf::Vector2u size(screen.x + 2 * mx, screen.y + 2 * my);
    const unsigned band_height = (size.y + kBands - 1) / kBands;
    if (size != texture_size_) {
        sf::ContextSettings settings;
        settings.antialiasingLevel = msaa_;
        if (!texture_.create(size.x, size.y) || !band_.create(size.x, band_height, settings)) {
            spdlog::error("map layer cache: cannot create a {}x{} offscreen texture, drawing the map directly",
                          size.x, size.y);
            texture_size_ = {0, 0};
            return false;
        }
        texture_size_ = size;
    }
    // Band by band: render with MSAA, resolve, copy 1:1 into the layer (whole-pixel offsets, nearest sampling,
    // no blending: the copied texels are exactly the resolved ones).
    band_.setSmooth(false);
    PhaseTimes band_times;
    if (t) t->map_fill_ms = t->map_borders_ms = 0;  // the sums over the bands
    for (unsigned top = 0; top < size.y; top += band_height) {
        band_.setActive(true);
        band_.clear(clear_color());
        renderer.draw_band(band_, size, top, camera.center(), camera.scale(), ui_scale, t ? &band_times : nullptr);
        band_.display();  // resolves the MSAA samples into the band's texture
        if (t) {
            t->map_fill_ms += band_times.map_fill_ms;
            t->map_borders_ms += band_times.map_borders_ms;
            t->map_rendered = true;
        }
        texture_.setActive(true);
        texture_.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
        sf::Sprite band(band_.getTexture());
        band.setPosition(0, static_cast<float>(top));
        texture_.draw(band, sf::RenderStates(sf::BlendNone));
    }
    texture_.display();
    screen_size_ = screen;
    cached_center_ = camera.center();
    cached_scale_ = camera.scale();
    cached_ui_scale_ = ui_scale;
    valid_ = true;
    return true;
}

bool MapLayerCache::draw(sf::RenderTarget& target, MapRenderer& renderer, const Camera& camera, float ui_scale,
                         PhaseTimes* times) {
    const sf::Vector2u screen = target.getSize();
    const bool moving = this->moving(camera);
    last_center_ = camera.center();
    last_scale_ = camera.scale();

    const bool usable = valid_ && screen == screen_size_ && ui_scale == cached_ui_scale_;
    const bool current = usable && same_view(camera.center(), camera.scale(), cached_center_, cached_scale_);
    if (!current) {
        const double drift = usable ? camera.scale() / cached_scale_ : 0;
        const bool close_enough = usable && drift < kMaxDrift && drift > 1 / kMaxDrift && covers(camera, screen);
        // Moving and still close to the texture: transform it. Resting, or too far: render the view crisp.
        if (!(moving && close_enough) && !render(renderer, camera, screen, ui_scale, times)) return false;
    }

    PhaseClock clock(times != nullptr);
    target.setActive(true);
    target.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(screen.x), static_cast<float>(screen.y))));
    sf::Sprite quad(texture_.getTexture());
    // Texture pixel (u, v) shows world point cached_center + ((u, v) - size/2) / cached_scale (y flipped); the
    // screen shows it at camera.world_to_screen() of that point: a scale about the texture centre plus a shift.
    const double k = camera.scale() / cached_scale_;
    const Vec2 at = camera.world_to_screen(cached_center_);
    quad.setOrigin(static_cast<float>(texture_size_.x / 2.0), static_cast<float>(texture_size_.y / 2.0));
    quad.setScale(static_cast<float>(k), static_cast<float>(k));
    quad.setPosition(static_cast<float>(at.x), static_cast<float>(at.y));
    // A pure pan by whole pixels copies texels one to one: nearest sampling is exact there and about half the
    // cost of bilinear on a software rasteriser. Zooming needs the bilinear filter.
    const bool whole_pixels = k == 1.0 && at.x == std::floor(at.x) && at.y == std::floor(at.y);
    texture_.setSmooth(!whole_pixels);
    // Opaque texture over the clear colour: no blending needed (cheaper on a software rasteriser). Areas a
    // zoom-out uncovers keep the clear colour, which is the colour of the map's surroundings.
    target.draw(quad, sf::RenderStates(sf::BlendNone));
    if (times) times->map_quad_ms = clock.lap();
    return true;
}

}  // namespace qmi::render
