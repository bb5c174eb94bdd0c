// Device settings (config/kiosk.json): defaults, the committed demo file, range checks, and typos that must not pass.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <sodium.h>

#include "core/settings.hpp"

using namespace qmi;

namespace {

SettingsLoad parse(std::string_view json) { return parse_settings(json, "kiosk.json"); }

bool has_error(const SettingsLoad& load, const std::string& path, const std::string& reason_part) {
    for (const auto& e : load.errors)
        if (e.file == "kiosk.json" && e.path == path && e.reason.find(reason_part) != std::string::npos) return true;
    return false;
}

std::string all_errors(const SettingsLoad& load) {
    std::string s;
    for (const auto& e : load.errors) s += e.message() + "\n";
    return s;
}

// Only the first error matters for most checks; also asserts no Settings came out.
SettingsLoad rejected(std::string_view json) {
    SettingsLoad load = parse(json);
    INFO(json);
    CHECK_FALSE(load.settings.has_value());
    CHECK_FALSE(load.errors.empty());
    return load;
}

std::string b64(const unsigned char* bytes, size_t n) {
    std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // drop the terminating NUL
    return out;
}

void check_defaults(const Settings& s) {
    CHECK(s.language == Lang::Fr);
    CHECK(s.idle_timeout_s == 90);
    CHECK(s.attract_step_s == 8);
    CHECK_FALSE(s.dpi.has_value());
    CHECK(s.staff.corner_hold_s == 5);
    CHECK(s.staff.max_pin_attempts == 3);
    CHECK(s.staff.lockout_s == 60);
    CHECK(s.map_source.empty());
    CHECK(s.content_feed.url.empty());
    CHECK(s.content_feed.period_s == 900);
    CHECK(s.content_feed.public_key.empty());
    CHECK(s.content_feed.ca_file.empty());
    CHECK(s.map_update_period_s == 604800);
}

}  // namespace

TEST_CASE("the committed kiosk.json holds the defaults and the demo PIN 2468", "[settings]") {
    const SettingsLoad load = load_settings(QMI_SOURCE_ROOT "/config/kiosk.json");
    INFO(all_errors(load));
    REQUIRE(load.errors.empty());
    REQUIRE(load.settings.has_value());
    check_defaults(*load.settings);
    const std::string& hash = load.settings->staff.pin_hash;
    REQUIRE(sodium_init() >= 0);
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "2468", 4) == 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "2469", 4) != 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "", 0) != 0);
}

TEST_CASE("no kiosk.json means defaults, with the staff menu disabled", "[settings]") {
    const SettingsLoad missing = load_settings("/nonexistent/dir/kiosk.json");
    CHECK(missing.errors.empty());
    REQUIRE(missing.settings.has_value());
    check_defaults(*missing.settings);
    CHECK(missing.settings->staff.pin_hash.empty());

    const SettingsLoad empty_object = parse("{}");
    CHECK(empty_object.errors.empty());
    REQUIRE(empty_object.settings.has_value());
    check_defaults(*empty_object.settings);
}

TEST_CASE("every setting is read", "[settings]") {
    REQUIRE(sodium_init() >= 0);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    const std::string key = b64(pk, sizeof pk);
    CHECK(key.size() == 44);
    const std::string json = R"({
      "$comment": "test",
      "language": "en",
      "idle_timeout_s": 120,
      "attract_step_s": 10,
      "dpi": 141.5,
      "staff": {"$comment": "x", "pin_hash": "", "corner_hold_s": 3, "max_pin_attempts": 5, "lockout_s": 300},
      "map_source": "https://example.org/contours.geojson",
      "content_feed": {"url": "https://example.org/content.json", "period_s": 60, "public_key": ")" + key +
                             R"(", "ca_file": "/etc/qmi/ca.pem"},
      "map_update_period_s": 86400
    })";
    const SettingsLoad load = parse(json);
    INFO(all_errors(load));
    REQUIRE(load.settings.has_value());
    const Settings& s = *load.settings;
    CHECK(s.language == Lang::En);
    CHECK(s.idle_timeout_s == 120);
    CHECK(s.attract_step_s == 10);
    REQUIRE(s.dpi.has_value());
    CHECK(*s.dpi == Approx(141.5));
    CHECK(s.staff.pin_hash.empty());
    CHECK(s.staff.corner_hold_s == 3);
    CHECK(s.staff.max_pin_attempts == 5);
    CHECK(s.staff.lockout_s == 300);
    CHECK(s.map_source == "https://example.org/contours.geojson");
    CHECK(s.content_feed.url == "https://example.org/content.json");
    CHECK(s.content_feed.period_s == 60);
    CHECK(s.content_feed.public_key == key);
    CHECK(s.content_feed.ca_file == "/etc/qmi/ca.pem");
    CHECK(s.map_update_period_s == 86400);
}

TEST_CASE("a typo in a key is an error that suggests the right one", "[settings]") {
    const SettingsLoad load = rejected(R"({"idle_timout_s": 30})");
    CHECK(has_error(load, "/idle_timout_s", "did you mean \"idle_timeout_s\""));
    CHECK(has_error(rejected(R"({"staff": {"lockout": 30}})"), "/staff/lockout", "did you mean \"lockout_s\""));
    CHECK(has_error(rejected(R"({"content_feed": {"public-key": ""}})"), "/content_feed/public-key",
                    "did you mean \"public_key\""));
    CHECK(has_error(rejected(R"({"pin_hash": ""})"), "/pin_hash", "belongs in \"staff\""));
    CHECK(has_error(rejected(R"({"staff": {"language": "en"}})"), "/staff/language", "top level"));
    CHECK(has_error(rejected(R"({"screensaver": true})"), "/screensaver", "unknown setting"));
}

TEST_CASE("out-of-range and wrongly typed values are errors", "[settings]") {
    CHECK(has_error(rejected(R"({"idle_timeout_s": 5})"), "/idle_timeout_s", "out of range"));
    CHECK(has_error(rejected(R"({"idle_timeout_s": -90})"), "/idle_timeout_s", "out of range"));
    CHECK(has_error(rejected(R"({"idle_timeout_s": 18446744073709551615})"), "/idle_timeout_s", "out of range"));
    CHECK(has_error(rejected(R"({"idle_timeout_s": 90.5})"), "/idle_timeout_s", "expected an integer"));
    CHECK(has_error(rejected(R"({"idle_timeout_s": "90"})"), "/idle_timeout_s", "expected an integer"));
    CHECK(has_error(rejected(R"({"attract_step_s": 0})"), "/attract_step_s", "out of range"));
    CHECK(has_error(rejected(R"({"language": "de"})"), "/language", "\"fr\" or \"en\""));
    CHECK(has_error(rejected(R"({"language": 1})"), "/language", "expected a string"));
    CHECK(has_error(rejected(R"({"dpi": 10})"), "/dpi", "out of range"));
    CHECK(has_error(rejected(R"({"dpi": "96"})"), "/dpi", "expected a number or null"));
    CHECK(has_error(rejected(R"({"staff": {"max_pin_attempts": 0}})"), "/staff/max_pin_attempts", "out of range"));
    CHECK(has_error(rejected(R"({"staff": {"corner_hold_s": 1}})"), "/staff/corner_hold_s", "out of range"));
    CHECK(has_error(rejected(R"({"staff": {"lockout_s": 0}})"), "/staff/lockout_s", "out of range"));
    CHECK(has_error(rejected(R"({"staff": "2468"})"), "/staff", "expected an object"));
    CHECK(has_error(rejected(R"({"content_feed": {"period_s": 30}})"), "/content_feed/period_s", "out of range"));
    CHECK(has_error(rejected(R"({"map_update_period_s": 60})"), "/map_update_period_s", "out of range"));
    const SettingsLoad dpi_null = parse(R"({"dpi": null})");
    REQUIRE(dpi_null.settings.has_value());
    CHECK_FALSE(dpi_null.settings->dpi.has_value());
    // Every problem is listed, not just the first.
    CHECK(rejected(R"({"idle_timeout_s": 5, "attract_step_s": 0, "language": "de"})").errors.size() == 3);
}

TEST_CASE("the PIN hash must be a libsodium password hash", "[settings]") {
    // Someone pasting the PIN itself instead of its hash must not get a working staff menu.
    CHECK(has_error(rejected(R"({"staff": {"pin_hash": "2468"}})"), "/staff/pin_hash", "crypto_pwhash_str"));
    CHECK(has_error(rejected(R"({"staff": {"pin_hash": "$argon2id$v=19$m=65536,t=2,p=1$broken"}})"),
                    "/staff/pin_hash", "crypto_pwhash_str"));
    CHECK(has_error(rejected(R"({"staff": {"pin_hash": 2468}})"), "/staff/pin_hash", "expected a string"));
}

TEST_CASE("a live content feed needs a valid address and its signing key", "[settings]") {
    CHECK(has_error(rejected(R"({"content_feed": {"url": "ftp://example.org/c.json", "public_key": ""}})"),
                    "/content_feed/url", "https://"));
    CHECK(has_error(rejected(R"({"content_feed": {"url": "https://exa mple.org/c.json"}})"), "/content_feed/url",
                    "without spaces"));
    // Plain http: the feed is read in clear, anyone on the way answers instead of the server. Refused.
    CHECK(has_error(rejected(R"({"content_feed": {"url": "http://example.org/c.json",
                                 "public_key": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}})"),
                    "/content_feed/url", "http:// is refused"));
    CHECK(parse(R"({"content_feed": {"url": "file:///media/usb/content.json",
                   "public_key": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}})").settings);
    CHECK(has_error(rejected(R"({"content_feed": {"url": "https://example.org/c.json"}})"),
                    "/content_feed/public_key", "required"));
    CHECK(has_error(rejected(R"({"content_feed": {"public_key": "not base64!"}})"), "/content_feed/public_key",
                    "Ed25519"));
    // Valid base64 but 16 bytes, not 32.
    CHECK(has_error(rejected(R"({"content_feed": {"public_key": "AAAAAAAAAAAAAAAAAAAAAA=="}})"),
                    "/content_feed/public_key", "Ed25519"));
    // A key without a feed is harmless (staff may prepare it first).
    const SettingsLoad key_only = parse(R"({"content_feed": {"public_key": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}})");
    CHECK(key_only.errors.empty());
}

TEST_CASE("broken settings files are reported, never thrown", "[settings]") {
    CHECK_THAT(rejected("").errors.front().reason, Catch::Contains("empty"));
    CHECK_THAT(rejected("{\"language\": \"fr\",").errors.front().reason, Catch::Contains("syntax"));
    CHECK_THAT(rejected("[]").errors.front().reason, Catch::Contains("expected an object"));
    CHECK_THAT(rejected("{\"map_source\": \"caf\xE9\"}").errors.front().reason, Catch::Contains("UTF-8"));
    CHECK_THAT(rejected(std::string(100000, ' ')).errors.front().reason, Catch::Contains("too large"));

    // A directory where the file should be is not "missing".
    const SettingsLoad dir = load_settings(QMI_SOURCE_ROOT "/config");
    CHECK_FALSE(dir.settings.has_value());
    CHECK_FALSE(dir.errors.empty());
}

TEST_CASE("the screen's size and mounting: diagonal in inches, bottom edge above the floor", "[settings]") {
    const SettingsLoad ok = parse(R"({"screen_diagonal_in": 55, "mounting": {"$comment": "totem", "bottom_edge_m": 0.5}})");
    INFO(all_errors(ok));
    REQUIRE(ok.settings.has_value());
    REQUIRE(ok.settings->screen_diagonal_in.has_value());
    CHECK(*ok.settings->screen_diagonal_in == Approx(55));
    CHECK(ok.settings->mounting.bottom_edge_m == Approx(0.5));
    const SettingsLoad defaults = parse(R"({"screen_diagonal_in": null})");
    REQUIRE(defaults.settings.has_value());
    CHECK_FALSE(defaults.settings->screen_diagonal_in.has_value());
    CHECK(defaults.settings->mounting.bottom_edge_m == Approx(0.65));
    // A diagonal in centimetres or millimetres, a height in centimetres, wrong types, typos: all refused.
    CHECK(has_error(rejected(R"({"screen_diagonal_in": 139.7})"), "/screen_diagonal_in", "inches"));
    CHECK(has_error(rejected(R"({"screen_diagonal_in": "55"})"), "/screen_diagonal_in", "inches"));
    CHECK(has_error(rejected(R"({"mounting": {"bottom_edge_m": 65}})"), "/mounting/bottom_edge_m", "metres"));
    CHECK(has_error(rejected(R"({"mounting": {"bottom_edge_m": -0.1}})"), "/mounting/bottom_edge_m", "metres"));
    CHECK(has_error(rejected(R"({"mounting": {"bottom_edge": 0.6}})"), "/mounting/bottom_edge",
                    "did you mean \"bottom_edge_m\""));
    CHECK(has_error(rejected(R"({"mounting": 0.6})"), "/mounting", "expected an object"));
}
