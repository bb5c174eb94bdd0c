#include "core/contour_files.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/arrondissements.hpp"
#include "core/atomic_file.hpp"

namespace qmi {

namespace {
// Île-de-France spans about lon 1.45..3.56, lat 48.12..49.24; the margin tolerates any honest simplification and
// still rejects swapped axes, projected metres or another region's file.
constexpr double kMinLon = 1.2, kMaxLon = 3.8, kMinLat = 47.9, kMaxLat = 49.5;
// Kilometres per degree around Paris (latitude 48.8): precise enough for plausibility limits.
constexpr double kKmPerDegreeLon = 73.3, kKmPerDegreeLat = 111.2;
// Paris spans lon 2.224..2.470, lat 48.815..48.902 (boulevard périphérique and the two woods); about 1 km of margin.
constexpr double kParisMinLon = 2.20, kParisMaxLon = 2.50, kParisMinLat = 48.80, kParisMaxLat = 48.92;

// Longest segment (km) and bounding box of a feature, and whether a position lies outside [lon0,lon1]x[lat0,lat1].
struct FeatureExtent {
    Box box;
    double longest_km = 0;
    bool outside = false;
};
FeatureExtent feature_extent(const GeoFeature& f, double lon0, double lon1, double lat0, double lat1) {
    FeatureExtent e;
    for (const GeoPolygon& p : f.polygons)
        for (const auto& ring : p.rings)
            for (size_t k = 0; k < ring.size(); ++k) {
                const Vec2& q = ring[k];
                if (q.x < lon0 || q.x > lon1 || q.y < lat0 || q.y > lat1) e.outside = true;
                e.box.add(q);
                if (k > 0)
                    e.longest_km = std::max(e.longest_km, std::hypot((q.x - ring[k - 1].x) * kKmPerDegreeLon,
                                                                     (q.y - ring[k - 1].y) * kKmPerDegreeLat));
            }
    return e;
}

std::string km(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f km", v);
    return buf;
}
}  // namespace

const std::vector<std::string>& ile_de_france_departments() {
    static const std::vector<std::string> departments = {"75", "77", "78", "91", "92", "93", "94", "95"};
    return departments;
}

std::filesystem::path map_cache_file(const std::filesystem::path& root, std::string_view department) {
    return root / "maps" / "cache" / ("communes-" + std::string(department) + ".geojson");
}

std::string map_cache_label(std::string_view department) {
    return "maps/cache/communes-" + std::string(department) + ".geojson";
}

ConfigErrors validate_department_contours(const GeoCollection& contours, std::string_view department,
                                          const MapMembership& membership, const std::string& file) {
    ConfigErrors errors;
    if (contours.features.empty()) {
        errors.push_back({file, "/features", "no commune in the file"});
        return errors;
    }
    std::set<std::string> present;
    for (size_t i = 0; i < contours.features.size(); ++i) {
        const GeoFeature& f = contours.features[i];
        const std::string path = "/features/" + std::to_string(i);
        if (f.code.rfind(std::string(department), 0) != 0 || f.code.size() != 5)
            errors.push_back({file, path + "/properties/code",
                              "\"" + f.code + "\" is not a commune code of department " + std::string(department)});
        const FeatureExtent fe = feature_extent(f, kMinLon, kMaxLon, kMinLat, kMaxLat);
        const bool outside = fe.outside;
        const double longest = fe.longest_km;
        const Box& box = fe.box;
        if (outside) {
            errors.push_back({file, path + "/geometry",
                              f.code + ": coordinates outside Île-de-France (expected WGS84 lon/lat)"});
        } else if (!box.empty()) {
            const double extent = std::max(box.width() * kKmPerDegreeLon, box.height() * kKmPerDegreeLat);
            if (extent > kMaxCommuneExtentKm)
                errors.push_back({file, path + "/geometry",
                                  f.code + ": " + km(extent) + " across, implausible for a commune (a wrong "
                                  "coordinate?)"});
            else if (longest > kMaxEdgeKm)
                errors.push_back({file, path + "/geometry",
                                  f.code + ": a border segment of " + km(longest) + ", implausible (a wrong "
                                  "coordinate draws a spike)"});
        }
        present.insert(membership.current_code(f.code));
    }
    for (const auto& [code, member] : membership.communes) {
        if (member.department != department) continue;
        if (!present.count(code))
            errors.push_back({file, "/features", "Métropole member " + code + " (" + member.name + ") is missing"});
    }
    return errors;
}

DepartmentCheck check_department(std::string_view bytes, std::string_view department,
                                 const MapMembership& membership, const std::string& file) {
    DepartmentCheck check{std::string(department), file, std::nullopt, {}};
    GeoParse parsed = parse_feature_collection(bytes, file);
    check.errors = std::move(parsed.errors);
    if (parsed.collection) {
        ConfigErrors v = validate_department_contours(*parsed.collection, department, membership, file);
        check.errors.insert(check.errors.end(), v.begin(), v.end());
        // A feature the parser left out is a damaged file too: the build would silently lose that commune.
        if (check.errors.empty()) check.contours = std::move(parsed.collection);
    }
    return check;
}

std::vector<ContourBytes> read_contour_files(const std::filesystem::path& root) {
    std::vector<ContourBytes> files;
    for (const std::string& dept : ile_de_france_departments()) {
        const std::filesystem::path path = map_cache_file(root, dept);
        FileRead read = read_file_capped(path, kMaxContourFileBytes);
        ContourBytes f{dept, std::move(read.bytes), {}};
        if (!f.bytes) {
            // The label names the file already: keep only the reason ("not a regular file", "larger than ...").
            const std::string prefix = path.string() + ": ";
            f.error = read.missing ? "missing (run qmi-kiosk --fetch-maps)"
                      : read.error.rfind(prefix, 0) == 0 ? read.error.substr(prefix.size())
                                                         : read.error;
        }
        files.push_back(std::move(f));
    }
    return files;
}

std::vector<DepartmentCheck> check_contour_files(const std::vector<ContourBytes>& files,
                                                 const MapMembership& membership) {
    std::vector<DepartmentCheck> checks;
    for (const ContourBytes& f : files) {
        const std::string label = map_cache_label(f.department);
        if (!f.bytes) {
            checks.push_back({f.department, label, std::nullopt, {{label, "", f.error}}});
            continue;
        }
        checks.push_back(check_department(*f.bytes, f.department, membership, label));
    }
    return checks;
}

// ---- arrondissements ---------------------------------------------------------------------------------------------

std::filesystem::path arrondissements_cache_file(const std::filesystem::path& root) {
    return root / "maps" / "cache" / "arrondissements-75.geojson";
}

ConfigErrors validate_arrondissements(const GeoCollection& contours, const std::string& file) {
    ConfigErrors errors;
    std::set<int> seen;
    for (size_t i = 0; i < contours.features.size(); ++i) {
        const GeoFeature& f = contours.features[i];
        const std::string path = "/features/" + std::to_string(i);
        const int number = arrondissement_number(f.code);
        if (number == 0) {
            errors.push_back({file, path + "/properties/code",
                              "\"" + f.code + "\" is not an arrondissement of Paris (75101 to 75120)"});
        } else if (!seen.insert(number).second) {
            errors.push_back({file, path + "/properties/code", f.code + " appears twice"});
        }
        // Shown on the card: a plain short name ("Batignolles-Monceau"), nothing a screen could not show as text.
        const bool control = std::any_of(f.usage_name.begin(), f.usage_name.end(),
                                         [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
        if (f.usage_name.size() > kMaxArrondissementNameBytes || control)
            errors.push_back({file, path + "/properties/nom_usage",
                              f.code + ": not a plain name of at most " + std::to_string(kMaxArrondissementNameBytes) +
                                  " bytes"});
        const FeatureExtent fe = feature_extent(f, kParisMinLon, kParisMaxLon, kParisMinLat, kParisMaxLat);
        if (fe.outside) {
            errors.push_back({file, path + "/geometry",
                              f.code + ": coordinates outside Paris (expected WGS84 lon/lat)"});
        } else if (!fe.box.empty()) {
            const double extent = std::max(fe.box.width() * kKmPerDegreeLon, fe.box.height() * kKmPerDegreeLat);
            if (extent > kMaxArrondissementExtentKm)
                errors.push_back({file, path + "/geometry",
                                  f.code + ": " + km(extent) + " across, implausible for an arrondissement"});
            else if (fe.longest_km > kMaxArrondissementEdgeKm)
                errors.push_back({file, path + "/geometry",
                                  f.code + ": a border segment of " + km(fe.longest_km) + ", implausible (a wrong "
                                  "coordinate draws a spike)"});
        }
    }
    for (int n = 1; n <= kArrondissementCount; ++n)
        if (!seen.count(n)) {
            char code[8];
            std::snprintf(code, sizeof code, "751%02d", n);
            errors.push_back({file, "/features", std::string("arrondissement ") + code + " is missing"});
        }
    return errors;
}

ArrondissementsCheck check_arrondissements(std::string_view bytes, const std::string& file) {
    ArrondissementsCheck check{file, std::nullopt, {}};
    GeoParse parsed = parse_feature_collection(bytes, file);
    check.errors = std::move(parsed.errors);
    if (parsed.collection) {
        ConfigErrors v = validate_arrondissements(*parsed.collection, file);
        check.errors.insert(check.errors.end(), v.begin(), v.end());
        if (check.errors.empty()) check.contours = std::move(parsed.collection);
    }
    return check;
}

ContourBytes read_arrondissements_file(const std::filesystem::path& root) {
    const std::filesystem::path path = arrondissements_cache_file(root);
    FileRead read = read_file_capped(path, kMaxContourFileBytes);
    ContourBytes f{"75", std::move(read.bytes), {}};
    if (!f.bytes) {
        const std::string prefix = path.string() + ": ";
        f.error = read.missing ? "missing (run qmi-kiosk --fetch-maps)"
                  : read.error.rfind(prefix, 0) == 0 ? read.error.substr(prefix.size())
                                                     : read.error;
    }
    return f;
}

}  // namespace qmi
