// Draws the map: commune fills, then borders (commune < territory < department < Métropole, each thicker; departments
// dashed), then, with a selection, a white veil over all that, the selected communes again and their outline. Everything is built and uploaded ONCE (upload()); a frame is a handful
// of draw calls with a different transform, whatever the zoom. Line widths are constant in screen pixels and lines
// are antialiased by their own fringe (see line_mesh.hpp), so no target needs multisampling.
//
// On a software rasteriser the cost of a frame is its pixels and its triangles, so draw() only touches the pixels of
// `clip` (scissor), only sends the lines near them (line_set.hpp) and, while the view moves, leaves out the many
// faint borders of the communes around the Métropole.
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
#include "render/line_set.hpp"
#include "render/phase_times.hpp"
#include "render/screen_damage.hpp"

namespace qmi::render {

// Fill colour of every commune of `map` (same order): QMI districts by promotion, other Métropole members neutral,
// context communes faded. Colours come from the shared palette (ui/theme.hpp) so the legend matches the map.
std::vector<sf::Color> commune_fills(const MapModel& map, const Content& content);

// What the map area is cleared with before draw(): the faded colour of the context communes, which therefore need no
// fill triangles of their own.
sf::Color clear_color();

// How much a frame of the map is worth. Full: everything, what a visitor reads when the map rests. Moving (pan, pinch,
// glide, easing): without the faint 1-px borders of the ~1,000 communes around the Métropole (about 25,000 line
// segments, a quarter of a frame's cost at the overview on llvmpipe); they come back with the Full frame 0.15 s after
// the view stops (render/map_redraw.hpp). The Métropole's own lines are drawn, antialiased, in both.
enum class MapQuality { Full, Moving };

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
    // Rebuilds only the small selection (one commune's rings and triangles): while it is set, every other commune
    // is dimmed (ui::dimmed()) and the selection outlined. nullopt clears it.
    void set_selection(const MapModel& map, std::optional<size_t> commune);
    // The same outline around several communes at once (the presenter shows a promotion's districts together).
    void set_selection(const MapModel& map, const std::vector<size_t>& communes);
    // The districts of the call the banner names, ringed in `color` (ui::palette::call_ring_width); empty clears.
    void set_call(const MapModel& map, const std::vector<size_t>& communes, sf::Color color);
    // Changes whenever upload(), set_selection() or set_call() changed what draw() shows: a frame that drew generation g shows
    // the same map as another one with the same camera and generation.
    uint64_t generation() const { return generation_; }

    // Draws the map for `camera` (whose viewport must be the target's size) inside `clip` (target pixels, y down),
    // nothing outside, over what the caller cleared it with (clear_color()). `ui_scale` scales line widths (1 at
    // 1080 px, 2 at 4K). `times`: bench phase timings, or nullptr.
    void draw(sf::RenderTarget& target, const Camera& camera, float ui_scale, const PixelRect& clip,
              MapQuality quality, PhaseTimes* times = nullptr);

    size_t vertex_count() const;
    // Paris's arrondissement borders (MapModel::arrondissement_borders, uploaded by upload()) are drawn only at
    // scales (px/m) from `scale` up; +inf (the default) never.
    void set_arrondissement_min_scale(double scale) {
        if (scale != arrondissement_min_scale_) ++generation_;
        arrondissement_min_scale_ = scale;
    }

private:
    struct FillChunk {
        Box bbox;
        size_t first = 0, count = 0;
    };
    // One set of lines and how it is drawn: half width in pixels at ui scale 1 (scaled with the ui or not).
    struct Lines {
        LineSet set;
        float half_width = 0;
        bool scaled = true;
    };
    void draw_lines(sf::RenderTarget& target, const Lines& lines, sf::Shader& shader, sf::RenderStates states,
                    const Box& visible, double scale, float ui_scale);

    sf::VertexBuffer fills_{sf::Triangles, sf::VertexBuffer::Static};
    std::vector<FillChunk> fill_chunks_;
    size_t fill_count_ = 0;
    Lines communes_, territories_, metropole_, departments_, context_;
    Lines arrondissements_;                      // inside Paris, thin, from arrondissement_min_scale_
    double arrondissement_min_scale_ = 1e300;
    bool selection_has_arrondissements_ = false;  // Paris is selected: its lines go over its fill again
    Lines call_casing_, call_ring_;
    Lines selection_casing_, selection_outline_, selection_accent_;
    std::vector<sf::Color> fill_colors_;         // what upload() filled each commune with
    std::vector<sf::Vertex> selected_fills_;     // the selected communes' triangles, drawn over the dimming veil
    sf::Shader line_shader_, dashed_shader_;
    uint64_t generation_ = 0;
    bool ready_ = false;
};

}  // namespace qmi::render
