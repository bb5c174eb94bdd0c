#include <catch2/catch.hpp>

#include "core/hit_index.hpp"
#include "../support/map_fixture.hpp"

using namespace qmi;
using namespace qmi::test;

TEST_CASE("hit index: a square with a hole, on a synthetic map") {
    MapModel m;
    CommuneShape c;
    c.insee = "00001";
    c.in_metropole = true;
    c.polygons.push_back({{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}}}});
    c.bbox.add({0, 0});
    c.bbox.add({10, 10});
    CommuneShape ctx;
    ctx.insee = "00002";
    ctx.polygons.push_back({{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}, {}});
    ctx.bbox.add({10, 0});
    ctx.bbox.add({20, 10});
    m.communes = {c, ctx};
    m.metropole_count = 1;
    HitIndex index(m);
    CHECK(index.commune_at({1, 1}) == 0u);
    CHECK_FALSE(index.commune_at({5, 5}));  // in the hole
    CHECK(index.commune_at({9.9, 5}) == 0u);
    CHECK_FALSE(index.commune_at({15, 5}));  // context commune, members only
    CHECK(index.commune_at({15, 5}, false) == 1u);
    CHECK_FALSE(index.commune_at({-1, 5}, false));
    CHECK_FALSE(index.commune_at({1e9, 1e9}, false));
    CHECK_FALSE(index.commune_at({std::nan(""), 0}, false));
    MapModel empty;
    CHECK_FALSE(HitIndex(empty).commune_at({0, 0}, false));
}

TEST_CASE("hit index: town halls select their commune on the real map") {
    const MapModel* m = mirror_map();
    if (!m) return;
    HitIndex index(*m);
    struct TownHall {
        const char* name;
        double lon, lat;
        const char* insee;
    };
    // Town hall coordinates (approximate, from public maps); codes as in maps/membership.json.
    const TownHall halls[] = {
        {"Hôtel de Ville de Paris", 2.3522, 48.8566, "75056"},
        {"Mairie d'Athis-Mons", 2.3887, 48.7077, "91027"},
        {"Mairie d'Argenteuil", 2.2466, 48.9472, "95018"},
        {"Mairie de Saint-Denis", 2.3590, 48.9362, "93066"},
        {"Mairie de Pierrefitte (now Saint-Denis)", 2.3613, 48.9656, "93066"},
        {"Mairie d'Issy-les-Moulineaux", 2.2700, 48.8240, "92040"},
        {"Mairie de Créteil", 2.4555, 48.7904, "94028"},
    };
    for (const TownHall& h : halls) {
        INFO(h.name);
        REQUIRE(map_membership().communes.count(h.insee));
        const auto hit = index.commune_at(to_map(*m, h.lon, h.lat));
        REQUIRE(hit);
        CHECK(m->communes[*hit].insee == h.insee);
    }
    // Versailles is not in the Métropole: nothing with metropole_only, the context commune otherwise.
    const Vec2 versailles = to_map(*m, 2.1301, 48.8049);
    CHECK_FALSE(index.commune_at(versailles));
    const auto ctx = index.commune_at(versailles, false);
    REQUIRE(ctx);
    CHECK(m->communes[*ctx].insee == "78646");
    CHECK_FALSE(m->communes[*ctx].in_metropole);
    // Far away (Lyon).
    CHECK_FALSE(index.commune_at(to_map(*m, 4.8357, 45.7640), false));
}

TEST_CASE("hit index: agrees with brute force over a grid of points") {
    const MapModel* m = mirror_map();
    if (!m) return;
    HitIndex index(*m);
    const Box& b = m->metropole_bbox;
    size_t hits = 0;
    for (int i = 0; i < 60; ++i)
        for (int j = 0; j < 60; ++j) {
            const Vec2 p{b.min.x + b.width() * (i + 0.5) / 60, b.min.y + b.height() * (j + 0.5) / 60};
            std::optional<size_t> brute;
            for (size_t k = 0; k < m->metropole_count && !brute; ++k)
                for (const Polygon& poly : m->communes[k].polygons)
                    if (polygon_contains(poly, p)) {
                        brute = k;
                        break;
                    }
            CHECK(index.commune_at(p) == brute);
            if (brute) ++hits;
        }
    CHECK(hits > 1000);  // the Métropole fills a good part of its bbox
}
