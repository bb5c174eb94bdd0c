// What the kiosk loads at start (load_kiosk_data) and what --check-config says (check_config), on a kiosk root
// damaged the way disks, crashes and attackers damage it: the same files get the same verdict from both, a damaged
// contour file never stops a kiosk that has a good map model, and a kiosk without one repairs itself from its map
// source instead of dying at every restart.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include <nlohmann/json.hpp>

#include "../support/dead_pid.hpp"
#include "../support/kiosk_root.hpp"
#include "../support/synthetic_arrondissements.hpp"
#include "app/kiosk_data.hpp"
#include "core/atomic_file.hpp"
#include "core/map_cache.hpp"

using namespace qmi;
using namespace qmi::app;
using namespace qmi::test;
namespace fs = std::filesystem;

namespace {

// The contour files a list of lines names ("maps/cache/communes-NN.geojson").
std::set<std::string> contour_files_named(const std::vector<std::string>& lines) {
    std::set<std::string> named;
    for (const std::string& line : lines)
        for (const std::string& d : ile_de_france_departments())
            if (line.find(map_cache_label(d)) != std::string::npos) named.insert(map_cache_label(d));
    return named;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const std::string& l : lines) s += l + "\n";
    return s;
}

std::vector<std::string> messages(const ConfigErrors& errors) {
    std::vector<std::string> lines;
    for (const ConfigError& e : errors) lines.push_back(e.message());
    return lines;
}

void spike(const fs::path& file) {
    nlohmann::json doc = nlohmann::json::parse(slurp(file));
    doc["features"][0]["geometry"]["coordinates"][0][2][0] = 7.298;
    spill(file, doc.dump());
}

}  // namespace

TEST_CASE("kiosk data: --check-config and the start-up give the same verdict on the same contour files",
          "[kiosk_data]") {
    const struct {
        const char* what;
        std::vector<std::string> departments;
        void (*damage)(const fs::path&);
    } cases[] = {
        {"nothing damaged", {}, nullptr},
        {"empty Paris file", {"75"}, [](const fs::path& f) { spill(f, ""); }},
        {"truncated Yvelines", {"78"}, [](const fs::path& f) { spill(f, slurp(f).substr(0, slurp(f).size() / 2)); }},
        {"one wrong digit in Hauts-de-Seine", {"92"}, spike},
        {"a FIFO for Seine-Saint-Denis", {"93"}, [](const fs::path& f) {
             fs::remove(f);
             REQUIRE(::mkfifo(f.c_str(), 0644) == 0);
         }},
        {"Val-d'Oise missing, Essonne garbage", {"95", "91"}, nullptr},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        KioskRoot k("verdict");
        if (std::string(c.what) == "Val-d'Oise missing, Essonne garbage") {
            fs::remove(k.contours("95"));
            spill(k.contours("91"), "garbage");
        } else if (c.damage) {
            c.damage(k.contours(c.departments[0]));
        }
        std::set<std::string> expected;
        for (const std::string& d : c.departments) expected.insert(map_cache_label(d));

        const ConfigErrors checked = check_config(k.root());
        const KioskDataLoad started = load_kiosk_data(k.root());
        INFO("check-config: " << joined(messages(checked)));
        CHECK(contour_files_named(messages(checked)) == expected);
        CHECK(contour_files_named(started.warnings) == expected);
        CHECK(checked.empty() == expected.empty());  // exit 1 whenever a file is damaged
        // And the kiosk starts on its last good model whatever the damage.
        REQUIRE(started.data);
        CHECK(started.data->map.metropole_count == 130);
        CHECK(started.data->map_repair.size() == c.departments.size());
    }
}

TEST_CASE("kiosk data: no map model and a damaged Métropole department: repaired from map_source before starting",
          "[kiosk_data]") {
    KioskRoot source("repair-source", false);
    KioskRoot k("repair", false);
    spike(k.contours("92"));
    SECTION("the source answers: the kiosk starts on the full map, the file is repaired") {
        k.set_setting("map_source", (source.root() / "maps" / "cache").string());
        const KioskDataLoad load = load_kiosk_data(k.root());
        INFO(load.fatal);
        REQUIRE(load.data);
        CHECK(load.data->map.metropole_count == 130);
        CHECK(load.data->map_repair.empty());
        CHECK(slurp(k.contours("92")) == slurp(source.contours("92")));
        CHECK(fs::exists(map_model_cache_file(k.root())));
    }
    SECTION("no source answers: one clear line naming the file, exit by the caller") {
        k.set_setting("map_source", (k.root() / "nowhere").string());
        const KioskDataLoad load = load_kiosk_data(k.root());
        CHECK_FALSE(load.data);
        CHECK(load.fatal.find("cannot start without the map") == 0);
        CHECK(load.fatal.find("maps/cache/communes-92.geojson") != std::string::npos);
    }
}

TEST_CASE("kiosk data: temporary files of interrupted writes are removed at start", "[kiosk_data]") {
    KioskRoot k("stale");
    const pid_t dead = dead_pid();
    fs::create_directories(k.root() / "var");
    const std::string suffix = ".tmp-" + std::to_string(dead) + "-AbC123";
    spill(k.root() / "var" / ("content-cache.signed" + suffix), "half");
    spill(k.root() / "var" / ("content-high-water.json" + suffix), "half");
    spill(k.contours("77").string() + ".tmp-" + std::to_string(dead) + "-new", "half");
    const KioskDataLoad load = load_kiosk_data(k.root());
    REQUIRE(load.data);
    size_t left = 0;
    for (const auto& dir : {k.root() / "var", k.root() / "maps" / "cache"})
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().filename().string().find(".tmp-") != std::string::npos) ++left;
    CHECK(left == 0);
    bool said = false;
    for (const std::string& w : load.warnings) said = said || w.find("temporary file(s) of an interrupted write") != std::string::npos;
    CHECK(said);
}

TEST_CASE("kiosk data: the arrondissements are optional: missing, one warning line and the start goes on, damaged: "
          "the same at start and an error for --check-config", "[kiosk_data][arrondissements]") {
    KioskRoot k("arr-optional", false);
    write_synthetic_paris(k.root(), map_membership(), false);
    auto arrondissement_lines = [](const KioskDataLoad& load) {
        int n = 0;
        for (const std::string& w : load.warnings) n += w.find("arrondissements-75.geojson") != std::string::npos;
        return n;
    };
    {
        const KioskDataLoad load = load_kiosk_data(k.root());
        REQUIRE(load.data);
        CHECK(load.data->map.arrondissements.empty());
        CHECK(load.data->map_repair_arrondissements);
        CHECK(arrondissement_lines(load) == 1);
        CHECK(load.warnings.size() == 1);
        CHECK(check_config(k.root()).empty());  // a map without arrondissements is a good map
    }
    spill(arrondissements_cache_file(k.root()), synthetic_arrondissements());
    {
        const KioskDataLoad load = load_kiosk_data(k.root());
        REQUIRE(load.data);
        CHECK(load.data->map.arrondissements.size() == 20);
        CHECK_FALSE(load.data->map_repair_arrondissements);
        CHECK(load.warnings.empty());
    }
    spill(arrondissements_cache_file(k.root()), "{\"type\": \"FeatureCollection\", \"features\": [");
    {
        const KioskDataLoad load = load_kiosk_data(k.root());
        REQUIRE(load.data);
        CHECK(load.data->map.arrondissements.empty());
        CHECK(load.data->map_repair_arrondissements);
        CHECK(arrondissement_lines(load) == 1);
        CHECK(load.warnings.size() == 1);
        const ConfigErrors checked = check_config(k.root());
        REQUIRE(checked.size() == 1);
        CHECK(checked.front().message().rfind("maps/cache/arrondissements-75.geojson: ", 0) == 0);
        CHECK(checked.front().message().find("not valid JSON") != std::string::npos);
    }
}
