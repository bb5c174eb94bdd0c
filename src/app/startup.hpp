// What a mode needs before it can show anything, loaded once and explained in one log line when it cannot be:
// the data (content, text, settings, membership, map), the start language, the clock and the input script.
#pragma once
#include <optional>
#include <string>

#include "app/kiosk_clock.hpp"
#include "app/kiosk_data.hpp"
#include "app/options.hpp"
#include "core/input_script.hpp"

namespace qmi::app {

// Loads everything (the map only with `need_map`), logging each warning; nullopt after one error line when the
// kiosk cannot start. `info` (optional) receives the map's load figures.
std::optional<KioskData> load_or_explain(const Options& o, bool need_map, KioskDataLoad* info = nullptr);

// --lang, else kiosk.json's "language".
Lang start_language(const Options& o, const Settings& settings);

// The screen modes' start: clock (--now), input script (--replay), data with the command line's overrides applied
// (--idle-timeout) and the screen density resolved once (kiosk.json "dpi", else the X server's).
struct Startup {
    KioskClock clock;
    std::optional<InputScript> script;
    KioskData data;
    KioskDataLoad info;  // load figures (map from cache or built, seconds)
    Lang lang = Lang::Fr;
};
// nullopt after one log line; *exit_code is then 2 (bad command line: --now, --replay) or 1 (no content or map).
std::optional<Startup> prepare_startup(const Options& o, int* exit_code);

// A staff "reload": config/content.json is checked first (an invalid edit is refused and the content on screen
// stays, even when a newer cached update would have started), then everything is loaded as at start. The data, or
// nullopt with one line in `error`.
std::optional<KioskData> reload_data(const Options& o, std::string& error);

}  // namespace qmi::app
