// Thick lines as triangles, because GL wide lines are unreliable (core profiles and many drivers cap them at 1 px).
// Each line becomes a triangle strip (sf::TriangleStrip) whose vertices are its points pushed sideways by a
// per-vertex miter vector stored in the vertex's texCoords (unit length across the line, longer at joints). A vertex
// shader multiplies it by the wanted half width in PIXELS (a uniform of the draw call), so the line keeps the same
// on-screen width at every zoom while the geometry is uploaded once. Neighbouring segments share their corners
// (same miter), so joints have neither gaps nor overlaps. Successive lines in one buffer join through degenerate
// triangles, so any run of them is drawn as one strip.
//
// Antialiasing without multisampling (as MapLibre draws its lines): the shader widens each quad by half a pixel on
// both sides and gives every fragment the coverage of a one-pixel box filter at its distance from the centre line,
// as alpha. A multisampled layer costs a software rasteriser four samples on EVERY pixel; the fringe costs one
// blended pixel along each side of a line. Fills need no fringe of their own: every edge of a filled commune lies
// under one of these lines.
//
// Vertex encoding (sf::Vertex has no spare attribute): the colour's alpha byte says which side of the line the
// vertex lies on (255: left, 0: right); the line itself is opaque. For dashed lines the colour's RGB bytes carry the
// distance along the line instead (see append_dashed).
#pragma once
#include <vector>

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Vertex.hpp>

#include "core/map_model.hpp"

namespace qmi::render {

// Appends the strip of one closed ring (first point repeated last, as in MapModel), in `color` (opaque).
// Consecutive duplicate points are skipped; rings with fewer than 3 distinct points add nothing.
void append_ring(std::vector<sf::Vertex>& out, const Ring& ring, sf::Color color);

struct Polyline {
    std::vector<Vec2> points;
    bool closed = false;  // true: a whole ring (first point repeated last)
    size_t source = 0;    // index of the ring it comes from in unique_edges()' input
};

// The rings' edges with shared borders kept ONCE (the first ring that has an edge keeps it), as polylines.
// Neighbouring departments both hold their common border; drawn twice, two dash patterns out of phase would add
// up to a solid line.
std::vector<Polyline> unique_edges(const std::vector<const Ring*>& rings);

// Same geometry for a DASHED line: instead of a colour, each vertex carries its distance along the line in metres,
// packed into the colour's RGB bytes (R + 256 G + 65536 B, up to 16 777 km). The dashed shader unpacks it and cuts
// dashes of constant length in pixels; the colour is a uniform.
void append_dashed(std::vector<sf::Vertex>& out, const Polyline& line);
// A plain (solid) polyline.
void append_polyline(std::vector<sf::Vertex>& out, const Polyline& line, sf::Color color);

// The GLSL pair that extrudes those vertices. Uniforms: `px_to_ndc` (2/width, 2/height of the target), `half_width`
// (pixels, ui scale applied) and `fringe` (0.5: antialiased; 0: hard edges, no blending needed).
extern const char* const kLineVertexShader;
extern const char* const kLineFragmentShader;
// Dashed variant. Extra uniforms: `color` (vec4), `px_per_m` (camera scale), `dash_px` (dash = gap length).
extern const char* const kDashedVertexShader;
extern const char* const kDashedFragmentShader;

// The fringe the shaders add on each side of a line for antialiasing, in pixels.
inline constexpr float kLineFringePx = 0.5f;

}  // namespace qmi::render
