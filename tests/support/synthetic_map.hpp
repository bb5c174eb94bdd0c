// A small synthetic map, so that the map build, the start-up load and the contour checks are tested without the
// offline mirror: the real membership (every Métropole member, with its real code, department and territory), but
// each commune drawn as one square cell of a grid north-west of Paris (inside Île-de-France, so the checks accept
// it), and three context communes per department. Saint-Denis is split in two halves, the west one coded 93066 and
// the east one 93059 (Pierrefitte, merged into it in 2025): the build must join them into one square.
// Cells share their edges exactly, as official contours do (a clean coverage). Catch-free: the fuzz seed tool uses it.
#pragma once
#include <filesystem>
#include <fstream>
#include <array>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/contour_files.hpp"
#include "core/map_build.hpp"

namespace qmi::test {

struct SyntheticCell {
    std::string code, name, department;
    double lon0, lat0, lon1, lat1;  // a rectangle in WGS84
};

// Cell size: about 1.5 km by 1.7 km around Paris.
inline constexpr double kCellLon = 0.02, kCellLat = 0.015;
inline constexpr int kGridColumns = 14;

inline std::vector<SyntheticCell> synthetic_cells(const MapMembership& membership) {
    std::vector<SyntheticCell> cells;
    int slot = 0;
    auto cell_at = [](int s) {
        const double lon = 1.9 + (s % kGridColumns) * kCellLon, lat = 48.6 + (s / kGridColumns) * kCellLat;
        return std::array<double, 4>{lon, lat, lon + kCellLon, lat + kCellLat};
    };
    for (const auto& [code, member] : membership.communes) {
        const auto c = cell_at(slot++);
        if (code == "93066") {
            const double mid = (c[0] + c[2]) / 2;
            cells.push_back({"93066", "Saint-Denis", "93", c[0], c[1], mid, c[3]});
            cells.push_back({"93059", "Pierrefitte-sur-Seine", "93", mid, c[1], c[2], c[3]});
        } else {
            cells.push_back({code, member.name, member.department, c[0], c[1], c[2], c[3]});
        }
    }
    for (const std::string& dept : ile_de_france_departments())
        for (int i = 1; i <= 3; ++i) {
            const auto c = cell_at(slot++);
            cells.push_back({dept + "90" + std::to_string(i), "Contexte " + dept + "-" + std::to_string(i), dept,
                             c[0], c[1], c[2], c[3]});
        }
    return cells;
}

// The GeoJSON FeatureCollection of one department, as the official API would serve it.
inline std::string synthetic_department(const MapMembership& membership, const std::string& department) {
    nlohmann::json features = nlohmann::json::array();
    for (const SyntheticCell& c : synthetic_cells(membership)) {
        if (c.department != department) continue;
        const nlohmann::json ring = {{c.lon0, c.lat0}, {c.lon1, c.lat0}, {c.lon1, c.lat1}, {c.lon0, c.lat1},
                                     {c.lon0, c.lat0}};
        features.push_back({{"type", "Feature"},
                            {"properties", {{"code", c.code}, {"nom", c.name}}},
                            {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}});
    }
    return nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

// The eight synthetic department files in <root>/maps/cache, like a fetch would leave them.
inline void write_synthetic_contours(const std::filesystem::path& root, const MapMembership& membership) {
    std::filesystem::create_directories(root / "maps" / "cache");
    for (const std::string& dept : ile_de_france_departments())
        std::ofstream(map_cache_file(root, dept), std::ios::binary | std::ios::trunc)
            << synthetic_department(membership, dept);
}

// How many communes the synthetic map draws: every member (Saint-Denis once) and 3 context communes per department.
inline size_t synthetic_commune_count(const MapMembership& membership) {
    return membership.communes.size() + 3 * ile_de_france_departments().size();
}

}  // namespace qmi::test
