#include "app/startup.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <spdlog/spdlog.h>

#include "app/screen_density.hpp"
#include "core/content_loader.hpp"
#include "core/membership.hpp"
#include "ui/glyph_coverage.hpp"
#include "input/replay.hpp"

namespace qmi::app {

namespace {

// A script that could not be read whole is refused: a test must not "pass" by replaying half of itself.
// Impossible sequences alone are played as written (one warning): the kiosk must survive them.
std::optional<InputScript> load_replay(const Options& o, bool* ok) {
    *ok = true;
    if (o.replay.empty()) return std::nullopt;
    InputScript s = load_input_script(o.replay);
    const std::string more =
        s.errors.size() > 1 ? " (and " + std::to_string(s.errors.size() - 1) + " more)" : std::string();
    if (!s.complete) {
        spdlog::error("--replay: {}{}", s.errors.front().message(), more);
        *ok = false;
        return std::nullopt;
    }
    if (!s.errors.empty())
        spdlog::warn("--replay: playing impossible input as written: {}{}", s.errors.front().message(), more);
    double end = 0;
    for (const InputEvent& e : s.events) end = std::max(end, e.t);
    if (!(end >= 0 && end <= 3600)) {
        spdlog::error("--replay {}: script longer than one hour ({} s)", o.replay, end);
        *ok = false;
        return std::nullopt;
    }
    return s;
}

// The data of a screen mode, with the command line's overrides applied and the screen density resolved once.
std::optional<KioskData> load_for_screen(const Options& o, std::string& error, KioskDataLoad* info) {
    KioskDataLoad load = load_kiosk_data(o.root, true);
    for (const auto& w : load.warnings) spdlog::warn("{}", w);
    if (!load.data) {
        error = load.fatal;
        return std::nullopt;
    }
    if (info) {
        info->map_seconds = load.map_seconds;
        info->map_from_cache = load.map_from_cache;
    }
    KioskData& d = *load.data;
    if (!d.settings.dpi) {
        const float px_per_mm = screen_px_per_mm(std::nullopt);
        if (px_per_mm > 0) d.settings.dpi = px_per_mm * 25.4;
    }
    if (o.idle_timeout_s > 0) d.settings.idle_timeout_s = static_cast<int>(std::lround(o.idle_timeout_s));
    return std::move(load.data);
}

}  // namespace

std::optional<KioskData> load_or_explain(const Options& o, bool need_map, KioskDataLoad* info) {
    KioskDataLoad load = load_kiosk_data(o.root, need_map);
    for (const auto& w : load.warnings) spdlog::warn("{}", w);
    if (!load.data) {
        spdlog::error("{}", load.fatal);
        return std::nullopt;
    }
    if (info) {
        info->map_seconds = load.map_seconds;
        info->map_from_cache = load.map_from_cache;
    }
    return std::move(load.data);
}

Lang start_language(const Options& o, const Settings& settings) { return o.lang ? *o.lang : settings.language; }

std::optional<Startup> prepare_startup(const Options& o, int* exit_code) {
    std::optional<KioskClock> clock = make_clock(o);
    if (!clock) {
        *exit_code = 2;
        return std::nullopt;
    }
    bool ok = true;
    std::optional<InputScript> script = load_replay(o, &ok);
    if (!ok) {
        *exit_code = 2;
        return std::nullopt;
    }
    KioskDataLoad info;
    std::string error;
    std::optional<KioskData> data = load_for_screen(o, error, &info);
    if (!data) {
        spdlog::error("{}", error);
        *exit_code = 1;
        return std::nullopt;
    }
    const Lang lang = start_language(o, data->settings);
    return Startup{*clock, std::move(script), std::move(*data), info, lang};
}

std::optional<KioskData> reload_data(const Options& o, std::string& error) {
    MembershipLoad m = load_membership(o.root / "maps" / "membership.json");
    if (!m.membership) {
        error = m.errors.empty() ? "maps/membership.json is invalid" : m.errors.front().message();
        return std::nullopt;
    }
    const ContentLoad check = load_content_file(o.root / "config" / "content.json", "config/content.json",
                                                *m.membership, ui::kiosk_glyph_predicate());
    if (!check.errors.empty()) {
        error = check.errors.front().message();
        return std::nullopt;
    }
    return load_for_screen(o, error, nullptr);
}

}  // namespace qmi::app
