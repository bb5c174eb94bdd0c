#include "core/geojson.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace qmi {
namespace {

using nlohmann::json;

// Hard limits so that a hostile file cannot make us allocate without bound beyond what the parser already did.
constexpr size_t kMaxFeatures = 20000;
constexpr size_t kMaxPositionsPerFeature = 200000;

const char* type_name(const json& j) { return j.type_name(); }

// Reads one linear ring; returns an empty string on success, else the reason.
std::string read_ring(const json& j, std::vector<Vec2>& out, size_t& budget) {
    if (!j.is_array()) return std::string("ring: expected an array, got ") + type_name(j);
    if (j.size() < 4) return "ring: fewer than 4 positions";
    if (j.size() > budget) return "too many positions";
    budget -= j.size();
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const json& p = j[i];
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            return "position " + std::to_string(i) + ": expected [lon, lat]";
        const double x = p[0].get<double>(), y = p[1].get<double>();
        if (!std::isfinite(x) || !std::isfinite(y)) return "position " + std::to_string(i) + ": not finite";
        out.push_back({x, y});
    }
    if (out.front().x != out.back().x || out.front().y != out.back().y) return "ring: not closed";
    return {};
}

std::string read_polygon(const json& j, GeoPolygon& out, size_t& budget) {
    if (!j.is_array() || j.empty()) return "polygon: expected a non-empty array of rings";
    for (size_t r = 0; r < j.size(); ++r) {
        std::vector<Vec2> ring;
        std::string why = read_ring(j[r], ring, budget);
        if (!why.empty()) return "ring " + std::to_string(r) + ": " + why;
        out.rings.push_back(std::move(ring));
    }
    return {};
}

std::string read_geometry(const json& g, std::vector<GeoPolygon>& out) {
    if (!g.is_object()) return std::string("geometry: expected an object, got ") + type_name(g);
    auto type = g.find("type");
    auto coords = g.find("coordinates");
    if (type == g.end() || !type->is_string()) return "geometry: missing type";
    if (coords == g.end()) return "geometry: missing coordinates";
    size_t budget = kMaxPositionsPerFeature;
    const std::string& t = type->get_ref<const std::string&>();
    if (t == "Polygon") {
        GeoPolygon p;
        std::string why = read_polygon(*coords, p, budget);
        if (!why.empty()) return "geometry: " + why;
        out.push_back(std::move(p));
        return {};
    }
    if (t == "MultiPolygon") {
        if (!coords->is_array() || coords->empty()) return "geometry: MultiPolygon without polygons";
        for (size_t i = 0; i < coords->size(); ++i) {
            GeoPolygon p;
            std::string why = read_polygon((*coords)[i], p, budget);
            if (!why.empty()) return "geometry: polygon " + std::to_string(i) + ": " + why;
            out.push_back(std::move(p));
        }
        return {};
    }
    return "geometry: unsupported type \"" + t + "\" (expected Polygon or MultiPolygon)";
}

}  // namespace

GeoParse parse_feature_collection(std::string_view text, const std::string& file) {
    GeoParse result;
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        // nlohmann's message carries the byte offset, which is what one needs to look at a truncated download.
        result.errors.push_back({file, "", std::string("not valid JSON: ") + e.what()});
        return result;
    }
    if (!doc.is_object()) {
        result.errors.push_back({file, "", std::string("expected a GeoJSON object, got ") + doc.type_name()});
        return result;
    }
    auto type = doc.find("type");
    if (type == doc.end() || !type->is_string() || type->get_ref<const std::string&>() != "FeatureCollection") {
        result.errors.push_back({file, "/type", "expected \"FeatureCollection\""});
        return result;
    }
    auto features = doc.find("features");
    if (features == doc.end() || !features->is_array()) {
        result.errors.push_back({file, "/features", "expected an array of features"});
        return result;
    }
    if (features->size() > kMaxFeatures) {
        result.errors.push_back({file, "/features", "more than " + std::to_string(kMaxFeatures) + " features"});
        return result;
    }

    GeoCollection collection;
    for (size_t i = 0; i < features->size(); ++i) {
        const json& f = (*features)[i];
        const std::string path = "/features/" + std::to_string(i);
        if (!f.is_object()) {
            result.errors.push_back({file, path, "expected a Feature object"});
            continue;
        }
        auto props = f.find("properties");
        if (props == f.end() || !props->is_object()) {
            result.errors.push_back({file, path + "/properties", "missing properties"});
            continue;
        }
        auto code = props->find("code");
        auto nom = props->find("nom");
        if (code == props->end() || !code->is_string() || code->get_ref<const std::string&>().empty()) {
            result.errors.push_back({file, path + "/properties/code", "expected a non-empty string"});
            continue;
        }
        if (nom == props->end() || !nom->is_string() || nom->get_ref<const std::string&>().empty()) {
            result.errors.push_back({file, path + "/properties/nom", "expected a non-empty string"});
            continue;
        }
        // Optional: the City of Paris names its arrondissements ("Élysée"); the geo API has no such property.
        auto usage = props->find("nom_usage");
        if (usage != props->end() && !usage->is_null() && !usage->is_string()) {
            result.errors.push_back({file, path + "/properties/nom_usage", "expected a string"});
            continue;
        }
        GeoFeature feature;
        feature.code = code->get<std::string>();
        feature.name = nom->get<std::string>();
        if (usage != props->end() && usage->is_string()) feature.usage_name = usage->get<std::string>();
        auto geometry = f.find("geometry");
        if (geometry == f.end()) {
            result.errors.push_back({file, path + "/geometry", "missing geometry"});
            continue;
        }
        std::string why = read_geometry(*geometry, feature.polygons);
        if (!why.empty()) {
            result.errors.push_back({file, path + "/geometry", feature.code + ": " + why});
            continue;
        }
        collection.features.push_back(std::move(feature));
    }
    result.collection = std::move(collection);
    return result;
}

}  // namespace qmi
