// Shared by the map tests: the committed membership, the synthetic map (always there) and the offline mirror of the
// real contours (QMI_SOURCE_ROOT/../shared/data/geo, or $QMI_GEO_MIRROR; absent on some machines: the tests that
// need it are then reported SKIPPED by ctest, never passed).
#pragma once
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/contour_files.hpp"
#include "core/geojson.hpp"
#include "core/map_build.hpp"
#include "core/membership.hpp"
#include "core/projection.hpp"
#include "skip.hpp"
#include "synthetic_map.hpp"

namespace qmi::test {

inline std::filesystem::path geo_mirror() {
    if (const char* env = std::getenv("QMI_GEO_MIRROR"); env && *env) return env;
    return std::filesystem::path(QMI_SOURCE_ROOT "/../shared/data/geo");
}

inline bool have_geo_mirror() { return std::filesystem::exists(geo_mirror() / "communes-93.geojson"); }

// Leaves the test case, reported SKIPPED, when the mirror is absent.
#define QMI_REQUIRE_GEO_MIRROR()                                                                  \
    do {                                                                                          \
        if (!qmi::test::have_geo_mirror())                                                        \
            QMI_SKIP("offline map mirror absent at " << qmi::test::geo_mirror().string());        \
    } while (false)

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void spill(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
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

// The eight departments of a directory of communes-NN.geojson files, parsed (every file must parse cleanly).
inline std::vector<DepartmentContours> department_inputs(const std::filesystem::path& dir) {
    std::vector<DepartmentContours> inputs;
    for (const std::string& d : ile_de_france_departments()) {
        const std::string label = "communes-" + d + ".geojson";
        GeoParse p = parse_feature_collection(slurp(dir / label), label);
        REQUIRE(p.errors.empty());
        REQUIRE(p.collection);
        inputs.push_back({d, label, std::move(*p.collection)});
    }
    return inputs;
}

inline std::vector<DepartmentContours> mirror_inputs() { return department_inputs(geo_mirror()); }

inline std::vector<DepartmentContours> synthetic_inputs() {
    std::vector<DepartmentContours> inputs;
    for (const std::string& d : ile_de_france_departments()) {
        const std::string label = "communes-" + d + ".geojson";
        GeoParse p = parse_feature_collection(synthetic_department(map_membership(), d), label);
        REQUIRE(p.errors.empty());
        REQUIRE(p.collection);
        inputs.push_back({d, label, std::move(*p.collection)});
    }
    return inputs;
}

// The full map from the offline mirror, built once; nullptr (after a SKIPPED warning) when the mirror is absent:
// callers `if (!m) return;`.
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
    if (!model) WARN("SKIPPED: offline map mirror absent at " << geo_mirror().string());
    return model ? &*model : nullptr;
}

// A copy of the mirror's eight commune files in `dir`, to damage.
inline std::filesystem::path copy_mirror(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    for (const std::string& d : ile_de_france_departments())
        std::filesystem::copy_file(geo_mirror() / ("communes-" + d + ".geojson"), dir / ("communes-" + d + ".geojson"));
    return dir;
}

// A town hall's WGS84 position in map coordinates, with the same projection as the build.
inline Vec2 to_map(const MapModel& m, double lon, double lat) {
    static Projection projection;
    const Vec2 p = projection.to_lambert93({lon, lat});
    return {p.x - m.origin.x, p.y - m.origin.y};
}

}  // namespace qmi::test
