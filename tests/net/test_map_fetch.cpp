// --fetch-maps (fetch_maps in set-up mode): from directories and a local HTTP server; every department checked
// before the cache is touched.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

#include "../support/local_server.hpp"
#include "../support/fetch_options.hpp"
#include "../support/map_fixture.hpp"
#include "../support/scratch_dir.hpp"
#include "../support/synthetic_arrondissements.hpp"
#include "core/map_cache.hpp"
#include "core/membership.hpp"
#include "net/map_fetch.hpp"

using namespace qmi;
using namespace qmi::net;
namespace fs = std::filesystem;
using namespace qmi::test;

namespace {

std::string cache_snapshot(const fs::path& root) {
    std::string all;
    for (const std::string& d : ile_de_france_departments()) all += slurp(map_cache_file(root, d)) + "|";
    return all;
}

}  // namespace

TEST_CASE("map sources: order and URLs") {
    CHECK(map_sources("/r", "/srv/geo") == std::vector<std::string>{"/srv/geo"});
    const std::vector<std::string> defaults = map_sources("/nonexistent/root", "");
    REQUIRE(defaults.size() == 1);  // no mirror beside a nonexistent root
    CHECK(defaults[0] == kOfficialMapSource);
    if (fs::exists(geo_mirror())) {
        const std::vector<std::string> both = map_sources(QMI_SOURCE_ROOT, "");
        REQUIRE(both.size() == 2);
        CHECK(both[1] == (fs::path(QMI_SOURCE_ROOT) / ".." / "shared" / "data" / "geo").lexically_normal().string());
    }
    CHECK(map_source_url(kOfficialMapSource, "93") ==
          "https://geo.api.gouv.fr/departements/93/communes?format=geojson&geometry=contour");
    CHECK(map_source_url("/srv/my geo", "75") == "file:///srv/my%20geo/communes-75.geojson");
    CHECK(map_source_url("file:///srv/geo", "75") == "file:///srv/geo/communes-75.geojson");
    CHECK(map_source_url("http://mirror.local/geo/", "91") == "http://mirror.local/geo/communes-91.geojson");
    CHECK(map_source_url("/data/{dept}.json", "92") == "file:///data/92.json");
}

TEST_CASE("map fetch: from the offline mirror, then nothing to do") {
    QMI_REQUIRE_GEO_MIRROR();
    ScratchDir root("mapfetch-ok");
    std::string why;
    CHECK_FALSE(map_cache_complete(root.path(), map_membership(), &why));
    CHECK(why.find("missing") != std::string::npos);
    REQUIRE(fetch_maps(root.path(), {geo_mirror().string()}, map_membership(), test_fetch_options()) == 0);
    CHECK(map_cache_complete(root.path(), map_membership()));
    CHECK(slurp(map_cache_file(root.path(), "93")) == slurp(geo_mirror() / "communes-93.geojson"));
    const auto stamp = fs::last_write_time(map_cache_file(root.path(), "77"));
    // Already complete: a broken source is not even tried.
    CHECK(fetch_maps(root.path(), {"/nonexistent"}, map_membership(), test_fetch_options()) == 0);
    CHECK(fs::last_write_time(map_cache_file(root.path(), "77")) == stamp);
}

TEST_CASE("map fetch: garbage, truncated or incomplete sources are rejected, the previous cache is kept") {
    QMI_REQUIRE_GEO_MIRROR();
    ScratchDir work("mapfetch-bad");
    const fs::path root = work / "root";
    // A previous, complete cache with one damaged file (so that a fetch is attempted).
    REQUIRE(fetch_maps(root, {geo_mirror().string()}, map_membership(), test_fetch_options()) == 0);
    std::ofstream(map_cache_file(root, "95"), std::ios::trunc) << "{}";
    CHECK_FALSE(map_cache_complete(root, map_membership()));
    const std::string before = cache_snapshot(root);

    // Garbage instead of JSON.
    const fs::path garbage = copy_mirror(work / "garbage");
    std::ofstream(garbage / "communes-92.geojson", std::ios::trunc) << "<html>502 Bad Gateway</html>";
    // Truncated download.
    const fs::path truncated = copy_mirror(work / "truncated");
    {
        const std::string full = slurp(geo_mirror() / "communes-94.geojson");
        std::ofstream(truncated / "communes-94.geojson", std::ios::trunc) << full.substr(0, full.size() / 2);
    }
    // Valid GeoJSON but a Métropole member (Issy-les-Moulineaux) missing.
    const fs::path incomplete = copy_mirror(work / "incomplete");
    {
        nlohmann::json doc = nlohmann::json::parse(slurp(geo_mirror() / "communes-92.geojson"));
        auto& f = doc["features"];
        f.erase(std::remove_if(f.begin(), f.end(), [](const nlohmann::json& x) {
                    return x["properties"]["code"] == "92040";
                }), f.end());
        std::ofstream(incomplete / "communes-92.geojson", std::ios::trunc) << doc.dump();
    }
    // A department file missing altogether.
    const fs::path missing = copy_mirror(work / "missing");
    fs::remove(missing / "communes-78.geojson");

    for (const fs::path& bad : {garbage, truncated, incomplete, missing}) {
        INFO(bad);
        CHECK(fetch_maps(root, {bad.string()}, map_membership(), test_fetch_options()) != 0);
        CHECK(cache_snapshot(root) == before);
    }
    CHECK(fetch_maps(root, {garbage.string(), truncated.string(), incomplete.string()}, map_membership(), test_fetch_options()) != 0);
    CHECK(cache_snapshot(root) == before);
    CHECK(fetch_maps(root, {}, map_membership(), test_fetch_options()) != 0);

    // The first working source in the list wins.
    CHECK(fetch_maps(root, {garbage.string(), geo_mirror().string()}, map_membership(), test_fetch_options()) == 0);
    CHECK(map_cache_complete(root, map_membership()));
}

TEST_CASE("map fetch: over HTTP from a local server, and the model cache is prebuilt") {
    QMI_REQUIRE_GEO_MIRROR();
    LocalServer server({geo_mirror()});
    ScratchDir root("mapfetch-http");
    MapFetchOptions options = test_fetch_options();
    options.prebuild_model = true;
    // 404 everywhere first (wrong template), then the right one.
    REQUIRE(fetch_maps(root.path(), {server.url("/nothing/{dept}"), server.url("/files/communes-{dept}.geojson")},
                       map_membership(), options) == 0);
    CHECK(map_cache_complete(root.path(), map_membership()));
    REQUIRE(fs::exists(map_model_cache_file(root.path())));
    MapLoad load = load_map(root.path(), map_membership());
    REQUIRE(load.model);
    CHECK(load.origin == MapOrigin::Cache);
    CHECK(load.model->metropole_count == 130);

    // A corrupted model cache is detected and rebuilt, not trusted.
    {
        std::string bytes = slurp(map_model_cache_file(root.path()));
        bytes[bytes.size() / 2] ^= 0x40;
        std::ofstream(map_model_cache_file(root.path()), std::ios::binary | std::ios::trunc) << bytes;
    }
    MapLoad rebuilt = load_map(root.path(), map_membership());
    REQUIRE(rebuilt.model);
    CHECK(rebuilt.origin == MapOrigin::Built);
    CHECK(load_map(root.path(), map_membership()).origin == MapOrigin::Cache);

    // Oversize: a 20 kB cap rejects Seine-et-Marne.
    ScratchDir other("mapfetch-cap");
    MapFetchOptions tiny = test_fetch_options();
    tiny.max_bytes = 20000;
    CHECK(fetch_maps(other.path(), {server.url("/files/communes-{dept}.geojson")}, map_membership(), tiny) != 0);
    CHECK_FALSE(fs::exists(map_cache_file(other.path(), "75")));
}

TEST_CASE("map fetch: a synthetic source fills the cache, a spiked download is refused like at start") {
    ScratchDir work("mapfetch-synthetic");
    const fs::path source = work / "source";
    write_synthetic_contours(source, map_membership());
    const fs::path dir = source / "maps" / "cache";
    const fs::path root = work / "kiosk";
    // One wrong digit in one coordinate of Hauts-de-Seine: the same check as the start-up refuses the download.
    const std::string good92 = slurp(dir / "communes-92.geojson");
    nlohmann::json doc = nlohmann::json::parse(good92);
    doc["features"][0]["geometry"]["coordinates"][0][2][0] = 7.298;
    spill(dir / "communes-92.geojson", doc.dump());
    CHECK(fetch_maps(root, {dir.string()}, map_membership(), test_fetch_options()) != 0);
    CHECK_FALSE(fs::exists(map_cache_file(root, "75")));
    spill(dir / "communes-92.geojson", good92);
    MapFetchOptions options = test_fetch_options();
    options.prebuild_model = true;
    REQUIRE(fetch_maps(root, {dir.string()}, map_membership(), options) == 0);
    CHECK(map_cache_complete(root, map_membership()));
    CHECK(load_map(root, map_membership()).origin == MapOrigin::Cache);
}

TEST_CASE("map source: QMI_MAP_SOURCE wins over kiosk.json's map_source, an empty one does not") {
    Settings settings;
    settings.map_source = "/srv/geo";
    ::unsetenv("QMI_MAP_SOURCE");
    CHECK(effective_map_source(settings) == "/srv/geo");
    ::setenv("QMI_MAP_SOURCE", "", 1);
    CHECK(effective_map_source(settings) == "/srv/geo");
    ::setenv("QMI_MAP_SOURCE", "/mnt/mirror", 1);
    CHECK(effective_map_source(settings) == "/mnt/mirror");
    ::unsetenv("QMI_MAP_SOURCE");
}

// ---- Paris's arrondissements ------------------------------------------------------------------------------------

TEST_CASE("arrondissements sources: the official API's own URL, a directory's or base URL's file, none for a "
          "{dept} template") {
    CHECK(arrondissements_source_url(kOfficialMapSource) == kOfficialArrondissementsSource);
    CHECK(std::string(kOfficialArrondissementsSource) ==
          "https://geo.api.gouv.fr/communes?codeDepartement=75&type=arrondissement-municipal&format=geojson"
          "&geometry=contour");
    CHECK(arrondissements_source_url("/srv/my geo") == "file:///srv/my%20geo/arrondissements-75.geojson");
    CHECK(arrondissements_source_url("file:///srv/geo") == "file:///srv/geo/arrondissements-75.geojson");
    CHECK(arrondissements_source_url("http://mirror.local/geo/") == "http://mirror.local/geo/arrondissements-75.geojson");
    CHECK(arrondissements_source_url("/data/{dept}.json").empty());
    CHECK(arrondissements_source_url("https://maps.example.org/{dept}.geojson").empty());
}

TEST_CASE("arrondissements fetch: they come with the communes from a directory source and are built into the model") {
    ScratchDir work("arrfetch");
    const fs::path source = work / "source";
    write_synthetic_paris(source, map_membership());
    const fs::path dir = source / "maps" / "cache";
    const fs::path root = work / "kiosk";
    MapFetchOptions options = test_fetch_options();
    options.prebuild_model = true;
    REQUIRE(fetch_maps(root, {dir.string()}, map_membership(), options) == 0);
    CHECK(slurp(arrondissements_cache_file(root)) == slurp(dir / "arrondissements-75.geojson"));
    const MapLoad load = load_map(root, map_membership());
    CHECK(load.origin == MapOrigin::Cache);  // prebuilt with the arrondissements
    CHECK(load.model->arrondissements.size() == 20);
    // Cached and valid: set-up has nothing to do, even with a broken source.
    CHECK(fetch_arrondissements(root, {"/nonexistent"}, test_fetch_options()) == ArrondissementsFetch::Current);
}

TEST_CASE("arrondissements fetch: a damaged or missing download never replaces a valid file and never fails the "
          "communes' fetch") {
    ScratchDir work("arrfetch-bad");
    const fs::path source = work / "source";
    write_synthetic_paris(source, map_membership());
    const fs::path dir = source / "maps" / "cache";
    const fs::path root = work / "kiosk";
    REQUIRE(fetch_maps(root, {dir.string()}, map_membership(), test_fetch_options()) == 0);
    const std::string good = slurp(arrondissements_cache_file(root));

    // The source now serves a spiked file: the weekly refresh refuses it, the cached file stays.
    nlohmann::json doc = nlohmann::json::parse(good);
    doc["features"][4]["geometry"]["coordinates"][0][1][0] = 2.9;
    spill(dir / "arrondissements-75.geojson", doc.dump());
    CHECK(fetch_maps(root, {dir.string()}, map_membership(), test_fetch_options(true)) == 0);
    CHECK(fetch_arrondissements(root, {dir.string()}, test_fetch_options(true)) == ArrondissementsFetch::Failed);
    CHECK(slurp(arrondissements_cache_file(root)) == good);

    // Gone from the source: same.
    fs::remove(dir / "arrondissements-75.geojson");
    CHECK(fetch_arrondissements(root, {dir.string()}, test_fetch_options(true)) == ArrondissementsFetch::Failed);
    CHECK(slurp(arrondissements_cache_file(root)) == good);

    // A source that cannot serve them ({dept} template): not an error, nothing written.
    ScratchDir other("arrfetch-template");
    const std::string templ = (dir / "communes-{dept}.geojson").string();
    CHECK(fetch_maps(other.path(), {templ}, map_membership(), test_fetch_options()) == 0);
    CHECK(map_cache_complete(other.path(), map_membership()));
    CHECK_FALSE(fs::exists(arrondissements_cache_file(other.path())));
    CHECK(fetch_arrondissements(other.path(), {templ}, test_fetch_options()) == ArrondissementsFetch::NotOffered);

    // Back at the source: the refresh takes it (a second source after a failing one), then finds it unchanged.
    spill(dir / "arrondissements-75.geojson", synthetic_arrondissements(false));
    CHECK(fetch_arrondissements(root, {"/nonexistent", dir.string()}, test_fetch_options(true)) ==
          ArrondissementsFetch::Written);
    CHECK(slurp(arrondissements_cache_file(root)) == synthetic_arrondissements(false));
    CHECK(fetch_arrondissements(root, {dir.string()}, test_fetch_options(true)) == ArrondissementsFetch::Unchanged);
}

TEST_CASE("arrondissements fetch: over HTTP from the offline mirror served locally") {
    QMI_REQUIRE_GEO_MIRROR();
    LocalServer server({geo_mirror()});
    ScratchDir root("arrfetch-http");
    REQUIRE(fetch_maps(root.path(), {server.url("/files/")}, map_membership(), test_fetch_options()) == 0);
    CHECK(slurp(arrondissements_cache_file(root.path())) == slurp(geo_mirror() / "arrondissements-75.geojson"));
}
