#include "core/contour_files.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "core/atomic_file.hpp"

namespace qmi {

namespace {
// Île-de-France spans about lon 1.45..3.56, lat 48.12..49.24; the margin tolerates any honest simplification and
// still rejects swapped axes, projected metres or another region's file.
constexpr double kMinLon = 1.2, kMaxLon = 3.8, kMinLat = 47.9, kMaxLat = 49.5;
// Kilometres per degree around Paris (latitude 48.8): precise enough for plausibility limits.
constexpr double kKmPerDegreeLon = 73.3, kKmPerDegreeLat = 111.2;

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
        bool outside = false;
        double longest = 0;
        Box box;
        for (const GeoPolygon& p : f.polygons)
            for (const auto& ring : p.rings)
                for (size_t k = 0; k < ring.size(); ++k) {
                    const Vec2& q = ring[k];
                    if (q.x < kMinLon || q.x > kMaxLon || q.y < kMinLat || q.y > kMaxLat) outside = true;
                    box.add(q);
                    if (k > 0)
                        longest = std::max(longest, std::hypot((q.x - ring[k - 1].x) * kKmPerDegreeLon,
                                                               (q.y - ring[k - 1].y) * kKmPerDegreeLat));
                }
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

}  // namespace qmi
