#include "core/nearest_districts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/hit_index.hpp"

namespace qmi {

namespace {

constexpr double kNeighbourM = 50.0;  // simplified contours of two neighbours leave gaps and overlaps of a few m

double box_gap(const Box& a, const Box& b) {
    const double dx = std::max({0.0, a.min.x - b.max.x, b.min.x - a.max.x});
    const double dy = std::max({0.0, a.min.y - b.max.y, b.min.y - a.max.y});
    return std::hypot(dx, dy);
}

double point_segment(Vec2 p, Vec2 a, Vec2 b) {
    const double vx = b.x - a.x, vy = b.y - a.y;
    const double len2 = vx * vx + vy * vy;
    double t = len2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * vx), p.y - (a.y + t * vy));
}

template <class F>
void for_each_ring(const CommuneShape& c, F&& f) {
    for (const Polygon& poly : c.polygons) {
        f(poly.outer);
        for (const Ring& h : poly.holes) f(h);
    }
}

// Smallest distance from the vertices of `a` to the edges of `b`, skipping edges whose box is already farther than
// the best so far.
double vertices_to_edges(const CommuneShape& a, const CommuneShape& b, double best) {
    for_each_ring(b, [&](const Ring& rb) {
        for (size_t j = 0; j + 1 < rb.size(); ++j) {
            const Vec2 p0 = rb[j], p1 = rb[j + 1];
            Box e;
            e.add(p0);
            e.add(p1);
            if (box_gap(e, a.bbox) >= best) continue;
            for_each_ring(a, [&](const Ring& ra) {
                for (const Vec2& v : ra) {
                    if (std::abs(v.x - (p0.x + p1.x) / 2) - std::abs(p1.x - p0.x) / 2 >= best) continue;
                    if (std::abs(v.y - (p0.y + p1.y) / 2) - std::abs(p1.y - p0.y) / 2 >= best) continue;
                    best = std::min(best, point_segment(v, p0, p1));
                }
            });
        }
    });
    return best;
}

}  // namespace

double outline_distance_m(const CommuneShape& a, const CommuneShape& b, double give_up_m) {
    const double gap = box_gap(a.bbox, b.bbox);
    if (gap > give_up_m) return gap;
    // One inside the other, or overlapping: a vertex of one lies in the other.
    for (const auto& [x, y] : {std::pair{&a, &b}, std::pair{&b, &a}})
        for (const Polygon& poly : y->polygons)
            for (const Polygon& q : x->polygons)
                if (!q.outer.empty() && polygon_contains(poly, q.outer.front())) return 0;
    double best = std::numeric_limits<double>::infinity();
    best = vertices_to_edges(a, b, best);
    best = vertices_to_edges(b, a, best);
    return best;
}

std::vector<NearbyDistrict> nearest_districts(const MapModel& map, size_t from, const std::vector<size_t>& districts,
                                              size_t max_results) {
    std::vector<NearbyDistrict> out;
    if (from >= map.communes.size() || max_results == 0) return out;
    const CommuneShape& here = map.communes[from];
    for (size_t d : districts) {
        if (d >= map.communes.size() || d == from) continue;
        if (std::any_of(out.begin(), out.end(), [d](const NearbyDistrict& n) { return n.commune == d; })) continue;
        const CommuneShape& there = map.communes[d];
        NearbyDistrict n;
        n.commune = d;
        n.insee = there.insee;
        n.name = there.name;
        n.distance_km = std::hypot(there.label_anchor.x - here.label_anchor.x,
                                   there.label_anchor.y - here.label_anchor.y) / 1000.0;
        n.adjacent = outline_distance_m(here, there, kNeighbourM) < kNeighbourM;
        out.push_back(std::move(n));
    }
    std::sort(out.begin(), out.end(), [](const NearbyDistrict& a, const NearbyDistrict& b) {
        return a.distance_km != b.distance_km ? a.distance_km < b.distance_km : a.name < b.name;
    });
    if (out.size() > max_results) out.resize(max_results);
    return out;
}

}  // namespace qmi
