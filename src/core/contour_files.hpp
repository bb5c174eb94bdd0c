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

// ---- the arrondissements of Paris (optional) ------------------------------------------------------------------
// <root>/maps/cache/arrondissements-75.geojson: the 20 municipal arrondissements, drawn inside Paris. Optional: without
// a valid file the kiosk draws Paris as one shape. The same one check for the fetcher and the start-up.

std::filesystem::path arrondissements_cache_file(const std::filesystem::path& root);
inline constexpr const char* kArrondissementsLabel = "maps/cache/arrondissements-75.geojson";

// The arrondissements are 75101 (1st) .. 75120 (20th).
inline constexpr int kArrondissementCount = 20;
// The largest, the 12th with the Bois de Vincennes, is 7.7 km across.
inline constexpr double kMaxArrondissementExtentKm = 10;
// The longest segment of the City of Paris's file is 0.75 km (the 16th, along the Bois de Boulogne); the official
// contours are finer. A wrong digit in the second decimal of a coordinate moves a point 0.7 to 1.1 km: two
// segments longer than this.
inline constexpr double kMaxArrondissementEdgeKm = 2;
// nom_usage goes on the card; the longest, "Batignolles-Monceau", is 19 bytes.
inline constexpr size_t kMaxArrondissementNameBytes = 60;

// Exactly the 20 codes 75101..75120, each once; nom_usage (optional) a plain name; coordinates inside Paris's
// bounding box (with about 1 km of margin:
// swapped axes, projected metres, another city are refused); plausible shapes (extent, segment length as above).
// Empty result = acceptable.
ConfigErrors validate_arrondissements(const GeoCollection& contours, const std::string& file);

// Parse + validate_arrondissements of `bytes` (the cached file or a download). `contours` only when it passed.
struct ArrondissementsCheck {
    std::string file;
    std::optional<GeoCollection> contours;
    ConfigErrors errors;
    bool ok() const { return contours.has_value(); }
};
ArrondissementsCheck check_arrondissements(std::string_view bytes, const std::string& file);

// The bytes of the cached file (same caps and rules as read_contour_files); `department` is "75".
ContourBytes read_arrondissements_file(const std::filesystem::path& root);

}  // namespace qmi
