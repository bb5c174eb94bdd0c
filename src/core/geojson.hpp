// Commune contours as published (GeoJSON FeatureCollection, properties code/nom (and the optional nom_usage), Polygon or MultiPolygon in WGS84
// lon/lat), read into plain structs. Anything malformed becomes a ConfigError, never an exception: the file may be
// truncated, hostile or simply not what the server was supposed to send.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_error.hpp"
#include "core/map_model.hpp"

namespace qmi {

// rings[0] is the outer ring, the others are holes. Every ring is closed (first position repeated last) and has at
// least 4 positions; x = longitude, y = latitude, all finite.
struct GeoPolygon {
    std::vector<std::vector<Vec2>> rings;
};

struct GeoFeature {
    std::string code;  // INSEE code, properties.code
    std::string name;  // properties.nom
    std::string usage_name;  // properties.nom_usage when the file gives one ("Élysée" for 75108), else ""
    std::vector<GeoPolygon> polygons;
};

struct GeoCollection {
    std::vector<GeoFeature> features;  // only the well-formed ones
};

struct GeoParse {
    std::optional<GeoCollection> collection;  // absent when the document itself is unusable
    ConfigErrors errors;                      // one per rejected feature (or the document-level reason)
};

// `file` only labels the errors. Features with a missing code/nom or malformed geometry are left out and reported;
// the rest is returned, so a caller that needs every feature checks `errors.empty()`.
GeoParse parse_feature_collection(std::string_view text, const std::string& file);

}  // namespace qmi
