#include "render/line_mesh.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace qmi::render {

namespace {

struct V2 {
    double x, y;
};

V2 unit(V2 v) {
    const double l = std::hypot(v.x, v.y);
    return l > 0 ? V2{v.x / l, v.y / l} : V2{0, 0};
}

// Longest miter, in half widths. Sharper corners (simplified contours have a few spikes) get a clipped joint
// instead of a spear shooting across the map.
constexpr double kMiterLimit = 3.0;

sf::Color pack_distance(double metres) {
    const auto d = static_cast<unsigned long>(std::min(std::max(metres, 0.0), 16777215.0));
    return sf::Color(static_cast<sf::Uint8>(d & 0xFF), static_cast<sf::Uint8>((d >> 8) & 0xFF),
                     static_cast<sf::Uint8>((d >> 16) & 0xFF), 255);
}

// The side of the line a vertex lies on, in its colour's alpha byte (see line_mesh.hpp).
sf::Color on_side(sf::Color c, bool left) {
    c.a = left ? 255 : 0;
    return c;
}

// Miter vector at b, between the segments a->b and b->c, for a half width of 1: its component across either
// segment is 1. At the open ends of a polyline a == b or b == c, and the vector is the plain normal.
V2 miter_at(V2 a, V2 b, V2 c) {
    V2 d0 = unit({b.x - a.x, b.y - a.y});
    V2 d1 = unit({c.x - b.x, c.y - b.y});
    if (d0.x == 0 && d0.y == 0) d0 = d1;
    if (d1.x == 0 && d1.y == 0) d1 = d0;
    const V2 n0{-d0.y, d0.x}, n1{-d1.y, d1.x};
    V2 m = unit({n0.x + n1.x, n0.y + n1.y});
    if (m.x == 0 && m.y == 0) m = n0;  // the line turns back on itself
    const double cos_half = m.x * n0.x + m.y * n0.y;
    const double len = cos_half > 1.0 / kMiterLimit ? 1.0 / cos_half : kMiterLimit;
    return {m.x * len, m.y * len};
}

// Points without consecutive duplicates; for a closed line, without the repeated last point.
std::vector<V2> clean(const std::vector<Vec2>& pts, bool closed) {
    std::vector<V2> p;
    p.reserve(pts.size());
    for (const Vec2& q : pts) {
        if (!p.empty() && p.back().x == q.x && p.back().y == q.y) continue;
        p.push_back({q.x, q.y});
    }
    if (closed && p.size() >= 2 && p.front().x == p.back().x && p.front().y == p.back().y) p.pop_back();
    return p;
}

void append_line(std::vector<sf::Vertex>& out, const std::vector<Vec2>& pts, bool closed, sf::Color color,
                 bool dashed) {
    const std::vector<V2> p = clean(pts, closed);
    const size_t n = p.size();
    if (n < (closed ? 3u : 2u)) return;

    std::vector<V2> miter(n);
    for (size_t i = 0; i < n; ++i) {
        const V2 a = closed ? p[(i + n - 1) % n] : p[i == 0 ? 0 : i - 1];
        const V2 c = closed ? p[(i + 1) % n] : p[i + 1 == n ? i : i + 1];
        miter[i] = miter_at(a, p[i], c);
    }

    // One triangle strip along the line: left and right corner of every point, the first point again at the end of
    // a ring. The first and last vertices are repeated, so that strips of successive lines join through degenerate
    // (empty) triangles and a whole buffer of lines is ONE strip: two vertices per point instead of six per segment.
    // No reserve() here: called once per ring, an exact reserve would reallocate the whole buffer every time.
    const size_t points = closed ? n + 1 : n;
    double along = 0;
    for (size_t k = 0; k < points; ++k) {
        const size_t i = k % n;
        if (k > 0) {
            const size_t h = (k - 1) % n;
            along += std::hypot(p[i].x - p[h].x, p[i].y - p[h].y);
        }
        const sf::Color c = dashed ? pack_distance(along) : color;
        const sf::Vector2f at(static_cast<float>(p[i].x), static_cast<float>(p[i].y));
        const sf::Vector2f m(static_cast<float>(miter[i].x), static_cast<float>(miter[i].y));
        // Same position and miter for both sides; the shader pushes them apart along +-miter by the side in alpha.
        const sf::Vertex left(at, on_side(c, true), m), right(at, on_side(c, false), m);
        if (k == 0) out.push_back(left);
        out.push_back(left);
        out.push_back(right);
        if (k + 1 == points) out.push_back(right);
    }
}

using Key = std::tuple<double, double, double, double>;

Key edge_key(const Vec2& a, const Vec2& b) {
    // Undirected: the neighbouring ring walks the shared border the other way round.
    if (std::tie(a.x, a.y) < std::tie(b.x, b.y)) return {a.x, a.y, b.x, b.y};
    return {b.x, b.y, a.x, a.y};
}

}  // namespace

void append_ring(std::vector<sf::Vertex>& out, const Ring& ring, sf::Color color) {
    append_line(out, ring, true, color, false);
}

std::vector<Polyline> unique_edges(const std::vector<const Ring*>& rings) {
    std::set<Key> seen;
    std::vector<Polyline> out;
    for (size_t ri = 0; ri < rings.size(); ++ri) {
        const Ring& r = *rings[ri];
        if (r.size() < 2) continue;
        // Runs of not-yet-drawn edges become polylines; a ring none of whose edges was drawn stays closed.
        std::vector<bool> fresh(r.size() - 1);
        bool all = true;
        for (size_t i = 0; i + 1 < r.size(); ++i) {
            fresh[i] = seen.insert(edge_key(r[i], r[i + 1])).second;
            all = all && fresh[i];
        }
        if (all) {
            out.push_back({r, true, ri});
            continue;
        }
        // Start the walk just after a drawn edge so that a run crossing the ring's first point stays in one piece.
        const size_t m = fresh.size();
        size_t start = 0;
        while (start < m && fresh[start]) ++start;
        Polyline cur;
        cur.source = ri;
        for (size_t k = 1; k <= m; ++k) {
            const size_t i = (start + k) % m;
            if (fresh[i]) {
                if (cur.points.empty()) cur.points.push_back(r[i]);
                cur.points.push_back(r[i + 1]);
            } else if (!cur.points.empty()) {
                out.push_back(std::move(cur));
                cur = Polyline{};
                cur.source = ri;
            }
        }
        if (!cur.points.empty()) out.push_back(std::move(cur));
    }
    return out;
}

void append_polyline(std::vector<sf::Vertex>& out, const Polyline& line, sf::Color color) {
    append_line(out, line.points, line.closed, color, false);
}

void append_dashed(std::vector<sf::Vertex>& out, const Polyline& line) {
    append_line(out, line.points, line.closed, sf::Color::Black, true);
}

// GLSL 1.20 with the fixed-function attributes SFML feeds (gl_Vertex, gl_Color, gl_MultiTexCoord0).
// World -> clip through SFML's matrices; the offset is added in clip space, scaled by w, i.e. in screen pixels.
// World y is north and clip y is up, and the map transform is a uniform scale, so a world-space miter keeps its
// direction on screen. `across` is the signed distance from the centre line in pixels: exact at the corners (the
// miter's component across the segment is 1) and affine in between, so the interpolated value is exact everywhere.
// Coverage of a one-pixel box filter centred at distance d from a line of half width h: the overlap of
// [d - 0.5, d + 0.5] with [-h, h], i.e. min(h + 0.5 - d, 2h) clamped to [0, 1].
const char* const kLineVertexShader = R"(#version 120
uniform vec2 px_to_ndc;
uniform float half_width;
uniform float fringe;
varying float across;
void main() {
    vec4 p = gl_ModelViewProjectionMatrix * gl_Vertex;
    float side = gl_Color.a > 0.5 ? 1.0 : -1.0;
    float reach = half_width + fringe;
    p.xy += side * reach * gl_MultiTexCoord0.xy * px_to_ndc * p.w;
    gl_Position = p;
    across = side * reach;
    gl_FrontColor = vec4(gl_Color.rgb, 1.0);
}
)";

const char* const kLineFragmentShader = R"(#version 120
uniform float half_width;
uniform float fringe;
varying float across;
void main() {
    float cover = fringe > 0.0 ? clamp(min(half_width + 0.5 - abs(across), 2.0 * half_width), 0.0, 1.0) : 1.0;
    gl_FragColor = vec4(gl_Color.rgb, cover);
}
)";

const char* const kDashedVertexShader = R"(#version 120
uniform vec2 px_to_ndc;
uniform float half_width;
uniform float fringe;
varying float across;
varying float along_m;
void main() {
    vec4 p = gl_ModelViewProjectionMatrix * gl_Vertex;
    float side = gl_Color.a > 0.5 ? 1.0 : -1.0;
    float reach = half_width + fringe;
    p.xy += side * reach * gl_MultiTexCoord0.xy * px_to_ndc * p.w;
    gl_Position = p;
    across = side * reach;
    vec3 c = floor(gl_Color.rgb * 255.0 + 0.5);
    along_m = c.r + c.g * 256.0 + c.b * 65536.0;
}
)";

const char* const kDashedFragmentShader = R"(#version 120
uniform vec4 color;
uniform float px_per_m;
uniform float dash_px;
uniform float half_width;
uniform float fringe;
varying float across;
varying float along_m;
void main() {
    if (mod(along_m * px_per_m / dash_px, 2.0) > 1.0) discard;  // the gap half of each period
    float cover = fringe > 0.0 ? clamp(min(half_width + 0.5 - abs(across), 2.0 * half_width), 0.0, 1.0) : 1.0;
    gl_FragColor = vec4(color.rgb, color.a * cover);
}
)";

}  // namespace qmi::render
