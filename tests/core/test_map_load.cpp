// The start-up map load (load_map) on a synthetic kiosk root: a damaged contour file never reaches the screen or the
// model cache; the last good model is used and the damaged departments are listed for a background refetch; no
// cache file can block or stop the start.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "../support/map_fixture.hpp"
#include "../support/scratch_dir.hpp"
#include "core/map_cache.hpp"

using namespace qmi;
using namespace qmi::test;
namespace fs = std::filesystem;

namespace {

// A kiosk root with the synthetic contours and, when `with_model`, the map-model.bin a first start writes.
struct MapRoot {
    ScratchDir dir{"map-load"};
    explicit MapRoot(bool with_model) {
        write_synthetic_contours(dir.path(), map_membership());
        if (with_model) {
            const MapLoad first = load_map(dir.path(), map_membership());
            REQUIRE(first.origin == MapOrigin::Built);
            REQUIRE(first.errors.empty());
            REQUIRE(fs::exists(model()));
        }
    }
    const fs::path& root() const { return dir.path(); }
    fs::path model() const { return map_model_cache_file(dir.path()); }
    fs::path contours(const std::string& dept) const { return map_cache_file(dir.path(), dept); }
};

// Antony's contour with one digit of one longitude changed, 2.xxx -> 7.xxx: the attack's case.
void flip_a_digit(const fs::path& file) {
    nlohmann::json doc = nlohmann::json::parse(slurp(file));
    for (auto& f : doc["features"])
        if (f["properties"]["code"] == "92002") {
            auto& q = f["geometry"]["coordinates"][0][2];
            q[0] = q[0].get<double>() + 5.0;
        }
    spill(file, doc.dump());
}

void truncate_half(const fs::path& file) {
    const std::string bytes = slurp(file);
    spill(file, bytes.substr(0, bytes.size() / 2));
}

bool mentions(const ConfigErrors& errors, const std::string& part) {
    for (const ConfigError& e : errors)
        if (e.message().find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("map load: first start builds and caches, the next one reads the cache", "[map_load]") {
    MapRoot r(false);
    const MapLoad first = load_map(r.root(), map_membership());
    REQUIRE(first.model);
    CHECK(first.origin == MapOrigin::Built);
    CHECK(first.errors.empty());
    CHECK(first.repair.empty());
    CHECK(first.cache_note.empty());
    const MapLoad second = load_map(r.root(), map_membership());
    REQUIRE(second.model);
    CHECK(second.origin == MapOrigin::Cache);
    CHECK(second.model->communes.size() == first.model->communes.size());
    // --check-config's form writes nothing.
    fs::remove(r.model());
    const MapLoad judged = load_map(r.root(), map_membership(), {.write_cache = false});
    CHECK(judged.model);
    CHECK_FALSE(fs::exists(r.model()));
}

TEST_CASE("map load: one flipped digit in a cached contour file is refused, the last good model is shown",
          "[map_load]") {
    MapRoot r(true);
    const std::string good_model = slurp(r.model());
    flip_a_digit(r.contours("92"));

    const MapLoad load = load_map(r.root(), map_membership());
    REQUIRE(load.model);
    CHECK(load.origin == MapOrigin::LastGood);
    CHECK(load.repair == std::vector<std::string>{"92"});
    CHECK(mentions(load.errors, "maps/cache/communes-92.geojson"));
    CHECK(mentions(load.errors, "92002"));
    // What is drawn is the good model, to the byte, and it stays cached for the next start.
    CHECK(encode_map_model(*load.model, "") == encode_map_model(*decode_map_model(good_model, "", nullptr), ""));
    CHECK(slurp(r.model()) == good_model);
    // Every later start says the same (never silently).
    const MapLoad again = load_map(r.root(), map_membership());
    CHECK(again.origin == MapOrigin::LastGood);
    CHECK(again.repair == std::vector<std::string>{"92"});
}

TEST_CASE("map load: without a last good model a damaged Métropole department means no map, named for repair",
          "[map_load]") {
    MapRoot r(false);
    flip_a_digit(r.contours("92"));
    const MapLoad load = load_map(r.root(), map_membership());
    CHECK_FALSE(load.model);
    CHECK(load.origin == MapOrigin::None);
    CHECK(load.repair == std::vector<std::string>{"92"});
    CHECK_FALSE(fs::exists(r.model()));
}

TEST_CASE("map load: a map built with errors is never cached (truncated context department)", "[map_load]") {
    SECTION("no model yet: the valid departments are drawn, not cached, and it is said at every start") {
        MapRoot r(false);
        truncate_half(r.contours("78"));
        for (int start = 0; start < 2; ++start) {
            const MapLoad load = load_map(r.root(), map_membership());
            REQUIRE(load.model);
            CHECK(load.origin == MapOrigin::Partial);
            CHECK(load.repair == std::vector<std::string>{"78"});
            CHECK(mentions(load.errors, "maps/cache/communes-78.geojson"));
            CHECK(load.model->communes.size() == synthetic_commune_count(map_membership()) - 3);
            CHECK_FALSE(fs::exists(r.model()));
        }
        // Repaired: the full map is built and cached.
        spill(r.contours("78"), synthetic_department(map_membership(), "78"));
        const MapLoad repaired = load_map(r.root(), map_membership());
        CHECK(repaired.origin == MapOrigin::Built);
        CHECK(repaired.model->communes.size() == synthetic_commune_count(map_membership()));
        CHECK(fs::exists(r.model()));
    }
    SECTION("with a model: the last good one, complete, stays") {
        MapRoot r(true);
        truncate_half(r.contours("78"));
        const MapLoad load = load_map(r.root(), map_membership());
        REQUIRE(load.model);
        CHECK(load.origin == MapOrigin::LastGood);
        CHECK(load.model->communes.size() == synthetic_commune_count(map_membership()));
    }
}

TEST_CASE("map load: a damaged department file never stops the start while a valid model is on disk",
          "[map_load]") {
    const struct {
        const char* what;
        void (*damage)(const fs::path&);
    } cases[] = {
        {"empty", [](const fs::path& f) { spill(f, ""); }},
        {"garbage", [](const fs::path& f) { spill(f, "\x89PNG not contours"); }},
        {"missing", [](const fs::path& f) { fs::remove(f); }},
        {"a directory", [](const fs::path& f) { fs::remove(f); fs::create_directory(f); }},
        {"a FIFO", [](const fs::path& f) { fs::remove(f); REQUIRE(::mkfifo(f.c_str(), 0644) == 0); }},
    };
    for (const auto& c : cases)
        for (const std::string dept : {"75", "93"}) {
            INFO(c.what << " communes-" << dept);
            MapRoot r(true);
            c.damage(r.contours(dept));
            const MapLoad load = load_map(r.root(), map_membership());
            REQUIRE(load.model);
            CHECK(load.origin == MapOrigin::LastGood);
            CHECK(load.repair == std::vector<std::string>{dept});
            CHECK(mentions(load.errors, "communes-" + dept));
        }
}

TEST_CASE("map load: a FIFO, a directory or garbage at map-model.bin is refused without blocking, then rebuilt",
          "[map_load]") {
    for (int kind = 0; kind < 3; ++kind) {
        INFO("kind " << kind);
        MapRoot r(false);
        if (kind == 0) REQUIRE(::mkfifo(r.model().c_str(), 0644) == 0);
        if (kind == 1) fs::create_directories(r.model());
        if (kind == 2) spill(r.model(), std::string(100000, '\x5a'));
        // In a child with an alarm: a blocking open would hang this test forever instead of failing it.
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::alarm(60);
            const MapLoad load = load_map(r.root(), map_membership());
            ::_exit(load.model && load.errors.empty() ? 0 : 3);
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        INFO("child status " << status);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        if (kind != 1) {
            // The rebuilt model replaced the bad file (a rename replaces a FIFO or garbage like any file).
            const MapLoad next = load_map(r.root(), map_membership());
            CHECK(next.origin == MapOrigin::Cache);
        }
    }
}
