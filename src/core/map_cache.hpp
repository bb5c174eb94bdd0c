// Compact binary cache of the built MapModel, so the kiosk starts without re-running the GEOS build (about 1 s,
// see tests/bench/bench_map.cpp) at every start.
// File: <root>/maps/cache/map-model.bin (git-ignored with the rest of maps/cache). Layout, little-endian:
//   "QMIMAP\r\n" | u32 format version | u32 0 | 32-byte input key | u64 payload size | 32-byte payload checksum |
//   payload
// The input key is BLAKE2b over the format version, the bytes of the eight GeoJSON files and the membership facts
// the build uses: any change of contours, membership or format rebuilds. The checksum (BLAKE2b of the payload)
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

constexpr uint32_t kMapCacheVersion = 1;

// 32 raw bytes.
std::string map_input_key(const std::vector<std::string>& geojson_files, const MapMembership& membership);

std::string encode_map_model(const MapModel& model, std::string_view input_key);
// nullopt (and `why` set) when the bytes are not a complete, intact cache for `input_key`.
std::optional<MapModel> decode_map_model(std::string_view bytes, std::string_view input_key, std::string* why);

// <root>/maps/cache/map-model.bin
std::filesystem::path map_model_cache_file(const std::filesystem::path& root);

struct MapLoad {
    std::optional<MapModel> model;
    ConfigErrors errors;
    bool from_cache = false;     // true: read from map-model.bin; false: built from GeoJSON (and cache rewritten)
    std::string cache_note;      // why the binary cache was not used or not written ("" when used / written)
};

// What the app calls at start: reads the eight cached GeoJSON files, uses map-model.bin when it matches them,
// else builds (build_map) and rewrites map-model.bin atomically (temp file, fsync, rename). Either way the
// returned model is the decoded form, so a cached and a fresh start draw exactly the same thing.
MapLoad load_map(const std::filesystem::path& root, const MapMembership& membership);

}  // namespace qmi
