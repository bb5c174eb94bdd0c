// Files that are either wholly old or wholly new, even across a power cut: the kiosk's content cache is rewritten
// while the kiosk runs, and a half-written cache must never be what it reads at the next boot.
// write: temporary file in the same directory + fsync + rename over the target + fsync of the directory. A writer
// killed half-way leaves only its temporary file ("<file>.tmp-<pid>-XXXXXX"), which remove_stale_temporaries()
// deletes at the next start once that pid no longer runs.
// read: refuses anything but a regular file (a FIFO would block the reader forever, a directory or a device is not
// data) and files larger than a cap, before reading a byte (a cache can be corrupted into anything).
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

// Reads a whole regular file of at most max_bytes. An empty file is returned as "" (callers decide). Never blocks on
// a FIFO or a device: they are refused as "not a regular file".
FileRead read_file_capped(const std::filesystem::path& file, size_t max_bytes);

// The name a writer in this process gives its temporary file for `file`, without the random suffix:
// "<file>.tmp-<pid>-". Staging files (a set of files renamed into place together) use the same prefix.
std::string temporary_prefix(const std::filesystem::path& file);

// Removes, in `dir` (not below), the temporary files of writers that no longer run: "*.tmp-<pid>-*" whose pid is
// not a live process, and "*.tmp-XXXXXX" of older versions. Files of this process and of live processes stay.
// Returns how many were removed; errors are ignored (a file that cannot be removed is harmless).
size_t remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace qmi
