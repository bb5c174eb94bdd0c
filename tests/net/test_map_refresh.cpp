// The map job of the background thread: the periodic refresh (MapFetchOptions::refresh) re-downloads a complete
// cache and replaces it only when every department is valid; the repair of damaged departments (MapLoad::repair)
// fetches those alone, soon after start, while the kiosk runs on its last good model.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "../support/fetch_options.hpp"
#include "../support/map_fixture.hpp"
#include "../support/repo_data.hpp"
#include "../support/scratch_dir.hpp"
#include "../support/synthetic_arrondissements.hpp"
#include "app/live_updates.hpp"
#include "core/map_build.hpp"
#include "core/map_cache.hpp"
#include "core/membership.hpp"
#include "net/map_fetch.hpp"
#include "net/map_refresh.hpp"

using namespace qmi;
using namespace qmi::net;
namespace fs = std::filesystem;
using namespace qmi::test;

namespace {

using namespace std::chrono_literals;

size_t leftovers(const fs::path& cache_dir) {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(cache_dir)) {
        const std::string name = e.path().filename().string();
        if (name.find(".new") != std::string::npos || name.find(".tmp") != std::string::npos) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("map refresh: a complete cache is downloaded again and replaced only by a fully valid set") {
    QMI_REQUIRE_GEO_MIRROR();
    ScratchDir s("map-refresh");
    const fs::path root = s / "kiosk";
    REQUIRE(fetch_maps(root, {geo_mirror().string()}, map_membership(), test_fetch_options(false)) == 0);
    const fs::path paris = map_cache_file(root, "75");

    // The same contours, published again with other bytes (as a new vintage would be).
    const fs::path newer = copy_mirror(s / "newer");
    const std::string newer_paris = nlohmann::json::parse(slurp(newer / "communes-75.geojson")).dump();
    REQUIRE(newer_paris != slurp(paris));
    spill(newer / "communes-75.geojson", newer_paris);

    // Set-up mode: the cache is complete, nothing is downloaded.
    CHECK(fetch_maps(root, {newer.string()}, map_membership(), test_fetch_options(false)) == 0);
    CHECK(slurp(paris) != newer_paris);

    // Refresh mode: downloaded, validated, replaced; no staging file is left behind.
    CHECK(fetch_maps(root, {newer.string()}, map_membership(), test_fetch_options(true)) == 0);
    CHECK(slurp(paris) == newer_paris);
    CHECK(leftovers(root / "maps" / "cache") == 0);
    CHECK(map_cache_complete(root, map_membership()));

    // A source with one broken department: the refresh fails and all eight old files stay.
    const fs::path broken = copy_mirror(s / "broken");
    const std::string seine_et_marne = slurp(broken / "communes-77.geojson");
    spill(broken / "communes-77.geojson", seine_et_marne.substr(0, seine_et_marne.size() / 2));
    spill(broken / "communes-75.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}");
    const std::string before_77 = slurp(map_cache_file(root, "77"));
    CHECK(fetch_maps(root, {broken.string()}, map_membership(), test_fetch_options(true)) != 0);
    CHECK(slurp(paris) == newer_paris);
    CHECK(slurp(map_cache_file(root, "77")) == before_77);
    CHECK(leftovers(root / "maps" / "cache") == 0);

    // An unreachable source: same.
    CHECK(fetch_maps(root, {"http://127.0.0.1:9/geo/{dept}"}, map_membership(), test_fetch_options(true)) != 0);
    CHECK(slurp(paris) == newer_paris);

    // The same download again: nothing is rewritten.
    const auto stamp = fs::last_write_time(paris);
    CHECK(fetch_maps(root, {newer.string()}, map_membership(), test_fetch_options(true)) == 0);
    CHECK(fs::last_write_time(paris) == stamp);
}

namespace {

// A synthetic map source (a directory of communes-NN.geojson) and a kiosk root whose cache came from it.
struct SyntheticWorld {
    ScratchDir dir{"map-repair"};
    fs::path source = dir / "source" / "maps" / "cache";
    fs::path root = dir / "kiosk";
    SyntheticWorld() {
        write_synthetic_contours(dir / "source", map_membership());
        write_synthetic_contours(root, map_membership());
        REQUIRE(load_map(root, map_membership()).origin == MapOrigin::Built);
    }
};
}  // namespace

TEST_CASE("map repair: only the damaged departments are fetched, soon after start, the others are not touched") {
    SyntheticWorld w;
    spill(map_cache_file(w.root, "92"), "");  // damaged
    const auto before_93 = fs::last_write_time(map_cache_file(w.root, "93"));
    const MapLoad at_start = load_map(w.root, map_membership());
    REQUIRE(at_start.origin == MapOrigin::LastGood);
    REQUIRE(at_start.repair == std::vector<std::string>{"92"});

    MapRefreshOptions options;
    options.root = w.root;
    options.sources = {w.source.string()};
    options.membership = map_membership();
    options.fetch = test_fetch_options(true);
    options.fetch.prebuild_model = true;
    options.repair = at_start.repair;
    options.repair_first_run = 0ms;
    options.first_run = 1h;  // would be the periodic refresh: must not be what runs
    BackgroundJobs jobs(3);
    jobs.add(map_refresh_job(options));
    jobs.start();
    for (int i = 0; i < 500 && !map_cache_complete(w.root, map_membership()); ++i) std::this_thread::sleep_for(20ms);
    jobs.stop();
    CHECK(map_cache_complete(w.root, map_membership()));
    CHECK(fs::last_write_time(map_cache_file(w.root, "93")) == before_93);
    // The next start builds the full map again and caches it (the job prebuilt it already).
    const MapLoad next = load_map(w.root, map_membership());
    CHECK(next.origin == MapOrigin::Cache);
    CHECK(next.repair.empty());
}

TEST_CASE("map repair: LiveUpdates refetches what load_kiosk_data found damaged, and the status says so") {
    SyntheticWorld w;
    spill(map_cache_file(w.root, "75"), "{\"type\": \"FeatureCollection\", \"features\": [");
    app::KioskData data;
    data.membership = qmi::testdata::membership();
    auto content = content_parser(data.membership)(qmi::testdata::bundled_json().dump(), "bundled");
    REQUIRE(content.content);
    data.content = *content.content;
    data.settings.map_source = w.source.string();
    data.map_repair = load_map(w.root, map_membership()).repair;
    REQUIRE(data.map_repair == std::vector<std::string>{"75"});
    app::LiveTuning tuning;
    tuning.map_repair_delay = 0ms;
    app::LiveUpdates live(w.root, data, tuning);
    CHECK(live.status().maps_repairing == std::vector<std::string>{"75"});
    CHECK(app::status_line(live.status()).find("being refetched: 75") != std::string::npos);
    live.start();
    for (int i = 0; i < 500 && !live.status().maps_last_success; ++i) std::this_thread::sleep_for(20ms);
    live.stop();
    const app::LiveStatus status = live.status();
    CHECK(status.maps_last_success);
    CHECK(status.maps_repairing.empty());
    CHECK(map_cache_complete(w.root, map_membership()));
    CHECK(load_map(w.root, map_membership()).origin == MapOrigin::Cache);
}

TEST_CASE("map repair: a missing arrondissements file alone is fetched soon after start, the communes are not "
          "touched") {
    ScratchDir dir("arr-repair");
    const fs::path source = dir / "source";
    const fs::path root = dir / "kiosk";
    write_synthetic_paris(source, map_membership());
    write_synthetic_paris(root, map_membership(), false);
    const MapLoad at_start = load_map(root, map_membership());
    REQUIRE(at_start.model);
    REQUIRE(at_start.repair.empty());
    REQUIRE(at_start.repair_arrondissements);
    const auto before_93 = fs::last_write_time(map_cache_file(root, "93"));

    MapRefreshOptions options;
    options.root = root;
    options.sources = {(source / "maps" / "cache").string()};
    options.membership = map_membership();
    options.fetch = test_fetch_options(true);
    options.fetch.prebuild_model = true;
    options.repair_arrondissements = true;
    options.repair_first_run = 0ms;
    options.first_run = 1h;  // would be the periodic refresh: must not be what runs
    BackgroundJobs jobs(3);
    jobs.add(map_refresh_job(options));
    jobs.start();
    for (int i = 0; i < 500 && !fs::exists(arrondissements_cache_file(root)); ++i) std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(300ms);  // the prebuild after it
    jobs.stop();
    REQUIRE(fs::exists(arrondissements_cache_file(root)));
    CHECK(fs::last_write_time(map_cache_file(root, "93")) == before_93);
    const MapLoad next = load_map(root, map_membership());
    REQUIRE(next.model);
    CHECK(next.model->arrondissements.size() == 20);
    CHECK_FALSE(next.repair_arrondissements);
}
