#include "core/projection.hpp"

#include <proj.h>

#include <cmath>
#include <limits>

namespace qmi {

Projection::Projection() {
    ctx_ = proj_context_create();
    if (!ctx_) {
        error_ = "PROJ: cannot create a context";
        return;
    }
    PJ* raw = proj_create_crs_to_crs(ctx_, "EPSG:4326", "EPSG:2154", nullptr);
    if (!raw) {
        error_ = std::string("PROJ: EPSG:4326 -> EPSG:2154 unavailable: ") +
                 proj_context_errno_string(ctx_, proj_context_errno(ctx_));
        return;
    }
    // EPSG:4326 is officially lat/lon; GeoJSON is lon/lat. Normalising makes the input lon/lat and the output
    // easting/northing, so nobody has to remember which way round the authority defined the axes.
    PJ* norm = proj_normalize_for_visualization(ctx_, raw);
    proj_destroy(raw);
    if (!norm) {
        error_ = "PROJ: cannot normalise axis order";
        return;
    }
    pj_ = norm;
}

Projection::~Projection() {
    if (pj_) proj_destroy(pj_);
    if (ctx_) proj_context_destroy(ctx_);
}

Vec2 Projection::to_lambert93(Vec2 lonlat) const {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (!pj_) return {nan, nan};
    PJ_COORD c = proj_coord(lonlat.x, lonlat.y, 0, 0);
    PJ_COORD r = proj_trans(pj_, PJ_FWD, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) return {nan, nan};
    return {r.xy.x, r.xy.y};
}

bool Projection::to_lambert93(std::vector<Vec2>& points) const {
    if (!pj_) return false;
    if (points.empty()) return true;
    // proj_trans_generic transforms strided arrays in place in one call: Vec2 is two packed doubles.
    proj_trans_generic(pj_, PJ_FWD, &points[0].x, sizeof(Vec2), points.size(), &points[0].y, sizeof(Vec2),
                       points.size(), nullptr, 0, 0, nullptr, 0, 0);
    bool all = true;
    for (Vec2& p : points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || p.x == HUGE_VAL || p.y == HUGE_VAL) {
            p = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
            all = false;
        }
    }
    return all;
}

}  // namespace qmi
