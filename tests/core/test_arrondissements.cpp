// Paris's arrondissements: the one check of arrondissements-75.geojson, the build step (clipped to Paris, the lines
// between them without Paris's outline), the hit-test, the cache, the load (optional: missing or damaged, the map
// is Paris as one shape, with one note), the numbers' layout and the ordinals. On the synthetic map with Paris in
// place (tests/support/synthetic_arrondissements.hpp), plus figures on the offline mirror when it is there.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

#include "../support/map_fixture.hpp"
#include "../support/scratch_dir.hpp"
#include "../support/synthetic_arrondissements.hpp"
#include "core/arrondissements.hpp"
#include "core/hit_index.hpp"
#include "core/label_layout.hpp"
#include "core/map_cache.hpp"

using namespace qmi;
using namespace qmi::test;
namespace fs = std::filesystem;

namespace {

std::vector<DepartmentContours> inputs_with_paris() {
    std::vector<DepartmentContours> inputs = synthetic_inputs();
    for (DepartmentContours& d : inputs)
        if (d.department == "75") {
            GeoParse p = parse_feature_collection(synthetic_department_75_with_paris(map_membership()), d.file);
            REQUIRE(p.errors.empty());
            d.contours = std::move(*p.collection);
        }
    return inputs;
}

ArrondissementContours arrondissement_input(const std::string& bytes = synthetic_arrondissements()) {
    ArrondissementsCheck check = check_arrondissements(bytes, kArrondissementsLabel);
    INFO((check.errors.empty() ? std::string() : check.errors.front().message()));
    REQUIRE(check.ok());
    return {check.file, std::move(*check.contours)};
}

// The synthetic map with Paris in place and its arrondissements, built once.
const MapModel& paris_map() {
    static const MapModel model = [] {
        const ArrondissementContours arr = arrondissement_input();
        MapBuild b = build_map(inputs_with_paris(), map_membership(), &arr);
        INFO((b.arrondissement_errors.empty() ? std::string() : b.arrondissement_errors.front().message()));
        REQUIRE(b.errors.empty());
        REQUIRE(b.arrondissement_errors.empty());
        REQUIRE(b.model);
        return std::move(*b.model);
    }();
    return model;
}

bool mentions(const ConfigErrors& errors, const std::string& part) {
    for (const ConfigError& e : errors)
        if (e.message().find(part) != std::string::npos) return true;
    return false;
}

double distance_to_ring(const Ring& r, Vec2 p) {
    double d = 1e300;
    for (size_t i = 0; i + 1 < r.size(); ++i) {
        const Vec2 a = r[i], b = r[i + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
        d = std::min(d, std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
    }
    return d;
}

double length(const std::vector<Vec2>& line) {
    double len = 0;
    for (size_t i = 1; i < line.size(); ++i) len += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    return len;
}

Vec2 lonlat(const MapModel& m, double lon, double lat) { return to_map(m, lon, lat); }

// A label's box in map coordinates at scale s (px/m).
Box world_box_at(const PlacedLabel& l, double s) {
    const double cx = l.anchor.x + l.offset_px.x / s, cy = l.anchor.y - l.offset_px.y / s;
    const double hw = l.size_px.x / 2 / s, hh = l.size_px.y / 2 / s;
    Box b;
    b.add({cx - hw, cy - hh});
    b.add({cx + hw, cy + hh});
    return b;
}

// The part of Paris the synthetic arrondissements cover: west of their east edge, north of their south edge.
double covered_width(const MapModel& m) {
    return to_map(m, kArrondissementsBox.lon1, 48.86).x - to_map(m, kParisBox.lon0, 48.86).x;
}
double covered_height(const MapModel& m) {
    return to_map(m, 2.34, kParisBox.lat1).y - to_map(m, 2.34, kArrondissementsBox.lat0).y;
}

}  // namespace

// ---- ordinals -----------------------------------------------------------------------------------------------------

TEST_CASE("arrondissement numbers read as ordinals: 1er, 2e ... 20e and 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st",
          "[arrondissements]") {
    CHECK(french_ordinal(1) == "1er");
    CHECK(french_ordinal(2) == "2e");
    CHECK(french_ordinal(8) == "8e");
    CHECK(french_ordinal(20) == "20e");
    CHECK(english_ordinal(1) == "1st");
    CHECK(english_ordinal(2) == "2nd");
    CHECK(english_ordinal(3) == "3rd");
    CHECK(english_ordinal(4) == "4th");
    CHECK(english_ordinal(8) == "8th");
    CHECK(english_ordinal(11) == "11th");
    CHECK(english_ordinal(12) == "12th");
    CHECK(english_ordinal(13) == "13th");
    CHECK(english_ordinal(20) == "20th");
    CHECK(english_ordinal(21) == "21st");
    CHECK(english_ordinal(22) == "22nd");
    CHECK(english_ordinal(111) == "111th");
    CHECK(ordinal(8, Lang::Fr) == "8e");
    CHECK(ordinal(8, Lang::En) == "8th");
    CHECK(french_ordinal(0).empty());
    CHECK(arrondissement_number("75108") == 8);
    CHECK(arrondissement_number("75120") == 20);
    CHECK(arrondissement_number("75121") == 0);
    CHECK(arrondissement_number("75100") == 0);
    CHECK(arrondissement_number("75056") == 0);
    CHECK(arrondissement_number("7510") == 0);
}

// ---- the one check ------------------------------------------------------------------------------------------------

TEST_CASE("arrondissements check: the 20 arrondissements inside Paris pass, with or without nom_usage",
          "[arrondissements]") {
    CHECK(check_arrondissements(synthetic_arrondissements(true), "f").ok());
    CHECK(check_arrondissements(synthetic_arrondissements(false), "f").ok());
}

TEST_CASE("arrondissements check: missing, repeated or foreign codes, positions outside Paris, spikes and garbage "
          "are refused, each named", "[arrondissements]") {
    auto refused = [](nlohmann::json doc, const std::string& why) {
        const ArrondissementsCheck c = check_arrondissements(doc.dump(), "arr.geojson");
        CHECK_FALSE(c.ok());
        INFO("expected: " << why);
        CHECK(mentions(c.errors, why));
    };
    nlohmann::json doc = synthetic_arrondissements_json();
    {
        nlohmann::json d = doc;
        d["features"].erase(d["features"].begin() + 7);
        refused(d, "arrondissement 75108 is missing");
    }
    {
        nlohmann::json d = doc;
        d["features"][8]["properties"]["code"] = "75108";
        refused(d, "75108 appears twice");
    }
    {
        nlohmann::json d = doc;
        d["features"][0]["properties"]["code"] = "92012";
        refused(d, "\"92012\" is not an arrondissement of Paris");
    }
    {
        nlohmann::json d = doc;  // Lyon's 1st arrondissement where Paris's should be
        for (auto& q : d["features"][0]["geometry"]["coordinates"][0]) {
            q[0] = q[0].get<double>() + 2.58;
            q[1] = q[1].get<double>() - 3.1;
        }
        refused(d, "75101: coordinates outside Paris");
    }
    {
        nlohmann::json d = doc;  // one wrong digit: 2.3xx -> 2.4xx
        auto& q = d["features"][12]["geometry"]["coordinates"][0][2];
        q[0] = q[0].get<double>() + 0.1;
        refused(d, "75113: a border segment of");
    }
    {
        nlohmann::json d = doc;  // swapped axes
        for (auto& q : d["features"][3]["geometry"]["coordinates"][0]) q = {q[1], q[0]};
        refused(d, "75104: coordinates outside Paris");
    }
    {
        nlohmann::json d = doc;
        d["features"][5]["properties"]["nom_usage"] = 42;
        refused(d, "/features/5/properties/nom_usage: expected a string");
    }
    {
        nlohmann::json d = doc;
        d["features"][5]["properties"]["nom_usage"] = "Luxembourg\nRUN";
        refused(d, "75106: not a plain name");
    }
    CHECK_FALSE(check_arrondissements("", "f").ok());
    CHECK_FALSE(check_arrondissements(synthetic_arrondissements().substr(0, 5000), "f").ok());
    CHECK_FALSE(check_arrondissements("{\"type\":\"FeatureCollection\",\"features\":[]}", "f").ok());
}

// ---- the build step -------------------------------------------------------------------------------------------

TEST_CASE("arrondissements build: 20 in number order, clipped to Paris's outline, covering Paris, each anchor inside "
          "its own, named by nom, nom_usage kept, the City's file is attributed to the Ville de Paris",
          "[arrondissements][map_build]") {
    const MapModel& m = paris_map();
    REQUIRE(m.arrondissements.size() == 20);
    REQUIRE(m.arrondissements_source == ArrondissementSource::VilleDeParis);
    const CommuneShape& paris = m.communes[*m.find("75056")];
    double total = 0;
    for (size_t i = 0; i < 20; ++i) {
        const Arrondissement& a = m.arrondissements[i];
        CHECK(a.number == static_cast<int>(i) + 1);
        CHECK(a.insee == arrondissement_code(a.number));
        CHECK(a.usage_name == "Quartier " + std::to_string(a.number));
        CHECK(a.name.rfind("Paris " + std::to_string(a.number), 0) == 0);
        total += a.area_m2;
        // Clipped: nothing outside Paris's (commune file) box, although the arrondissements' box is 350 m wider.
        CHECK(a.bbox.min.x >= paris.bbox.min.x - 1);
        CHECK(a.bbox.max.y <= paris.bbox.max.y + 1);
        CHECK(arrondissement_at(m, a.label_anchor) == i);
    }
    // They cover Paris but for the strips along the east and south edges where the arrondissements stop short.
    CHECK(total == Approx(covered_width(m) * covered_height(m)).epsilon(0.02));
    CHECK(total < paris.area_m2 * 0.95);
}

TEST_CASE("arrondissements build: the inner borders are the lines between arrondissements, inside Paris, never on "
          "Paris's outline nor on the arrondissements' own outer edge", "[arrondissements][map_build]") {
    const MapModel& m = paris_map();
    const CommuneShape& paris = m.communes[*m.find("75056")];
    REQUIRE_FALSE(m.arrondissement_borders.empty());
    double total = 0;
    for (const std::vector<Vec2>& line : m.arrondissement_borders) {
        total += length(line);
        for (const Vec2& p : line) {
            bool inside = false;
            for (const Polygon& poly : paris.polygons) inside = inside || polygon_contains(poly, p);
            CHECK(inside);
            for (const Polygon& poly : paris.polygons)
                CHECK(distance_to_ring(poly.outer, p) >= kArrondissementEdgeM - kArrondissementSimplifyM - 1);
        }
    }
    // What a 5 x 4 grid has inside: 4 north-south lines, 3 east-west ones, as long as the part of Paris the
    // arrondissements cover (clipped to Paris where they reach beyond it), each cut short by the edge margin at
    // both ends.
    const double expected = 4 * (covered_height(m) - 2 * kArrondissementEdgeM) +
                            3 * (covered_width(m) - 2 * kArrondissementEdgeM);
    CHECK(total == Approx(expected).epsilon(0.03));
}

TEST_CASE("arrondissements build: without nom_usage (the geo API's shape) they are IGN's and have no usage name",
          "[arrondissements][map_build]") {
    const ArrondissementContours arr = arrondissement_input(synthetic_arrondissements(false));
    MapBuild b = build_map(inputs_with_paris(), map_membership(), &arr);
    REQUIRE(b.model);
    REQUIRE(b.model->arrondissements.size() == 20);
    CHECK(b.model->arrondissements_source == ArrondissementSource::IgnAdminExpress);
    CHECK(b.model->arrondissements[7].usage_name.empty());
}

TEST_CASE("arrondissements build: arrondissements that miss Paris entirely are an error of the layer only: the map "
          "is built, Paris as one shape", "[arrondissements][map_build]") {
    // The synthetic map's own Paris is a small cell far from the real one: nothing of the arrondissements is in it.
    const ArrondissementContours arr = arrondissement_input();
    MapBuild b = build_map(synthetic_inputs(), map_membership(), &arr);
    REQUIRE(b.model);
    CHECK(b.errors.empty());
    CHECK_FALSE(b.arrondissement_errors.empty());
    CHECK(b.model->arrondissements.empty());
    CHECK(b.model->arrondissement_borders.empty());
    CHECK(b.model->arrondissements_source == ArrondissementSource::None);
}

// ---- hit-test -----------------------------------------------------------------------------------------------------

TEST_CASE("arrondissement_at: the arrondissement under a point of Paris, the nearest in the strip where Paris's "
          "outline runs outside theirs, none outside Paris", "[arrondissements][hit]") {
    const MapModel& m = paris_map();
    for (int n : {1, 8, 13, 20}) {
        const LonLatBox c = arrondissement_cell(n);
        const std::optional<size_t> a = arrondissement_at(m, lonlat(m, (c.lon0 + c.lon1) / 2, (c.lat0 + c.lat1) / 2));
        REQUIRE(a);
        CHECK(m.arrondissements[*a].number == n);
    }
    // In Paris, 110 m east of the 10th's east edge (the strip the arrondissements' file does not cover): the 10th;
    // 590 m east, beyond kArrondissementSnapM: none (Paris without an arrondissement named).
    const LonLatBox c10 = arrondissement_cell(10);
    const Vec2 strip = lonlat(m, kArrondissementsBox.lon1 + 0.0015, (c10.lat0 + c10.lat1) / 2);
    REQUIRE(arrondissement_at(m, strip));
    CHECK(m.arrondissements[*arrondissement_at(m, strip)].number == 10);
    CHECK_FALSE(arrondissement_at(m, lonlat(m, kArrondissementsBox.lon1 + 0.008, (c10.lat0 + c10.lat1) / 2)));
    // North of Paris (the arrondissements' box reaches 350 m further, clipped away): none, and the hit index finds
    // no Paris there either.
    CHECK_FALSE(arrondissement_at(m, lonlat(m, 2.30, kParisBox.lat1 + 0.002)));
    CHECK_FALSE(arrondissement_at(m, lonlat(m, 2.0, 48.7)));
    CHECK_FALSE(arrondissement_at(m, {std::nan(""), 0}));
    MapModel none = m;
    none.arrondissements.clear();
    CHECK_FALSE(arrondissement_at(none, lonlat(m, 2.30, 48.86)));
}

// ---- cache and load -------------------------------------------------------------------------------------------

TEST_CASE("map cache: arrondissements and their borders survive the round trip, a model without them stays valid",
          "[arrondissements][map_cache]") {
    const MapModel& m = paris_map();
    const std::string key(32, 'k');
    std::string why;
    const std::optional<MapModel> back = decode_map_model(encode_map_model(m, key), key, &why);
    INFO(why);
    REQUIRE(back);
    REQUIRE(back->arrondissements.size() == 20);
    CHECK(back->arrondissements_source == ArrondissementSource::VilleDeParis);
    CHECK(back->arrondissements[7].insee == "75108");
    CHECK(back->arrondissements[7].usage_name == "Quartier 8");
    CHECK(back->arrondissements[7].label_anchor.x == Approx(m.arrondissements[7].label_anchor.x));
    CHECK(back->arrondissement_borders.size() == m.arrondissement_borders.size());
    CHECK(arrondissement_at(*back, m.arrondissements[12].label_anchor) == 12u);

    MapModel none = m;
    none.arrondissements.clear();
    none.arrondissement_borders.clear();
    none.arrondissements_source = ArrondissementSource::None;
    const std::optional<MapModel> plain = decode_map_model(encode_map_model(none, key), key, &why);
    REQUIRE(plain);
    CHECK(plain->arrondissements.empty());
    CHECK(plain->communes.size() == m.communes.size());
}

TEST_CASE("map load: the arrondissements file is read, built and cached, the next start reads them from the cache",
          "[arrondissements][map_load]") {
    ScratchDir dir("arr-load");
    write_synthetic_paris(dir.path(), map_membership());
    const MapLoad first = load_map(dir.path(), map_membership());
    REQUIRE(first.model);
    CHECK(first.origin == MapOrigin::Built);
    CHECK(first.cache_note.empty());
    CHECK(first.arrondissements_note.empty());
    CHECK_FALSE(first.repair_arrondissements);
    CHECK(first.model->arrondissements.size() == 20);
    const MapLoad second = load_map(dir.path(), map_membership());
    CHECK(second.origin == MapOrigin::Cache);
    CHECK(second.model->arrondissements.size() == 20);
    // A new arrondissements file rebuilds (it is part of the cache's key).
    spill(arrondissements_cache_file(dir.path()), synthetic_arrondissements(false));
    const MapLoad third = load_map(dir.path(), map_membership());
    CHECK(third.origin == MapOrigin::Built);
    CHECK(third.model->arrondissements_source == ArrondissementSource::IgnAdminExpress);
}

TEST_CASE("map load: without arrondissements-75.geojson the map loads as before, with one note and a fetch asked",
          "[arrondissements][map_load]") {
    ScratchDir dir("arr-missing");
    write_synthetic_paris(dir.path(), map_membership(), false);
    const MapLoad load = load_map(dir.path(), map_membership());
    REQUIRE(load.model);
    CHECK(load.errors.empty());
    CHECK(load.origin == MapOrigin::Built);
    CHECK(load.cache_note.empty());  // a map without them is a good map: cached
    CHECK(load.model->arrondissements.empty());
    CHECK(load.repair_arrondissements);
    CHECK(load.arrondissements_note.find("arrondissements-75.geojson: missing") != std::string::npos);
    const MapLoad again = load_map(dir.path(), map_membership());
    CHECK(again.origin == MapOrigin::Cache);
    CHECK(again.repair_arrondissements);
}

TEST_CASE("map load: a damaged arrondissements file is never built from nor cached, the map is drawn without it and "
          "the file is fetched again", "[arrondissements][map_load]") {
    ScratchDir dir("arr-damaged");
    write_synthetic_paris(dir.path(), map_membership());
    REQUIRE(load_map(dir.path(), map_membership()).model->arrondissements.size() == 20);
    nlohmann::json doc = synthetic_arrondissements_json();
    auto& q = doc["features"][12]["geometry"]["coordinates"][0][2];
    q[0] = q[0].get<double>() + 0.1;  // one wrong digit
    spill(arrondissements_cache_file(dir.path()), doc.dump());
    for (int start = 0; start < 2; ++start) {  // and again at the next start: the damage is seen every time
        const MapLoad load = load_map(dir.path(), map_membership());
        REQUIRE(load.model);
        CHECK(load.errors.empty());
        CHECK(load.model->arrondissements.empty());
        CHECK(load.model->arrondissements_source == ArrondissementSource::None);
        CHECK(load.repair_arrondissements);
        CHECK(load.origin == MapOrigin::Built);
        CHECK(load.cache_note.empty());  // one line, the arrondissements' note, says it all
        CHECK(load.arrondissements_note.find("75113: a border segment") != std::string::npos);
        CHECK(load.arrondissements_note.find("map-model.bin is not written") != std::string::npos);
        CHECK(mentions(load.arrondissement_errors, "75113: a border segment"));
    }
}

// ---- the numbers' layout ------------------------------------------------------------------------------------------

TEST_CASE("arrondissement numbers: none at the overview, shown from a closer zoom, never over a commune label or "
          "each other, each inside its arrondissement", "[arrondissements][label_layout]") {
    const MapModel& m = paris_map();
    const Vec2 glyph{7, 14};
    MeasureText measure = [&](std::string_view t) { return Vec2{glyph.x * t.size(), glyph.y}; };
    LabelLayoutOptions opt;
    // The whole synthetic map's width on 1300 px, like the kiosk's overview.
    opt.overview_scale = 1300.0 / m.metropole_bbox.width();
    opt.max_scale = opt.overview_scale * 40;
    const LabelLayout communes = layout_labels(m, {}, measure, opt);
    const LabelLayout numbers = layout_arrondissement_labels(
        m, communes, [&](int n) { return measure(english_ordinal(n)); }, opt);
    REQUIRE(numbers.labels.size() == 20);
    const double floor = opt.overview_scale * kArrondissementLabelMinZoom;
    const size_t paris = *m.find("75056");
    for (const PlacedLabel& l : numbers.labels) {
        CHECK(l.min_scale >= floor);
        CHECK_FALSE(l.shown_at(opt.overview_scale));
        // At every zoom from its own up, its box is clear of the other numbers and of every commune label shown then
        // (Paris's always), and inside its arrondissement.
        for (double s = l.min_scale * 1.001; s < opt.max_scale; s *= 1.3) {
            const Box b = world_box_at(l, s);
            bool in_own = false;
            for (const Polygon& poly : m.arrondissements[l.commune].polygons)
                in_own = in_own || polygon_contains(poly, b.center());
            CHECK(in_own);
            auto clear = [&](const PlacedLabel& o) {
                const Box ob = world_box_at(o, s);
                return b.max.x < ob.min.x || ob.max.x < b.min.x || b.max.y < ob.min.y || ob.max.y < b.min.y;
            };
            for (const PlacedLabel& o : numbers.labels)
                if (&o != &l && o.shown_at(s)) CHECK(clear(o));
            for (const PlacedLabel& o : communes.labels)
                if (o.shown_at(s) || o.commune == paris) CHECK(clear(o));
        }
    }
}

// ---- the real data ------------------------------------------------------------------------------------------------

TEST_CASE("arrondissements of the offline mirror: all 20 built, borders between them, how far Paris's two outlines "
          "differ (figures)", "[arrondissements][mirror]") {
    QMI_REQUIRE_GEO_MIRROR();
    const std::string bytes = slurp(geo_mirror() / "arrondissements-75.geojson");
    const ArrondissementContours arr = arrondissement_input(bytes);
    const auto t0 = std::chrono::steady_clock::now();
    MapBuild b = build_map(mirror_inputs(), map_membership(), &arr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(b.model);
    REQUIRE(b.arrondissement_errors.empty());
    const MapModel& m = *b.model;
    REQUIRE(m.arrondissements.size() == 20);
    CHECK(m.arrondissements_source == ArrondissementSource::VilleDeParis);
    CHECK(m.arrondissements[7].usage_name == "Élysée");
    // Town halls (WGS84) of a few arrondissements fall in their own.
    CHECK(arrondissement_at(m, to_map(m, 2.3166, 48.8774)) == 7u);   // 8th: rue de Lisbonne
    CHECK(arrondissement_at(m, to_map(m, 2.3522, 48.8565)) == 3u);   // 4th: Hôtel de Ville
    CHECK(arrondissement_at(m, to_map(m, 2.2766, 48.8635)) == 15u);  // 16th: avenue Henri-Martin
    CHECK(arrondissement_at(m, to_map(m, 2.3987, 48.8637)) == 19u);  // 20th: place Gambetta
    // Every point of Paris (commune file) within the snap distance of an arrondissement: sample a grid.
    const CommuneShape& paris = m.communes[*m.find("75056")];
    int in_paris = 0, found = 0;
    double worst_gap = 0;
    for (double x = paris.bbox.min.x; x <= paris.bbox.max.x; x += 100)
        for (double y = paris.bbox.min.y; y <= paris.bbox.max.y; y += 100) {
            bool inside = false;
            for (const Polygon& poly : paris.polygons) inside = inside || polygon_contains(poly, {x, y});
            if (!inside) continue;
            ++in_paris;
            found += arrondissement_at(m, {x, y}).has_value();
            bool covered = false;
            double gap = 1e300;
            for (const Arrondissement& a : m.arrondissements)
                for (const Polygon& poly : a.polygons) {
                    covered = covered || polygon_contains(poly, {x, y});
                    gap = std::min(gap, distance_to_ring(poly.outer, {x, y}));
                }
            if (!covered) worst_gap = std::max(worst_gap, gap);
        }
    double border_m = 0;
    size_t border_points = 0;
    for (const auto& line : m.arrondissement_borders) {
        border_m += length(line);
        border_points += line.size();
    }
    WARN("arrondissements of the mirror: build of the whole map " << seconds << " s; " << m.arrondissement_borders.size()
         << " border polylines, " << border_points << " points, " << border_m / 1000 << " km; points of Paris "
         << "outside every arrondissement polygon at most " << worst_gap << " m from one; " << found << " of "
         << in_paris << " sample points of Paris find an arrondissement");
    CHECK(worst_gap < kArrondissementSnapM);
    CHECK(found == in_paris);
    // Inner borders only: Paris is about 35 km round; the lines between its arrondissements add up to about 60 km.
    CHECK(border_m > 40000);
    CHECK(border_m < 90000);
}
