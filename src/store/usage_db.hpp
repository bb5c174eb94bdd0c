// The usage statistics database: <root>/var/usage.sqlite, one SQLite file holding counts per hour (core/usage.hpp).
//
//   CREATE TABLE usage (hour INTEGER, metric TEXT, subject TEXT, count INTEGER, PRIMARY KEY (hour, metric, subject))
//   hour = Unix time of the start of a UTC hour; metric and subject = core/usage.hpp's vocabulary.
//   PRAGMA application_id = 0x514D4955 ("QMIU"), user_version = 1: anything else in that file is not ours.
//
// Write-ahead log (WAL): `qmi-kiosk stats` reads while the kiosk writes, neither waits for the other. Synchronous
// NORMAL: a power cut may lose the last seconds of counts, never the file.
//
// Bounded: the database file may use 3/4 of max_bytes (SQLite's max_page_count enforces it) and the write-ahead log
// is checkpointed and cut back to the remaining quarter. Hours older than retention_days are deleted, and when the
// file nears its bound the oldest hours go first, so the newest figures are always the ones kept.
//
// Damaged files are expected: garbage, a truncated copy, another program's database, a directory in its place. Such
// a file is renamed FILE.corrupt-YYYYMMDDTHHMMSSZ (with its -wal), a fresh database is created, and exactly one
// warning line says so. At most 3 set-aside copies are kept (the oldest are deleted).
//
// Not thread-safe: one UsageDb belongs to one thread (the recorder's writer thread, or a test).
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/usage.hpp"

struct sqlite3;
struct sqlite3_stmt;
namespace spdlog {
class logger;
}

namespace qmi::store {

struct UsageDbOptions {
    std::filesystem::path file;             // <root>/var/usage.sqlite
    int64_t max_bytes = 50LL * 1024 * 1024;  // database + write-ahead log
    int retention_days = 400;               // hours older than this are deleted
    std::string vfs;                        // "" = SQLite's default; tests inject disk faults through a VFS shim
    std::shared_ptr<spdlog::logger> logger;  // null = spdlog's default logger
};

enum class DbStatus {
    Ok,
    Full,         // the disk is full (or the database is at its bound with nothing older to delete)
    Unavailable,  // cannot open or write for another reason (permissions, I/O error, locked): retry later
};

struct DbResult {
    DbStatus status = DbStatus::Ok;
    std::string error;  // one line when not Ok
    bool ok() const { return status == DbStatus::Ok; }
};

constexpr uint32_t kUsageDbApplicationId = 0x514D4955;  // "QMIU"
constexpr int kUsageDbSchemaVersion = 1;

class UsageDb {
public:
    explicit UsageDb(UsageDbOptions options);
    ~UsageDb();
    UsageDb(const UsageDb&) = delete;
    UsageDb& operator=(const UsageDb&) = delete;

    // Opens the file, creating it (and its directory) when missing; a damaged file is set aside and replaced (see
    // above). `now` names a set-aside copy and applies the retention.
    DbResult open(date::sys_seconds now);
    void close();  // checkpoints the write-ahead log into the file
    bool is_open() const { return db_ != nullptr; }

    // Adds the counts in one transaction: all or nothing. At the size bound the oldest hours are deleted and the
    // write retried. A file found damaged while writing is set aside and recreated, then the write retried.
    DbResult add(const std::vector<UsageRow>& rows, date::sys_seconds now);
    // Deletes the hours older than retention_days before `now`.
    DbResult prune(date::sys_seconds now);
    // Rows whose hour is at or after `from`, sorted. Rows that do not fit the vocabulary are skipped.
    std::vector<UsageRow> rows_since(date::sys_seconds from, std::string* error = nullptr);

    // Bytes on disk: the database file plus its write-ahead log.
    int64_t bytes_on_disk() const;
    int set_asides() const { return set_asides_; }  // files set aside by this UsageDb (tests)

private:
    DbResult open_once(bool& damaged, std::string& reason);
    std::string set_aside(date::sys_seconds now, const std::string& reason);  // "" or why it could not
    DbResult write(const std::vector<UsageRow>& rows);
    int64_t used_percent();
    int64_t drop_oldest_hours();
    bool make_room(int rounds);
    DbResult result_from(int rc, const char* what);

    UsageDbOptions options_;
    std::shared_ptr<spdlog::logger> log_;
    sqlite3* db_ = nullptr;
    sqlite3_stmt* upsert_ = nullptr;
    int64_t max_pages_ = 0;  // of the database file
    int page_size_ = 4096;
    int set_asides_ = 0;
    int last_rc_ = 0;  // SQLite code of the last failed write
};

struct UsageRead {
    std::vector<UsageRow> rows;
    bool missing = false;     // no database yet (nothing was ever counted): not an error
    std::string error;        // one line: unreadable, not a usage database, damaged
    size_t ignored_rows = 0;  // rows outside the vocabulary (a file edited by hand)
};

// For `qmi-kiosk stats`: opens the file READ-ONLY (never creates, moves or modifies it, works while the kiosk
// writes) and returns the rows whose hour is at or after `since`.
UsageRead read_usage(const std::filesystem::path& file, date::sys_seconds since);

}  // namespace qmi::store
