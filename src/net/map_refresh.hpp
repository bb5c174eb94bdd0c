// The map job of the background thread (BackgroundJobs): repairs damaged contour files (and a missing or damaged
// arrondissements file) soon after start, then re-downloads all eight departments and the arrondissements every
// period. Both go through fetch_maps, which replaces the cache only with
// files that pass the same check as the start-up (and rebuilds map-model.bin from them). A running kiosk keeps
// drawing the model it loaded: new contours are used at the next start (a hot swap would rebuild meshes, labels
// and the hit index for a weekly change).
#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/map_build.hpp"
#include "net/background_jobs.hpp"
#include "net/map_fetch.hpp"

namespace qmi::net {

struct MapRefreshOptions {
    std::filesystem::path root;          // kiosk root (<root>/maps/cache)
    std::vector<std::string> sources;    // map_sources(root, effective_map_source(settings))
    MapMembership membership;            // copied: the job runs on the background thread
    MapFetchOptions fetch;               // cancel, refresh and departments are set by the job
    // Departments whose cached file is damaged (MapLoad::repair): fetched alone, `repair_first_run` after start and
    // with backoff until they are repaired; then the periodic refresh of all eight takes over.
    std::vector<std::string> repair;
    // maps/cache/arrondissements-75.geojson is missing or damaged (MapLoad::repair_arrondissements): fetched like a
    // damaged department, alone when no department needs repair.
    bool repair_arrondissements = false;
    std::chrono::milliseconds repair_first_run{std::chrono::seconds{10}};
    std::chrono::milliseconds period{std::chrono::hours{24 * 7}};  // Settings.map_update_period_s
    std::chrono::milliseconds first_run{std::chrono::minutes{2}};  // let the kiosk settle before any download
    std::chrono::milliseconds retry_initial{std::chrono::minutes{5}};
    std::chrono::milliseconds retry_max{std::chrono::hours{6}};
};

// A kiosk that restarts every night must not re-download the contours at every start: the first refresh waits until
// the OLDEST cached department file is one period old (at least `floor`, so the kiosk settles first).
std::chrono::milliseconds map_refresh_first_run(const std::filesystem::path& root, std::chrono::milliseconds period,
                                                std::chrono::milliseconds floor);

PeriodicJob map_refresh_job(MapRefreshOptions options);

}  // namespace qmi::net
