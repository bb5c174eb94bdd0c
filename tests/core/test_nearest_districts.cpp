// "Nearest innovation districts" for a commune without one: the card offers them as buttons, nearest first, and
// says "next door" for a neighbour instead of a meaningless "0 km".
#include <catch2/catch.hpp>

#include <cmath>

#include "core/nearest_districts.hpp"
#include "../support/map_fixture.hpp"

using namespace qmi;

namespace {

CommuneShape square(const char* insee, const char* name, double x0, double y0, double side) {
    CommuneShape c;
    c.insee = insee;
    c.name = name;
    c.in_metropole = true;
    Polygon p;
    p.outer = {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}};
    c.polygons.push_back(p);
    for (const Vec2& v : p.outer) c.bbox.add(v);
    c.label_anchor = {x0 + side / 2, y0 + side / 2};
    c.area_m2 = side * side;
    return c;
}

}  // namespace

TEST_CASE("nearest districts: anchor distance, nearest first, neighbours flagged, bounded", "[nearest]") {
    MapModel m;
    m.communes.push_back(square("00001", "Here", 0, 0, 1000));           // the commune asked about
    m.communes.push_back(square("00002", "Next door", 1000, 0, 1000));   // shares the east side
    m.communes.push_back(square("00003", "Far", 10000, 0, 1000));
    m.communes.push_back(square("00004", "Across", 0, 1100, 1000));      // 100 m gap: near, but not a neighbour
    m.communes.push_back(square("00005", "Farther", 20000, 0, 1000));
    m.metropole_count = m.communes.size();
    const auto r = nearest_districts(m, 0, {4, 2, 1, 3, 0, 99, 1}, 3);
    REQUIRE(r.size() == 3);
    CHECK(r[0].name == "Next door");
    CHECK(r[0].distance_km == Approx(1.0));
    CHECK(r[0].adjacent);
    CHECK(r[1].name == "Across");
    CHECK(r[1].distance_km == Approx(1.1));
    CHECK_FALSE(r[1].adjacent);
    CHECK(r[2].name == "Far");
    CHECK(r[2].distance_km == Approx(10.0));
    // The commune itself, unknown indices and duplicates are ignored; an unknown commune gets nothing.
    CHECK(nearest_districts(m, 0, {0}, 3).empty());
    CHECK(nearest_districts(m, 42, {1, 2}, 3).empty());
    CHECK(nearest_districts(m, 0, {1, 2}, 0).empty());
    // Outline distance: touching, gap, nested.
    CHECK(outline_distance_m(m.communes[0], m.communes[1], 50) == Approx(0).margin(1e-9));
    CHECK(outline_distance_m(m.communes[0], m.communes[3], 500) == Approx(100));
    CHECK(outline_distance_m(m.communes[0], m.communes[2], 50) > 50);  // gave up early, still says "far"
    const CommuneShape inner = square("00006", "Inner", 100, 100, 10);
    CHECK(outline_distance_m(m.communes[0], inner, 50) == 0);
}

TEST_CASE("nearest districts on the real map: Le Perreux-sur-Marne borders Fontenay-sous-Bois", "[nearest]") {
    const MapModel* m = test::mirror_map();
    if (!m) return;
    std::vector<size_t> qmi;
    for (const char* code : {"92071", "92048", "93005", "93051", "91027", "93001", "94033", "94071", "92040", "95018"})
        if (auto i = m->find(code)) qmi.push_back(*i);
    REQUIRE(qmi.size() == 10);
    const auto perreux = m->find("94058");
    REQUIRE(perreux);
    const auto r = nearest_districts(*m, *perreux, qmi, 3);
    REQUIRE(r.size() == 3);
    for (const auto& n : r) UNSCOPED_INFO(n.name << " " << n.distance_km << " km" << (n.adjacent ? " (neighbour)" : ""));
    // Fontenay-sous-Bois shares its western border; Noisy-le-Grand lies beyond Bry-sur-Marne and Neuilly-Plaisance.
    CHECK(r[0].insee == "94033");
    CHECK(r[0].adjacent);
    CHECK(r[0].distance_km > 1);
    CHECK(r[0].distance_km < 4);
    CHECK(r[1].insee == "93051");
    CHECK_FALSE(r[1].adjacent);
    for (size_t i = 1; i < r.size(); ++i) CHECK(r[i].distance_km >= r[i - 1].distance_km);
    // Every commune of the Métropole gets three districts within the Métropole's span (about 50 km).
    for (size_t c = 0; c < m->metropole_count; ++c) {
        const auto near = nearest_districts(*m, c, qmi, 3);
        INFO(m->communes[c].name);
        CHECK(near.size() == 3);
        for (const auto& n : near) CHECK(n.distance_km < 50);
    }
}
