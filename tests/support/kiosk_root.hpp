// A complete kiosk root in a scratch directory: the repository's config/*.json and maps/membership.json, the
// synthetic contours in maps/cache (no mirror needed) and, when asked, the map-model.bin a first start writes.
// Tests damage it like a disk, a crash or an attacker would.
#pragma once
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/map_cache.hpp"
#include "map_fixture.hpp"
#include "scratch_dir.hpp"

namespace qmi::test {

struct KioskRoot {
    ScratchDir dir;
    explicit KioskRoot(const std::string& name, bool with_model = true) : dir(name) {
        namespace fs = std::filesystem;
        fs::create_directories(root() / "config");
        fs::create_directories(root() / "maps");
        for (const char* f : {"config/content.json", "config/kiosk.json", "config/ui-text.json",
                              "maps/membership.json"})
            fs::copy_file(fs::path(QMI_SOURCE_ROOT) / f, root() / f);
        write_synthetic_contours(root(), map_membership());
        if (with_model) REQUIRE(load_map(root(), map_membership()).origin == MapOrigin::Built);
    }
    const std::filesystem::path& root() const { return dir.path(); }
    std::filesystem::path contours(const std::string& dept) const { return map_cache_file(root(), dept); }

    // Changes config/kiosk.json, e.g. set_setting("map_source", "/srv/geo").
    void set_setting(const std::string& key, const nlohmann::json& value) const {
        nlohmann::json doc = nlohmann::json::parse(slurp(root() / "config" / "kiosk.json"));
        doc[key] = value;
        spill(root() / "config" / "kiosk.json", doc.dump(2));
    }
};

}  // namespace qmi::test
