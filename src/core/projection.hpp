// WGS84 lon/lat -> Lambert-93 (EPSG:2154) metres, through PROJ. Lambert-93 is the official conformal projection for
// metropolitan France: shapes and areas of communes come out as on official maps (area error well under 0.1 % here).
#pragma once
#include <string>
#include <vector>

#include "core/map_model.hpp"

struct pj_ctx;
struct PJconsts;

namespace qmi {

class Projection {
public:
    Projection();  // creates its own PROJ context: one Projection per thread
    ~Projection();
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    bool ok() const { return pj_ != nullptr; }
    const std::string& error() const { return error_; }  // why !ok() (e.g. proj.db missing)

    // x = longitude, y = latitude in degrees (axis order normalised for visualisation, whatever the CRS says).
    // Returns Lambert-93 easting/northing in metres; NaN when !ok() or the point cannot be projected.
    Vec2 to_lambert93(Vec2 lonlat) const;
    // In place, for many points at once. Returns false if any point failed (it is then NaN).
    bool to_lambert93(std::vector<Vec2>& points) const;

private:
    pj_ctx* ctx_ = nullptr;
    PJconsts* pj_ = nullptr;
    std::string error_;
};

}  // namespace qmi
