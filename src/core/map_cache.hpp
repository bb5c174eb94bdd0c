// Compact binary cache of the built MapModel, so the kiosk starts without re-running the GEOS build (about 1 s,
// see tests/bench/bench_map.cpp) at every start.
// File: <root>/maps/cache/map-model.bin (git-ignored with the rest of maps/cache). Layout, little-endian:
//   "QMIMAP\r\n" | u32 format version | u32 0 | 32-byte input key | u64 payload size | 32-byte payload checksum |
//   payload
// The input key is BLAKE2b over the format version, the bytes of the eight GeoJSON files and of
// arrondissements-75.geojson ("" when absent) and the membership facts the build uses: any change of contours,
// arrondissements, membership or format rebuilds. The checksum (BLAKE2b of the payload)
// catches truncation and bit rot; a bad file is rebuilt, never trusted. Coordinates are stored as float32 relative
// to the origin (IdF spans < 200 km: better than 1 cm), which halves the size.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_error.hpp"
#include "core/map_build.hpp"
#include "core/map_model.hpp"

namespace qmi {

// Bumped whenever the format OR the contour validation changes: a model is cached only from files that passed
// validation, so a stricter validation must not keep trusting models built from files it would now refuse.
constexpr uint32_t kMapCacheVersion = 3;  // 3: Paris's arrondissements (a model may have none)
// map-model.bin of the eight departments is about 2 MB.
constexpr size_t kMaxMapModelBytes = 64u << 20;

// 32 raw bytes. `geojson_files`: the eight department files in ile_de_france_departments() order, then the
// arrondissements file.
std::string map_input_key(const std::vector<std::string>& geojson_files, const MapMembership& membership);

std::string encode_map_model(const MapModel& model, std::string_view input_key);
// nullopt (and `why` set) when the bytes are not a complete, intact cache for `input_key`. An empty `input_key`
// accepts a model built from any inputs (the last good model while contour files are damaged); the checksum is
// verified either way.
std::optional<MapModel> decode_map_model(std::string_view bytes, std::string_view input_key, std::string* why);
// The payload alone, after the header and checksum (what decode_map_model does once they are verified). Public for
// the fuzzer, which could not get past a checksum.
std::optional<MapModel> decode_map_payload(std::string_view payload, std::string* why);

// <root>/maps/cache/map-model.bin
std::filesystem::path map_model_cache_file(const std::filesystem::path& root);

enum class MapOrigin {
    None,      // no model: no usable map-model.bin and the contours cannot be built
    Cache,     // map-model.bin built from exactly the contour files on disk
    Built,     // built from the contour files now (and written to map-model.bin unless errors or write_cache off)
    LastGood,  // map-model.bin built from older contours: the files on disk are damaged (see `repair`)
    Partial,   // built from the valid files only, not cached: some are damaged and there is no last good model
};
const char* map_origin_name(MapOrigin origin);  // "map-model.bin", "built", ...

struct MapLoad {
    std::optional<MapModel> model;
    MapOrigin origin = MapOrigin::None;
    ConfigErrors errors;              // damaged contour files and build problems, each naming its file
    std::vector<std::string> repair;  // departments whose cached contour file is damaged: refetch them
    std::string cache_note;           // why map-model.bin was not used or not written ("" when used / written)
    // The optional arrondissements: "" when the model has them (or comes from map-model.bin built with them), else
    // one line saying why Paris is drawn as one shape ("maps/cache/arrondissements-75.geojson: missing (...)").
    std::string arrondissements_note;
    // arrondissements-75.geojson is missing or damaged: fetch it in the background (map_source). A damaged file is
    // never built from, and a model built without it because it is damaged is not written to map-model.bin.
    bool repair_arrondissements = false;
    ConfigErrors arrondissement_errors;  // why the file is damaged (--check-config lists them)
    bool from_cache() const { return origin == MapOrigin::Cache || origin == MapOrigin::LastGood; }
};

struct MapLoadOptions {
    bool write_cache = true;  // false: judge only, never write (--check-config)
};

// What the app calls at start and --check-config calls to judge the same files the same way. Reads the eight
// contour files and the arrondissements file (the fast path: their bytes match map-model.bin's key, nothing is
// parsed); otherwise checks every file (check_department, check_arrondissements: the arrondissements are optional,
// missing or damaged the map is built without them), builds from valid files and writes map-model.bin atomically, but only from a build
// without any error. With damaged files the last good map-model.bin is used if there is one, else what the valid
// files give (never cached); `repair` lists the damaged departments for a background refetch. Either way the
// returned model is the decoded form, so a cached and a fresh start draw exactly the same thing.
MapLoad load_map(const std::filesystem::path& root, const MapMembership& membership, const MapLoadOptions& options = {});

}  // namespace qmi
