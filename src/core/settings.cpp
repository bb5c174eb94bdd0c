#include "core/settings.hpp"

#include <algorithm>
#include <filesystem>

#include <sodium.h>

#include "core/json_fields.hpp"

namespace qmi {

namespace {

constexpr size_t kMaxFileBytes = 64 * 1024;  // a settings file is under 1 KiB

// The keys of each object, so an unknown key can be told apart from one placed at the wrong level.
const std::vector<std::string_view> kTopKeys = {"language",   "idle_timeout_s", "attract_step_s", "dpi",
                                                "staff",      "map_source",     "content_feed",   "map_update_period_s",
                                                "stats",      "metrics",        "screen_diagonal_in", "mounting"};
const std::vector<std::string_view> kMountingKeys = {"bottom_edge_m"};
const std::vector<std::string_view> kStaffKeys = {"pin_hash", "corner_hold_s", "max_pin_attempts", "lockout_s"};
const std::vector<std::string_view> kFeedKeys = {"url", "period_s", "public_key", "ca_file"};
const std::vector<std::string_view> kStatsKeys = {"enabled", "retention_days", "max_mb"};
const std::vector<std::string_view> kMetricsKeys = {"textfile", "period_s"};

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

bool contains(const std::vector<std::string_view>& keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Every key of `obj` must be one of `known` (or a "$comment"). The reason names the likely intended key, since a
// settings typo otherwise means a default silently stays in force:
//   unknown setting "idle_timout_s" (did you mean "idle_timeout_s"?)
//   unknown setting "pin_hash" here: it belongs in "staff"
void reject_unknown_settings(FieldReader& reader, const Json& obj, const std::string& path,
                             const std::vector<std::string_view>& known) {
    for (const auto& [key, value] : obj.items()) {
        if (!key.empty() && key[0] == '$') continue;
        if (contains(known, key)) continue;
        std::string reason = "unknown setting \"" + key.substr(0, 64) + "\"";
        if (&known != &kStaffKeys && contains(kStaffKeys, key)) {
            reason += " here: it belongs in \"staff\"";
        } else if (&known != &kFeedKeys && contains(kFeedKeys, key)) {
            reason += " here: it belongs in \"content_feed\"";
        } else if (&known != &kTopKeys && contains(kTopKeys, key)) {
            reason += " here: it belongs at the top level";
        } else {
            std::string_view best;
            size_t best_distance = 4;  // beyond 3 edits a suggestion confuses more than it helps
            for (std::string_view k : known) {
                const size_t d = edit_distance(key, k);
                if (d < best_distance) best_distance = d, best = k;
            }
            if (!best.empty()) reason += " (did you mean \"" + std::string(best) + "\"?)";
        }
        reader.error(json_pointer(path, key), reason);
    }
}

bool valid_pin_hash(const std::string& hash) {
    if (hash.size() >= crypto_pwhash_STRBYTES) return false;
    // needs_rehash parses the string and returns -1 when it is not a hash of that algorithm. Both argon2id (the
    // crypto_pwhash_str default) and argon2i strings verify with crypto_pwhash_str_verify, so accept either.
    if (hash.rfind("$argon2id$", 0) == 0)
        return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) != -1;
    if (hash.rfind("$argon2i$", 0) == 0)
        return crypto_pwhash_argon2i_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != -1;
    return false;
}

// Standard padded base64 of 32 bytes (what signature.hpp produces: 44 characters).
bool valid_public_key(const std::string& b64) {
    unsigned char key[crypto_sign_PUBLICKEYBYTES];
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(key, sizeof key, b64.data(), b64.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return len == crypto_sign_PUBLICKEYBYTES && end == b64.data() + b64.size();
}

// https (the content is signed, but who fetches what, and when, is nobody else's business; and a plain http
// answer can be replaced by anyone on the way) or file:// (a local directory, e.g. a USB stick).
bool has_feed_scheme(std::string_view url) {
    for (std::string_view scheme : {"https://", "file://"})
        if (url.size() > scheme.size() && url.substr(0, scheme.size()) == scheme) return true;
    return false;
}

bool has_blank_or_control(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return true;
    return false;
}

void read_staff(FieldReader& reader, const Json& staff, Settings::Staff& out) {
    const std::string here = "/staff";
    reject_unknown_settings(reader, staff, here, kStaffKeys);
    if (auto hash = reader.string(staff, here, "pin_hash", Need::Optional, /*allow_empty=*/true)) {
        if (!hash->empty() && !valid_pin_hash(*hash))
            reader.error(here + "/pin_hash",
                         "not a libsodium crypto_pwhash_str hash (\"$argon2id$...\"); use \"\" to disable the staff menu");
        else
            out.pin_hash = *hash;
    }
    if (auto v = reader.integer(staff, here, "corner_hold_s", Need::Optional, 2, 30)) out.corner_hold_s = *v;
    if (auto v = reader.integer(staff, here, "max_pin_attempts", Need::Optional, 1, 10)) out.max_pin_attempts = *v;
    if (auto v = reader.integer(staff, here, "lockout_s", Need::Optional, 10, 86400)) out.lockout_s = *v;
}

void read_feed(FieldReader& reader, const Json& feed, Settings::Feed& out) {
    const std::string here = "/content_feed";
    reject_unknown_settings(reader, feed, here, kFeedKeys);
    bool url_ok = true, key_ok = true;
    if (auto url = reader.string(feed, here, "url", Need::Optional, true)) {
        if (!url->empty() && (!has_feed_scheme(*url) || has_blank_or_control(*url))) {
            reader.error(here + "/url", url->rfind("http://", 0) == 0
                                            ? "http:// is refused: the feed must be https:// (or file://)"
                                            : "expected an https:// (or file://) address without spaces (\"\" = no "
                                              "live updates)");
            url_ok = false;
        } else {
            out.url = *url;
        }
    } else if (feed.contains("url")) {
        url_ok = false;
    }
    if (auto v = reader.integer(feed, here, "period_s", Need::Optional, 60, 86400)) out.period_s = *v;
    if (auto key = reader.string(feed, here, "public_key", Need::Optional, true)) {
        if (!key->empty() && !valid_public_key(*key)) {
            reader.error(here + "/public_key", "not a base64 Ed25519 public key (32 bytes: 44 characters with padding)");
            key_ok = false;
        } else {
            out.public_key = *key;
        }
    } else if (feed.contains("public_key")) {
        key_ok = false;
    }
    // Live content replaces what the kiosk shows: without a key its signature cannot be checked.
    if (url_ok && key_ok && !out.url.empty() && out.public_key.empty())
        reader.error(here + "/public_key", "required when content_feed.url is set (feed updates are signed)");
    if (auto ca = reader.string(feed, here, "ca_file", Need::Optional, true)) out.ca_file = *ca;
}

void read_stats(FieldReader& reader, const Json& stats, Settings::Stats& out) {
    const std::string here = "/stats";
    reject_unknown_settings(reader, stats, here, kStatsKeys);
    if (const Json* v = reader.field(stats, here, "enabled", Need::Optional)) {
        if (v->is_boolean()) out.enabled = v->get<bool>();
        else reader.error(here + "/enabled", std::string("expected true or false, got ") + json_type_name(*v));
    }
    if (auto v = reader.integer(stats, here, "retention_days", Need::Optional, 1, 3650)) out.retention_days = *v;
    if (auto v = reader.integer(stats, here, "max_mb", Need::Optional, 1, 10000)) out.max_mb = *v;
}

void read_metrics(FieldReader& reader, const Json& metrics, Settings::Metrics& out) {
    const std::string here = "/metrics";
    reject_unknown_settings(reader, metrics, here, kMetricsKeys);
    if (auto file = reader.string(metrics, here, "textfile", Need::Optional, true)) {
        // node_exporter's textfile collector reads *.prom files only: any other name would silently never be seen.
        if (!file->empty() && (file->size() <= 5 || !file->ends_with(".prom") || has_blank_or_control(*file)))
            reader.error(here + "/textfile", "expected a path ending in .prom without spaces (node_exporter's "
                                             "textfile collector reads *.prom files only), or \"\" for none");
        else
            out.textfile = *file;
    }
    if (auto v = reader.integer(metrics, here, "period_s", Need::Optional, 5, 3600)) out.period_s = *v;
}

}  // namespace

SettingsLoad parse_settings(std::string_view bytes, const std::string& label) {
    SettingsLoad result;
    ConfigErrors& errors = result.errors;
    if (bytes.size() > kMaxFileBytes) {
        errors.push_back({label, "", "file is too large: " + std::to_string(bytes.size()) + " bytes, the limit is " +
                                         std::to_string(kMaxFileBytes)});
        return result;
    }
    // sodium_init is idempotent and thread-safe; the hash and base64 checks want it done.
    if (sodium_init() < 0) {
        errors.push_back({label, "", "libsodium failed to initialise"});
        return result;
    }
    const std::optional<Json> doc = parse_json_document(bytes, label, errors);
    if (!doc) return result;
    FieldReader reader(label, errors);
    if (!reader.expect_object(*doc, "")) return result;
    reject_unknown_settings(reader, *doc, "", kTopKeys);

    Settings s;
    if (auto code = reader.string(*doc, "", "language", Need::Optional)) {
        if (const auto lang = parse_lang(*code)) s.language = *lang;
        else reader.error("/language", "expected \"fr\" or \"en\", got \"" + code->substr(0, 16) + "\"");
    }
    if (auto v = reader.integer(*doc, "", "idle_timeout_s", Need::Optional, 10, 3600)) s.idle_timeout_s = *v;
    if (auto v = reader.integer(*doc, "", "attract_step_s", Need::Optional, 2, 120)) s.attract_step_s = *v;
    if (const Json* dpi = reader.field(*doc, "", "dpi", Need::Optional); dpi && !dpi->is_null()) {
        if (!dpi->is_number())
            reader.error("/dpi", std::string("expected a number or null (null = ask the system), got ") +
                                     json_type_name(*dpi));
        else if (const double v = dpi->get<double>(); !(v >= 50 && v <= 1000))
            reader.error("/dpi", "out of range: expected 50 to 1000 (or null), got " + dpi->dump());
        else
            s.dpi = v;
    }
    if (const Json* d = reader.field(*doc, "", "screen_diagonal_in", Need::Optional); d && !d->is_null()) {
        if (!d->is_number() || !(d->get<double>() >= 10 && d->get<double>() <= 120))
            reader.error("/screen_diagonal_in", "expected the screen's diagonal in inches, 10 to 120 (or null), got " +
                                                    d->dump().substr(0, 32));
        else
            s.screen_diagonal_in = d->get<double>();
    }
    if (const Json* m = reader.object(*doc, "", "mounting", Need::Optional)) {
        reject_unknown_settings(reader, *m, "/mounting", kMountingKeys);
        if (const Json* b = reader.field(*m, "/mounting", "bottom_edge_m", Need::Optional)) {
            if (!b->is_number() || !(b->get<double>() >= 0 && b->get<double>() <= 2.5))
                reader.error("/mounting/bottom_edge_m",
                             "expected the height of the screen's lower edge above the floor in metres, 0 to 2.5, "
                             "got " + b->dump().substr(0, 32));
            else
                s.mounting.bottom_edge_m = b->get<double>();
        }
    }
    if (auto v = reader.string(*doc, "", "map_source", Need::Optional, true)) s.map_source = *v;
    if (auto v = reader.integer(*doc, "", "map_update_period_s", Need::Optional, 3600, 31536000))
        s.map_update_period_s = *v;
    if (const Json* staff = reader.object(*doc, "", "staff", Need::Optional)) read_staff(reader, *staff, s.staff);
    if (const Json* feed = reader.object(*doc, "", "content_feed", Need::Optional))
        read_feed(reader, *feed, s.content_feed);
    if (const Json* stats = reader.object(*doc, "", "stats", Need::Optional)) read_stats(reader, *stats, s.stats);
    if (const Json* m = reader.object(*doc, "", "metrics", Need::Optional)) read_metrics(reader, *m, s.metrics);

    if (errors.empty()) result.settings = s;
    return result;
}

SettingsLoad load_settings(const std::string& path) {
    SettingsLoad result;
    std::error_code ec;
    if (std::filesystem::status(path, ec).type() == std::filesystem::file_type::not_found) {
        result.settings = Settings{};  // no kiosk.json: a plain install runs on defaults
        return result;
    }
    const std::optional<std::string> bytes = read_config_file(path, path, kMaxFileBytes, result.errors);
    if (!bytes) return result;
    return parse_settings(*bytes, path);
}

}  // namespace qmi
