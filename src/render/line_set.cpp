#include "render/line_set.hpp"

#include <algorithm>
#include <numeric>

#include <spdlog/spdlog.h>

namespace qmi::render {

namespace {

constexpr int kGrid = 8;  // cells along each side of the set's bounding box

Box bbox_of(const Polyline& l) {
    Box b;
    for (const Vec2& p : l.points) b.add(p);
    return b;
}

bool meets(const Box& a, const Box& b) {
    return !a.empty() && !b.empty() && a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y &&
           b.min.y <= a.max.y;
}

}  // namespace

bool LineSet::build(const std::vector<Polyline>& lines, Style style, sf::Color color) {
    chunks_.clear();
    vertices_ = 0;
    Box all;
    for (const Polyline& l : lines)
        for (const Vec2& p : l.points) all.add(p);
    if (all.empty()) return true;

    // The lines sorted by the grid cell of their bounding box's centre.
    std::vector<Box> boxes(lines.size());
    std::vector<int> cell(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        boxes[i] = bbox_of(lines[i]);
        const Vec2 c = boxes[i].center();
        const int cx =
            std::clamp(static_cast<int>((c.x - all.min.x) / std::max(all.width(), 1.0) * kGrid), 0, kGrid - 1);
        const int cy =
            std::clamp(static_cast<int>((c.y - all.min.y) / std::max(all.height(), 1.0) * kGrid), 0, kGrid - 1);
        cell[i] = cy * kGrid + cx;
    }
    std::vector<size_t> order(lines.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cell[a] < cell[b]; });
    std::vector<sf::Vertex> v;
    for (size_t n = 0; n < order.size(); ++n) {
        const size_t i = order[n];
        if (chunks_.empty() || cell[order[n - 1]] != cell[i]) chunks_.push_back({Box{}, v.size(), 0});
        Chunk& c = chunks_.back();
        switch (style) {
            case Style::Solid: append_polyline(v, lines[i], color); break;
            case Style::Dashed: append_dashed(v, lines[i]); break;
        }
        c.bbox.add(boxes[i].min);
        c.bbox.add(boxes[i].max);
        c.count = v.size() - c.first;
    }
    if (v.empty()) return true;
    buffer_.setPrimitiveType(sf::TriangleStrip);
    buffer_.setUsage(sf::VertexBuffer::Static);
    if (!buffer_.create(v.size()) || !buffer_.update(v.data())) {
        spdlog::error("map renderer: cannot upload {} line vertices", v.size());
        chunks_.clear();
        return false;
    }
    vertices_ = v.size();
    return true;
}

void LineSet::draw(sf::RenderTarget& target, const sf::RenderStates& states, const Box& visible) const {
    if (vertices_ == 0) return;
    // Consecutive visible chunks are contiguous in the buffer: one draw call for each run of them.
    size_t first = 0, count = 0;
    for (const Chunk& c : chunks_) {
        if (!meets(c.bbox, visible)) continue;
        if (count > 0 && first + count == c.first) {
            count += c.count;
            continue;
        }
        if (count > 0) target.draw(buffer_, first, count, states);
        first = c.first;
        count = c.count;
    }
    if (count > 0) target.draw(buffer_, first, count, states);
}

}  // namespace qmi::render
