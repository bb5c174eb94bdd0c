// Shared by the map tests: the offline mirror of the contours (QMI_SOURCE_ROOT/../shared/data/geo) and the
// committed membership, built once per test binary.
#pragma once
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/geojson.hpp"
#include "core/map_build.hpp"
#include "core/membership.hpp"
#include "core/projection.hpp"

namespace qmi::test {

inline std::filesystem::path geo_mirror() { return std::filesystem::path(QMI_SOURCE_ROOT "/../shared/data/geo"); }

inline bool have_geo_mirror() { return std::filesystem::exists(geo_mirror() / "communes-93.geojson"); }

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline const MapMembership& map_membership() {
    static const MapMembership m = [] {
        MembershipLoad load = load_membership(QMI_SOURCE_ROOT "/maps/membership.json");
        REQUIRE(load.errors.empty());
        REQUIRE(load.membership);
        return to_map_membership(*load.membership);
    }();
    return m;
}

inline std::vector<DepartmentContours> mirror_inputs() {
    std::vector<DepartmentContours> inputs;
    for (const std::string& d : ile_de_france_departments()) {
        const std::string label = "communes-" + d + ".geojson";
        GeoParse p = parse_feature_collection(slurp(geo_mirror() / label), label);
        REQUIRE(p.errors.empty());
        REQUIRE(p.collection);
        inputs.push_back({d, label, std::move(*p.collection)});
    }
    return inputs;
}

// The full map from the offline mirror, built once; nullptr (after a WARN) when the mirror is absent.
inline const MapModel* mirror_map() {
    static std::optional<MapModel> model;
    static bool tried = false;
    if (!tried) {
        tried = true;
        if (have_geo_mirror()) {
            MapBuild b = build_map(mirror_inputs(), map_membership());
            for (const ConfigError& e : b.errors) UNSCOPED_INFO(e.message());
            CHECK(b.errors.empty());
            model = std::move(b.model);
        }
    }
    if (!model) WARN("offline map mirror absent at " << geo_mirror() << ": map geometry tests skipped");
    return model ? &*model : nullptr;
}

// A town hall's WGS84 position in map coordinates, with the same projection as the build.
inline Vec2 to_map(const MapModel& m, double lon, double lat) {
    static Projection projection;
    const Vec2 p = projection.to_lambert93({lon, lat});
    return {p.x - m.origin.x, p.y - m.origin.y};
}

}  // namespace qmi::test
