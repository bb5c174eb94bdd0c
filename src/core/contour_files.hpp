// The commune contours on disk: one GeoJSON FeatureCollection per Île-de-France department in <root>/maps/cache,
// and the ONE check every reader applies to them: the fetcher before a download may replace the cache, the start-up
// before a build, --check-config. A file that fails it is "damaged" for all three, for the same reasons.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_error.hpp"
#include "core/geojson.hpp"
#include "core/map_build.hpp"

namespace qmi {

// The eight Île-de-France departments whose contours the kiosk draws, in fetch order.
const std::vector<std::string>& ile_de_france_departments();
// <root>/maps/cache/communes-<dept>.geojson
std::filesystem::path map_cache_file(const std::filesystem::path& root, std::string_view department);
// "maps/cache/communes-<dept>.geojson": how errors name the file, whatever the root.
std::string map_cache_label(std::string_view department);

// Seine-et-Marne at full precision is a few MB; anything this large is not a department's contours.
inline constexpr size_t kMaxContourFileBytes = 32u << 20;

// Checks one department's contours: at least one feature; every feature with code/nom and well-formed geometry
// (the parser rejects the rest, see check_department); codes of that department; coordinates inside Île-de-France
// (swapped axes, projected metres, another region); plausible shapes (no commune wider than kMaxCommuneExtentKm,
// no border segment longer than kMaxEdgeKm: one wrong digit in a coordinate draws a spike across the map); and
// every Métropole member of the department present once former codes are applied. Empty result = acceptable.
ConfigErrors validate_department_contours(const GeoCollection& contours, std::string_view department,
                                          const MapMembership& membership, const std::string& file);

// The largest commune of Île-de-France (Fontainebleau) is about 18 km across.
inline constexpr double kMaxCommuneExtentKm = 30;
// The longest border segment in the simplified official contours is 3.6 km (Crèvecœur-en-Brie); one wrong tenth of a
// degree in a coordinate makes two segments of 7 km or more.
inline constexpr double kMaxEdgeKm = 6;

// One department file judged: parsed, then validated. `contours` is set only when the file passed everything.
struct DepartmentCheck {
    std::string department;  // "92"
    std::string file;        // label used in errors
    std::optional<GeoCollection> contours;
    ConfigErrors errors;     // why the file is damaged: unreadable, not GeoJSON, a bad feature, implausible, ...
    bool ok() const { return contours.has_value(); }
};

// Parse + validate_department_contours of `bytes` (a cached file or a download).
DepartmentCheck check_department(std::string_view bytes, std::string_view department,
                                 const MapMembership& membership, const std::string& file);

// The bytes of one cached department file (regular file, at most kMaxContourFileBytes; never blocks on a FIFO).
struct ContourBytes {
    std::string department;
    std::optional<std::string> bytes;  // nullopt when missing or unreadable
    std::string error;                 // then why, naming the file
};
std::vector<ContourBytes> read_contour_files(const std::filesystem::path& root);

// check_department of each read file (an unreadable one is damaged: missing or refused).
std::vector<DepartmentCheck> check_contour_files(const std::vector<ContourBytes>& files,
                                                 const MapMembership& membership);

}  // namespace qmi
