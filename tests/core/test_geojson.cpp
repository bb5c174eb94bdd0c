#include <catch2/catch.hpp>

#include "core/geojson.hpp"

using namespace qmi;

namespace {
const char* kSquare = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"code":"93066","nom":"Saint-Denis"},
  "geometry":{"type":"Polygon","coordinates":[[[2.3,48.9],[2.4,48.9],[2.4,49.0],[2.3,49.0],[2.3,48.9]],
                                              [[2.33,48.93],[2.34,48.93],[2.34,48.94],[2.33,48.93]]]}},
 {"type":"Feature","properties":{"code":"93059","nom":"Pierrefitte-sur-Seine"},
  "geometry":{"type":"MultiPolygon","coordinates":[[[[2.3,49.0],[2.4,49.0],[2.4,49.05],[2.3,49.0]]],
                                                   [[[2.5,49.0],[2.6,49.0],[2.6,49.05],[2.5,49.0]]]]}}]})";
}

TEST_CASE("GeoJSON: polygons with holes and multipolygons are read as lon/lat rings") {
    GeoParse p = parse_feature_collection(kSquare, "t.geojson");
    REQUIRE(p.errors.empty());
    REQUIRE(p.collection);
    REQUIRE(p.collection->features.size() == 2);
    const GeoFeature& sd = p.collection->features[0];
    CHECK(sd.code == "93066");
    CHECK(sd.name == "Saint-Denis");
    REQUIRE(sd.polygons.size() == 1);
    REQUIRE(sd.polygons[0].rings.size() == 2);  // outer + hole
    CHECK(sd.polygons[0].rings[0][1].x == Approx(2.4));
    CHECK(sd.polygons[0].rings[0][1].y == Approx(48.9));
    CHECK(p.collection->features[1].polygons.size() == 2);
}

TEST_CASE("GeoJSON: garbage and truncation give errors, never exceptions") {
    const std::string full = kSquare;
    for (size_t cut : {size_t(0), size_t(1), size_t(20), full.size() / 2, full.size() - 1}) {
        GeoParse p;
        REQUIRE_NOTHROW(p = parse_feature_collection(full.substr(0, cut), "t.geojson"));
        CHECK_FALSE(p.collection);
        REQUIRE_FALSE(p.errors.empty());
        CHECK(p.errors[0].file == "t.geojson");
    }
    for (const char* doc : {"[]", "42", "null", R"({"type":"Feature"})", R"({"type":"FeatureCollection"})",
                            R"({"type":"FeatureCollection","features":{}})", "\xff\xfe garbage"}) {
        GeoParse p = parse_feature_collection(doc, "t.geojson");
        CHECK_FALSE(p.collection);
        CHECK_FALSE(p.errors.empty());
    }
    // Deep nesting must not blow the stack.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    REQUIRE_NOTHROW(parse_feature_collection(deep, "deep"));
}

TEST_CASE("GeoJSON: bad features are reported with their JSON pointer and left out") {
    const char* doc = R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"nom":"Sans code"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
      {"type":"Feature","properties":{"code":"92001","nom":"Ouverte"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
      {"type":"Feature","properties":{"code":"92002","nom":"Courte"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}},
      {"type":"Feature","properties":{"code":"92003","nom":"Point"},"geometry":{"type":"Point","coordinates":[0,0]}},
      {"type":"Feature","properties":{"code":"92004","nom":"Texte"},"geometry":{"type":"Polygon","coordinates":[[["a",0],[1,0],[1,1],["a",0]]]}},
      {"type":"Feature","properties":{"code":"92005","nom":"Bonne"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
      {"type":"Feature","properties":{"code":"92006","nom":"Sans géométrie"}}]})";
    GeoParse p = parse_feature_collection(doc, "f.geojson");
    REQUIRE(p.collection);
    REQUIRE(p.collection->features.size() == 1);
    CHECK(p.collection->features[0].code == "92005");
    REQUIRE(p.errors.size() == 6);
    CHECK(p.errors[0].path == "/features/0/properties/code");
    CHECK(p.errors[1].path == "/features/1/geometry");
    CHECK(p.errors[1].reason.find("not closed") != std::string::npos);
    CHECK(p.errors[2].reason.find("fewer than 4") != std::string::npos);
    CHECK(p.errors[3].reason.find("Point") != std::string::npos);
    CHECK(p.errors[5].path == "/features/6/geometry");
}
