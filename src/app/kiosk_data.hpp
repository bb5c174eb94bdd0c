// Everything the kiosk shows, loaded from files once at start: membership, programme content, interface text,
// device settings and the map. No window, no GL: loading happens before the window exists, so the first frame
// can be drawn (and presented) complete as soon as the window is there.
// Bad files are expected: temporary files of writers killed half-way are removed first, a damaged content cache
// falls back to the bundled file, a damaged contour file to the last good map model (refetched in the background by
// LiveUpdates). Only when no map can be drawn at all are the damaged contour files fetched before giving up, so a
// restart loop repairs itself as soon as a map source answers.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/config_error.hpp"
#include "core/content.hpp"
#include "core/content_store.hpp"
#include "core/map_model.hpp"
#include "core/membership.hpp"
#include "core/settings.hpp"
#include "core/ui_text.hpp"

namespace qmi::app {

struct KioskData {
    Membership membership;
    Content content;
    ContentSource content_source = ContentSource::Bundled;
    UiText text;
    Settings settings;
    MapModel map;
    // Departments whose cached contour file is damaged (MapLoad::repair): the map above is the last good model or
    // was built without them; LiveUpdates refetches them in the background.
    std::vector<std::string> map_repair;
    // maps/cache/arrondissements-75.geojson is missing or damaged (the map has no arrondissements, or the last good
    // model's): LiveUpdates fetches it in the background.
    bool map_repair_arrondissements = false;
};

struct KioskDataLoad {
    std::optional<KioskData> data;  // nullopt: the kiosk cannot start; `fatal` says why in one line
    std::string fatal;
    std::vector<std::string> warnings;  // logged, start goes on (bad kiosk.json -> defaults, bad content cache, ...)
    double map_seconds = 0;             // how long the map took (cache hit or build), for the start-up figures
    bool map_from_cache = false;
};

// `need_map` false skips the map (--countdown). `content_file` (qmi-kiosk proof): the programme comes from this file
// alone, validated like the bundled one, instead of the newest of config/content.json and the feed's cache.
KioskDataLoad load_kiosk_data(const std::filesystem::path& root, bool need_map = true,
                              const std::filesystem::path& content_file = {});

// --check-config: every problem of every file, "file: /json/pointer: reason" each. The map files are judged by
// load_map itself (without writing anything), so --check-config and the start-up always agree on them.
ConfigErrors check_config(const std::filesystem::path& root);

}  // namespace qmi::app
