// config/content.json (or the same bytes from the signed HTTPS feed) -> validated Content.
// Every problem is reported as ConfigError{file, JSON pointer, reason}, all of them in one pass; a content with any
// error is rejected whole (content = nullopt) so the kiosk keeps its last good state. Never throws, on any input.
// The schema is documented in README.md ("config/content.json") and in the "$comment" of config/content.json.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/config_error.hpp"
#include "core/content.hpp"
#include "core/json_fields.hpp"
#include "core/membership.hpp"

namespace qmi {

// Larger than this is refused unread: the real file is ~30 KiB, and a feed must not be able to exhaust memory.
inline constexpr size_t kMaxContentBytes = 4u << 20;

// No text of content.json may be longer than this many bytes, whatever the field: such a string is refused by the
// first pass over the bytes, before any document or screen text is built from it. Each field also has its own,
// smaller limit in characters (content_loader.cpp, kLimits): what fits on the panel.
inline constexpr size_t kMaxContentStringBytes = 8192;

struct ContentLoad {
    std::optional<Content> content;  // nullopt when errors is not empty
    ConfigErrors errors;
};

// Validates bytes (file contents or a downloaded feed body). Districts are checked against the membership:
// INSEE code a member, department and territory as the membership says; District::commune is filled from it.
// `drawable` (optional) says which characters the kiosk's fonts can draw; any other character in any text is an
// error. The app passes the same predicate at start-up, on reload, for the feed and for --check-config.
ContentLoad parse_content(std::string_view bytes, const std::string& file_label, const Membership& membership,
                          const GlyphPredicate& drawable = {});

// Reads then parses a file: missing, not a regular file, empty, larger than kMaxContentBytes, or not UTF-8 are one
// ConfigError each (path "").
ContentLoad load_content_file(const std::filesystem::path& file, const std::string& file_label,
                              const Membership& membership, const GlyphPredicate& drawable = {});

// The reason an https URL shown to visitors (QR code) is refused, "" when it is acceptable: https only, a host,
// no user name or password, no spaces or control characters, ASCII, at most 500 bytes.
std::string url_problem(std::string_view url);

}  // namespace qmi
