// From commune contours (one GeoJSON FeatureCollection per Île-de-France department) to the ready-to-draw MapModel:
// former codes merged, projected to Lambert-93, dissolved into territory / department / Métropole outlines,
// triangulated, with label anchors and areas. Runs once at load; see map_cache.hpp for the binary cache that lets
// the kiosk skip it on later starts.
#pragma once
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

struct DepartmentContours {
    std::string department;  // "93"
    std::string file;        // labels errors, e.g. "maps/cache/communes-93.geojson"
    GeoCollection contours;
};

// Paris's arrondissements, as read from maps/cache/arrondissements-75.geojson (passed check_arrondissements).
struct ArrondissementContours {
    std::string file;  // labels errors
    GeoCollection contours;
};

struct MapBuild {
    std::optional<MapModel> model;  // absent when a Métropole member is missing or the geometry cannot be built
    ConfigErrors errors;            // problems found (some may be repaired: the model can exist with errors)
    // Problems of the optional arrondissements: the model is then built without them (Paris drawn as one shape).
    ConfigErrors arrondissement_errors;
};

// Pure and deterministic; thread-safe (own GEOS and PROJ contexts per call). The steps below, in order. The
// departments should have passed validate_department_contours (contour_files.hpp), the arrondissements
// check_arrondissements; build_map does not repeat it.
MapBuild build_map(const std::vector<DepartmentContours>& departments, const MapMembership& membership,
                   const ArrondissementContours* arrondissements = nullptr);

// ---- the build, step by step (each a pure function, tested on a small synthetic map) ----------------------------

// 1. Features grouped by the code the commune has today. A former code joins its successor only when the successor
//    is a member or present in the data (Pierrefitte 93059 into Saint-Denis 93066); otherwise the old commune stays
//    as it is drawn. Members take their name and department from the membership. An error per member with no
//    contour at all.
struct CommuneGroup {
    std::string code, name, department;
    std::string file;                          // the file of its first feature, for errors
    std::vector<const GeoFeature*> features;   // into the departments given: they must outlive the groups
    bool member = false;                       // a member of the Métropole
};
std::map<std::string, CommuneGroup> group_communes(const std::vector<DepartmentContours>& departments,
                                                   const MapMembership& membership, ConfigErrors& errors);

// 2. Every position projected to Lambert-93 once, then shifted so that the centre of the Métropole's bounding box
//    (whole metres) is the origin. nullopt (and an error) when PROJ is unusable or no member has geometry.
struct ProjectedCommunes {
    Vec2 origin;                                          // Lambert-93 metres
    std::map<std::string, std::vector<Polygon>> polygons;  // by code, relative to origin
};
std::optional<ProjectedCommunes> project_communes(const std::map<std::string, CommuneGroup>& groups,
                                                  ConfigErrors& errors);

// 3. One valid polygonal shape per commune: repaired (GEOS MakeValid), former communes unioned into one (their
//    shared border disappears), read back as rings with the bounding box. Members first, then context communes, each
//    in code order. A member that cannot be repaired is fatal (nullopt); a context commune is left out with an error.
std::optional<std::vector<CommuneShape>> repair_communes(const std::map<std::string, CommuneGroup>& groups,
                                                         const ProjectedCommunes& projected,
                                                         const MapMembership& membership, ConfigErrors& errors);

// 4. Triangles (constrained Delaunay, holes respected), area and label anchor (centre of the largest inscribed
//    circle) of every commune, spread over the cores. Most of the build time.
void triangulate_communes(std::vector<CommuneShape>& communes, ConfigErrors& errors);

// 5. Dissolved outlines: territories and the Métropole from the members, departments from every commune.
struct MapOutlines {
    std::vector<Outline> territories, departments;
    Outline metropole;
};
std::optional<MapOutlines> dissolve_outlines(const std::vector<CommuneShape>& communes,
                                             const MapMembership& membership, ConfigErrors& errors);

// 6. Paris's arrondissements (optional): projected with the communes' origin, repaired, clipped to Paris's outline
//    (the commune file is the reference for it: the arrondissements file's own outer edge is more detailed and
//    differs by up to a few hundred metres), each with its area and label anchor; and the lines to draw between
//    them: every arrondissement's boundary, without what lies within kArrondissementEdgeM of the arrondissements'
//    own outer edge or of Paris's outline (so Paris's border is never drawn twice, nor a second, wobbly copy of it),
//    clipped to Paris, merged into polylines and simplified. nullopt (and errors) when the geometry cannot be built:
//    the map then has no arrondissements.
struct ArrondissementLayer {
    std::vector<Arrondissement> arrondissements;  // in number order
    std::vector<std::vector<Vec2>> borders;       // open polylines, map coordinates
    ArrondissementSource source = ArrondissementSource::None;
};
inline constexpr double kArrondissementEdgeM = 40;        // "a few tens of metres": wider than the outlines' noise
inline constexpr double kArrondissementSimplifyM = 5;     // under a pixel at the closest zoom
inline constexpr double kArrondissementMinBorderM = 60;   // shorter leftovers are corners of the removed outline
std::optional<ArrondissementLayer> build_arrondissements(const ArrondissementContours& input, Vec2 origin,
                                                         const CommuneShape& paris, ConfigErrors& errors);

}  // namespace qmi
