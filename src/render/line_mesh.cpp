#include "render/line_mesh.hpp"

#include <algorithm>
#include <cmath>

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

}  // namespace

namespace {

sf::Color pack_distance(double metres) {
    const auto d = static_cast<unsigned long>(std::min(std::max(metres, 0.0), 16777215.0));
    return sf::Color(static_cast<sf::Uint8>(d & 0xFF), static_cast<sf::Uint8>((d >> 8) & 0xFF),
                     static_cast<sf::Uint8>((d >> 16) & 0xFF), 255);
}

void append_ring_impl(std::vector<sf::Vertex>& out, const Ring& ring, float half_width_px, sf::Color color,
                      bool dashed) {
    std::vector<V2> p;
    p.reserve(ring.size());
    for (const Vec2& q : ring) {
        if (!p.empty() && p.back().x == q.x && p.back().y == q.y) continue;
        p.push_back({q.x, q.y});
    }
    if (p.size() >= 2 && p.front().x == p.back().x && p.front().y == p.back().y) p.pop_back();
    const size_t n = p.size();
    if (n < 3) return;

    // Miter vector of every point, in units of the half width.
    std::vector<V2> miter(n);
    for (size_t i = 0; i < n; ++i) {
        const V2& a = p[(i + n - 1) % n];
        const V2& b = p[i];
        const V2& c = p[(i + 1) % n];
        const V2 d0 = unit({b.x - a.x, b.y - a.y});
        const V2 d1 = unit({c.x - b.x, c.y - b.y});
        const V2 n0{-d0.y, d0.x}, n1{-d1.y, d1.x};
        V2 m = unit({n0.x + n1.x, n0.y + n1.y});
        if (m.x == 0 && m.y == 0) m = n0;  // the ring turns back on itself
        const double cos_half = m.x * n0.x + m.y * n0.y;
        const double len = cos_half > 1.0 / kMiterLimit ? 1.0 / cos_half : kMiterLimit;
        miter[i] = {m.x * len * half_width_px, m.y * len * half_width_px};
    }

    out.reserve(out.size() + n * 6);
    double along = 0;
    for (size_t i = 0; i < n; ++i) {
        const size_t j = (i + 1) % n;
        const double seg = std::hypot(p[j].x - p[i].x, p[j].y - p[i].y);
        if (dashed) color = pack_distance(along);
        const sf::Color end_color = dashed ? pack_distance(along + seg) : color;
        along += seg;
        const sf::Vector2f a(static_cast<float>(p[i].x), static_cast<float>(p[i].y));
        const sf::Vector2f b(static_cast<float>(p[j].x), static_cast<float>(p[j].y));
        const sf::Vector2f ma(static_cast<float>(miter[i].x), static_cast<float>(miter[i].y));
        const sf::Vector2f mb(static_cast<float>(miter[j].x), static_cast<float>(miter[j].y));
        // Same position for both sides; the shader pushes them apart along +-miter.
        const sf::Vertex a_left(a, color, ma), a_right(a, color, -ma);
        const sf::Vertex b_left(b, end_color, mb), b_right(b, end_color, -mb);
        out.push_back(a_left);
        out.push_back(a_right);
        out.push_back(b_left);
        out.push_back(b_left);
        out.push_back(a_right);
        out.push_back(b_right);
    }
}

}  // namespace

void append_ring(std::vector<sf::Vertex>& out, const Ring& ring, float half_width_px, sf::Color color) {
    append_ring_impl(out, ring, half_width_px, color, false);
}

void append_dashed_ring(std::vector<sf::Vertex>& out, const Ring& ring, float half_width_px) {
    append_ring_impl(out, ring, half_width_px, sf::Color::Black, true);
}

// GLSL 1.20 with the fixed-function attributes SFML feeds (gl_Vertex, gl_Color, gl_MultiTexCoord0).
// World -> clip through SFML's matrices; the offset is added in clip space, scaled by w, i.e. in screen pixels.
// World y is north and clip y is up, and the map transform is a uniform scale, so a world-space miter keeps its
// direction on screen.
const char* const kLineVertexShader = R"(#version 120
uniform vec2 px_to_ndc;
uniform float width_scale;
void main() {
    vec4 p = gl_ModelViewProjectionMatrix * gl_Vertex;
    p.xy += gl_MultiTexCoord0.xy * width_scale * px_to_ndc * p.w;
    gl_Position = p;
    gl_FrontColor = gl_Color;
}
)";

const char* const kLineFragmentShader = R"(#version 120
void main() { gl_FragColor = gl_Color; }
)";

const char* const kDashedVertexShader = R"(#version 120
uniform vec2 px_to_ndc;
uniform float width_scale;
varying float along_m;
void main() {
    vec4 p = gl_ModelViewProjectionMatrix * gl_Vertex;
    p.xy += gl_MultiTexCoord0.xy * width_scale * px_to_ndc * p.w;
    gl_Position = p;
    vec3 c = floor(gl_Color.rgb * 255.0 + 0.5);
    along_m = c.r + c.g * 256.0 + c.b * 65536.0;
}
)";

const char* const kDashedFragmentShader = R"(#version 120
uniform vec4 color;
uniform float px_per_m;
uniform float dash_px;
varying float along_m;
void main() {
    if (mod(along_m * px_per_m / dash_px, 2.0) > 1.0) discard;  // the gap half of each period
    gl_FragColor = color;
}
)";

}  // namespace qmi::render
