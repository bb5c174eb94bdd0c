// Files that are either wholly old or wholly new, even across a power cut: the kiosk's content cache is rewritten
// while the kiosk runs, and a half-written cache must never be what it reads at the next boot.
// write: temporary file in the same directory + fsync + rename over the target + fsync of the directory.
// read: refuses files larger than a cap before reading them (a cache can be corrupted into anything).
// Errors are returned as one line naming the file; nothing throws or logs.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qmi {

// Replaces `file` with `bytes` atomically; creates missing parent directories. `mode` applies to the new file
// (0644 by default; 0600 for secrets: the temporary file is created with it, so the bytes are never readable by
// others even briefly). Returns "" on success, else one line.
std::string write_file_atomically(const std::filesystem::path& file, std::string_view bytes,
                                  unsigned mode = 0644);

// Like write_file_atomically but fails (without touching anything) when `file` already exists: for secret keys,
// which must never be overwritten by accident.
std::string write_new_file(const std::filesystem::path& file, std::string_view bytes, unsigned mode);

struct FileRead {
    std::optional<std::string> bytes;  // nullopt on any error
    std::string error;                 // "var/content-cache.json: file not found", "...: larger than 4194304 bytes"
    bool missing = false;              // the file does not exist (not an error for an optional cache)
};

// Reads a whole regular file of at most max_bytes. An empty file is returned as "" (callers decide).
FileRead read_file_capped(const std::filesystem::path& file, size_t max_bytes);

}  // namespace qmi
