// Device settings: config/kiosk.json, one file per kiosk (language, timings, staff PIN, feeds).
// Every key is optional (absent = the default below); an unknown key is an ERROR, so that a typo such as
// "idle_timout_s" is reported instead of silently leaving the default in place. Keys starting with "$"
// ("$comment") are notes, allowed in any object. A missing kiosk.json means "all defaults" and is not an error.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_error.hpp"
#include "core/text.hpp"

namespace qmi {

struct Settings {
    Lang language = Lang::Fr;          // "language": "fr" | "en"
    int idle_timeout_s = 90;           // back to the attract loop after this long untouched; 10 .. 3600
    int attract_step_s = 8;            // attract loop: seconds per highlighted district; 2 .. 120
    std::optional<double> dpi;         // null / absent = ask the system; else 50 .. 1000
    std::optional<double> screen_diagonal_in;  // null / absent = unknown; else 10 .. 120 (wins over dpi)
    struct Mounting {
        double bottom_edge_m = 0.65;   // height of the screen's lower edge above the floor; 0 .. 2.5
    } mounting;

    struct Staff {
        std::string pin_hash;          // libsodium crypto_pwhash_str string ("$argon2id$..."); "" = no staff menu
        int corner_hold_s = 5;         // hold the top-left corner this long to ask for the PIN; 2 .. 30
        int max_pin_attempts = 3;      // wrong PINs before a lockout; 1 .. 10
        int lockout_s = 60;            // lockout length; 10 .. 86400
    } staff;

    std::string map_source;            // where map contours are fetched from; "" = the built-in default

    struct Feed {
        std::string url;               // https:// or file:// content feed (http:// is refused); "" = no live updates
        int period_s = 900;            // poll period; 60 .. 86400
        std::string public_key;        // base64 Ed25519 public key (32 bytes) verifying the feed; required with url
        std::string ca_file;           // extra CA bundle for the feed's TLS; "" = system store only
    } content_feed;

    int map_update_period_s = 604800;  // how often to re-check map_source; 3600 .. 31536000 (a year)

    struct Stats {                     // anonymous usage statistics, <root>/var/usage.sqlite (core/usage.hpp)
        bool enabled = true;
        int retention_days = 400;      // hours older than this are deleted; 1 .. 3650 (400: a year and its month)
        int max_mb = 50;               // database + write-ahead log; 1 .. 10000 (a year is a few MB)
    } stats;

    struct Metrics {                   // fleet health for node_exporter's textfile collector (core/fleet_health.hpp)
        std::string textfile;          // "" = none; a *.prom path, absolute or relative to the kiosk root
        int period_s = 15;             // how often it is rewritten; 5 .. 3600
    } metrics;
};

struct SettingsLoad {
    std::optional<Settings> settings;  // set only when there is no error (the app then keeps what it had, or
                                       // starts on Settings{} defaults, and reports the errors)
    ConfigErrors errors;
};

// `label` names the source in errors.
SettingsLoad parse_settings(std::string_view bytes, const std::string& label);
// Missing file -> Settings{} and no error. Unreadable or larger than 64 KiB -> error.
SettingsLoad load_settings(const std::string& path);

}  // namespace qmi
