#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <cmath>
#include <set>

#include "../support/map_fixture.hpp"
#include "core/map_cache.hpp"

using namespace qmi;
using namespace qmi::test;

namespace {

double ring_area(const Ring& r) {
    double a = 0;
    for (size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return a / 2;
}

double polygons_area(const std::vector<Polygon>& polys) {
    double a = 0;
    for (const Polygon& p : polys) {
        a += std::abs(ring_area(p.outer));
        for (const Ring& h : p.holes) a -= std::abs(ring_area(h));
    }
    return a;
}

double outline_area(const Outline& o) {
    double a = 0;  // outer rings counter-clockwise, holes clockwise: the signed sum is the area
    for (const Ring& r : o.rings) a += ring_area(r);
    return a;
}

double triangle_area(Vec2 a, Vec2 b, Vec2 c) { return ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2; }

bool closed(const Ring& r) { return r.size() >= 4 && r.front().x == r.back().x && r.front().y == r.back().y; }

}  // namespace

TEST_CASE("map build: the 130 members of the Métropole, Pierrefitte merged into Saint-Denis") {
    const MapModel* m = mirror_map();
    if (!m) return;
    CHECK(m->metropole_count == 130);
    std::set<std::string> members;
    for (size_t i = 0; i < m->communes.size(); ++i) {
        const CommuneShape& c = m->communes[i];
        CHECK(c.in_metropole == (i < m->metropole_count));
        if (c.in_metropole) {
            members.insert(c.insee);
            CHECK(map_membership().communes.count(c.insee) == 1);
            CHECK(c.territory == map_membership().communes.at(c.insee).territory);
        } else {
            CHECK(c.territory.empty());
        }
    }
    CHECK(members.size() == 130);
    CHECK_FALSE(m->find("93059"));
    REQUIRE(m->find("93066"));
    CHECK(m->communes.size() > 1200);  // the eight departments' context communes are there too

    // Saint-Denis after the 2025 merger is the union of both former communes (built without the merge for scale).
    std::vector<DepartmentContours> inputs = mirror_inputs();
    double before = 0, pierrefitte = 0;
    {
        MapMembership no_merge = map_membership();
        no_merge.former_codes.erase("93059");
        no_merge.communes["93059"] = no_merge.communes["93066"];
        MapBuild b = build_map(inputs, no_merge);
        REQUIRE(b.model);
        before = b.model->communes[*b.model->find("93066")].area_m2;
        pierrefitte = b.model->communes[*b.model->find("93059")].area_m2;
    }
    const CommuneShape& sd = m->communes[*m->find("93066")];
    CHECK(sd.name == "Saint-Denis");
    CHECK(sd.area_m2 > before * 1.2);
    CHECK(sd.area_m2 == Approx(before + pierrefitte).epsilon(0.005));
    CHECK(sd.polygons.size() == 1);  // one piece, the old border dissolved
    CHECK(sd.polygons[0].holes.empty());
}

TEST_CASE("map build: areas, closed rings, 12 clean territory outlines") {
    const MapModel* m = mirror_map();
    if (!m) return;
    double metropole_km2 = 0;
    for (size_t i = 0; i < m->metropole_count; ++i) metropole_km2 += m->communes[i].area_m2 / 1e6;
    CHECK(metropole_km2 == Approx(814).epsilon(0.05));
    CHECK(m->communes[*m->find("75056")].area_m2 / 1e6 == Approx(105).epsilon(0.05));

    REQUIRE(m->territories.size() == 12);
    double territories_km2 = 0;
    for (const Outline& t : m->territories) {
        INFO(t.code << " " << t.name);
        CHECK_FALSE(t.name.empty());
        REQUIRE_FALSE(t.rings.empty());
        for (const Ring& r : t.rings) CHECK(closed(r));
        // Clean: every territory is one piece without holes (no sliver left between its communes).
        CHECK(t.rings.size() == 1);
        double members_km2 = 0;
        for (size_t i = 0; i < m->metropole_count; ++i)
            if (m->communes[i].territory == t.code) members_km2 += m->communes[i].area_m2 / 1e6;
        CHECK(outline_area(t) / 1e6 == Approx(members_km2).epsilon(0.005));
        territories_km2 += outline_area(t) / 1e6;
    }
    CHECK(territories_km2 == Approx(metropole_km2).epsilon(0.005));
    REQUIRE(m->departments.size() == 8);
    for (const Outline& d : m->departments) {
        CHECK_FALSE(d.name.empty());
        for (const Ring& r : d.rings) CHECK(closed(r));
    }
    REQUIRE(m->metropole.rings.size() == 1);
    CHECK(outline_area(m->metropole) / 1e6 == Approx(metropole_km2).epsilon(0.005));
    // The origin is the centre of the Métropole's bbox.
    CHECK(std::abs(m->metropole_bbox.center().x) < 1.0);
    CHECK(std::abs(m->metropole_bbox.center().y) < 1.0);
    // Lambert-93 around Paris: about (652 km, 6862 km).
    CHECK(m->origin.x == Approx(652000).margin(15000));
    CHECK(m->origin.y == Approx(6862000).margin(15000));
}

TEST_CASE("map build: triangles cover every commune exactly, none degenerate, anchors inside") {
    const MapModel* m = mirror_map();
    if (!m) return;
    size_t checked = 0;
    for (const CommuneShape& c : m->communes) {
        INFO(c.insee << " " << c.name);
        for (const Polygon& p : c.polygons) {
            CHECK(closed(p.outer));
            CHECK(ring_area(p.outer) > 0);  // outer counter-clockwise
            for (const Ring& h : p.holes) {
                CHECK(closed(h));
                CHECK(ring_area(h) < 0);
            }
        }
        REQUIRE(c.triangles.size() % 3 == 0);
        REQUIRE_FALSE(c.triangles.empty());
        double tri = 0;
        for (size_t k = 0; k < c.triangles.size(); k += 3) {
            const double a = triangle_area(c.triangles[k], c.triangles[k + 1], c.triangles[k + 2]);
            if (!(a > 0.001)) FAIL_CHECK("degenerate or clockwise triangle, area " << a);
            tri += a;
        }
        const double poly = polygons_area(c.polygons);
        CHECK(tri == Approx(poly).epsilon(0.005));
        CHECK(c.area_m2 == Approx(poly).epsilon(0.005));
        bool inside = false;
        for (const Polygon& p : c.polygons) {
            // even-odd on the outer ring and holes
            auto in_ring = [](const Ring& r, Vec2 q) {
                bool in = false;
                for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
                    if ((r[i].y > q.y) != (r[j].y > q.y) &&
                        q.x < r[i].x + (q.y - r[i].y) * (r[j].x - r[i].x) / (r[j].y - r[i].y))
                        in = !in;
                return in;
            };
            bool in = in_ring(p.outer, c.label_anchor);
            for (const Ring& h : p.holes) in = in && !in_ring(h, c.label_anchor);
            inside = inside || in;
        }
        CHECK(inside);
        ++checked;
    }
    CHECK(checked == m->communes.size());
}

TEST_CASE("map build: a missing Métropole member or garbage input gives errors, not a partial map") {
    QMI_REQUIRE_GEO_MIRROR();
    std::vector<DepartmentContours> inputs = mirror_inputs();
    for (DepartmentContours& d : inputs)
        if (d.department == "92")
            std::erase_if(d.contours.features, [](const GeoFeature& f) { return f.code == "92040"; });
    MapBuild b = build_map(inputs, map_membership());
    CHECK_FALSE(b.model);
    REQUIRE_FALSE(b.errors.empty());
    CHECK(b.errors[0].reason.find("92040") != std::string::npos);

    CHECK_FALSE(build_map({}, map_membership()).model);

    // A self-intersecting (bow-tie) context commune is repaired, not fatal.
    inputs = mirror_inputs();
    GeoFeature bowtie;
    bowtie.code = "77999";
    bowtie.name = "Noeud";
    bowtie.polygons.push_back({{{{3.0, 48.5}, {3.1, 48.6}, {3.1, 48.5}, {3.0, 48.6}, {3.0, 48.5}}}});
    inputs[1].contours.features.push_back(bowtie);
    MapBuild repaired = build_map(inputs, map_membership());
    REQUIRE(repaired.model);
    REQUIRE(repaired.model->find("77999"));
    CHECK(repaired.model->communes[*repaired.model->find("77999")].area_m2 > 0);
}

TEST_CASE("map cache: round trip, key and corruption detection") {
    const MapBuild built = build_map(synthetic_inputs(), map_membership());
    REQUIRE(built.model);
    const MapModel* m = &*built.model;
    const std::string key = map_input_key({"a", "b"}, map_membership());
    CHECK(key.size() == 32);
    CHECK(key != map_input_key({"a", "c"}, map_membership()));
    CHECK(key != map_input_key({"ab", ""}, map_membership()));
    const std::string bytes = encode_map_model(*m, key);
    std::string why;
    std::optional<MapModel> back = decode_map_model(bytes, key, &why);
    REQUIRE(back);
    CHECK(back->communes.size() == m->communes.size());
    CHECK(back->metropole_count == m->metropole_count);
    CHECK(back->territories.size() == 12);
    CHECK(back->communes[5].insee == m->communes[5].insee);
    CHECK(back->communes[5].triangles.size() == m->communes[5].triangles.size());
    CHECK(back->communes[5].polygons[0].outer[3].x == Approx(m->communes[5].polygons[0].outer[3].x).margin(0.02));
    CHECK(back->metropole_bbox.width() == Approx(m->metropole_bbox.width()).margin(0.1));

    CHECK_FALSE(decode_map_model(bytes, map_input_key({"x"}, map_membership()), &why));
    CHECK(why.find("changed") != std::string::npos);
    // The last good model: any inputs, the checksum still verified.
    CHECK(decode_map_model(bytes, "", &why));
    CHECK_FALSE(decode_map_model(bytes.substr(0, bytes.size() - 1), key, &why));
    CHECK_FALSE(decode_map_model(bytes.substr(0, bytes.size() - 1), "", &why));
    CHECK_FALSE(decode_map_model("", key, &why));
    for (size_t pos : {size_t(3), size_t(10), size_t(120), bytes.size() / 2, bytes.size() - 5}) {
        std::string bad = bytes;
        bad[pos] = static_cast<char>(bad[pos] ^ 0x5a);
        CHECK_FALSE(decode_map_model(bad, key, &why));
    }
}

TEST_CASE("map build: outlines stay clean when neighbours do not match exactly (not a clean coverage)") {
    QMI_REQUIRE_GEO_MIRROR();
    // Shift Saint-Denis by about 4 m east and 5 m north: thin overlaps on one side, thin gaps on the other, as
    // with contours simplified commune by commune. The fast coverage union must be refused and the general path
    // must still give one clean Plaine Commune outline.
    std::vector<DepartmentContours> inputs = mirror_inputs();
    for (DepartmentContours& d : inputs)
        for (GeoFeature& f : d.contours.features)
            if (f.code == "93066")
                for (GeoPolygon& p : f.polygons)
                    for (auto& r : p.rings)
                        for (Vec2& q : r) q = {q.x + 0.00005, q.y + 0.00005};
    MapBuild b = build_map(inputs, map_membership());
    REQUIRE(b.model);
    const std::string plaine_commune = map_membership().communes.at("93066").territory;
    const Outline* t = nullptr;
    for (const Outline& o : b.model->territories)
        if (o.code == plaine_commune) t = &o;
    REQUIRE(t);
    CHECK(t->rings.size() == 1);
    REQUIRE(b.model->metropole.rings.size() == 1);
    const MapModel* clean = mirror_map();
    REQUIRE(clean);
    double a = 0, c = 0;
    for (const Ring& r : b.model->metropole.rings)
        for (size_t i = 0; i + 1 < r.size(); ++i) a += (r[i].x * r[i + 1].y - r[i + 1].x * r[i].y) / 2;
    for (const Ring& r : clean->metropole.rings)
        for (size_t i = 0; i + 1 < r.size(); ++i) c += (r[i].x * r[i + 1].y - r[i + 1].x * r[i].y) / 2;
    CHECK(a == Approx(c).epsilon(0.002));
}

// ---- the build's steps on the synthetic map (no mirror needed) ---------------------------------------------------

namespace {

double cell_area_m2(const MapModel& m, const std::string& code) { return m.communes[*m.find(code)].area_m2; }

// Steps 1 and 2 on the synthetic map, for the tests of the later steps.
struct GroupedAndProjected {
    std::vector<DepartmentContours> inputs = synthetic_inputs();
    ConfigErrors errors;
    std::map<std::string, CommuneGroup> groups = group_communes(inputs, map_membership(), errors);
    std::optional<ProjectedCommunes> projected = project_communes(groups, errors);
};

}  // namespace

TEST_CASE("map build step 1: features grouped by today's code, members flagged, missing members reported") {
    const std::vector<DepartmentContours> inputs = synthetic_inputs();
    ConfigErrors errors;
    const auto groups = group_communes(inputs, map_membership(), errors);
    CHECK(errors.empty());
    CHECK(groups.size() == synthetic_commune_count(map_membership()));
    REQUIRE(groups.count("93066"));
    CHECK_FALSE(groups.count("93059"));  // Pierrefitte joined Saint-Denis
    CHECK(groups.at("93066").features.size() == 2);
    CHECK(groups.at("93066").name == "Saint-Denis");
    CHECK(groups.at("93066").member);
    CHECK_FALSE(groups.at("77901").member);
    CHECK(groups.at("77901").department == "77");

    std::vector<DepartmentContours> without_paris = inputs;
    without_paris[0].contours.features.clear();  // 75
    ConfigErrors missing;
    group_communes(without_paris, map_membership(), missing);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].message().find("75056 (Paris) has no contour") != std::string::npos);
}

TEST_CASE("map build step 2: Lambert-93, origin at the centre of the Métropole's box") {
    const GroupedAndProjected s;
    const auto& groups = s.groups;
    const auto& projected = s.projected;
    REQUIRE(projected);
    CHECK(s.errors.empty());
    // The synthetic grid lies around (2.03 E, 48.7 N): Lambert-93 about (630 km, 6850 km).
    CHECK(projected->origin.x == Approx(630000).margin(20000));
    CHECK(projected->origin.y == Approx(6850000).margin(20000));
    CHECK(projected->origin.x == std::round(projected->origin.x));
    Box members;
    for (const auto& [code, grp] : groups)
        if (grp.member)
            for (const Polygon& p : projected->polygons.at(code))
                for (const Vec2& q : p.outer) members.add(q);
    CHECK(std::abs(members.center().x) <= 1.0);
    CHECK(std::abs(members.center().y) <= 1.0);
    // A cell of 0.02 by 0.015 degrees: about 1.47 by 1.67 km.
    const Polygon& paris = projected->polygons.at("75056").front();
    CHECK(std::abs(ring_area(paris.outer)) == Approx(1.47e3 * 1.67e3).epsilon(0.03));
}

TEST_CASE("map build step 3: one valid shape per commune, members first, Saint-Denis in one piece") {
    GroupedAndProjected s;
    const auto& groups = s.groups;
    ConfigErrors& errors = s.errors;
    REQUIRE(s.projected);
    const auto communes = repair_communes(groups, *s.projected, map_membership(), errors);
    REQUIRE(communes);
    CHECK(errors.empty());
    REQUIRE(communes->size() == groups.size());
    for (size_t i = 0; i < communes->size(); ++i) CHECK((*communes)[i].in_metropole == (i < 130));
    const auto sd = std::find_if(communes->begin(), communes->end(), [](const CommuneShape& c) {
        return c.insee == "93066";
    });
    REQUIRE(sd != communes->end());
    REQUIRE(sd->polygons.size() == 1);  // the two halves' shared border is gone
    CHECK(sd->polygons[0].holes.empty());
    CHECK(ring_area(sd->polygons[0].outer) > 0);  // counter-clockwise
    CHECK(sd->territory == map_membership().communes.at("93066").territory);
    CHECK_FALSE(sd->bbox.empty());
}

TEST_CASE("map build steps 4 and 5: triangles cover each commune, outlines dissolve territories exactly") {
    const MapBuild b = build_map(synthetic_inputs(), map_membership());
    REQUIRE(b.model);
    CHECK(b.errors.empty());
    const MapModel& m = *b.model;
    CHECK(m.metropole_count == 130);
    CHECK(m.communes.size() == synthetic_commune_count(map_membership()));
    const double cell = cell_area_m2(m, "75056");
    CHECK(cell_area_m2(m, "93066") == Approx(cell).epsilon(0.02));  // two halves make one cell
    for (const CommuneShape& c : m.communes) {
        INFO(c.insee);
        double tri = 0;
        for (size_t k = 0; k < c.triangles.size(); k += 3)
            tri += triangle_area(c.triangles[k], c.triangles[k + 1], c.triangles[k + 2]);
        CHECK(tri == Approx(polygons_area(c.polygons)).epsilon(0.001));
        CHECK(c.area_m2 == Approx(polygons_area(c.polygons)).epsilon(0.001));
        CHECK(c.bbox.min.x <= c.label_anchor.x);
        CHECK(c.label_anchor.x <= c.bbox.max.x);
    }
    REQUIRE(m.territories.size() == 12);
    double territories = 0, members = 0;
    for (const Outline& t : m.territories) territories += outline_area(t);
    for (size_t i = 0; i < m.metropole_count; ++i) members += m.communes[i].area_m2;
    CHECK(territories == Approx(members).epsilon(0.001));
    CHECK(outline_area(m.metropole) == Approx(members).epsilon(0.001));
    CHECK(m.departments.size() == 8);
    // Deterministic: the same inputs give the same model, whatever the threads did.
    const MapBuild again = build_map(synthetic_inputs(), map_membership());
    REQUIRE(again.model);
    CHECK(encode_map_model(*again.model, "k") == encode_map_model(m, "k"));
}
