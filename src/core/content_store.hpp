// Which programme content the kiosk shows, and what it has accepted before. Three files:
//   config/content.json             the bundled content (trusted: it ships with the software, no signature);
//   var/content-cache.signed        the signed copy the feed last accepted: signature AND bytes in one file, replaced
//                                   by one atomic rename, so a crash at any instant leaves the old pair or the new
//                                   pair, never new bytes beside an old signature;
//   var/content-high-water.json     the newest "published" ever accepted (and its version), kept apart from the cache
//                                   so that it survives a lost or damaged cache: signed content older than it is
//                                   never accepted again (a replayed old file cannot roll the screen back).
// At start the newest valid of bundled and cache wins, by "published"; a cache that is corrupted, truncated,
// mis-signed or invalid is ignored with one error line. The feed goes through check_signed_content and
// judge_candidate too, so a downloaded body and a cached one pass the same gates.
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

// "content.json" -> "content.json.sig": where staff publish a detached signature next to its content.
std::filesystem::path signature_file(const std::filesystem::path& content_file);

struct ContentPaths {
    std::filesystem::path bundled;     // <root>/config/content.json
    std::filesystem::path cache;       // <root>/var/content-cache.signed
    std::filesystem::path high_water;  // <root>/var/content-high-water.json
};
ContentPaths content_paths(const std::filesystem::path& root);

// What identifies one content: enough to order it (instant) and to name it in a log line or the staff screen.
struct ContentStamp {
    std::string version;        // Content::version
    std::string published;      // Content::published, as written
    date::sys_seconds instant{};  // parse_publication_time(published)
};
// nullopt when `content.published` is not a valid publication time (the loader refuses such content).
std::optional<ContentStamp> stamp_of(const Content& content);

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

// The cache file: "QMI-SIGNED-CONTENT 1\n" + base64 signature + "\n" + the content bytes exactly as signed.
std::string encode_signed_content(std::string_view bytes, std::string_view signature_b64);
struct SignedBytes {
    std::string_view signature_b64, bytes;  // views into the decoded file
};
// nullopt and `why` set when the file is not in that format (truncated inside the header, another file...).
std::optional<SignedBytes> decode_signed_content(std::string_view file, std::string* why);

// The high-water file: {"published": ..., "version": ...}. Parsed strictly: nullopt and `why` when damaged.
std::string encode_high_water(const ContentStamp& stamp);
std::optional<ContentStamp> parse_high_water(std::string_view bytes, std::string* why);
// Reads and parses the high-water file. nullopt when it is missing (`error` stays "") or damaged (`error` says why).
std::optional<ContentStamp> read_high_water(const std::filesystem::path& file, std::string* error);

struct ContentStart {
    std::optional<ActiveContent> active;     // nullopt only when neither source is valid
    std::optional<ContentStamp> high_water;  // the newest content ever accepted, when its file is readable
    std::vector<std::string> errors;         // one line each, for the log; a missing cache is not an error
};

// The newest valid of bundled and cache (the cache wins only when strictly newer). The cache's signature is
// re-verified with `public_key_b64`; an empty key means no feed is configured and any cache is ignored. The cache
// is used even when the high-water mark is newer (a crash between the two writes of save_accepted_content): it is
// still newer than anything else on disk, and the feed brings the content of the mark back.
ContentStart choose_startup_content(const ContentPaths& paths, std::string_view public_key_b64,
                                    const ContentParser& parse);

// How signed, valid content compares with what is on screen and with the high-water mark.
enum class Verdict {
    Newer,        // accept it
    Same,         // the content on screen itself: nothing to do
    Older,        // older than the content on screen or than content accepted before: a replay, refuse
    SameInstant,  // another version with the same "published" instant: cannot be ordered, refuse
};
struct Judgement {
    Verdict verdict = Verdict::Newer;
    std::string reason;  // for Older and SameInstant: "older than the content on screen (v1, published ...)"
};
Judgement judge_candidate(const ContentStamp& candidate, const std::optional<ContentStamp>& shown,
                          const std::optional<ContentStamp>& high_water);

// Persists accepted content: the high-water mark first, then the cache, each written atomically. Killed at any
// instant it leaves (mark, cache) at (old, old), (new, old) or (new, new): the mark is never older than the cache.
// Returns "" on success, else one line (nothing more is written after a failure).
std::string save_accepted_content(const ContentPaths& paths, std::string_view bytes, std::string_view signature_b64,
                                  const ContentStamp& stamp);

// Raises the high-water mark to `shown` when it is newer (a software update brought newer bundled content).
// Returns "" when nothing had to be written or the write succeeded, else one line.
std::string raise_high_water(const ContentPaths& paths, const ContentStamp& shown);

// "config/content.json: /districts/3/mayor: expected a string (and 2 more)": a list of errors as one log line.
std::string one_line(const ConfigErrors& errors);

}  // namespace qmi
