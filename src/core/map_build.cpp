// Geometry with the GEOS C API (reentrant _r functions, one context per build) and PROJ for Lambert-93.
// Pipeline, each step once at load: parse -> group features by current INSEE code (former codes merged, e.g.
// Pierrefitte 93059 into Saint-Denis 93066) -> project -> repair / union -> triangulate, anchor, area per commune ->
// dissolve into territories, departments and the Métropole.
#include "core/map_build.hpp"

#include <geos_c.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iterator>
#include <memory>
#include <set>
#include <thread>

#include "core/arrondissements.hpp"
#include "core/contour_files.hpp"
#include "core/membership.hpp"
#include "core/projection.hpp"

namespace qmi {

// ---- membership -----------------------------------------------------------------------------------------------

std::string MapMembership::current_code(std::string_view insee) const {
    std::string code(insee);
    // Chains exist in the official history (a commune merged twice); the bound guards against a cycle in bad data.
    for (int hop = 0; hop < 8; ++hop) {
        auto it = former_codes.find(code);
        if (it == former_codes.end() || it->second == code) break;
        code = it->second;
    }
    return code;
}

size_t MapMembership::members_in(std::string_view department) const {
    size_t n = 0;
    for (const auto& [code, m] : communes)
        if (m.department == department) ++n;
    return n;
}

MapMembership to_map_membership(const Membership& membership) {
    MapMembership out;
    for (const MemberCommune& c : membership.communes())
        out.communes[c.code] = MapMembership::Member{c.name, c.department, c.territory};
    for (const auto& [from, to] : membership.former_codes()) out.former_codes[from] = to;
    for (const Department& d : membership.departments()) out.department_names[d.code] = d.name;
    for (const Territory& t : membership.territories()) out.territory_names[t.code] = t.name;
    out.metropole_code = membership.metropole_code();
    out.metropole_name = membership.metropole_name();
    return out;
}

// ---- GEOS helpers ---------------------------------------------------------------------------------------------

namespace {

// Below this, a hole or a polygon produced by union/repair is an artefact of simplified data (a sliver between two
// communes that do not quite touch), not geography: the smallest real enclave around Paris is hundreds of hectares.
constexpr double kSliverArea = 20000.0;  // m² (2 ha)
// Closing distance for dissolves: gaps narrower than twice this between neighbouring communes are filled.
constexpr double kCloseDistance = 15.0;  // m
constexpr double kDegenerateTriangle = 0.01;  // m²

struct Geos {
    GEOSContextHandle_t h = nullptr;
    std::string last_error;
    Geos() {
        h = GEOS_init_r();
        GEOSContext_setErrorMessageHandler_r(
            h, [](const char* msg, void* user) { static_cast<Geos*>(user)->last_error = msg ? msg : ""; }, this);
        GEOSContext_setNoticeMessageHandler_r(h, nullptr, nullptr);
    }
    ~Geos() { GEOS_finish_r(h); }
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;
};

struct GeomDeleter {
    GEOSContextHandle_t h = nullptr;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(h, g);
    }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

Geom own(Geos& g, GEOSGeometry* p) { return Geom(p, GeomDeleter{g.h}); }

double signed_area(const Ring& r) {
    double a = 0;
    for (size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return a / 2;
}

GEOSGeometry* make_ring(Geos& g, const Ring& r) {
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(g.h, &r[0].x, static_cast<unsigned>(r.size()), 0, 0);
    if (!seq) return nullptr;
    return GEOSGeom_createLinearRing_r(g.h, seq);
}

GEOSGeometry* make_polygon(Geos& g, const std::vector<Ring>& rings) {
    GEOSGeometry* shell = make_ring(g, rings[0]);
    if (!shell) return nullptr;
    std::vector<GEOSGeometry*> holes;
    for (size_t i = 1; i < rings.size(); ++i)
        if (GEOSGeometry* h = make_ring(g, rings[i])) holes.push_back(h);
    return GEOSGeom_createPolygon_r(g.h, shell, holes.data(), static_cast<unsigned>(holes.size()));
}

Ring read_ring(Geos& g, const GEOSGeometry* ring) {
    Ring out;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(g.h, ring);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(g.h, seq, &n)) return out;
    out.resize(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(g.h, seq, i, &out[i].x, &out[i].y);
    return out;
}

void collect_polygons(Geos& g, const GEOSGeometry* geom, std::vector<const GEOSGeometry*>& out) {
    if (!geom || GEOSisEmpty_r(g.h, geom)) return;
    const int type = GEOSGeomTypeId_r(g.h, geom);
    if (type == GEOS_POLYGON) {
        out.push_back(geom);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(g.h, geom);
        for (int i = 0; i < n; ++i) collect_polygons(g, GEOSGetGeometryN_r(g.h, geom, i), out);
    }
}

// Polygon parts of `geom` as plain rings, outer rings counter-clockwise and holes clockwise (y up), holes and parts
// smaller than `min_area` dropped (0 keeps everything).
std::vector<Polygon> read_polygons(Geos& g, const GEOSGeometry* geom, double min_area) {
    std::vector<const GEOSGeometry*> parts;
    collect_polygons(g, geom, parts);
    std::vector<Polygon> out;
    for (const GEOSGeometry* p : parts) {
        Polygon poly;
        poly.outer = read_ring(g, GEOSGetExteriorRing_r(g.h, p));
        if (poly.outer.size() < 4) continue;
        if (min_area > 0 && std::abs(signed_area(poly.outer)) < min_area) continue;
        if (signed_area(poly.outer) < 0) std::reverse(poly.outer.begin(), poly.outer.end());
        const int nh = GEOSGetNumInteriorRings_r(g.h, p);
        for (int i = 0; i < nh; ++i) {
            Ring hole = read_ring(g, GEOSGetInteriorRingN_r(g.h, p, i));
            if (hole.size() < 4) continue;
            if (min_area > 0 && std::abs(signed_area(hole)) < min_area) continue;
            if (signed_area(hole) > 0) std::reverse(hole.begin(), hole.end());
            poly.holes.push_back(std::move(hole));
        }
        out.push_back(std::move(poly));
    }
    return out;
}

Geom make_multipolygon(Geos& g, const std::vector<Polygon>& polys) {
    std::vector<GEOSGeometry*> parts;
    for (const Polygon& p : polys) {
        std::vector<Ring> rings{p.outer};
        rings.insert(rings.end(), p.holes.begin(), p.holes.end());
        if (GEOSGeometry* poly = make_polygon(g, rings)) parts.push_back(poly);
    }
    return own(g, GEOSGeom_createCollection_r(g.h, GEOS_MULTIPOLYGON, parts.data(),
                                              static_cast<unsigned>(parts.size())));
}

// Valid polygonal geometry or null: MakeValid may return lines or points next to the polygons; those are dropped.
Geom make_valid_polygonal(Geos& g, Geom geom) {
    if (!geom) return geom;
    if (GEOSisValid_r(g.h, geom.get()) == 1) return geom;
    Geom fixed = own(g, GEOSMakeValid_r(g.h, geom.get()));
    if (!fixed) return fixed;
    std::vector<const GEOSGeometry*> parts;
    collect_polygons(g, fixed.get(), parts);
    std::vector<GEOSGeometry*> clones;
    for (const GEOSGeometry* p : parts) clones.push_back(GEOSGeom_clone_r(g.h, p));
    return own(g, GEOSGeom_createCollection_r(g.h, GEOS_MULTIPOLYGON, clones.data(),
                                              static_cast<unsigned>(clones.size())));
}

double area_of(Geos& g, const GEOSGeometry* geom) {
    double a = 0;
    if (geom) GEOSArea_r(g.h, geom, &a);
    return a;
}

bool has_slivers(Geos& g, const GEOSGeometry* geom) {
    for (const Polygon& p : read_polygons(g, geom, 0)) {
        if (std::abs(signed_area(p.outer)) < kSliverArea) return true;
        for (const Ring& h : p.holes)
            if (std::abs(signed_area(h)) < kSliverArea) return true;
    }
    return false;
}

// Dissolve a set of communes into one clean outline.
// Official contours (IGN ADMIN EXPRESS, and its simplified mirror) form a topological coverage: neighbours share
// their border vertices exactly. GEOSCoverageUnion then just drops shared edges, about 10x faster than a general
// union (measured: 51 ms vs 558 ms for the 510 communes of Seine-et-Marne) and with the same result. It is trusted
// only when its result is valid, keeps the total area (no overlap) and has no sliver; otherwise the general path:
// union, then closing (buffer out and back in, mitred so corners stay sharp) to fill hairline gaps narrower than
// 2 * kCloseDistance; leftover slivers and pin-holes are dropped by to_outline().
Geom dissolve(Geos& g, const std::vector<const GEOSGeometry*>& members) {
    std::vector<GEOSGeometry*> clones;
    double total = 0;
    for (const GEOSGeometry* m : members) {
        clones.push_back(GEOSGeom_clone_r(g.h, m));
        total += area_of(g, m);
    }
    Geom all = own(g, GEOSGeom_createCollection_r(g.h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                  static_cast<unsigned>(clones.size())));
    if (!all) return all;
    Geom coverage = own(g, GEOSCoverageUnion_r(g.h, all.get()));
    if (coverage && GEOSisValid_r(g.h, coverage.get()) == 1 &&
        std::abs(area_of(g, coverage.get()) - total) <= 1e-6 * total && !has_slivers(g, coverage.get()))
        return coverage;
    Geom united = own(g, GEOSUnaryUnion_r(g.h, all.get()));
    if (!united) return united;
    Geom grown = own(g, GEOSBufferWithStyle_r(g.h, united.get(), kCloseDistance, 2, GEOSBUF_CAP_FLAT,
                                              GEOSBUF_JOIN_MITRE, 3.0));
    if (!grown) return united;
    Geom closed = own(g, GEOSBufferWithStyle_r(g.h, grown.get(), -kCloseDistance, 2, GEOSBUF_CAP_FLAT,
                                               GEOSBUF_JOIN_MITRE, 3.0));
    if (!closed) return united;
    return closed;
}

Outline to_outline(Geos& g, const GEOSGeometry* geom, std::string code, std::string name) {
    Outline out;
    out.code = std::move(code);
    out.name = std::move(name);
    for (Polygon& p : read_polygons(g, geom, kSliverArea)) {
        out.rings.push_back(std::move(p.outer));
        for (Ring& h : p.holes) out.rings.push_back(std::move(h));
    }
    return out;
}

// Constrained Delaunay triangulation of one polygon (holes respected); triangles counter-clockwise, degenerate
// ones (collinear vertices from repeated or aligned points) dropped: they cover no area.
bool triangulate(Geos& g, const GEOSGeometry* polygon, std::vector<Vec2>& out) {
    Geom tris = own(g, GEOSConstrainedDelaunayTriangulation_r(g.h, polygon));
    if (!tris) return false;
    const int n = GEOSGetNumGeometries_r(g.h, tris.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* t = GEOSGetGeometryN_r(g.h, tris.get(), i);
        Ring r = read_ring(g, GEOSGetExteriorRing_r(g.h, t));
        if (r.size() < 4) continue;
        const double a = signed_area(r);
        if (std::abs(a) < kDegenerateTriangle) continue;
        if (a > 0) {
            out.insert(out.end(), {r[0], r[1], r[2]});
        } else {
            out.insert(out.end(), {r[0], r[2], r[1]});
        }
    }
    return true;
}

// Centre of the largest inscribed circle: the point farthest from the border, where a label sits best. The
// tolerance bounds the cost (it dominates the build with GEOSConstrainedDelaunayTriangulation): a metre-level
// answer is pointless, 1 % of the commune's size is invisible on screen.
Vec2 inscribed_centre(Geos& g, const GEOSGeometry* polygon, double area, double fraction) {
    const double tolerance = std::max(1.0, std::sqrt(area) * fraction);
    Geom mic = own(g, GEOSMaximumInscribedCircle_r(g.h, polygon, tolerance));
    Vec2 c;
    if (mic) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(g.h, mic.get());
        if (seq && GEOSCoordSeq_getXY_r(g.h, seq, 0, &c.x, &c.y)) return c;
    }
    Geom pt = own(g, GEOSPointOnSurface_r(g.h, polygon));
    if (pt) {
        GEOSGeomGetX_r(g.h, pt.get(), &c.x);
        GEOSGeomGetY_r(g.h, pt.get(), &c.y);
    }
    return c;
}

// The GEOS geometry of a commune from its rings (already valid: they were read back from a repaired geometry).
Geom commune_geometry(Geos& g, const CommuneShape& c) { return make_multipolygon(g, c.polygons); }

}  // namespace

// ---- 1. group ---------------------------------------------------------------------------------------------------

std::map<std::string, CommuneGroup> group_communes(const std::vector<DepartmentContours>& departments,
                                                   const MapMembership& membership, ConfigErrors& errors) {
    std::set<std::string> present;
    for (const DepartmentContours& d : departments)
        for (const GeoFeature& f : d.contours.features) present.insert(f.code);
    std::map<std::string, CommuneGroup> groups;
    for (const DepartmentContours& d : departments) {
        for (const GeoFeature& f : d.contours.features) {
            std::string code = membership.current_code(f.code);
            if (code != f.code && !present.count(code) && !membership.communes.count(code)) code = f.code;
            CommuneGroup& grp = groups[code];
            if (grp.features.empty()) {
                grp.code = code;
                grp.department = d.department;
                grp.file = d.file;
            }
            // The name of the commune as it is today: membership for members, else the feature carrying the code.
            if (f.code == code || grp.name.empty()) grp.name = f.name;
            grp.features.push_back(&f);
        }
    }
    for (auto& [code, grp] : groups) {
        auto m = membership.communes.find(code);
        if (m != membership.communes.end()) {
            grp.member = true;
            grp.name = m->second.name;
            grp.department = m->second.department;
        }
    }
    for (const auto& [code, member] : membership.communes) {
        if (!groups.count(code))
            errors.push_back({"maps/cache/communes-" + member.department + ".geojson", "",
                              "Métropole member " + code + " (" + member.name + ") has no contour"});
    }
    return groups;
}

// ---- 2. project -------------------------------------------------------------------------------------------------

std::optional<ProjectedCommunes> project_communes(const std::map<std::string, CommuneGroup>& groups,
                                                  ConfigErrors& errors) {
    Projection projection;
    if (!projection.ok()) {
        errors.push_back({"", "", projection.error()});
        return std::nullopt;
    }
    ProjectedCommunes out;
    Box metropole_box;
    for (const auto& [code, grp] : groups) {
        std::vector<Polygon>& polygons = out.polygons[code];
        for (const GeoFeature* f : grp.features) {
            for (const GeoPolygon& gp : f->polygons) {
                Polygon poly;
                for (size_t r = 0; r < gp.rings.size(); ++r) {
                    Ring ring = gp.rings[r];
                    if (!projection.to_lambert93(ring)) {
                        errors.push_back({grp.file, "", f->code + ": positions that cannot be projected"});
                        ring.clear();
                    }
                    if (r == 0) {
                        poly.outer = std::move(ring);
                    } else if (!ring.empty()) {
                        poly.holes.push_back(std::move(ring));
                    }
                }
                if (poly.outer.size() >= 4) polygons.push_back(std::move(poly));
            }
        }
        if (grp.member)
            for (const Polygon& p : polygons)
                for (const Vec2& q : p.outer) metropole_box.add(q);
    }
    if (metropole_box.empty()) {
        errors.push_back({"", "", "no Métropole geometry"});
        return std::nullopt;
    }
    // Whole metres: the origin is also the key of any cached tiles or screenshots, keep it readable.
    out.origin = {std::round(metropole_box.center().x), std::round(metropole_box.center().y)};
    for (auto& [code, polygons] : out.polygons)
        for (Polygon& p : polygons) {
            for (Vec2& q : p.outer) q = {q.x - out.origin.x, q.y - out.origin.y};
            for (Ring& h : p.holes)
                for (Vec2& q : h) q = {q.x - out.origin.x, q.y - out.origin.y};
        }
    return out;
}

// ---- 3. repair --------------------------------------------------------------------------------------------------

std::optional<std::vector<CommuneShape>> repair_communes(const std::map<std::string, CommuneGroup>& groups,
                                                         const ProjectedCommunes& projected,
                                                         const MapMembership& membership, ConfigErrors& errors) {
    Geos geos;
    std::vector<CommuneShape> members, context;
    for (const auto& [code, grp] : groups) {
        const auto polygons = projected.polygons.find(code);
        Geom geom = make_valid_polygonal(
            geos, make_multipolygon(geos, polygons == projected.polygons.end() ? std::vector<Polygon>{}
                                                                               : polygons->second));
        if (geom && grp.features.size() > 1) {
            Geom united = own(geos, GEOSUnaryUnion_r(geos.h, geom.get()));
            // Re-read without slivers: the two former communes' simplified borders leave pin-holes between them.
            if (united) geom = make_valid_polygonal(geos, make_multipolygon(geos, read_polygons(geos, united.get(),
                                                                                                 kSliverArea)));
        }
        if (!geom || GEOSisEmpty_r(geos.h, geom.get())) {
            errors.push_back({grp.file, "", code + ": geometry cannot be repaired (" + geos.last_error + ")"});
            if (grp.member) return std::nullopt;
            continue;
        }
        CommuneShape c;
        c.insee = code;
        c.name = grp.name;
        c.department = grp.department;
        c.in_metropole = grp.member;
        if (grp.member) c.territory = membership.communes.find(code)->second.territory;
        c.polygons = read_polygons(geos, geom.get(), 0);
        for (const Polygon& p : c.polygons)
            for (const Vec2& q : p.outer) c.bbox.add(q);
        (grp.member ? members : context).push_back(std::move(c));
    }
    members.insert(members.end(), std::make_move_iterator(context.begin()), std::make_move_iterator(context.end()));
    return members;
}

// ---- 4. triangulate ---------------------------------------------------------------------------------------------

void triangulate_communes(std::vector<CommuneShape>& communes, ConfigErrors& errors) {
    // Triangulation and inscribed circles are independent per commune: spread them over the cores, each worker
    // with its own GEOS context rebuilding its communes from the rings (GEOS contexts must not be shared). Each
    // commune is written by one worker only, so the result does not depend on the number of threads.
    std::vector<std::string> commune_errors(communes.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        Geos wg;
        for (size_t i = next++; i < communes.size(); i = next++) {
            CommuneShape& c = communes[i];
            c.triangles.clear();
            c.area_m2 = 0;
            double largest = -1;
            Geom largest_part;
            for (const Polygon& p : c.polygons) {
                std::vector<Ring> rings{p.outer};
                rings.insert(rings.end(), p.holes.begin(), p.holes.end());
                Geom part = own(wg, make_polygon(wg, rings));
                if (!part) continue;
                const double a = area_of(wg, part.get());
                c.area_m2 += a;
                if (!triangulate(wg, part.get(), c.triangles))
                    commune_errors[i] = c.insee + ": triangulation failed (" + wg.last_error + ")";
                if (a > largest) {
                    largest = a;
                    largest_part = std::move(part);
                }
            }
            // Members get a finer anchor: their labels are the ones visitors read.
            c.label_anchor = largest_part ? inscribed_centre(wg, largest_part.get(), largest,
                                                             c.in_metropole ? 0.01 : 0.05)
                                          : c.bbox.center();
        }
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
    for (size_t i = 0; i < commune_errors.size(); ++i)
        if (!commune_errors[i].empty())
            errors.push_back({map_cache_label(communes[i].department), "", commune_errors[i]});
}

// ---- 5. dissolve ------------------------------------------------------------------------------------------------

std::optional<MapOutlines> dissolve_outlines(const std::vector<CommuneShape>& communes,
                                             const MapMembership& membership, ConfigErrors& errors) {
    Geos geos;
    std::vector<Geom> shapes;
    shapes.reserve(communes.size());
    std::map<std::string, std::vector<const GEOSGeometry*>> by_territory, by_department;
    std::vector<const GEOSGeometry*> all_members;
    for (const CommuneShape& c : communes) {
        shapes.push_back(commune_geometry(geos, c));
        const GEOSGeometry* geom = shapes.back().get();
        if (!geom) continue;
        by_department[c.department].push_back(geom);
        if (c.in_metropole) {
            by_territory[c.territory].push_back(geom);
            all_members.push_back(geom);
        }
    }
    MapOutlines out;
    auto dissolve_into = [&](const std::map<std::string, std::vector<const GEOSGeometry*>>& sets,
                             const std::map<std::string, std::string, std::less<>>& names, const char* kind,
                             std::vector<Outline>& into) {
        for (const auto& [code, members] : sets) {
            Geom d = dissolve(geos, members);
            if (!d) {
                errors.push_back({"", "", std::string(kind) + " " + code + ": dissolve failed (" + geos.last_error +
                                              ")"});
                continue;
            }
            auto name = names.find(code);
            into.push_back(to_outline(geos, d.get(), code, name == names.end() ? "" : name->second));
        }
    };
    dissolve_into(by_territory, membership.territory_names, "territory", out.territories);
    dissolve_into(by_department, membership.department_names, "department", out.departments);
    Geom metropole = dissolve(geos, all_members);
    if (!metropole) {
        errors.push_back({"", "", "Métropole: dissolve failed (" + geos.last_error + ")"});
        return std::nullopt;
    }
    out.metropole = to_outline(geos, metropole.get(), membership.metropole_code, membership.metropole_name);
    return out;
}

// ---- 6. arrondissements ----------------------------------------------------------------------------------------

namespace {

// Every LineString of `geom` (LineString, MultiLineString or a collection) as an open polyline.
void collect_lines(Geos& g, const GEOSGeometry* geom, std::vector<std::vector<Vec2>>& out) {
    if (!geom || GEOSisEmpty_r(g.h, geom)) return;
    const int type = GEOSGeomTypeId_r(g.h, geom);
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        std::vector<Vec2> line = read_ring(g, geom);
        if (line.size() >= 2) out.push_back(std::move(line));
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(g.h, geom);
        for (int i = 0; i < n; ++i) collect_lines(g, GEOSGetGeometryN_r(g.h, geom, i), out);
    }
}

double polyline_length(const std::vector<Vec2>& line) {
    double len = 0;
    for (size_t i = 1; i < line.size(); ++i) len += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    return len;
}

}  // namespace

std::optional<ArrondissementLayer> build_arrondissements(const ArrondissementContours& input, Vec2 origin,
                                                         const CommuneShape& paris, ConfigErrors& errors) {
    const std::string& file = input.file;
    Projection projection;
    if (!projection.ok()) {
        errors.push_back({file, "", projection.error()});
        return std::nullopt;
    }
    Geos geos;
    Geom paris_geom = make_valid_polygonal(geos, commune_geometry(geos, paris));
    if (!paris_geom || GEOSisEmpty_r(geos.h, paris_geom.get())) {
        errors.push_back({file, "", "Paris has no geometry to clip the arrondissements to"});
        return std::nullopt;
    }
    ArrondissementLayer out;
    std::vector<Geom> shapes;  // each arrondissement as the file draws it (repaired), for the borders
    bool any_named = false;
    for (const GeoFeature& f : input.contours.features) {
        Arrondissement a;
        a.insee = f.code;
        a.number = arrondissement_number(f.code);
        a.name = f.name;
        a.usage_name = f.usage_name;
        any_named = any_named || !f.usage_name.empty();
        std::vector<Polygon> polys;
        for (const GeoPolygon& gp : f.polygons) {
            Polygon poly;
            for (size_t r = 0; r < gp.rings.size(); ++r) {
                Ring ring = gp.rings[r];
                if (!projection.to_lambert93(ring)) {
                    errors.push_back({file, "", f.code + ": positions that cannot be projected"});
                    return std::nullopt;
                }
                for (Vec2& q : ring) q = {q.x - origin.x, q.y - origin.y};
                (r == 0 ? poly.outer : poly.holes.emplace_back()) = std::move(ring);
            }
            polys.push_back(std::move(poly));
        }
        Geom shape = make_valid_polygonal(geos, make_multipolygon(geos, polys));
        Geom clipped =
            shape ? own(geos, GEOSIntersection_r(geos.h, shape.get(), paris_geom.get())) : own(geos, nullptr);
        if (clipped)
            clipped = make_valid_polygonal(
                geos, make_multipolygon(geos, read_polygons(geos, clipped.get(), kSliverArea)));
        if (!clipped || GEOSisEmpty_r(geos.h, clipped.get())) {
            errors.push_back({file, "", f.code + ": nothing of it lies inside Paris (" + geos.last_error + ")"});
            return std::nullopt;
        }
        a.polygons = read_polygons(geos, clipped.get(), 0);
        double largest = -1;
        Geom largest_part;
        for (const Polygon& p : a.polygons) {
            for (const Vec2& q : p.outer) a.bbox.add(q);
            std::vector<Ring> rings{p.outer};
            rings.insert(rings.end(), p.holes.begin(), p.holes.end());
            Geom part = own(geos, make_polygon(geos, rings));
            const double area = area_of(geos, part.get());
            a.area_m2 += area;
            if (part && area > largest) {
                largest = area;
                largest_part = std::move(part);
            }
        }
        a.label_anchor = largest_part ? inscribed_centre(geos, largest_part.get(), largest, 0.01) : a.bbox.center();
        shapes.push_back(std::move(shape));
        out.arrondissements.push_back(std::move(a));
    }
    std::sort(out.arrondissements.begin(), out.arrondissements.end(),
              [](const Arrondissement& x, const Arrondissement& y) { return x.number < y.number; });
    out.source = any_named ? ArrondissementSource::VilleDeParis : ArrondissementSource::IgnAdminExpress;

    // The lines between arrondissements. Union of all boundaries: shared edges once, noded.
    std::vector<GEOSGeometry*> boundaries;
    std::vector<const GEOSGeometry*> members;
    for (const Geom& sh : shapes) {
        if (!sh) continue;
        members.push_back(sh.get());
        if (GEOSGeometry* b = GEOSBoundary_r(geos.h, sh.get())) boundaries.push_back(b);
    }
    Geom all = own(geos, GEOSGeom_createCollection_r(geos.h, GEOS_GEOMETRYCOLLECTION, boundaries.data(),
                                                     static_cast<unsigned>(boundaries.size())));
    Geom lines = all ? own(geos, GEOSUnaryUnion_r(geos.h, all.get())) : own(geos, nullptr);
    // Away from the arrondissements' own outer edge and from Paris's outline: only the inner borders are left.
    Geom outer = dissolve(geos, members);
    Geom outer_edge = outer ? own(geos, GEOSBoundary_r(geos.h, outer.get())) : own(geos, nullptr);
    Geom paris_edge = own(geos, GEOSBoundary_r(geos.h, paris_geom.get()));
    if (!lines || !outer_edge || !paris_edge) {
        errors.push_back({file, "", "arrondissement borders cannot be built (" + geos.last_error + ")"});
        return std::nullopt;
    }
    Geom near_outer = own(geos, GEOSBuffer_r(geos.h, outer_edge.get(), kArrondissementEdgeM, 4));
    Geom near_paris = own(geos, GEOSBuffer_r(geos.h, paris_edge.get(), kArrondissementEdgeM, 4));
    Geom inner = near_outer ? own(geos, GEOSDifference_r(geos.h, lines.get(), near_outer.get())) : own(geos, nullptr);
    if (inner) inner = own(geos, GEOSIntersection_r(geos.h, inner.get(), paris_geom.get()));
    if (inner && near_paris) inner = own(geos, GEOSDifference_r(geos.h, inner.get(), near_paris.get()));
    if (inner) {
        if (Geom merged = own(geos, GEOSLineMerge_r(geos.h, inner.get()))) inner = std::move(merged);
        if (Geom simple = own(geos, GEOSTopologyPreserveSimplify_r(geos.h, inner.get(), kArrondissementSimplifyM)))
            inner = std::move(simple);
    }
    if (!inner) {
        errors.push_back({file, "", "arrondissement borders cannot be built (" + geos.last_error + ")"});
        return std::nullopt;
    }
    std::vector<std::vector<Vec2>> pieces;
    collect_lines(geos, inner.get(), pieces);
    for (std::vector<Vec2>& line : pieces)
        if (polyline_length(line) >= kArrondissementMinBorderM) out.borders.push_back(std::move(line));
    return out;
}

// ---- the whole build --------------------------------------------------------------------------------------------

MapBuild build_map(const std::vector<DepartmentContours>& departments, const MapMembership& membership,
                   const ArrondissementContours* arrondissements) {
    MapBuild result;
    ConfigErrors& errors = result.errors;
    const std::map<std::string, CommuneGroup> groups = group_communes(departments, membership, errors);
    if (!errors.empty()) return result;
    std::optional<ProjectedCommunes> projected = project_communes(groups, errors);
    if (!projected) return result;
    std::optional<std::vector<CommuneShape>> communes = repair_communes(groups, *projected, membership, errors);
    if (!communes) return result;
    triangulate_communes(*communes, errors);
    std::optional<MapOutlines> outlines = dissolve_outlines(*communes, membership, errors);
    if (!outlines) return result;

    MapModel model;
    model.origin = projected->origin;
    model.communes = std::move(*communes);
    for (const CommuneShape& c : model.communes) {
        if (c.in_metropole) ++model.metropole_count;
        for (const Polygon& p : c.polygons)
            for (const Vec2& q : p.outer) {
                model.full_bbox.add(q);
                if (c.in_metropole) model.metropole_bbox.add(q);
            }
    }
    model.territories = std::move(outlines->territories);
    model.departments = std::move(outlines->departments);
    model.metropole = std::move(outlines->metropole);
    if (arrondissements) {
        const std::optional<size_t> paris = model.find("75056");
        std::optional<ArrondissementLayer> layer;
        if (!paris) {
            result.arrondissement_errors.push_back({arrondissements->file, "", "the map has no Paris (75056)"});
        } else {
            layer = build_arrondissements(*arrondissements, model.origin, model.communes[*paris],
                                          result.arrondissement_errors);
        }
        if (layer) {
            model.arrondissements = std::move(layer->arrondissements);
            model.arrondissement_borders = std::move(layer->borders);
            model.arrondissements_source = layer->source;
        }
    }
    result.model = std::move(model);
    return result;
}

}  // namespace qmi
