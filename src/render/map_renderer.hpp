// Draws the map: commune fills, then borders (commune < territory < department < Métropole, each thicker; departments
// dashed), then the selected commune's outline. Everything is built and uploaded ONCE (upload()); a frame is a handful of draw calls
// with a different transform, whatever the zoom. Line widths are constant in screen pixels (see line_mesh.hpp).
#pragma once
#include <optional>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Shader.hpp>
#include <SFML/Graphics/VertexBuffer.hpp>

#include "core/camera.hpp"
#include "core/content.hpp"
#include "core/map_model.hpp"
#include "render/phase_times.hpp"

namespace qmi::render {

// Fill colour of every commune of `map` (same order): QMI districts by promotion, other Métropole members neutral,
// context communes faded. Colours come from the shared palette (ui/theme.hpp) so the legend matches the map.
std::vector<sf::Color> commune_fills(const MapModel& map, const Content& content);

// What the target is cleared with before draw(): the faded colour of the context communes, which therefore need no
// fill triangles of their own.
sf::Color clear_color();

// The arrondissement borders are drawn from this many times the overview's scale up (at the overview Paris is a
// few hundred pixels wide: twenty cells of thin lines would only be noise there).
inline constexpr double kArrondissementBorderMinZoom = 2.0;

class MapRenderer {
public:
    // Needs an active GL context (the window or render texture that will draw). Returns false, with one log line,
    // when shaders cannot be compiled or buffers cannot be created.
    // Context communes entirely outside `reachable` (the largest world area any allowed view can show) are left
    // out: on a software rasteriser every triangle costs, and most of Île-de-France is never on screen.
    bool upload(const MapModel& map, const std::vector<sf::Color>& fills, const Box& reachable);
    // Rebuilds only the small selection outline (one commune's rings). nullopt clears it.
    void set_selection(const MapModel& map, std::optional<size_t> commune);
    // The same outline around several communes at once (the presenter shows a promotion's districts together).
    void set_selection(const MapModel& map, const std::vector<size_t>& communes);

    // Draws into `target` (whose size must match the camera viewport). `ui_scale` scales line widths
    // (1 at 1080 px, 2 at 4K).
    void draw(sf::RenderTarget& target, const Camera& camera, float ui_scale, PhaseTimes* times = nullptr);
    // One horizontal band of the view centred on world point `center` at `scale` pixels per metre over a layer of
    // `layer` pixels (the map layer cache renders a layer larger than the screen): `target` receives the layer's
    // rows [top, top + target height). The transform and projection are the layer's own, only the viewport moves,
    // so the bands put together give the picture a layer-sized target would get (at 1080p, a few hundred edge
    // pixels differ by one MSAA sample of coverage). `times`: bench phase timings, or nullptr.
    void draw_band(sf::RenderTarget& target, sf::Vector2u layer, unsigned top, Vec2 center, double scale,
                   float ui_scale, PhaseTimes* times = nullptr);

    size_t vertex_count() const {
        return fill_count_ + line_count_ + dashed_count_ + hairline_count_ + arrondissement_count_;
    }
    // Paris's arrondissement borders (MapModel::arrondissement_borders, uploaded by upload()) are drawn only at
    // scales (px/m) from `scale` up; +inf (the default) never.
    void set_arrondissement_min_scale(double scale) { arrondissement_min_scale_ = scale; }

private:
    sf::VertexBuffer fills_{sf::Triangles, sf::VertexBuffer::Static};
    sf::VertexBuffer lines_{sf::Triangles, sf::VertexBuffer::Static};
    sf::VertexBuffer dashed_{sf::Triangles, sf::VertexBuffer::Static};
    sf::VertexBuffer hairlines_{sf::Lines, sf::VertexBuffer::Static};  // context commune borders
    size_t hairline_count_ = 0;
    sf::VertexBuffer selection_{sf::Triangles, sf::VertexBuffer::Static};
    sf::VertexBuffer arrondissement_lines_{sf::Triangles, sf::VertexBuffer::Static};  // inside Paris, thin
    size_t arrondissement_count_ = 0;
    double arrondissement_min_scale_ = 1e300;
    size_t fill_count_ = 0, line_count_ = 0, selection_count_ = 0, dashed_count_ = 0;
    size_t outline_first_ = 0;  // lines_ holds commune and territory borders, then from here the Métropole outline
    sf::Shader line_shader_, dashed_shader_;
    bool ready_ = false;
};

}  // namespace qmi::render
