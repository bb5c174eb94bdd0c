// Paris's 20 arrondissements on a small synthetic map, so that their check, build step, hit-test, cache and labels
// are tested without the offline mirror. The synthetic map (synthetic_map.hpp) draws Paris as one small grid cell far
// from Paris; here Paris (75056) is moved to its real place as a rectangle (kParisBox), and the arrondissements are
// a 5 x 4 grid over a slightly different rectangle (kArrondissementsBox: 350 m beyond Paris's west and north edges,
// 350 m short of its south edge and 700 m short of its east edge), like the real files, whose outer edges differ by
// up to a few hundred metres. Cells share their edges exactly (the same points on both sides; nested arrays are built
// with json::array(): a one-element brace list is a copy for some compilers, an array for others); every edge is cut into pieces of 0.01 degree (under 1.2 km), inside
// the checks' limits. Catch-free.
#pragma once
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "synthetic_map.hpp"

namespace qmi::test {

struct LonLatBox {
    double lon0, lat0, lon1, lat1;
};
inline constexpr LonLatBox kParisBox{2.25, 48.82, 2.43, 48.90};
inline constexpr LonLatBox kArrondissementsBox{2.245, 48.8232, 2.42, 48.9032};
inline constexpr int kArrondissementColumns = 5, kArrondissementRows = 4;

// A closed ring around a box, counter-clockwise, with a point every `step` degrees along each side.
inline nlohmann::json box_ring(const LonLatBox& b, double step = 0.01) {
    nlohmann::json ring = nlohmann::json::array();
    // Each point is computed from the side's lower end whichever way the ring runs, so that two cells sharing a side
    // get bit-identical points on it.
    auto along = [](double a, double b, int k, int n) {
        if (k == 0) return a;
        return a <= b ? a + (b - a) * k / n : b + (a - b) * (n - k) / n;
    };
    auto side = [&](double x0, double y0, double x1, double y1) {
        const double len = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
        const int n = std::max(1, static_cast<int>(std::ceil(len / step - 1e-9)));
        for (int i = 0; i < n; ++i) ring.push_back({along(x0, x1, i, n), along(y0, y1, i, n)});
    };
    side(b.lon0, b.lat0, b.lon1, b.lat0);
    side(b.lon1, b.lat0, b.lon1, b.lat1);
    side(b.lon1, b.lat1, b.lon0, b.lat1);
    side(b.lon0, b.lat1, b.lon0, b.lat0);
    ring.push_back(ring.front());
    return ring;
}

// Cell of arrondissement n (1..20): row-major from the north-west corner.
inline LonLatBox arrondissement_cell(int n) {
    const LonLatBox& b = kArrondissementsBox;
    const double w = (b.lon1 - b.lon0) / kArrondissementColumns, h = (b.lat1 - b.lat0) / kArrondissementRows;
    const int col = (n - 1) % kArrondissementColumns, row = (n - 1) / kArrondissementColumns;
    return {b.lon0 + col * w, b.lat1 - (row + 1) * h, b.lon0 + (col + 1) * w, b.lat1 - row * h};
}

inline std::string arrondissement_code(int n) {
    char code[8];
    std::snprintf(code, sizeof code, "751%02d", n);
    return code;
}

// The FeatureCollection; `usage_names`: with nom_usage as the City of Paris's file has it, else like the geo API.
inline nlohmann::json synthetic_arrondissements_json(bool usage_names = true) {
    nlohmann::json features = nlohmann::json::array();
    for (int n = 1; n <= 20; ++n) {
        nlohmann::json props = {{"code", arrondissement_code(n)},
                                {"nom", "Paris " + std::to_string(n) + (n == 1 ? "er" : "e") + " Arrondissement"}};
        if (usage_names) props["nom_usage"] = "Quartier " + std::to_string(n);
        features.push_back({{"type", "Feature"},
                            {"properties", props},
                            {"geometry", {{"type", "Polygon"},
                                          {"coordinates", nlohmann::json::array({box_ring(arrondissement_cell(n))})}}}});
    }
    return {{"type", "FeatureCollection"}, {"features", features}};
}
inline std::string synthetic_arrondissements(bool usage_names = true) {
    return synthetic_arrondissements_json(usage_names).dump();
}

// communes-75.geojson of the synthetic map with Paris at kParisBox.
inline std::string synthetic_department_75_with_paris(const MapMembership& membership) {
    nlohmann::json doc = nlohmann::json::parse(synthetic_department(membership, "75"));
    for (auto& f : doc["features"])
        if (f["properties"]["code"] == "75056") f["geometry"]["coordinates"] = nlohmann::json::array({box_ring(kParisBox)});
    return doc.dump();
}

// The synthetic contours with Paris in place (and, if asked, the arrondissements) in <root>/maps/cache.
inline void write_synthetic_paris(const std::filesystem::path& root, const MapMembership& membership,
                                  bool with_arrondissements = true) {
    write_synthetic_contours(root, membership);
    std::ofstream(map_cache_file(root, "75"), std::ios::binary | std::ios::trunc)
        << synthetic_department_75_with_paris(membership);
    if (with_arrondissements)
        std::ofstream(arrondissements_cache_file(root), std::ios::binary | std::ios::trunc)
            << synthetic_arrondissements();
}

}  // namespace qmi::test
