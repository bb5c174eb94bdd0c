// The periodic map refresh (MapFetchOptions::refresh, used by map_refresh_job): a complete cache IS re-downloaded,
// new contours replace it only when all eight departments are valid, and any failure keeps the old cache.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/map_mirror.hpp"
#include "core/map_build.hpp"
#include "core/membership.hpp"
#include "net/map_fetch.hpp"

using namespace qmi;
using namespace qmi::net;
namespace fs = std::filesystem;

namespace {

using qmi::testdata::copy_mirror;
using qmi::testdata::kMirror;
using qmi::testdata::slurp;
using qmi::testdata::TempDir;
const MapMembership& membership() { return qmi::testdata::map_membership(); }

void spill(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

MapFetchOptions refresh_options(bool refresh) {
    MapFetchOptions o;
    o.connect_timeout_s = 2;
    o.total_timeout_s = 10;
    o.prebuild_model = false;
    o.refresh = refresh;
    return o;
}

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
    if (!fs::is_directory(kMirror)) {
        WARN("offline map mirror absent at " << kMirror << ": skipped");
        return;
    }
    TempDir s("map-refresh");
    const fs::path root = s.path / "kiosk";
    REQUIRE(fetch_maps(root, {kMirror.string()}, membership(), refresh_options(false)) == 0);
    const fs::path paris = map_cache_file(root, "75");

    // The same contours, published again with other bytes (as a new vintage would be).
    const fs::path newer = copy_mirror(s.path / "newer");
    const std::string newer_paris = nlohmann::json::parse(slurp(newer / "communes-75.geojson")).dump();
    REQUIRE(newer_paris != slurp(paris));
    spill(newer / "communes-75.geojson", newer_paris);

    // Set-up mode: the cache is complete, nothing is downloaded.
    CHECK(fetch_maps(root, {newer.string()}, membership(), refresh_options(false)) == 0);
    CHECK(slurp(paris) != newer_paris);

    // Refresh mode: downloaded, validated, replaced; no staging file is left behind.
    CHECK(fetch_maps(root, {newer.string()}, membership(), refresh_options(true)) == 0);
    CHECK(slurp(paris) == newer_paris);
    CHECK(leftovers(root / "maps" / "cache") == 0);
    CHECK(map_cache_complete(root, membership()));

    // A source with one broken department: the refresh fails and all eight old files stay.
    const fs::path broken = copy_mirror(s.path / "broken");
    const std::string seine_et_marne = slurp(broken / "communes-77.geojson");
    spill(broken / "communes-77.geojson", seine_et_marne.substr(0, seine_et_marne.size() / 2));
    spill(broken / "communes-75.geojson", "{\"type\": \"FeatureCollection\", \"features\": []}");
    const std::string before_77 = slurp(map_cache_file(root, "77"));
    CHECK(fetch_maps(root, {broken.string()}, membership(), refresh_options(true)) != 0);
    CHECK(slurp(paris) == newer_paris);
    CHECK(slurp(map_cache_file(root, "77")) == before_77);
    CHECK(leftovers(root / "maps" / "cache") == 0);

    // An unreachable source: same.
    CHECK(fetch_maps(root, {"http://127.0.0.1:9/geo/{dept}"}, membership(), refresh_options(true)) != 0);
    CHECK(slurp(paris) == newer_paris);

    // The same download again: nothing is rewritten.
    const auto stamp = fs::last_write_time(paris);
    CHECK(fetch_maps(root, {newer.string()}, membership(), refresh_options(true)) == 0);
    CHECK(fs::last_write_time(paris) == stamp);
}
