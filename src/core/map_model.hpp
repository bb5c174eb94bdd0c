// The map, built once at load (map_build.hpp) and then read-only: projected, dissolved, triangulated.
// Coordinates are metres in Lambert-93 (EPSG:2154) minus `origin`, x east, y north, so that floats keep
// sub-metre precision on the GPU. The renderer uploads `triangles` and `outlines` once; nothing here is per frame.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qmi {

struct Vec2 {
    double x = 0, y = 0;
};

struct Box {
    Vec2 min{1e300, 1e300}, max{-1e300, -1e300};
    bool empty() const { return min.x > max.x; }
    void add(Vec2 p) {
        if (p.x < min.x) min.x = p.x;
        if (p.y < min.y) min.y = p.y;
        if (p.x > max.x) max.x = p.x;
        if (p.y > max.y) max.y = p.y;
    }
    Vec2 center() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
    double width() const { return max.x - min.x; }
    double height() const { return max.y - min.y; }
};

using Ring = std::vector<Vec2>;  // closed: first point repeated last

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

struct CommuneShape {
    std::string insee;
    std::string name;
    std::string department;      // "92"
    std::string territory;       // EPT code or "75056"; empty outside the Métropole
    bool in_metropole = false;
    std::vector<Polygon> polygons;
    std::vector<Vec2> triangles;  // 3 vertices per triangle, covering `polygons` exactly
    Box bbox;
    Vec2 label_anchor;            // a point well inside the largest polygon (pole of inaccessibility or similar)
    double area_m2 = 0;
};

// A dissolved outline: territory (EPT or Paris), department, or the Métropole itself.
struct Outline {
    std::string code;
    std::string name;
    std::vector<Ring> rings;  // every boundary ring (outer and holes), closed
};

// A municipal arrondissement of Paris (75101..75120), from maps/cache/arrondissements-75.geojson. Optional layer:
// a map without it draws Paris as one shape.
struct Arrondissement {
    std::string insee;       // "75108"
    int number = 0;          // 8
    std::string name;        // "Paris 8e Arrondissement" (the file's nom)
    std::string usage_name;  // "Élysée" (the file's nom_usage); "" when the source does not give it
    std::vector<Polygon> polygons;  // clipped to Paris's outline from the commune file: what a tap finds
    Box bbox;
    Vec2 label_anchor;       // centre of the largest inscribed circle: where its number is drawn
    double area_m2 = 0;
};

// Who published the arrondissements that were loaded, for the attribution: the City of Paris's dataset (Open
// Database Licence; it names the arrondissements: nom_usage) or IGN ADMIN EXPRESS through the geo API (Licence
// Ouverte; no nom_usage). Told apart by the data itself, so that a copy of either is attributed as what it is.
enum class ArrondissementSource : uint8_t { None = 0, IgnAdminExpress = 1, VilleDeParis = 2 };

struct MapModel {
    Vec2 origin;                          // Lambert-93 metres subtracted from every coordinate
    std::vector<CommuneShape> communes;   // Métropole members first (sorted by INSEE), then context communes
    size_t metropole_count = 0;           // communes[0 .. metropole_count) are the 130 members
    std::vector<Outline> territories;     // 12: the 11 EPTs and Paris
    std::vector<Outline> departments;     // the Île-de-France departments present in the data
    Outline metropole;                    // outer boundary of the Métropole
    Box metropole_bbox;
    Box full_bbox;                        // everything, context included
    // Paris's arrondissements (empty without a valid arrondissements-75.geojson) and the lines between them, inside
    // Paris and without Paris's own outline: open polylines, ready to draw thinner than the communes' borders.
    std::vector<Arrondissement> arrondissements;
    std::vector<std::vector<Vec2>> arrondissement_borders;
    ArrondissementSource arrondissements_source = ArrondissementSource::None;

    std::optional<size_t> find(std::string_view insee) const {
        for (size_t i = 0; i < communes.size(); ++i)
            if (communes[i].insee == insee) return i;
        return std::nullopt;
    }
};

}  // namespace qmi
