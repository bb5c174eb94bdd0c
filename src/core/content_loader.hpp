// config/content.json (or the same bytes from the signed HTTPS feed) -> validated Content.
// Every problem is reported as ConfigError{file, JSON pointer, reason}, all of them in one pass; a content with any
// error is rejected whole (content = nullopt) so the kiosk keeps its last good state. Never throws, on any input.
// The schema is documented in the "$comment" at the top of config/content.json.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/config_error.hpp"
#include "core/content.hpp"
#include "core/membership.hpp"

namespace qmi {

// Larger than this is refused unread: the real file is ~15 KiB, and a feed must not be able to exhaust memory.
inline constexpr size_t kMaxContentBytes = 4u << 20;

struct ContentLoad {
    std::optional<Content> content;  // nullopt when errors is not empty
    ConfigErrors errors;
};

// Validates bytes (file contents or a downloaded feed body). Districts are checked against the membership:
// INSEE code a member, department and territory as the membership says; District::commune is filled from it.
ContentLoad parse_content(std::string_view bytes, const std::string& file_label, const Membership& membership);

// Reads then parses a file: missing, not a regular file, empty, larger than kMaxContentBytes, or not UTF-8 are one
// ConfigError each (path "").
ContentLoad load_content_file(const std::filesystem::path& file, const std::string& file_label,
                              const Membership& membership);

}  // namespace qmi
