#include "core/arrondissements.hpp"

#include <cmath>
#include <limits>

#include "core/hit_index.hpp"

namespace qmi {

int arrondissement_number(std::string_view insee) {
    if (insee.size() != 5 || insee.substr(0, 3) != "751") return 0;
    if (insee[3] < '0' || insee[3] > '9' || insee[4] < '0' || insee[4] > '9') return 0;
    const int n = (insee[3] - '0') * 10 + (insee[4] - '0');
    return n >= 1 && n <= 20 ? n : 0;
}

std::string french_ordinal(int n) {
    if (n < 1) return {};
    return std::to_string(n) + (n == 1 ? "er" : "e");
}

std::string english_ordinal(int n) {
    if (n < 1) return {};
    const int tens = n % 100;
    const char* suffix = "th";
    if (tens < 11 || tens > 13) {
        switch (n % 10) {
            case 1: suffix = "st"; break;
            case 2: suffix = "nd"; break;
            case 3: suffix = "rd"; break;
            default: break;
        }
    }
    return std::to_string(n) + suffix;
}

namespace {

double segment_distance(Vec2 p, Vec2 a, Vec2 b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = std::max(0.0, std::min(1.0, t));
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double ring_distance(const Ring& r, Vec2 p) {
    double d = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i + 1 < r.size(); ++i) d = std::min(d, segment_distance(p, r[i], r[i + 1]));
    return d;
}

bool in_box(const Box& b, Vec2 p, double margin) {
    return p.x >= b.min.x - margin && p.x <= b.max.x + margin && p.y >= b.min.y - margin && p.y <= b.max.y + margin;
}

}  // namespace

std::optional<size_t> arrondissement_at(const MapModel& map, Vec2 p) {
    if (map.arrondissements.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    for (size_t i = 0; i < map.arrondissements.size(); ++i) {
        const Arrondissement& a = map.arrondissements[i];
        if (!in_box(a.bbox, p, 0)) continue;
        for (const Polygon& poly : a.polygons)
            if (polygon_contains(poly, p)) return i;
    }
    // Not in any: only a point of Paris goes to the nearest one (a point outside Paris is in no arrondissement).
    const std::optional<size_t> paris = map.find("75056");
    if (!paris) return std::nullopt;
    bool in_paris = false;
    for (const Polygon& poly : map.communes[*paris].polygons) in_paris = in_paris || polygon_contains(poly, p);
    if (!in_paris) return std::nullopt;
    std::optional<size_t> best;
    double best_d = kArrondissementSnapM;
    for (size_t i = 0; i < map.arrondissements.size(); ++i) {
        const Arrondissement& a = map.arrondissements[i];
        if (!in_box(a.bbox, p, best_d)) continue;
        for (const Polygon& poly : a.polygons) {
            const double d = ring_distance(poly.outer, p);
            if (d < best_d) {
                best_d = d;
                best = i;
            }
        }
    }
    return best;
}

}  // namespace qmi
