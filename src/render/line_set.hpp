// A set of map lines drawn with one width and one shader (the Métropole's commune borders, the territories, the
// departments' dashes, the context communes' borders...), built once at load and sorted into spatial chunks: the
// lines of each cell of a grid over the set form one contiguous range of vertices with its bounding box, and a
// frame draws only the cells that meet its clip rectangle, in as few draw calls as possible. Zoomed in, or
// repainting a strip, a software rasteriser then transforms a fraction of the ~200,000 line vertices.
// (Levels of detail would not pay: the contours are already simplified, a Douglas-Peucker pass at a quarter pixel
// of the overview removes about 1 % of their points.)
#pragma once
#include <vector>

#include <SFML/Graphics/RenderStates.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexBuffer.hpp>

#include "core/map_model.hpp"
#include "render/line_mesh.hpp"

namespace qmi::render {

class LineSet {
public:
    enum class Style { Solid, Dashed };  // line_mesh's append_polyline, append_dashed

    // Returns false when the vertex buffer cannot be created (nothing is drawn then).
    bool build(const std::vector<Polyline>& lines, Style style, sf::Color color);
    // Draws the chunks meeting `visible` (world metres; the caller grows it by the lines' width). `states` carries
    // the transform, shader and blending.
    void draw(sf::RenderTarget& target, const sf::RenderStates& states, const Box& visible) const;

    size_t vertex_count() const { return vertices_; }
    bool empty() const { return vertices_ == 0; }

private:
    struct Chunk {
        Box bbox;
        size_t first = 0, count = 0;
    };
    sf::VertexBuffer buffer_;
    std::vector<Chunk> chunks_;
    size_t vertices_ = 0;
};

}  // namespace qmi::render
