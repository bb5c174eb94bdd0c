#include "render/map_renderer.hpp"

#include <spdlog/spdlog.h>

#include "render/line_mesh.hpp"
#include "ui/theme.hpp"

namespace qmi::render {

namespace {

sf::Color to_sf(ui::Rgba8 c) { return sf::Color(c.r, c.g, c.b, c.a); }

void append_rings(std::vector<sf::Vertex>& out, const std::vector<Ring>& rings, float width_px, sf::Color color) {
    for (const Ring& r : rings) append_ring(out, r, width_px / 2, color);
}

bool upload_buffer(sf::VertexBuffer& buffer, const std::vector<sf::Vertex>& vertices, const char* what) {
    if (vertices.empty()) return true;
    if (!buffer.create(vertices.size()) || !buffer.update(vertices.data())) {
        spdlog::error("map renderer: cannot upload {} ({} vertices)", what, vertices.size());
        return false;
    }
    return true;
}

}  // namespace

sf::Color clear_color() { return to_sf(ui::palette::outside_commune); }

std::vector<sf::Color> commune_fills(const MapModel& map, const Content& content) {
    std::vector<sf::Color> fills(map.communes.size(), to_sf(ui::palette::outside_commune));
    for (size_t i = 0; i < map.communes.size(); ++i) {
        const CommuneShape& c = map.communes[i];
        if (!c.in_metropole) continue;
        const District* d = content.find_district(c.insee);
        fills[i] = to_sf(d ? ui::promotion_color(d->promotion) : ui::palette::other_commune);
    }
    return fills;
}

namespace {

bool intersects(const Box& a, const Box& b) {
    return !a.empty() && !b.empty() && a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y &&
           b.min.y <= a.max.y;
}

}  // namespace

bool MapRenderer::upload(const MapModel& map, const std::vector<sf::Color>& fills, const Box& reachable) {
    ready_ = false;
    if (!sf::Shader::isAvailable() || !line_shader_.loadFromMemory(kLineVertexShader, kLineFragmentShader) ||
        !dashed_shader_.loadFromMemory(kDashedVertexShader, kDashedFragmentShader)) {
        spdlog::error("map renderer: line shader unavailable (needs OpenGL 2.1 / GLSL 1.20)");
        return false;
    }

    // Fills: context communes first, so Métropole members are drawn over any overlap of simplified contours.
    std::vector<sf::Vertex> v;
    size_t total = 0;
    for (const auto& c : map.communes) total += c.triangles.size();
    v.reserve(total);
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t i = 0; i < map.communes.size(); ++i) {
            const CommuneShape& c = map.communes[i];
            if (c.in_metropole != (pass == 1)) continue;
            // Context communes all share one faded colour: the clear colour paints them (see clear_color()), which
            // saves most of the fill triangles. Only a commune given another colour is filled.
            if (!c.in_metropole && (!intersects(c.bbox, reachable) ||
                                    (i < fills.size() && fills[i] == to_sf(ui::palette::outside_commune))))
                continue;
            const sf::Color color = i < fills.size() ? fills[i] : to_sf(ui::palette::outside_commune);
            for (const Vec2& p : c.triangles)
                v.emplace_back(sf::Vector2f(static_cast<float>(p.x), static_cast<float>(p.y)), color);
        }
    }
    if (!upload_buffer(fills_, v, "commune fills")) return false;
    fill_count_ = v.size();

    // Lines, thinnest first so the thicker outlines cover the thinner ones where they coincide.
    namespace pal = ui::palette;
    v.clear();
    // Commune borders, each shared border once. Members' borders are extruded (they scale with the screen);
    // the many context communes get hairlines, which cost a software rasteriser a third of the vertices.
    std::vector<const Ring*> commune_rings;
    size_t member_rings = 0;
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& c : map.communes) {
            if (c.in_metropole != (pass == 0)) continue;
            if (!c.in_metropole && !intersects(c.bbox, reachable)) continue;
            for (const Polygon& poly : c.polygons) {
                commune_rings.push_back(&poly.outer);
                for (const Ring& h : poly.holes) commune_rings.push_back(&h);
            }
        }
        if (pass == 0) member_rings = commune_rings.size();
    }
    std::vector<sf::Vertex> hair;
    for (const Polyline& line : unique_edges(commune_rings)) {
        if (line.source < member_rings)
            append_polyline(v, line, pal::commune_border_width / 2, to_sf(pal::commune_border));
        else
            append_hairline(hair, line, to_sf(pal::commune_border));
    }
    if (!upload_buffer(hairlines_, hair, "context borders")) return false;
    hairline_count_ = hair.size();
    for (const Outline& o : map.territories)
        append_rings(v, o.rings, pal::territory_border_width, to_sf(pal::territory_border));
    outline_first_ = v.size();
    append_rings(v, map.metropole.rings, pal::metropole_border_width, to_sf(pal::metropole_border));
    if (!upload_buffer(lines_, v, "borders")) return false;
    line_count_ = v.size();

    v.clear();
    std::vector<const Ring*> department_rings;
    for (const Outline& o : map.departments)
        for (const Ring& r : o.rings) department_rings.push_back(&r);
    for (const Polyline& line : unique_edges(department_rings))
        append_dashed(v, line, pal::department_border_width / 2);
    if (!upload_buffer(dashed_, v, "department borders")) return false;
    dashed_count_ = v.size();

    // Paris's arrondissements: one more thin line set, drawn under the communes' and territories' lines.
    v.clear();
    for (const std::vector<Vec2>& border : map.arrondissement_borders)
        append_polyline(v, Polyline{border, false, 0}, pal::arrondissement_border_width / 2,
                        to_sf(pal::arrondissement_border));
    if (!upload_buffer(arrondissement_lines_, v, "arrondissement borders")) return false;
    arrondissement_count_ = v.size();

    spdlog::debug("map renderer: {} fill and {} line vertices uploaded", fill_count_, line_count_);
    ready_ = true;
    return true;
}

void MapRenderer::set_selection(const MapModel& map, std::optional<size_t> commune) {
    set_selection(map, commune ? std::vector<size_t>{*commune} : std::vector<size_t>{});
}

void MapRenderer::set_selection(const MapModel& map, const std::vector<size_t>& communes) {
    selection_count_ = 0;
    namespace pal = ui::palette;
    std::vector<sf::Vertex> v;
    // A dark ink outline everybody sees, with a thin accent line inside it.
    for (const auto& [width, color] : {std::pair{pal::selection_outline_width, to_sf(pal::selection_outline)},
                                       std::pair{pal::selection_outline_width * 0.4f, to_sf(pal::selection_accent)}}) {
        for (size_t commune : communes) {
            if (commune >= map.communes.size()) continue;
            for (const Polygon& poly : map.communes[commune].polygons) {
                append_ring(v, poly.outer, width / 2, color);
                for (const Ring& h : poly.holes) append_ring(v, h, width / 2, color);
            }
        }
    }
    if (v.empty()) return;
    if (upload_buffer(selection_, v, "selection")) selection_count_ = v.size();
}

void MapRenderer::draw(sf::RenderTarget& target, const Camera& camera, float ui_scale, PhaseTimes* times) {
    draw_band(target, target.getSize(), 0, camera.center(), camera.scale(), ui_scale, times);  // one band: all of it
}

void MapRenderer::draw_band(sf::RenderTarget& target, sf::Vector2u layer, unsigned top, Vec2 c, double s,
                            float ui_scale, PhaseTimes* times) {
    if (!ready_) return;
    // The projection is the whole layer's; the viewport is the layer's size, shifted up by `top` rows, so the
    // target sees exactly those rows and every vertex lands where it would in a layer-sized target. Only the final
    // whole-pixel shift is new arithmetic: it can round one MSAA sample differently on a few edge pixels.
    sf::View view(sf::FloatRect(0, 0, static_cast<float>(layer.x), static_cast<float>(layer.y)));
    const sf::Vector2u band = target.getSize();
    // SFML rounds the viewport as int(0.5 + fraction * size), truncating towards zero: aim a quarter pixel below
    // -top so that it gives exactly -top.
    view.setViewport(sf::FloatRect(0, (-static_cast<float>(top) - 0.75f) / band.y,
                                   static_cast<float>(layer.x) / band.x, static_cast<float>(layer.y) / band.y));
    target.setView(view);
    const sf::Vector2u size = layer;  // line widths: pixels of the layer's projection
    PhaseClock clock(times != nullptr);

    // World (metres, y north) -> layer pixels (y down): the camera's affine map as an SFML transform.
    const sf::Transform world(static_cast<float>(s), 0.f, static_cast<float>(layer.x / 2.0 - c.x * s),
                              0.f, static_cast<float>(-s), static_cast<float>(layer.y / 2.0 + c.y * s),
                              0.f, 0.f, 1.f);
    sf::RenderStates states(world);
    target.draw(fills_, 0, fill_count_, states);
    target.draw(hairlines_, 0, hairline_count_, states);
    if (times) times->map_fill_ms = clock.lap();

    line_shader_.setUniform("px_to_ndc", sf::Glsl::Vec2(2.f / size.x, 2.f / size.y));
    line_shader_.setUniform("width_scale", ui_scale);
    states.shader = &line_shader_;
    if (arrondissement_count_ > 0 && s >= arrondissement_min_scale_)
        target.draw(arrondissement_lines_, 0, arrondissement_count_, states);
    target.draw(lines_, 0, outline_first_, states);

    const ui::Rgba8 dc = ui::palette::department_border;
    dashed_shader_.setUniform("px_to_ndc", sf::Glsl::Vec2(2.f / size.x, 2.f / size.y));
    dashed_shader_.setUniform("width_scale", ui_scale);
    dashed_shader_.setUniform("color", sf::Glsl::Vec4(sf::Color(dc.r, dc.g, dc.b, dc.a)));
    dashed_shader_.setUniform("px_per_m", static_cast<float>(s));
    dashed_shader_.setUniform("dash_px", ui::palette::department_dash_length * ui_scale);
    sf::RenderStates dashed = states;
    dashed.shader = &dashed_shader_;
    target.draw(dashed_, 0, dashed_count_, dashed);

    // The Métropole outline goes over the departments' dashes where they coincide.
    target.draw(lines_, outline_first_, line_count_ - outline_first_, states);
    if (selection_count_ > 0) target.draw(selection_, 0, selection_count_, states);
    if (times) {
        times->map_borders_ms = clock.lap();
        times->map_rendered = true;
    }
}

}  // namespace qmi::render
