// From commune contours (one GeoJSON FeatureCollection per Île-de-France department) to the ready-to-draw MapModel:
// former codes merged, projected to Lambert-93, dissolved into territory / department / Métropole outlines,
// triangulated, with label anchors and areas. Runs once at load; see map_cache.hpp for the binary cache that lets
// the kiosk skip it on later starts.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_error.hpp"
#include "core/geojson.hpp"
#include "core/map_model.hpp"

namespace qmi {

class Membership;

// The few membership facts the map needs, as a plain struct so that the map code does not depend on how
// maps/membership.json is loaded. The app fills it with to_map_membership(load_membership(...)).
struct MapMembership {
    struct Member {
        std::string name;
        std::string department;  // "93"
        std::string territory;   // EPT SIREN or "75056"
    };
    std::map<std::string, Member, std::less<>> communes;               // the Métropole members, by current INSEE
    std::map<std::string, std::string, std::less<>> former_codes;      // old INSEE -> current INSEE
    std::map<std::string, std::string, std::less<>> department_names;  // "93" -> "Seine-Saint-Denis"
    std::map<std::string, std::string, std::less<>> territory_names;   // "200057867" -> "Plaine Commune"
    std::string metropole_code, metropole_name;

    // Follows former_codes (chains too, bounded): "93059" -> "93066"; unknown codes come back unchanged.
    std::string current_code(std::string_view insee) const;
    size_t members_in(std::string_view department) const;
};

MapMembership to_map_membership(const Membership& membership);

// The eight Île-de-France departments whose contours the kiosk draws, in fetch order.
const std::vector<std::string>& ile_de_france_departments();
// <root>/maps/cache/communes-<dept>.geojson
std::filesystem::path map_cache_file(const std::filesystem::path& root, std::string_view department);

struct DepartmentContours {
    std::string department;  // "93"
    std::string file;        // labels errors, e.g. "maps/cache/communes-93.geojson"
    GeoCollection contours;
};

// Checks one department's contours before they may replace the cache: at least one feature, every feature with
// code/nom and well-formed geometry (the parser rejects the rest, pass its errors in `parse_errors`), codes of that
// department, coordinates inside Île-de-France, and every Métropole member of the department present once former
// codes are applied. Empty result = acceptable.
ConfigErrors validate_department_contours(const GeoCollection& contours, std::string_view department,
                                          const MapMembership& membership, const std::string& file);

struct MapBuild {
    std::optional<MapModel> model;  // absent when a Métropole member is missing or the geometry cannot be built
    ConfigErrors errors;            // problems found (some may be repaired: the model can exist with errors)
};

// Pure and deterministic; thread-safe (own GEOS and PROJ contexts per call).
MapBuild build_map(const std::vector<DepartmentContours>& departments, const MapMembership& membership);

// Reads and parses the eight cached files under <root>/maps/cache, then build_map. Errors name the files.
MapBuild build_map_from_cache(const std::filesystem::path& root, const MapMembership& membership);

}  // namespace qmi
