// "The nearest innovation districts": for a commune without a QMI district, the districts closest to it, so that
// its card can offer them as buttons instead of a dead end.
//
// Distance is measured between the communes' label anchors (MapModel: a point well inside each commune's largest
// polygon, its visual centre), not between their centroids: the centroid of a crescent-shaped commune can fall
// outside it, and a visitor reads "4 km" as "from the middle of my town to the middle of that one". Polygon-to-
// polygon distance is used only to tell a NEIGHBOUR (sharing a border, distance under 50 m): "0 km" would be
// true and useless, "next door" is what the card should say. Lambert-93 metres are true metres within 0.1 % here.
// Pure, a few polygon tests per district; cheap enough to run when a commune is touched.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/map_model.hpp"

namespace qmi {

struct NearbyDistrict {
    size_t commune = 0;      // index into MapModel::communes
    std::string insee;
    std::string name;
    double distance_km = 0;  // anchor to anchor
    bool adjacent = false;   // shares a border with the commune asked about
};

// The `max_results` districts nearest to commune `from`, nearest first (ties: by name). `districts` are commune
// indices of the QMI districts (out-of-range ones are ignored; `from` itself is never returned).
std::vector<NearbyDistrict> nearest_districts(const MapModel& map, size_t from, const std::vector<size_t>& districts,
                                              size_t max_results = 3);

// Smallest distance in metres between the outlines of two communes (0 when they touch or overlap), or a value
// > `give_up_m` as soon as their bounding boxes are farther apart than that.
double outline_distance_m(const CommuneShape& a, const CommuneShape& b, double give_up_m);

}  // namespace qmi
