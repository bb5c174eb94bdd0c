#include "app/kiosk_data.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include "core/content_loader.hpp"
#include "core/geojson.hpp"
#include "core/map_build.hpp"
#include "core/map_cache.hpp"
#include "ui/glyph_coverage.hpp"

namespace qmi::app {

namespace {

std::string first_and_count(const ConfigErrors& errors) {
    if (errors.empty()) return "";
    std::string s = errors.front().message();
    if (errors.size() > 1) s += " (and " + std::to_string(errors.size() - 1) + " more: run qmi-kiosk --check-config)";
    return s;
}

}  // namespace

KioskDataLoad load_kiosk_data(const std::filesystem::path& root, bool need_map,
                              const std::filesystem::path& content_file) {
    KioskDataLoad out;
    KioskData d;

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
        ContentLoad c = load_content_file(content_file, content_file.string(), d.membership,
                                          ui::kiosk_glyph_predicate());
        if (!c.content) {
            out.fatal = "invalid content: " + first_and_count(c.errors);
            return out;
        }
        d.content = std::move(*c.content);
    } else {
        const ContentParser parse = content_parser(d.membership, ui::kiosk_glyph_predicate());
        ContentStart cs = choose_startup_content(
            {root / "config" / "content.json", root / "var" / "content-cache.json"}, d.settings.content_feed.public_key,
            parse);
        for (auto& e : cs.errors) out.warnings.push_back(std::move(e));
        if (!cs.active) {
            // The warnings hold the reason; the refusal is one line that names it.
            out.fatal = "no valid content, refusing to start: " +
                        (out.warnings.empty() ? std::string("config/content.json is missing") : out.warnings.back());
            return out;
        }
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
        MapLoad map = load_map(root, to_map_membership(d.membership));
        out.map_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        out.map_from_cache = map.from_cache;
        if (!map.cache_note.empty()) out.warnings.push_back("map cache: " + map.cache_note);
        if (!map.model) {
            out.fatal = "cannot start without the map: " +
                        (map.errors.empty() ? std::string("no contours") : first_and_count(map.errors)) +
                        " (run qmi-kiosk --fetch-maps)";
            return out;
        }
        for (const auto& e : map.errors) out.warnings.push_back(e.message());
        d.map = std::move(*map.model);
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

    // Map cache: every department file present, parseable and complete; then the build itself.
    if (m.membership) {
        const MapMembership mm = to_map_membership(*m.membership);
        std::vector<DepartmentContours> inputs;
        bool files_ok = true;
        for (const std::string& dept : ile_de_france_departments()) {
            const std::string label = "maps/cache/communes-" + dept + ".geojson";
            std::ifstream in(map_cache_file(root, dept), std::ios::binary);
            if (!in) {
                all.push_back({label, "", "missing (run qmi-kiosk --fetch-maps)"});
                files_ok = false;
                continue;
            }
            std::ostringstream buffer;
            buffer << in.rdbuf();
            GeoParse parsed = parse_feature_collection(buffer.str(), label);
            add(parsed.errors);
            if (!parsed.collection) {
                files_ok = false;
                continue;
            }
            const ConfigErrors v = validate_department_contours(*parsed.collection, dept, mm, label);
            add(v);
            files_ok = files_ok && parsed.errors.empty() && v.empty();
            inputs.push_back({dept, label, std::move(*parsed.collection)});
        }
        if (files_ok) {
            MapBuild built = build_map(inputs, mm);
            add(built.errors);
            if (!built.model && built.errors.empty()) all.push_back({"maps/cache", "", "the map cannot be built"});
        }
    }
    return all;
}

}  // namespace qmi::app
