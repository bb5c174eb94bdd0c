// Fills <root>/maps/cache with the commune contours of the eight Île-de-France departments: at set-up
// (--fetch-maps), in the background while the kiosk runs (the periodic refresh, and the repair of damaged files),
// and at start when no map can be drawn at all. Every file is downloaded and passes check_department (the same
// check the start-up applies) before any is written, so a failed or partial fetch leaves the previous cache exactly
// as it was.
#pragma once
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/map_build.hpp"
#include "core/settings.hpp"

namespace qmi::net {

// The official source: the French administration's geo API, current boundaries.
inline constexpr const char* kOfficialMapSource =
    "https://geo.api.gouv.fr/departements/{dept}/communes?format=geojson&geometry=contour";

// The official source of Paris's arrondissements (IGN ADMIN EXPRESS through the geo API, Licence Ouverte).
inline constexpr const char* kOfficialArrondissementsSource =
    "https://geo.api.gouv.fr/communes?codeDepartement=75&type=arrondissement-municipal&format=geojson&geometry=contour";

// The map source in force: the QMI_MAP_SOURCE environment variable when set and not empty (set-up, CI, a kiosk
// without network), else kiosk.json's map_source; "" = the defaults below.
std::string effective_map_source(const Settings& settings);

// Sources in the order they are tried. `configured` is effective_map_source(); a configured source is used alone,
// otherwise the official API, then the offline mirror <root>/../shared/data/geo if that directory exists.
std::vector<std::string> map_sources(const std::filesystem::path& root, std::string_view configured);

// One department's URL for a source: a URL template with {dept}; or a directory (plain path or file://) holding
// communes-<dept>.geojson; or an http(s) base URL without {dept}, likewise.
std::string map_source_url(std::string_view source, std::string_view department);

// Where a source serves arrondissements-75.geojson: the official API (and any geo.api.gouv.fr source) ->
// kOfficialArrondissementsSource; a directory or a base URL -> its arrondissements-75.geojson; a URL or path
// template with {dept} -> "" (a template names commune files only: such a source has no arrondissements).
std::string arrondissements_source_url(std::string_view source);

struct MapFetchOptions {
    size_t max_bytes = 20 * 1024 * 1024;  // per department file (Seine-et-Marne at full precision is a few MB)
    long connect_timeout_s = 10;
    long total_timeout_s = 120;
    std::string ca_file;
    const std::atomic<bool>* cancel = nullptr;
    bool prebuild_model = true;  // also (re)build maps/cache/map-model.bin so the next kiosk start is fast
    // The departments to fetch; empty = all eight. The repair of damaged files fetches only those.
    std::vector<std::string> departments;
    // false (set-up): nothing to do while the cache holds valid files for `departments`. true (the periodic refresh,
    // a repair): download them again even when valid, check each, stage them as temporary files beside the cache,
    // then rename them over the cache; any failure keeps the old cache as it was. Identical downloads write nothing.
    bool refresh = false;
    // What to fetch: the commune contours of `departments`, and Paris's arrondissements (optional: whether they
    // come or not never changes the result while communes are fetched too). The repair of a damaged or missing
    // arrondissements file alone sets communes = false.
    bool communes = true;
    bool arrondissements = true;
};

// The arrondissements alone, from the first source that serves a valid file (check_arrondissements), written
// atomically over maps/cache/arrondissements-75.geojson. Without refresh, nothing is fetched while the cached file
// is valid. Never touches a valid cached file unless a valid download differs from it.
enum class ArrondissementsFetch {
    Current,     // the cached file is valid and no refresh was asked
    Written,     // a new valid file is in the cache
    Unchanged,   // refreshed: the download is the cached file
    NotOffered,  // no source serves arrondissements (a {dept} template): nothing to do, not an error
    Failed,      // every source that serves them failed or sent an invalid file: the cache stays as it was
};
ArrondissementsFetch fetch_arrondissements(const std::filesystem::path& root, const std::vector<std::string>& sources,
                                           const MapFetchOptions& options);

// True when the eight cached files exist and pass check_department; else `why` says what not.
bool map_cache_complete(const std::filesystem::path& root, const MapMembership& membership, std::string* why = nullptr);

// Returns 0 when the cache is complete for options.departments (the arrondissements, fetched after them when
// options.arrondissements, are logged and never change it; with communes = false it is 1 only for
// ArrondissementsFetch::Failed) (already, or after fetching from the first source
// that fully works); otherwise logs one line per failed source and a final line, returns 1, and leaves the previous
// cache untouched (a staging file of a fetch killed half-way is removed by remove_stale_temporaries).
// With options.refresh, 0 means the cache now holds the newest valid download (changed or not); a running kiosk
// keeps drawing the model it loaded at start, new contours are used at the next start.
int fetch_maps(const std::filesystem::path& root, const std::vector<std::string>& sources,
               const MapMembership& membership, const MapFetchOptions& options = {});

}  // namespace qmi::net
