#include "render/map_renderer.hpp"

#include <algorithm>

#include <SFML/OpenGL.hpp>
#include <spdlog/spdlog.h>

#include "render/line_mesh.hpp"
#include "ui/theme.hpp"

namespace qmi::render {

namespace {

sf::Color to_sf(ui::Rgba8 c) { return sf::Color(c.r, c.g, c.b, c.a); }

std::vector<Polyline> as_lines(const std::vector<Ring>& rings) {
    std::vector<Polyline> out;
    for (const Ring& r : rings) out.push_back({r, true, 0});
    return out;
}

bool upload_buffer(sf::VertexBuffer& buffer, const std::vector<sf::Vertex>& vertices, const char* what) {
    if (vertices.empty()) return true;
    if (!buffer.create(vertices.size()) || !buffer.update(vertices.data())) {
        spdlog::error("map renderer: cannot upload {} ({} vertices)", what, vertices.size());
        return false;
    }
    return true;
}

bool intersects(const Box& a, const Box& b) {
    return !a.empty() && !b.empty() && a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y &&
           b.min.y <= a.max.y;
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

bool MapRenderer::upload(const MapModel& map, const std::vector<sf::Color>& fills, const Box& reachable) {
    ready_ = false;
    ++generation_;
    fill_colors_ = fills;
    if (!sf::Shader::isAvailable() || !line_shader_.loadFromMemory(kLineVertexShader, kLineFragmentShader) ||
        !dashed_shader_.loadFromMemory(kDashedVertexShader, kDashedFragmentShader)) {
        spdlog::error("map renderer: line shader unavailable (needs OpenGL 2.1 / GLSL 1.20)");
        return false;
    }

    // Fills: context communes first, so Métropole members are drawn over any overlap of simplified contours. Each
    // pass is sorted into a grid of chunks (communes by the cell of their centre) that a frame culls.
    std::vector<sf::Vertex> v;
    size_t total = 0;
    for (const auto& c : map.communes) total += c.triangles.size();
    v.reserve(total);
    fill_chunks_.clear();
    Box all;
    for (const auto& c : map.communes)
        if (intersects(c.bbox, reachable)) {
            all.add(c.bbox.min);
            all.add(c.bbox.max);
        }
    constexpr int kGrid = 8;
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<std::pair<int, size_t>> order;  // (cell, commune)
        for (size_t i = 0; i < map.communes.size(); ++i) {
            const CommuneShape& c = map.communes[i];
            if (c.in_metropole != (pass == 1)) continue;
            // Context communes all share one faded colour: the clear colour paints them (see clear_color()), which
            // saves most of the fill triangles. Only a commune given another colour is filled.
            if (!c.in_metropole && (!intersects(c.bbox, reachable) ||
                                    (i < fills.size() && fills[i] == to_sf(ui::palette::outside_commune))))
                continue;
            const Vec2 m = c.bbox.center();
            const int cx = std::clamp(static_cast<int>((m.x - all.min.x) / std::max(all.width(), 1.0) * kGrid), 0,
                                      kGrid - 1);
            const int cy = std::clamp(static_cast<int>((m.y - all.min.y) / std::max(all.height(), 1.0) * kGrid), 0,
                                      kGrid - 1);
            order.push_back({cy * kGrid + cx, i});
        }
        std::stable_sort(order.begin(), order.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t n = 0; n < order.size(); ++n) {
            const CommuneShape& c = map.communes[order[n].second];
            if (n == 0 || order[n - 1].first != order[n].first) fill_chunks_.push_back({Box{}, v.size(), 0});
            FillChunk& chunk = fill_chunks_.back();
            const size_t i = order[n].second;
            const sf::Color color = i < fills.size() ? fills[i] : to_sf(ui::palette::outside_commune);
            for (const Vec2& p : c.triangles)
                v.emplace_back(sf::Vector2f(static_cast<float>(p.x), static_cast<float>(p.y)), color);
            chunk.bbox.add(c.bbox.min);
            chunk.bbox.add(c.bbox.max);
            chunk.count = v.size() - chunk.first;
        }
    }
    if (!upload_buffer(fills_, v, "commune fills")) return false;
    fill_count_ = v.size();

    // Lines, thinnest first so the thicker outlines cover the thinner ones where they coincide.
    namespace pal = ui::palette;
    // Commune borders, each shared border once. Members' borders scale with the screen; the many context communes
    // get hairlines: one pixel at every ui scale.
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
    std::vector<Polyline> member, context;
    for (Polyline& line : unique_edges(commune_rings))
        (line.source < member_rings ? member : context).push_back(std::move(line));
    std::vector<Polyline> territories;
    for (const Outline& o : map.territories)
        for (Polyline& l : as_lines(o.rings)) territories.push_back(std::move(l));
    std::vector<const Ring*> department_rings;
    for (const Outline& o : map.departments)
        for (const Ring& r : o.rings) department_rings.push_back(&r);

    using Style = LineSet::Style;
    bool ok = communes_.set.build(member, Style::Solid, to_sf(pal::commune_border));
    communes_.half_width = pal::commune_border_width / 2;
    ok = ok && context_.set.build(context, Style::Solid, to_sf(pal::commune_border));
    context_.half_width = 0.5f;
    context_.scaled = false;
    ok = ok && territories_.set.build(territories, Style::Solid, to_sf(pal::territory_border));
    territories_.half_width = pal::territory_border_width / 2;
    ok = ok && departments_.set.build(unique_edges(department_rings), Style::Dashed, sf::Color::Black);
    departments_.half_width = pal::department_border_width / 2;
    ok = ok && metropole_.set.build(as_lines(map.metropole.rings), Style::Solid, to_sf(pal::metropole_border));
    metropole_.half_width = pal::metropole_border_width / 2;
    // Paris's arrondissements: open polylines between them, inside Paris.
    std::vector<Polyline> arrondissements;
    for (const std::vector<Vec2>& border : map.arrondissement_borders) arrondissements.push_back({border, false, 0});
    ok = ok && arrondissements_.set.build(arrondissements, Style::Solid, to_sf(pal::arrondissement_border));
    arrondissements_.half_width = pal::arrondissement_border_width / 2;
    if (!ok) return false;

    spdlog::debug("map renderer: {} fill, {} line, {} dashed, {} context vertices uploaded",
                  fill_count_, communes_.set.vertex_count() + territories_.set.vertex_count() +
                  metropole_.set.vertex_count(), departments_.set.vertex_count(), context_.set.vertex_count());
    ready_ = true;
    return true;
}

size_t MapRenderer::vertex_count() const {
    size_t n = fill_count_;
    for (const Lines* l : {&communes_, &territories_, &metropole_, &departments_, &context_, &arrondissements_,
                           &call_casing_, &call_ring_, &selection_casing_, &selection_outline_, &selection_accent_})
        n += l->set.vertex_count();
    n += selected_fills_.size();
    return n;
}

namespace {
std::vector<Polyline> rings_of(const MapModel& map, const std::vector<size_t>& communes) {
    std::vector<Polyline> rings;
    for (size_t commune : communes) {
        if (commune >= map.communes.size()) continue;
        for (const Polygon& poly : map.communes[commune].polygons) {
            rings.push_back({poly.outer, true, 0});
            for (const Ring& h : poly.holes) rings.push_back({h, true, 0});
        }
    }
    return rings;
}
}  // namespace

void MapRenderer::set_call(const MapModel& map, const std::vector<size_t>& communes, sf::Color color) {
    ++generation_;
    call_casing_ = call_ring_ = Lines{};
    const std::vector<Polyline> rings = rings_of(map, communes);
    if (rings.empty()) return;
    namespace pal = ui::palette;
    call_casing_.set.build(rings, LineSet::Style::Solid, to_sf(pal::selection_casing));
    call_casing_.half_width = pal::call_casing_width / 2;
    call_ring_.set.build(rings, LineSet::Style::Solid, color);
    call_ring_.half_width = pal::call_ring_width / 2;
}

void MapRenderer::set_selection(const MapModel& map, std::optional<size_t> commune) {
    set_selection(map, commune ? std::vector<size_t>{*commune} : std::vector<size_t>{});
}

void MapRenderer::set_selection(const MapModel& map, const std::vector<size_t>& communes) {
    ++generation_;
    selection_casing_ = selection_outline_ = selection_accent_ = Lines{};
    selected_fills_.clear();
    selection_has_arrondissements_ = false;
    for (size_t commune : communes)
        if (commune < map.communes.size() && map.communes[commune].insee == "75056") selection_has_arrondissements_ = true;
    namespace pal = ui::palette;
    const std::vector<Polyline> rings = rings_of(map, communes);
    for (size_t commune : communes) {
        if (commune >= map.communes.size()) continue;
        const CommuneShape& c = map.communes[commune];
        // Drawn again over the veil that dims everything else, in its own colour.
        const sf::Color color = commune < fill_colors_.size() ? fill_colors_[commune] : clear_color();
        for (const Vec2& p : c.triangles)
            selected_fills_.emplace_back(sf::Vector2f(static_cast<float>(p.x), static_cast<float>(p.y)), color);
    }
    if (rings.empty()) return;
    // A near-black outline everybody sees, inside a white casing that keeps it apart from a dark neighbour, with a
    // thin accent line along its middle (decoration). Full detail: a few communes at most.
    selection_casing_.set.build(rings, LineSet::Style::Solid, to_sf(pal::selection_casing));
    selection_casing_.half_width = pal::selection_casing_width / 2;
    selection_outline_.set.build(rings, LineSet::Style::Solid, to_sf(pal::selection_outline));
    selection_outline_.half_width = pal::selection_outline_width / 2;
    selection_accent_.set.build(rings, LineSet::Style::Solid, to_sf(pal::selection_accent));
    selection_accent_.half_width = pal::selection_outline_width * 0.4f / 2;
}

void MapRenderer::draw_lines(sf::RenderTarget& target, const Lines& lines, sf::Shader& shader,
                             sf::RenderStates states, const Box& visible, double scale, float ui_scale) {
    if (lines.set.empty()) return;
    const float hw = lines.scaled ? lines.half_width * ui_scale : lines.half_width;
    shader.setUniform("half_width", hw);
    states.shader = &shader;
    // The lines reach beyond their points by their half width, up to the miter limit at sharp corners.
    const double m = (hw * 3.0 + kLineFringePx + 1) / scale;
    const Box grown{{visible.min.x - m, visible.min.y - m}, {visible.max.x + m, visible.max.y + m}};
    lines.set.draw(target, states, grown);
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
    // The world the clip rectangle shows: only the chunks meeting it are drawn.
    Box visible;
    visible.add(camera.screen_to_world({static_cast<double>(area.x0), static_cast<double>(area.y0)}));
    visible.add(camera.screen_to_world({static_cast<double>(area.x1), static_cast<double>(area.y1)}));

    // The fills are opaque and cover what is under them: no blending (cheaper on a software rasteriser).
    sf::RenderStates states(sf::BlendNone, world, nullptr, nullptr);
    size_t first = 0, count = 0;
    for (const FillChunk& f : fill_chunks_) {
        if (!intersects(f.bbox, visible)) continue;
        if (count > 0 && first + count == f.first) {
            count += f.count;
            continue;
        }
        if (count > 0) target.draw(fills_, first, count, states);
        first = f.first;
        count = f.count;
    }
    if (count > 0) target.draw(fills_, first, count, states);
    if (times) times->map_fill_ms = clock.lap();

    const bool full = quality == MapQuality::Full;
    for (sf::Shader* sh : {&line_shader_, &dashed_shader_}) {
        sh->setUniform("px_to_ndc", sf::Glsl::Vec2(2.f / size.x, 2.f / size.y));
        sh->setUniform("fringe", kLineFringePx);
    }
    states.blendMode = sf::BlendAlpha;  // the lines' antialiased fringe
    if (full) draw_lines(target, context_, line_shader_, states, visible, s, ui_scale);
    const bool arrondissements = s >= arrondissement_min_scale_;
    if (arrondissements) draw_lines(target, arrondissements_, line_shader_, states, visible, s, ui_scale);
    draw_lines(target, communes_, line_shader_, states, visible, s, ui_scale);
    draw_lines(target, territories_, line_shader_, states, visible, s, ui_scale);

    const ui::Rgba8 dc = ui::palette::department_border;
    dashed_shader_.setUniform("color", sf::Glsl::Vec4(sf::Color(dc.r, dc.g, dc.b, dc.a)));
    dashed_shader_.setUniform("px_per_m", static_cast<float>(s));
    dashed_shader_.setUniform("dash_px", ui::palette::department_dash_length * ui_scale);
    draw_lines(target, departments_, dashed_shader_, states, visible, s, ui_scale);

    // The Métropole outline goes over the departments' dashes where they coincide.
    draw_lines(target, metropole_, line_shader_, states, visible, s, ui_scale);
    draw_lines(target, call_casing_, line_shader_, states, visible, s, ui_scale);
    draw_lines(target, call_ring_, line_shader_, states, visible, s, ui_scale);
    if (!selected_fills_.empty()) {
        // Something is selected: everything else is seen through a white veil (ui::dimmed()), the selection is the
        // one saturated shape left, in its own colour, outlined.
        const ui::Rgba8 v = ui::palette::dim_veil;
        const sf::Color veil(v.r, v.g, v.b, v.a);
        const sf::Vector2f a(static_cast<float>(visible.min.x), static_cast<float>(visible.min.y));
        const sf::Vector2f b(static_cast<float>(visible.max.x), static_cast<float>(visible.max.y));
        const sf::Vertex quad[6] = {{a, veil}, {{b.x, a.y}, veil}, {b, veil}, {a, veil}, {b, veil}, {{a.x, b.y}, veil}};
        sf::RenderStates plain(sf::BlendAlpha, world, nullptr, nullptr);
        target.draw(quad, 6, sf::Triangles, plain);
        plain.blendMode = sf::BlendNone;
        target.draw(selected_fills_.data(), selected_fills_.size(), sf::Triangles, plain);
        // Paris selected: its fill drawn again covered its arrondissements' lines; they go over it again.
        if (arrondissements && selection_has_arrondissements_)
            draw_lines(target, arrondissements_, line_shader_, states, visible, s, ui_scale);
    }
    draw_lines(target, selection_casing_, line_shader_, states, visible, s, ui_scale);
    draw_lines(target, selection_outline_, line_shader_, states, visible, s, ui_scale);
    draw_lines(target, selection_accent_, line_shader_, states, visible, s, ui_scale);
    glDisable(GL_SCISSOR_TEST);
    if (times) {
        times->map_borders_ms = clock.lap();
        times->map_rendered = true;
    }
}

}  // namespace qmi::render
