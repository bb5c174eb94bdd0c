#include "net/map_refresh.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include <spdlog/spdlog.h>

#include "core/contour_files.hpp"

namespace qmi::net {

std::chrono::milliseconds map_refresh_first_run(const std::filesystem::path& root, std::chrono::milliseconds period,
                                                std::chrono::milliseconds floor) {
    std::optional<std::filesystem::file_time_type> oldest;
    for (const std::string& dept : ile_de_france_departments()) {
        std::error_code ec;
        const auto t = std::filesystem::last_write_time(map_cache_file(root, dept), ec);
        if (ec) return floor;  // missing: repair soon
        if (!oldest || t < *oldest) oldest = t;
    }
    const auto age = std::filesystem::file_time_type::clock::now() - *oldest;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(period - age);
    return std::max(left, floor);
}

PeriodicJob map_refresh_job(MapRefreshOptions options) {
    PeriodicJob job;
    job.name = "map refresh";
    job.period = options.period;
    const bool repairing = !options.repair.empty() || options.repair_arrondissements;
    job.first_run = repairing ? options.repair_first_run : options.first_run;
    job.retry_initial = options.retry_initial;
    job.retry_max = options.retry_max;
    if (!options.repair.empty()) {
        std::string list;
        for (const std::string& d : options.repair) list += (list.empty() ? "" : ", ") + d;
        spdlog::warn("map contours: department(s) {} damaged in the cache, refetching them in the background", list);
    }
    if (options.repair_arrondissements)
        spdlog::info("arrondissements: missing or damaged in the cache, fetching them in the background");
    // shared_ptr: PeriodicJob::run is a copyable std::function; `repair` empties once done (one thread runs it).
    auto shared = std::make_shared<MapRefreshOptions>(std::move(options));
    job.run = [shared](const std::atomic<bool>& cancel) {
        MapFetchOptions fetch = shared->fetch;
        fetch.cancel = &cancel;
        fetch.refresh = true;  // download even when the cache looks complete; the old cache stays on any failure
        fetch.departments = shared->repair;  // empty: all eight
        if (!shared->repair.empty() || shared->repair_arrondissements) {
            // A repair: only what is damaged.
            fetch.communes = !shared->repair.empty();
            fetch.arrondissements = shared->repair_arrondissements;
        }
        // fetch_maps logs its own lines (one per failed source and a summary) and never touches a good cache
        // unless every department asked for downloaded and passed the check.
        const int rc = fetch_maps(shared->root, shared->sources, shared->membership, fetch);
        if (cancel) return JobResult::Cancelled;
        if (rc != 0) return JobResult::Failed;
        shared->repair.clear();
        shared->repair_arrondissements = false;
        return JobResult::Succeeded;
    };
    return job;
}

}  // namespace qmi::net
