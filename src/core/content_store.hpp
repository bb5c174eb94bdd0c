// Which programme content the kiosk shows: the bundled config/content.json or the signed copy the feed last cached
// (<root>/var/content-cache.json + .sig). At start the newest valid one wins, by its "published" date-time; a cache
// that is corrupted, truncated, mis-signed or fails validation is ignored with one error line for the log.
// The feed goes through check_signed_content too, so a downloaded body and a cached one pass the same gate.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/content_loader.hpp"
#include "core/membership.hpp"

namespace qmi {

enum class ContentSource { Bundled, Cache, Feed };
const char* content_source_name(ContentSource source);  // "bundled", "cache", "feed"

// "2024-02-06T10:00:00+01:00" / "...Z" -> UTC instant. The offset is required: a bare local time is ambiguous
// twice a year and content from the feed is compared across machines.
std::optional<date::sys_seconds> parse_publication_time(std::string_view iso);

// Bytes + label -> validated content (the content loader, bound to a membership). Injected so the store and the
// feed validate exactly like the bundled file, and so tests can count calls.
using ContentParser = std::function<ContentLoad(std::string_view bytes, const std::string& label)>;
// `membership` must outlive the parser; `drawable` (the fonts' coverage, optional) is checked on every text.
ContentParser content_parser(const Membership& membership, GlyphPredicate drawable = {});

// "var/content-cache.json" -> "var/content-cache.json.sig": where a detached signature lives next to its content.
std::filesystem::path signature_file(const std::filesystem::path& content_file);

struct ActiveContent {
    Content content;
    ContentSource source = ContentSource::Bundled;
    date::sys_seconds published{};  // parsed Content::published
};

// Signature check, then validation. `content` is nullopt and `error` one line when either fails.
struct SignedContentCheck {
    std::optional<Content> content;
    date::sys_seconds published{};
    std::string error;
};
SignedContentCheck check_signed_content(std::string_view bytes, std::string_view signature_b64,
                                        std::string_view public_key_b64, const std::string& label,
                                        const ContentParser& parse);

struct ContentPaths {
    std::filesystem::path bundled;  // config/content.json (trusted: it ships with the software, no signature)
    std::filesystem::path cache;    // var/content-cache.json; its signature is signature_file(cache)
};

struct ContentStart {
    std::optional<ActiveContent> active;  // nullopt only when neither source is valid
    std::vector<std::string> errors;      // one line each, for the log; a missing cache is not an error
};

// The newest valid of bundled and cache (the cache wins only when strictly newer). The cache's signature is
// re-verified with `public_key_b64`; an empty key means no feed is configured and any cache is ignored.
ContentStart choose_startup_content(const ContentPaths& paths, std::string_view public_key_b64,
                                    const ContentParser& parse);

// Writes the cache pair atomically, content first: a crash between the two leaves a pair whose signature does not
// match, which the next start detects and ignores. Returns "" on success, else one line.
std::string save_content_cache(const std::filesystem::path& cache, std::string_view bytes,
                               std::string_view signature_b64);

// "config/content.json: /districts/3/mayor: expected a string (and 2 more)": a list of errors as one log line.
std::string one_line(const ConfigErrors& errors);

}  // namespace qmi
