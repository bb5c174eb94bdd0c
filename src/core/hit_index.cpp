#include "core/hit_index.hpp"

#include <algorithm>
#include <cmath>

namespace qmi {
namespace {

// Crossing number test of one closed ring.
bool ring_contains(const Ring& ring, Vec2 p) {
    bool inside = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const Vec2 a = ring[i], b = ring[j];
        if ((a.y > p.y) != (b.y > p.y)) {
            const double x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (p.x < x) inside = !inside;
        }
    }
    return inside;
}

}  // namespace

bool polygon_contains(const Polygon& polygon, Vec2 p) {
    if (polygon.outer.size() < 4 || !ring_contains(polygon.outer, p)) return false;
    for (const Ring& h : polygon.holes)
        if (h.size() >= 4 && ring_contains(h, p)) return false;
    return true;
}

HitIndex::HitIndex(const MapModel& map) : map_(map) {
    for (const CommuneShape& c : map.communes)
        if (!c.bbox.empty()) {
            bounds_.add(c.bbox.min);
            bounds_.add(c.bbox.max);
        }
    if (bounds_.empty()) return;
    // About four communes per cell on average; cells roughly square.
    const double n = static_cast<double>(std::max<size_t>(map.communes.size(), 1));
    const double cell = std::max(1.0, std::sqrt(bounds_.width() * bounds_.height() / (n / 4.0)));
    cols_ = std::clamp(static_cast<int>(std::ceil(bounds_.width() / cell)), 1, 512);
    rows_ = std::clamp(static_cast<int>(std::ceil(bounds_.height() / cell)), 1, 512);
    cell_w_ = std::max(bounds_.width() / cols_, 1e-9);
    cell_h_ = std::max(bounds_.height() / rows_, 1e-9);

    auto col_of = [&](double x) { return std::clamp(static_cast<int>((x - bounds_.min.x) / cell_w_), 0, cols_ - 1); };
    auto row_of = [&](double y) { return std::clamp(static_cast<int>((y - bounds_.min.y) / cell_h_), 0, rows_ - 1); };

    // Two passes (count, then fill) so that every cell's list is contiguous.
    std::vector<uint32_t> counts(static_cast<size_t>(cols_) * rows_ + 1, 0);
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) {
            cell_start_.assign(counts.size(), 0);
            for (size_t i = 1; i < counts.size(); ++i) cell_start_[i] = cell_start_[i - 1] + counts[i - 1];
            cell_items_.resize(cell_start_.back());
            std::fill(counts.begin(), counts.end(), 0);
        }
        for (size_t i = 0; i < map.communes.size(); ++i) {
            const Box& b = map.communes[i].bbox;
            if (b.empty()) continue;
            for (int r = row_of(b.min.y); r <= row_of(b.max.y); ++r)
                for (int c = col_of(b.min.x); c <= col_of(b.max.x); ++c) {
                    const size_t cell = static_cast<size_t>(r) * cols_ + c;
                    if (pass == 1) cell_items_[cell_start_[cell] + counts[cell]] = static_cast<uint32_t>(i);
                    ++counts[cell];
                }
        }
    }
}

std::optional<size_t> HitIndex::commune_at(Vec2 p, bool metropole_only) const {
    if (cols_ == 0 || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    if (p.x < bounds_.min.x || p.x > bounds_.max.x || p.y < bounds_.min.y || p.y > bounds_.max.y) return std::nullopt;
    const int c = std::clamp(static_cast<int>((p.x - bounds_.min.x) / cell_w_), 0, cols_ - 1);
    const int r = std::clamp(static_cast<int>((p.y - bounds_.min.y) / cell_h_), 0, rows_ - 1);
    const size_t cell = static_cast<size_t>(r) * cols_ + c;
    for (uint32_t k = cell_start_[cell]; k < cell_start_[cell + 1]; ++k) {
        const size_t i = cell_items_[k];
        if (metropole_only && i >= map_.metropole_count) break;  // ascending: the rest are context communes
        const CommuneShape& s = map_.communes[i];
        if (p.x < s.bbox.min.x || p.x > s.bbox.max.x || p.y < s.bbox.min.y || p.y > s.bbox.max.y) continue;
        for (const Polygon& poly : s.polygons)
            if (polygon_contains(poly, p)) return i;
    }
    return std::nullopt;
}

}  // namespace qmi
