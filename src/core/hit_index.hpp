// Which commune is under a point of the map: exact point-in-polygon (holes respected) behind a uniform grid of
// commune bounding boxes, built once at load. A touch costs a few polygon tests, whatever the zoom.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/map_model.hpp"

namespace qmi {

class HitIndex {
public:
    // Keeps a reference to `map`: the model must outlive the index (both live for the whole run).
    explicit HitIndex(const MapModel& map);

    // p in map coordinates (Lambert-93 minus origin). The commune containing p; Métropole members win over
    // context communes where simplified contours overlap. Points on a border may pick either side.
    std::optional<size_t> commune_at(Vec2 p, bool metropole_only = true) const;

private:
    const MapModel& map_;
    Box bounds_;
    int cols_ = 0, rows_ = 0;
    double cell_w_ = 1, cell_h_ = 1;
    std::vector<uint32_t> cell_start_;  // cols_*rows_+1 offsets into cell_items_ (CSR layout: one allocation)
    std::vector<uint32_t> cell_items_;  // commune indices, ascending within a cell (members first)
};

// Even-odd rule over the outer ring and its holes.
bool polygon_contains(const Polygon& polygon, Vec2 p);

}  // namespace qmi
