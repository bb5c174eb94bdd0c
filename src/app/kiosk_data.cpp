#include "app/kiosk_data.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "core/atomic_file.hpp"
#include "core/content_loader.hpp"
#include "core/map_build.hpp"
#include "core/map_cache.hpp"
#include "net/map_fetch.hpp"
#include "ui/glyph_coverage.hpp"

namespace qmi::app {

namespace {

std::string first_and_count(const ConfigErrors& errors) {
    if (errors.empty()) return "";
    std::string s = errors.front().message();
    if (errors.size() > 1) s += " (and " + std::to_string(errors.size() - 1) + " more: run qmi-kiosk --check-config)";
    return s;
}

std::string joined(const std::vector<std::string>& items) {
    std::string s;
    for (const std::string& i : items) s += (s.empty() ? "" : ", ") + i;
    return s;
}

// No map can be drawn: fetch the damaged departments now (bounded), since nothing would be on screen otherwise.
// Returns "" when something was fetched, else why not.
std::string repair_before_start(const std::filesystem::path& root, const Settings& settings,
                                const MapMembership& membership, const std::vector<std::string>& departments) {
    net::MapFetchOptions fetch;
    fetch.departments = departments;
    fetch.refresh = true;
    fetch.prebuild_model = false;  // load_map builds right after
    fetch.arrondissements = false; // optional: never delays a start
    fetch.connect_timeout_s = 5;
    fetch.total_timeout_s = 20;    // per department; the systemd start timeout is 60 s
    const auto sources = net::map_sources(root, net::effective_map_source(settings));
    return net::fetch_maps(root, sources, membership, fetch) == 0 ? std::string()
                                                                   : "no map source delivered them (see above)";
}

}  // namespace

KioskDataLoad load_kiosk_data(const std::filesystem::path& root, bool need_map,
                              const std::filesystem::path& content_file) {
    KioskDataLoad out;
    KioskData d;

    // Temporary files of writers killed half-way (a crash during a feed update or a map refresh): never read, and
    // nothing else would ever remove them.
    for (const auto& dir : {root / "var", root / "maps" / "cache"})
        if (const size_t n = remove_stale_temporaries(dir); n > 0)
            out.warnings.push_back(std::to_string(n) + " temporary file(s) of an interrupted write removed from " +
                                   dir.string());

    MembershipLoad m = load_membership(root / "maps" / "membership.json");
    if (!m.membership) {
        out.fatal = "cannot start: " + first_and_count(m.errors);
        return out;
    }
    d.membership = std::move(*m.membership);

    SettingsLoad s = load_settings((root / "config" / "kiosk.json").string());
    if (s.settings) {
        d.settings = *s.settings;
    } else {
        for (const auto& e : s.errors) out.warnings.push_back(e.message() + " (using default settings)");
    }

    // The fonts' coverage: the same predicate for start-up, the proof sheet and --check-config (check_config below).
    if (!content_file.empty()) {
        // A content file given on the command line (proof, publish): shown as it is, no cache, no feed.
        ContentLoad c = load_content_file(content_file, content_file.string(), d.membership,
                                          ui::kiosk_glyph_predicate());
        if (!c.content) {
            out.fatal = "invalid content: " + first_and_count(c.errors);
            return out;
        }
        d.content = std::move(*c.content);
    } else {
        ContentStart cs = choose_startup_content(content_paths(root), d.settings.content_feed.public_key,
                                                 content_parser(d.membership, ui::kiosk_glyph_predicate()));
        for (auto& e : cs.errors) out.warnings.push_back(std::move(e));
        if (!cs.active) {
            // The warnings hold the reason; the refusal is one line that names it.
            out.fatal = "no valid content, refusing to start: " +
                        (out.warnings.empty() ? std::string("config/content.json is missing") : out.warnings.back());
            return out;
        }
        if (cs.high_water && cs.high_water->instant > cs.active->published)
            out.warnings.push_back("content " + cs.active->content.version + " shown, older than " +
                                   cs.high_water->version + " (published " + cs.high_water->published +
                                   ") accepted before: its cache is lost, the feed brings it back");
        d.content = std::move(cs.active->content);
        d.content_source = cs.active->source;
    }

    UiTextLoad t = load_ui_text((root / "config" / "ui-text.json").string(), ui::kiosk_glyph_predicate());
    if (!t.text) {
        out.fatal = "cannot start: " + first_and_count(t.errors);
        return out;
    }
    d.text = std::move(*t.text);

    if (need_map) {
        const auto t0 = std::chrono::steady_clock::now();
        const MapMembership mm = to_map_membership(d.membership);
        MapLoad map = load_map(root, mm);
        if (!map.model && !map.repair.empty()) {
            spdlog::warn("no map to draw ({}); fetching department(s) {} before giving up",
                         first_and_count(map.errors), joined(map.repair));
            if (const std::string why = repair_before_start(root, d.settings, mm, map.repair); why.empty())
                map = load_map(root, mm);
        }
        out.map_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        out.map_from_cache = map.from_cache();
        if (!map.cache_note.empty()) out.warnings.push_back("map cache: " + map.cache_note);
        if (!map.model) {
            out.fatal = "cannot start without the map: " +
                        (map.errors.empty() ? std::string("no contours") : first_and_count(map.errors)) +
                        " (run qmi-kiosk --fetch-maps)";
            return out;
        }
        for (const auto& e : map.errors) out.warnings.push_back(e.message());
        if (!map.repair.empty())
            out.warnings.push_back("map: " + std::string(map_origin_name(map.origin)) + " on screen; damaged " +
                                   "contour file(s) of department(s) " + joined(map.repair) + " refetched in the " +
                                   "background from the map source");
        // Paris without its arrondissements: one line, and the kiosk starts as it would without them.
        if (!map.arrondissements_note.empty()) out.warnings.push_back("map: " + map.arrondissements_note);
        d.map = std::move(*map.model);
        d.map_repair = std::move(map.repair);
        d.map_repair_arrondissements = map.repair_arrondissements;
    }
    out.data = std::move(d);
    return out;
}

ConfigErrors check_config(const std::filesystem::path& root) {
    ConfigErrors all;
    auto add = [&all](const ConfigErrors& e) { all.insert(all.end(), e.begin(), e.end()); };

    MembershipLoad m = load_membership(root / "maps" / "membership.json");
    add(m.errors);
    if (m.membership) {
        add(load_content_file(root / "config" / "content.json", "config/content.json", *m.membership,
                              ui::kiosk_glyph_predicate())
                .errors);
    } else {
        all.push_back({"config/content.json", "", "not checked: maps/membership.json is invalid"});
    }
    add(load_ui_text((root / "config" / "ui-text.json").string(), ui::kiosk_glyph_predicate()).errors);
    add(load_settings((root / "config" / "kiosk.json").string()).errors);

    // The map: exactly the start-up's judgement of the same files, nothing written.
    if (m.membership) {
        const MapLoad map = load_map(root, to_map_membership(*m.membership), {.write_cache = false});
        add(map.errors);
        // A damaged arrondissements file is an error to fix (a missing one is a choice: the map is fine without).
        add(map.arrondissement_errors);
        if (!map.model)
            all.push_back({"maps/cache/map-model.bin", "",
                           map.repair.empty() ? "the map cannot be built"
                                              : "no last good map model either: the kiosk fetches the damaged files "
                                                "at start, and cannot start until a map source delivers them"});
    }
    return all;
}

}  // namespace qmi::app
