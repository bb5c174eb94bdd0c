#include "core/map_cache.hpp"

#include "core/atomic_file.hpp"
#include "core/contour_files.hpp"

#include <sodium.h>

#include <bit>
#include <cstring>

namespace qmi {
namespace {

static_assert(std::endian::native == std::endian::little, "map cache is written in host order = little-endian");

constexpr char kMagic[8] = {'Q', 'M', 'I', 'M', 'A', 'P', '\r', '\n'};
constexpr size_t kHashBytes = 32;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + kHashBytes + 8 + kHashBytes;

void ensure_sodium() {
    static const int ok = sodium_init();  // thread-safe, idempotent; >= 0 means ready
    (void)ok;
}

std::string blake2b(std::string_view data) {
    ensure_sodium();
    unsigned char out[kHashBytes];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

struct Writer {
    std::string out;
    template <class T>
    void raw(T v) {
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        out.append(b, sizeof(T));
    }
    void u32(uint32_t v) { raw(v); }
    void f64(double v) { raw(v); }
    void str(std::string_view s) {
        u32(static_cast<uint32_t>(s.size()));
        out.append(s);
    }
    void points(const std::vector<Vec2>& pts, Vec2 shift = {}) {
        u32(static_cast<uint32_t>(pts.size()));
        for (const Vec2& p : pts) {
            raw(static_cast<float>(p.x - shift.x));
            raw(static_cast<float>(p.y - shift.y));
        }
    }
    void outline(const Outline& o) {
        str(o.code);
        str(o.name);
        u32(static_cast<uint32_t>(o.rings.size()));
        for (const Ring& r : o.rings) points(r);
    }
};

// Every read is bounds-checked; a count is accepted only if that many minimal elements still fit in the bytes
// left, so a corrupted count can never make us allocate gigabytes.
struct Reader {
    std::string_view in;
    size_t pos = 0;
    bool ok = true;
    template <class T>
    T raw() {
        T v{};
        if (!ok || in.size() - pos < sizeof(T)) {
            ok = false;
            return v;
        }
        std::memcpy(&v, in.data() + pos, sizeof(T));
        pos += sizeof(T);
        return v;
    }
    uint32_t count(size_t min_element_bytes) {
        const uint32_t n = raw<uint32_t>();
        if (ok && static_cast<uint64_t>(n) * min_element_bytes > in.size() - pos) ok = false;
        return ok ? n : 0;
    }
    std::string str() {
        const uint32_t n = count(1);
        if (!ok) return {};
        std::string s(in.substr(pos, n));
        pos += n;
        return s;
    }
    std::vector<Vec2> points() {
        const uint32_t n = count(8);
        std::vector<Vec2> pts;
        pts.reserve(n);
        for (uint32_t i = 0; i < n && ok; ++i) {
            const float x = raw<float>(), y = raw<float>();
            pts.push_back({x, y});
        }
        return pts;
    }
    // A commune's or an arrondissement's polygons: each an outer ring and its holes.
    std::vector<Polygon> polygons() {
        std::vector<Polygon> out;
        const uint32_t np = count(8);
        for (uint32_t k = 0; k < np && ok; ++k) {
            Polygon poly;
            poly.outer = points();
            const uint32_t nh = count(4);
            for (uint32_t j = 0; j < nh && ok; ++j) poly.holes.push_back(points());
            out.push_back(std::move(poly));
        }
        return out;
    }
    Outline outline() {
        Outline o;
        o.code = str();
        o.name = str();
        const uint32_t n = count(4);
        for (uint32_t i = 0; i < n && ok; ++i) o.rings.push_back(points());
        return o;
    }
};

}  // namespace

std::string map_input_key(const std::vector<std::string>& geojson_files, const MapMembership& membership) {
    // Length-prefixed pieces so that moving bytes from one file to the next changes the key.
    Writer w;
    w.str("qmi map input");
    w.u32(kMapCacheVersion);
    w.u32(static_cast<uint32_t>(geojson_files.size()));
    for (const std::string& f : geojson_files) w.str(blake2b(f));
    for (const auto& [code, m] : membership.communes) {
        w.str(code);
        w.str(m.name);
        w.str(m.department);
        w.str(m.territory);
    }
    for (const auto& [from, to] : membership.former_codes) {
        w.str(from);
        w.str(to);
    }
    for (const auto& [code, name] : membership.department_names) {
        w.str(code);
        w.str(name);
    }
    for (const auto& [code, name] : membership.territory_names) {
        w.str(code);
        w.str(name);
    }
    w.str(membership.metropole_code);
    w.str(membership.metropole_name);
    return blake2b(w.out);
}

std::string encode_map_model(const MapModel& model, std::string_view input_key) {
    Writer p;
    p.f64(model.origin.x);
    p.f64(model.origin.y);
    p.u32(static_cast<uint32_t>(model.metropole_count));
    p.u32(static_cast<uint32_t>(model.communes.size()));
    for (const CommuneShape& c : model.communes) {
        p.str(c.insee);
        p.str(c.name);
        p.str(c.department);
        p.str(c.territory);
        p.u32(c.in_metropole ? 1 : 0);
        p.u32(static_cast<uint32_t>(c.polygons.size()));
        for (const Polygon& poly : c.polygons) {
            p.points(poly.outer);
            p.u32(static_cast<uint32_t>(poly.holes.size()));
            for (const Ring& h : poly.holes) p.points(h);
        }
        p.points(c.triangles);
        p.f64(c.label_anchor.x);
        p.f64(c.label_anchor.y);
        p.f64(c.area_m2);
    }
    p.u32(static_cast<uint32_t>(model.territories.size()));
    for (const Outline& o : model.territories) p.outline(o);
    p.u32(static_cast<uint32_t>(model.departments.size()));
    for (const Outline& o : model.departments) p.outline(o);
    p.outline(model.metropole);
    p.u32(static_cast<uint32_t>(model.arrondissements_source));
    p.u32(static_cast<uint32_t>(model.arrondissements.size()));
    for (const Arrondissement& a : model.arrondissements) {
        p.str(a.insee);
        p.u32(static_cast<uint32_t>(a.number));
        p.str(a.name);
        p.str(a.usage_name);
        p.u32(static_cast<uint32_t>(a.polygons.size()));
        for (const Polygon& poly : a.polygons) {
            p.points(poly.outer);
            p.u32(static_cast<uint32_t>(poly.holes.size()));
            for (const Ring& h : poly.holes) p.points(h);
        }
        p.f64(a.label_anchor.x);
        p.f64(a.label_anchor.y);
        p.f64(a.area_m2);
    }
    p.u32(static_cast<uint32_t>(model.arrondissement_borders.size()));
    for (const std::vector<Vec2>& line : model.arrondissement_borders) p.points(line);

    Writer out;
    out.out.append(kMagic, sizeof kMagic);
    out.u32(kMapCacheVersion);
    out.u32(0);
    out.out.append(input_key.substr(0, kHashBytes));
    out.out.append(kHashBytes - std::min(kHashBytes, input_key.size()), '\0');
    out.raw(static_cast<uint64_t>(p.out.size()));
    out.out.append(blake2b(p.out));
    out.out.append(p.out);
    return out.out;
}

std::optional<MapModel> decode_map_model(std::string_view bytes, std::string_view input_key, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<MapModel> {
        if (why) *why = reason;
        return std::nullopt;
    };
    if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return fail("not a map cache file");
    Reader h{bytes.substr(sizeof kMagic)};
    if (h.raw<uint32_t>() != kMapCacheVersion) return fail("cache format version differs");
    h.raw<uint32_t>();
    if (!input_key.empty() && bytes.substr(16, kHashBytes) != input_key)
        return fail("contours or membership changed since the cache was built");
    const uint64_t size = [&] {
        uint64_t v;
        std::memcpy(&v, bytes.data() + 16 + kHashBytes, 8);
        return v;
    }();
    const std::string_view checksum = bytes.substr(16 + kHashBytes + 8, kHashBytes);
    const std::string_view payload = bytes.substr(kHeaderBytes);
    if (payload.size() != size) return fail("cache file truncated or padded");
    if (blake2b(payload) != checksum) return fail("cache checksum mismatch (corrupted file)");
    return decode_map_payload(payload, why);
}

std::optional<MapModel> decode_map_payload(std::string_view payload, std::string* why) {
    auto fail = [&](const char* reason) -> std::optional<MapModel> {
        if (why) *why = reason;
        return std::nullopt;
    };
    Reader r{payload};
    MapModel m;
    m.origin.x = r.raw<double>();
    m.origin.y = r.raw<double>();
    const uint32_t metropole_count = r.raw<uint32_t>();
    const uint32_t n = r.count(16);
    m.communes.reserve(n);
    for (uint32_t i = 0; i < n && r.ok; ++i) {
        CommuneShape c;
        c.insee = r.str();
        c.name = r.str();
        c.department = r.str();
        c.territory = r.str();
        c.in_metropole = r.raw<uint32_t>() != 0;
        c.polygons = r.polygons();
        c.triangles = r.points();
        c.label_anchor.x = r.raw<double>();
        c.label_anchor.y = r.raw<double>();
        c.area_m2 = r.raw<double>();
        // Boxes are derived, not stored: they always agree with the (float-rounded) rings.
        for (const Polygon& poly : c.polygons)
            for (const Vec2& q : poly.outer) {
                c.bbox.add(q);
                m.full_bbox.add(q);
                if (c.in_metropole) m.metropole_bbox.add(q);
            }
        m.communes.push_back(std::move(c));
    }
    const uint32_t nt = r.count(12);
    for (uint32_t i = 0; i < nt && r.ok; ++i) m.territories.push_back(r.outline());
    const uint32_t nd = r.count(12);
    for (uint32_t i = 0; i < nd && r.ok; ++i) m.departments.push_back(r.outline());
    m.metropole = r.outline();
    const uint32_t source = r.raw<uint32_t>();
    if (source > static_cast<uint32_t>(ArrondissementSource::VilleDeParis)) return fail("cache payload inconsistent");
    m.arrondissements_source = static_cast<ArrondissementSource>(source);
    const uint32_t na = r.count(16);
    for (uint32_t i = 0; i < na && r.ok; ++i) {
        Arrondissement a;
        a.insee = r.str();
        a.number = static_cast<int>(r.raw<uint32_t>());
        a.name = r.str();
        a.usage_name = r.str();
        a.polygons = r.polygons();
        a.label_anchor.x = r.raw<double>();
        a.label_anchor.y = r.raw<double>();
        a.area_m2 = r.raw<double>();
        for (const Polygon& poly : a.polygons)
            for (const Vec2& q : poly.outer) a.bbox.add(q);
        m.arrondissements.push_back(std::move(a));
    }
    const uint32_t nb = r.count(4);
    for (uint32_t i = 0; i < nb && r.ok; ++i) m.arrondissement_borders.push_back(r.points());
    if (!r.ok || r.pos != payload.size()) return fail("cache payload malformed");
    for (const Arrondissement& a : m.arrondissements)
        if (a.number < 1 || a.number > 20) return fail("cache payload inconsistent");
    if (m.arrondissements.empty() != (m.arrondissements_source == ArrondissementSource::None))
        return fail("cache payload inconsistent");
    if (metropole_count > m.communes.size()) return fail("cache payload inconsistent");
    for (const CommuneShape& c : m.communes)
        if (c.triangles.size() % 3 != 0) return fail("cache payload inconsistent");
    m.metropole_count = metropole_count;
    return m;
}

std::filesystem::path map_model_cache_file(const std::filesystem::path& root) {
    return root / "maps" / "cache" / "map-model.bin";
}

const char* map_origin_name(MapOrigin origin) {
    switch (origin) {
        case MapOrigin::None: return "none";
        case MapOrigin::Cache: return "map-model.bin";
        case MapOrigin::Built: return "built from the contours";
        case MapOrigin::LastGood: return "last good map-model.bin";
        case MapOrigin::Partial: return "built from the valid contour files only";
    }
    return "?";
}

namespace {
MapLoad load_map_files(const std::filesystem::path& root, const MapMembership& membership,
                       const MapLoadOptions& options) {
    MapLoad out;
    const std::vector<ContourBytes> files = read_contour_files(root);
    bool all_read = true;
    std::vector<std::string> bytes;
    for (const ContourBytes& f : files) {
        all_read = all_read && f.bytes.has_value();
        bytes.push_back(f.bytes.value_or(std::string()));
    }
    // The arrondissements are optional: a missing file is a state like any other (its key is that of ""), and
    // the model cached without them is used as is; only a fetch brings them.
    const ContourBytes arrondissements = read_arrondissements_file(root);
    bytes.push_back(arrondissements.bytes.value_or(std::string()));
    if (!arrondissements.bytes) {
        out.arrondissements_note = std::string(kArrondissementsLabel) + ": " + arrondissements.error +
                                   "; Paris is drawn without its arrondissements";
        out.repair_arrondissements = true;
    }
    const std::string key = map_input_key(bytes, membership);

    // The binary cache: used as is when built from exactly these files, kept aside as the last good model.
    const std::filesystem::path bin = map_model_cache_file(root);
    const FileRead cached = read_file_capped(bin, kMaxMapModelBytes);
    std::optional<MapModel> last_good;
    if (cached.bytes) {
        std::string why;
        if (all_read) {
            if (auto model = decode_map_model(*cached.bytes, key, &why)) {
                out.model = std::move(model);
                out.origin = MapOrigin::Cache;
                return out;
            }
        }
        out.cache_note = "map-model.bin not used: " + why;
        last_good = decode_map_model(*cached.bytes, {}, &why);
        if (!last_good) out.cache_note = "map-model.bin not used: " + why;
    } else {
        out.cache_note = cached.missing ? "map-model.bin absent" : "map-model.bin not used: " + cached.error;
    }

    // Every file through the one check; a damaged one is repaired in the background, never built from.
    std::vector<DepartmentCheck> checks = check_contour_files(files, membership);
    std::vector<DepartmentContours> inputs;
    for (DepartmentCheck& c : checks) {
        if (c.ok()) {
            inputs.push_back({c.department, c.file, std::move(*c.contours)});
        } else {
            out.errors.insert(out.errors.end(), c.errors.begin(), c.errors.end());
            out.repair.push_back(c.department);
        }
    }
    if (!out.repair.empty() && last_good) {
        out.model = std::move(last_good);
        out.origin = MapOrigin::LastGood;
        out.cache_note.clear();  // nothing wrong with it: the contour files are (errors, repair)
        return out;
    }
    for (const std::string& dept : out.repair)
        if (membership.members_in(dept) > 0) return out;  // no map without a Métropole department: say only why

    // The arrondissements through their one check; a damaged file is never built from (and the model built
    // without it is not cached: the next start must see the damage again, and the repair must be scheduled).
    std::optional<ArrondissementContours> arr_input;
    bool arrondissements_damaged = false;
    if (arrondissements.bytes) {
        ArrondissementsCheck check = check_arrondissements(*arrondissements.bytes, kArrondissementsLabel);
        if (check.ok()) {
            arr_input = ArrondissementContours{check.file, std::move(*check.contours)};
        } else {
            arrondissements_damaged = true;
            out.repair_arrondissements = true;
            out.arrondissement_errors = check.errors;
            out.arrondissements_note = check.errors.front().message() +
                                       (check.errors.size() > 1 ? " (and " + std::to_string(check.errors.size() - 1) +
                                                                      " more problems)"
                                                                : std::string()) +
                                       "; Paris is drawn without its arrondissements";
        }
    }

    MapBuild built = build_map(inputs, membership, arr_input ? &*arr_input : nullptr);
    out.errors.insert(out.errors.end(), built.errors.begin(), built.errors.end());
    if (!built.arrondissement_errors.empty()) {
        arrondissements_damaged = true;
        out.arrondissement_errors = built.arrondissement_errors;
        out.arrondissements_note = built.arrondissement_errors.front().message() +
                                   "; Paris is drawn without its arrondissements";
    }
    if (!built.model || (!built.errors.empty() && last_good)) {
        // A build that failed, or one with errors when a complete model exists: keep the last good one.
        if (last_good) {
            out.model = std::move(last_good);
            out.origin = MapOrigin::LastGood;
            out.cache_note = "the last good map-model.bin is used: the contours did not build cleanly";
        }
        return out;
    }
    const std::string encoded = encode_map_model(*built.model, key);
    std::string why;
    out.model = decode_map_model(encoded, key, &why);  // the form every later start will read
    if (!out.model) {
        out.errors.push_back({"maps/cache/map-model.bin", "", "internal: cache round trip failed: " + why});
        out.model = std::move(built.model);
    }
    if (!out.repair.empty()) {
        out.origin = MapOrigin::Partial;
        out.cache_note += "; not written: built without the damaged contour files";
    } else if (!out.errors.empty()) {
        out.origin = MapOrigin::Built;
        out.cache_note += "; not written: the build reported errors";
    } else if (arrondissements_damaged) {
        // One line says it all (the arrondissements' note): the model is good but must not hide the damage.
        out.origin = MapOrigin::Built;
        out.cache_note.clear();
        out.arrondissements_note += " (map-model.bin is not written until the file is repaired)";
    } else {
        out.origin = MapOrigin::Built;
        if (!options.write_cache) {
            out.cache_note += "; not written (check only)";
        } else if (std::string write_error = write_file_atomically(bin, encoded); !write_error.empty()) {
            out.cache_note += "; not written: " + write_error;
        } else {
            out.cache_note.clear();
        }
    }
    return out;
}

}  // namespace

MapLoad load_map(const std::filesystem::path& root, const MapMembership& membership, const MapLoadOptions& options) {
    MapLoad out = load_map_files(root, membership, options);
    // A last good model may hold arrondissements although today's file is missing: Paris is then not drawn
    // without them (the file is still fetched again).
    if (out.model && !out.model->arrondissements.empty()) out.arrondissements_note.clear();
    return out;
}

}  // namespace qmi
