// Draws the map: commune fills, then borders (commune < territory < department < Métropole, each thicker; departments
// dashed), then the selected commune's outline. Everything is built and uploaded ONCE (upload()); a frame is a handful
// of draw calls with a different transform, whatever the zoom. Line widths are constant in screen pixels and lines
// are antialiased by their own fringe (see line_mesh.hpp), so no target needs multisampling.
//
// On a software rasteriser the cost of a frame is its pixels and its triangles, so draw() only touches the pixels of
// `clip` (scissor) and, while the view moves, draws the many context borders as plain 1-px lines.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Shader.hpp>
#include <SFML/Graphics/VertexBuffer.hpp>

#include "core/camera.hpp"
#include "core/content.hpp"
#include "core/map_model.hpp"
#include "render/phase_times.hpp"
#include "render/screen_damage.hpp"

namespace qmi::render {

// Fill colour of every commune of `map` (same order): QMI districts by promotion, other Métropole members neutral,
// context communes faded. Colours come from the shared palette (ui/theme.hpp) so the legend matches the map.
std::vector<sf::Color> commune_fills(const MapModel& map, const Content& content);

// What the map area is cleared with before draw(): the faded colour of the context communes, which therefore need no
// fill triangles of their own.
sf::Color clear_color();

// How much a frame of the map is worth. Full: every line antialiased, what a visitor reads when the map rests.
// Moving (pan, pinch, glide, easing): the ~1,000 context borders outside the Métropole become aliased 1-px GL lines,
// a third of their vertices and no blending; the Métropole's own lines keep their antialiasing.
enum class MapQuality { Full, Moving };

class MapRenderer {
public:
    // Needs an active GL context (the window or render texture that will draw). Returns false, with one log line,
    // when shaders cannot be compiled or buffers cannot be created.
    // Context communes entirely outside `reachable` (the largest world area any allowed view can show) are left
    // out: on a software rasteriser every triangle costs, and most of Île-de-France is never on screen.
    bool upload(const MapModel& map, const std::vector<sf::Color>& fills, const Box& reachable);
    // Rebuilds only the small selection outline (one commune's rings). nullopt clears it.
    void set_selection(const MapModel& map, std::optional<size_t> commune);
    // Changes whenever upload() or set_selection() changed what draw() shows: a frame that drew generation g shows
    // the same map as another one with the same camera and generation.
    uint64_t generation() const { return generation_; }

    // Draws the map for `camera` (whose viewport must be the target's size) inside `clip` (target pixels, y down),
    // nothing outside, over what the caller cleared it with (clear_color()). `ui_scale` scales line widths (1 at
    // 1080 px, 2 at 4K). `times`: bench phase timings, or nullptr.
    void draw(sf::RenderTarget& target, const Camera& camera, float ui_scale, const PixelRect& clip,
              MapQuality quality, PhaseTimes* times = nullptr);

    size_t vertex_count() const { return fill_count_ + line_count_ + dashed_count_ + context_count_; }

private:
    struct Range {
        size_t first = 0, count = 0;
        float half_width = 0;  // px at ui scale 1
    };
    void draw_lines(sf::RenderTarget& target, const sf::VertexBuffer& buffer, const Range& r, sf::Shader& shader,
                    sf::RenderStates states, float width_scale);

    sf::VertexBuffer fills_{sf::Triangles, sf::VertexBuffer::Static};
    sf::VertexBuffer lines_{sf::Triangles, sf::VertexBuffer::Static};    // member borders, territories, Métropole
    sf::VertexBuffer dashed_{sf::Triangles, sf::VertexBuffer::Static};   // departments
    sf::VertexBuffer context_{sf::Triangles, sf::VertexBuffer::Static};  // context commune borders, antialiased
    sf::VertexBuffer hairlines_{sf::Lines, sf::VertexBuffer::Static};    // the same as 1-px GL lines (moving)
    sf::VertexBuffer selection_{sf::Triangles, sf::VertexBuffer::Static};
    size_t fill_count_ = 0, line_count_ = 0, dashed_count_ = 0, context_count_ = 0, hairline_count_ = 0;
    Range communes_, territories_, metropole_, departments_, context_lines_, selection_outline_, selection_accent_;
    sf::Shader line_shader_, dashed_shader_;
    uint64_t generation_ = 0;
    bool ready_ = false;
};

}  // namespace qmi::render
