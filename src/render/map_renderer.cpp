#include "render/map_renderer.hpp"

#include <SFML/OpenGL.hpp>
#include <spdlog/spdlog.h>

#include "render/line_mesh.hpp"
#include "ui/theme.hpp"

namespace qmi::render {

namespace {

sf::Color to_sf(ui::Rgba8 c) { return sf::Color(c.r, c.g, c.b, c.a); }

void append_rings(std::vector<sf::Vertex>& out, const std::vector<Ring>& rings, sf::Color color) {
    for (const Ring& r : rings) append_ring(out, r, color);
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
    ++generation_;
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

    // Lines, thinnest first so the thicker outlines cover the thinner ones where they coincide. Each range is one
    // draw call with its own width.
    namespace pal = ui::palette;
    v.clear();
    // Commune borders, each shared border once. Members' borders scale with the screen; the many context communes
    // get 1-px lines (their own buffers below).
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
    std::vector<sf::Vertex> context, hair;
    for (const Polyline& line : unique_edges(commune_rings)) {
        if (line.source < member_rings) {
            append_polyline(v, line, to_sf(pal::commune_border));
        } else {
            append_polyline(context, line, to_sf(pal::commune_border));
            append_hairline(hair, line, to_sf(pal::commune_border));
        }
    }
    communes_ = {0, v.size(), pal::commune_border_width / 2};
    for (const Outline& o : map.territories) append_rings(v, o.rings, to_sf(pal::territory_border));
    territories_ = {communes_.count, v.size() - communes_.count, pal::territory_border_width / 2};
    append_rings(v, map.metropole.rings, to_sf(pal::metropole_border));
    metropole_ = {territories_.first + territories_.count, v.size() - territories_.first - territories_.count,
                  pal::metropole_border_width / 2};
    if (!upload_buffer(lines_, v, "borders")) return false;
    line_count_ = v.size();
    // A hairline: one pixel at every ui scale, as the GL lines it replaces at rest.
    context_lines_ = {0, context.size(), 0.5f};
    if (!upload_buffer(context_, context, "context borders") || !upload_buffer(hairlines_, hair, "context hairlines"))
        return false;
    context_count_ = context.size();
    hairline_count_ = hair.size();

    v.clear();
    std::vector<const Ring*> department_rings;
    for (const Outline& o : map.departments)
        for (const Ring& r : o.rings) department_rings.push_back(&r);
    for (const Polyline& line : unique_edges(department_rings)) append_dashed(v, line);
    if (!upload_buffer(dashed_, v, "department borders")) return false;
    dashed_count_ = v.size();
    departments_ = {0, v.size(), pal::department_border_width / 2};

    spdlog::debug("map renderer: {} fill, {} line, {} dashed, {} context vertices uploaded", fill_count_, line_count_,
                  dashed_count_, context_count_);
    ready_ = true;
    return true;
}

void MapRenderer::set_selection(const MapModel& map, std::optional<size_t> commune) {
    ++generation_;
    selection_outline_ = selection_accent_ = {};
    if (!commune || *commune >= map.communes.size()) return;
    namespace pal = ui::palette;
    std::vector<sf::Vertex> v;
    const CommuneShape& c = map.communes[*commune];
    // A dark ink outline everybody sees, with a thin accent line inside it.
    for (const Polygon& poly : c.polygons) {
        append_ring(v, poly.outer, to_sf(pal::selection_outline));
        for (const Ring& h : poly.holes) append_ring(v, h, to_sf(pal::selection_outline));
    }
    const size_t outline = v.size();
    for (const Polygon& poly : c.polygons) {
        append_ring(v, poly.outer, to_sf(pal::selection_accent));
        for (const Ring& h : poly.holes) append_ring(v, h, to_sf(pal::selection_accent));
    }
    if (!upload_buffer(selection_, v, "selection")) return;
    selection_outline_ = {0, outline, pal::selection_outline_width / 2};
    selection_accent_ = {outline, v.size() - outline, pal::selection_outline_width * 0.4f / 2};
}

void MapRenderer::draw_lines(sf::RenderTarget& target, const sf::VertexBuffer& buffer, const Range& r,
                             sf::Shader& shader, sf::RenderStates states, float width_scale) {
    if (r.count == 0) return;
    shader.setUniform("half_width", r.half_width * width_scale);
    states.shader = &shader;
    target.draw(buffer, r.first, r.count, states);
}

void MapRenderer::draw(sf::RenderTarget& target, const Camera& camera, float ui_scale, const PixelRect& clip,
                       MapQuality quality, PhaseTimes* times) {
    const sf::Vector2u size = target.getSize();
    const PixelRect area = clip.intersected({0, 0, static_cast<int>(size.x), static_cast<int>(size.y)});
    if (area.empty()) return;
    PhaseClock clock(times != nullptr);
    target.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(size.x), static_cast<float>(size.y))));
    target.setActive(true);
    if (!ready_) return;
    // Only the pixels of `clip` are drawn. GL counts rows from the bottom of the target.
    glEnable(GL_SCISSOR_TEST);
    glScissor(area.x0, static_cast<GLint>(size.y) - area.y1, area.width(), area.height());

    // World (metres, y north) -> target pixels (y down): the camera's affine map as an SFML transform.
    const double s = camera.scale();
    const Vec2 c = camera.center();
    const sf::Transform world(static_cast<float>(s), 0.f, static_cast<float>(size.x / 2.0 - c.x * s),
                              0.f, static_cast<float>(-s), static_cast<float>(size.y / 2.0 + c.y * s),
                              0.f, 0.f, 1.f);
    // The fills are opaque and cover what is under them: no blending (cheaper on a software rasteriser).
    sf::RenderStates states(sf::BlendNone, world, nullptr, nullptr);
    target.draw(fills_, 0, fill_count_, states);
    if (times) times->map_fill_ms = clock.lap();

    const bool full = quality == MapQuality::Full;
    for (sf::Shader* sh : {&line_shader_, &dashed_shader_}) {
        sh->setUniform("px_to_ndc", sf::Glsl::Vec2(2.f / size.x, 2.f / size.y));
        sh->setUniform("fringe", kLineFringePx);
    }
    if (full) {
        // A hairline is one pixel at every ui scale, like the GL lines it replaces while moving.
        draw_lines(target, context_, context_lines_, line_shader_, sf::RenderStates(sf::BlendAlpha, world, nullptr,
                                                                                       nullptr), 1.0f);
    } else {
        target.draw(hairlines_, 0, hairline_count_, states);
    }
    states.blendMode = sf::BlendAlpha;  // the lines' antialiased fringe
    draw_lines(target, lines_, communes_, line_shader_, states, ui_scale);
    draw_lines(target, lines_, territories_, line_shader_, states, ui_scale);

    const ui::Rgba8 dc = ui::palette::department_border;
    dashed_shader_.setUniform("color", sf::Glsl::Vec4(sf::Color(dc.r, dc.g, dc.b, dc.a)));
    dashed_shader_.setUniform("px_per_m", static_cast<float>(s));
    dashed_shader_.setUniform("dash_px", ui::palette::department_dash_length * ui_scale);
    draw_lines(target, dashed_, departments_, dashed_shader_, states, ui_scale);

    // The Métropole outline goes over the departments' dashes where they coincide.
    draw_lines(target, lines_, metropole_, line_shader_, states, ui_scale);
    draw_lines(target, selection_, selection_outline_, line_shader_, states, ui_scale);
    draw_lines(target, selection_, selection_accent_, line_shader_, states, ui_scale);
    glDisable(GL_SCISSOR_TEST);
    if (times) {
        times->map_borders_ms = clock.lap();
        times->map_rendered = true;
    }
}

}  // namespace qmi::render
