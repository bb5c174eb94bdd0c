// The one contour check (contour_files.hpp) that the fetcher, the start-up and --check-config all apply.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "../support/map_fixture.hpp"
#include "core/contour_files.hpp"

using namespace qmi;
using namespace qmi::test;

namespace {

GeoCollection parsed(const std::string& text) {
    GeoParse p = parse_feature_collection(text, "x");
    REQUIRE(p.errors.empty());
    REQUIRE(p.collection);
    return *p.collection;
}

// The synthetic department with one coordinate of one feature rewritten.
std::string with_coordinate(const std::string& dept, const std::string& code, size_t position, double lon, double lat) {
    nlohmann::json doc = nlohmann::json::parse(synthetic_department(map_membership(), dept));
    for (auto& f : doc["features"])
        if (f["properties"]["code"] == code) {
            auto& ring = f["geometry"]["coordinates"][0];
            ring[position] = {lon, lat};
            if (position == 0) ring[ring.size() - 1] = {lon, lat};
        }
    return doc.dump();
}

}  // namespace

TEST_CASE("contour check: the synthetic departments pass, each as its own department only") {
    for (const std::string& d : ile_de_france_departments()) {
        INFO(d);
        const DepartmentCheck c = check_department(synthetic_department(map_membership(), d), d, map_membership(),
                                                   map_cache_label(d));
        CHECK(c.errors.empty());
        CHECK(c.ok());
    }
    // Seine-Saint-Denis served for Hauts-de-Seine: wrong codes and the 92 members missing.
    const DepartmentCheck wrong = check_department(synthetic_department(map_membership(), "93"), "92",
                                                   map_membership(), "x");
    CHECK_FALSE(wrong.ok());
}

TEST_CASE("contour check: one wrong digit in a coordinate is refused, wherever it lands") {
    // The attack's case: Antony 92002's first vertex, longitude 2.xxx -> 7.xxx (outside Île-de-France).
    const auto cells = synthetic_cells(map_membership());
    const auto antony = *std::find_if(cells.begin(), cells.end(), [](const SyntheticCell& c) { return c.code == "92002"; });
    const struct {
        const char* what;
        double lon, lat;
        const char* expect;
    } cases[] = {
        {"7 instead of 2 in the longitude", antony.lon0 + 5, antony.lat0, "outside Île-de-France"},
        {"a tenth of a degree east (inside Île-de-France)", antony.lon0 + 0.3, antony.lat0, "border segment"},
        {"a degree north, still inside the region's box", antony.lon0, antony.lat0 + 0.45, "across"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const DepartmentCheck check = check_department(with_coordinate("92", "92002", 2, c.lon, c.lat), "92",
                                                       map_membership(), "maps/cache/communes-92.geojson");
        CHECK_FALSE(check.ok());
        REQUIRE_FALSE(check.errors.empty());
        CHECK(check.errors[0].message().find("92002") != std::string::npos);
        CHECK(check.errors[0].message().find(c.expect) != std::string::npos);
        CHECK(check.errors[0].file == "maps/cache/communes-92.geojson");
    }
}

TEST_CASE("contour check: truncated, empty, garbage, or one bad feature among good ones is damaged") {
    const std::string good = synthetic_department(map_membership(), "78");
    const std::string cases[] = {
        good.substr(0, good.size() / 2),  // truncated download
        "",                               // empty file
        "<html>502 Bad Gateway</html>",   // garbage
        "{\"type\": \"FeatureCollection\", \"features\": []}",
        // One feature with a broken geometry: the parser leaves it out; the file is still damaged (a commune lost).
        [&] {
            nlohmann::json doc = nlohmann::json::parse(good);
            doc["features"][0]["geometry"]["coordinates"] = "nope";
            return doc.dump();
        }(),
    };
    for (const std::string& bytes : cases) {
        INFO(bytes.substr(0, 60));
        const DepartmentCheck c = check_department(bytes, "78", map_membership(), "f");
        CHECK_FALSE(c.ok());
        CHECK_FALSE(c.errors.empty());
    }
}

TEST_CASE("contour check: Pierrefitte stands for Saint-Denis only with Saint-Denis's code in the data") {
    GeoCollection c = parsed(synthetic_department(map_membership(), "93"));
    std::erase_if(c.features, [](const GeoFeature& f) { return f.code == "93066"; });
    CHECK(validate_department_contours(c, "93", map_membership(), "x").empty());  // 93059 -> 93066
    std::erase_if(c.features, [](const GeoFeature& f) { return f.code == "93059"; });
    const ConfigErrors e = validate_department_contours(c, "93", map_membership(), "x");
    REQUIRE(e.size() == 1);
    CHECK(e[0].reason.find("93066") != std::string::npos);
    CHECK_FALSE(validate_department_contours(GeoCollection{}, "93", map_membership(), "x").empty());
}

TEST_CASE("contour check: the real contours of the mirror pass, swapped axes do not") {
    QMI_REQUIRE_GEO_MIRROR();
    const std::vector<DepartmentContours> inputs = mirror_inputs();
    for (const DepartmentContours& d : inputs) {
        INFO(d.department);
        CHECK(validate_department_contours(d.contours, d.department, map_membership(), d.file).empty());
    }
    GeoCollection swapped = inputs[4].contours;
    for (GeoFeature& f : swapped.features)
        for (GeoPolygon& p : f.polygons)
            for (auto& r : p.rings)
                for (Vec2& q : r) std::swap(q.x, q.y);
    CHECK_FALSE(validate_department_contours(swapped, "92", map_membership(), "x").empty());
}
