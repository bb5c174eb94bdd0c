#include "store/usage_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <system_error>

#include <spdlog/spdlog.h>

namespace qmi::store {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCreateTable =
    "CREATE TABLE usage (hour INTEGER NOT NULL, metric TEXT NOT NULL, subject TEXT NOT NULL, "
    "count INTEGER NOT NULL, PRIMARY KEY (hour, metric, subject)) WITHOUT ROWID";
constexpr const char* kUpsert =
    "INSERT INTO usage (hour, metric, subject, count) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (hour, metric, subject) DO UPDATE SET count = count + excluded.count";
constexpr const char* kSelectSince =
    "SELECT hour, metric, subject, count FROM usage WHERE hour >= ?1 ORDER BY hour, metric, subject";

constexpr int kBusyTimeoutMs = 1000;  // a `stats` read in progress; never longer on the writer thread
constexpr int kMaxSetAsideCopies = 3;

bool damaged_code(int rc) {
    const int primary = rc & 0xFF;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// "20240501T100000Z": sorts like the time it names, valid in every file name.
std::string stamp(date::sys_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> tod{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()));
    return buf;
}

// One prepared statement, finalized on scope exit.
struct Statement {
    sqlite3_stmt* s = nullptr;
    Statement(sqlite3* db, const char* sql, int* rc) { *rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
    ~Statement() { sqlite3_finalize(s); }
};

// The first column of the first row of `sql` as an integer or text; rc set to the failing code.
std::optional<int64_t> query_int(sqlite3* db, const char* sql, int* rc) {
    Statement st(db, sql, rc);
    if (*rc != SQLITE_OK) return std::nullopt;
    *rc = sqlite3_step(st.s);
    if (*rc == SQLITE_ROW) {
        *rc = SQLITE_OK;
        return sqlite3_column_int64(st.s, 0);
    }
    if (*rc == SQLITE_DONE) *rc = SQLITE_OK;
    return std::nullopt;
}

std::optional<std::string> query_text(sqlite3* db, const char* sql, int* rc) {
    Statement st(db, sql, rc);
    if (*rc != SQLITE_OK) return std::nullopt;
    *rc = sqlite3_step(st.s);
    if (*rc == SQLITE_ROW) {
        *rc = SQLITE_OK;
        const auto* text = sqlite3_column_text(st.s, 0);
        return std::string(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (*rc == SQLITE_DONE) *rc = SQLITE_OK;
    return std::nullopt;
}

std::string errmsg(sqlite3* db, int rc) {
    std::string m = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (m.empty() || m == "not an error") m = sqlite3_errstr(rc);
    return m;
}

// Reads rows at or after `from`; rows outside the vocabulary are counted in `ignored`. Returns the failing code.
int read_rows(sqlite3* db, date::sys_seconds from, std::vector<UsageRow>& out, size_t& ignored) {
    int rc = SQLITE_OK;
    Statement st(db, kSelectSince, &rc);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_int64(st.s, 1, from.time_since_epoch().count());
    while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
        const int64_t hour = sqlite3_column_int64(st.s, 0);
        const auto* metric = reinterpret_cast<const char*>(sqlite3_column_text(st.s, 1));
        const auto* subject = reinterpret_cast<const char*>(sqlite3_column_text(st.s, 2));
        const int64_t count = sqlite3_column_int64(st.s, 3);
        const auto m = parse_usage_metric(metric ? metric : "");
        const std::string subj = subject ? subject : "";
        if (!m || hour % 3600 != 0 || count <= 0 || UsageSubject::from(subj).view() != subj ||
            sqlite3_column_type(st.s, 0) != SQLITE_INTEGER || sqlite3_column_type(st.s, 3) != SQLITE_INTEGER) {
            ++ignored;
            continue;
        }
        out.push_back({date::sys_seconds{std::chrono::seconds{hour}}, *m, subj, static_cast<uint64_t>(count)});
    }
    // The order of core/usage.hpp's vocabulary, as UsageTally gives it (SQL would sort the metric names).
    std::sort(out.begin(), out.end(), [](const UsageRow& a, const UsageRow& b) {
        if (a.hour != b.hour) return a.hour < b.hour;
        if (a.metric != b.metric) return a.metric < b.metric;
        return a.subject < b.subject;
    });
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int64_t file_size_or_zero(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : static_cast<int64_t>(n);
}

fs::path with_suffix(const fs::path& p, const char* suffix) { return fs::path(p.string() + suffix); }

}  // namespace

UsageDb::UsageDb(UsageDbOptions options)
    : options_(std::move(options)), log_(options_.logger ? options_.logger : spdlog::default_logger()) {}

UsageDb::~UsageDb() { close(); }

void UsageDb::close() {
    if (upsert_) sqlite3_finalize(upsert_);
    upsert_ = nullptr;
    if (db_) sqlite3_close_v2(db_);  // the last connection checkpoints the log into the file
    db_ = nullptr;
}

DbResult UsageDb::result_from(int rc, const char* what) {
    DbResult r;
    r.status = (rc & 0xFF) == SQLITE_FULL ? DbStatus::Full : DbStatus::Unavailable;
    r.error = options_.file.string() + ": " + what + ": " + errmsg(db_, rc);
    return r;
}

DbResult UsageDb::open(date::sys_seconds now) {
    close();
    std::error_code ec;
    if (const fs::path dir = options_.file.parent_path(); !dir.empty()) fs::create_directories(dir, ec);
    if (ec)
        return {DbStatus::Unavailable,
                options_.file.parent_path().string() + ": cannot create the directory: " + ec.message()};
    bool damaged = false;
    std::string reason;
    DbResult r = open_once(damaged, reason);
    if (damaged) {
        if (const std::string error = set_aside(now, reason); !error.empty())
            return {DbStatus::Unavailable, options_.file.string() + ": " + reason + ", and " + error};
        r = open_once(damaged, reason);
        if (damaged) {
            close();
            return {DbStatus::Unavailable, options_.file.string() + ": a new database is damaged too: " + reason};
        }
    }
    if (r.ok()) r = prune(now);
    return r;
}

DbResult UsageDb::open_once(bool& damaged, std::string& reason) {
    close();
    damaged = false;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(options_.file, ec);
    if (fs::exists(st) && !fs::is_regular_file(st)) {
        damaged = true;
        reason = fs::is_directory(st) ? "a directory is in its place" : "not a regular file";
        return {DbStatus::Unavailable, options_.file.string() + ": " + reason};
    }
    int rc = sqlite3_open_v2(options_.file.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             options_.vfs.empty() ? nullptr : options_.vfs.c_str());
    auto fail = [&](int code, const char* what) {
        DbResult r = result_from(code, what);
        if (damaged_code(code)) {
            damaged = true;
            reason = errmsg(db_, code);
        }
        close();
        return r;
    };
    if (rc != SQLITE_OK) return fail(rc, "cannot open");
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);

    // quick_check reads every page: garbage bytes and truncated copies fail here, not in the middle of a write.
    const std::optional<std::string> check = query_text(db_, "PRAGMA quick_check", &rc);
    if (rc != SQLITE_OK) return fail(rc, "cannot read");
    if (check && *check != "ok") {
        damaged = true;
        reason = "integrity check: " + check->substr(0, 200);
        close();
        return {DbStatus::Unavailable, options_.file.string() + ": " + reason};
    }
    const int64_t app_id = query_int(db_, "PRAGMA application_id", &rc).value_or(0);
    const int64_t version = rc == SQLITE_OK ? query_int(db_, "PRAGMA user_version", &rc).value_or(0) : 0;
    const int64_t objects = rc == SQLITE_OK ? query_int(db_, "SELECT count(*) FROM sqlite_master", &rc).value_or(0) : 0;
    if (rc != SQLITE_OK) return fail(rc, "cannot read");

    const bool fresh = app_id == 0 && version == 0 && objects == 0;
    if (!fresh && app_id != kUsageDbApplicationId) {
        damaged = true;
        reason = "not a usage statistics database (application_id " + std::to_string(app_id) + ")";
        close();
        return {DbStatus::Unavailable, options_.file.string() + ": " + reason};
    }
    if (!fresh && version != kUsageDbSchemaVersion) {
        damaged = true;
        reason = "schema version " + std::to_string(version) + ", this kiosk reads version " +
                 std::to_string(kUsageDbSchemaVersion);
        close();
        return {DbStatus::Unavailable, options_.file.string() + ": " + reason};
    }

    // The right application_id but not the right table (a file made by hand, a future layout gone wrong): found
    // before anything is written, so the copy set aside is the file exactly as it was found.
    if (!fresh && (rc = sqlite3_prepare_v2(db_, kUpsert, -1, &upsert_, nullptr)) != SQLITE_OK) {
        damaged = true;
        reason = "not the usage table: " + errmsg(db_, rc);
        close();
        return {DbStatus::Unavailable, options_.file.string() + ": " + reason};
    }

    // WAL is persistent in the file; asking again on an existing file is a no-op.
    if (const auto mode = query_text(db_, "PRAGMA journal_mode=WAL", &rc); rc != SQLITE_OK || mode != "wal")
        return fail(rc != SQLITE_OK ? rc : SQLITE_CANTOPEN, "cannot use a write-ahead log");
    if (fresh) {
        const std::string create = std::string("BEGIN; ") + kCreateTable + "; PRAGMA application_id = " +
                                   std::to_string(kUsageDbApplicationId) + "; PRAGMA user_version = " +
                                   std::to_string(kUsageDbSchemaVersion) + "; COMMIT;";
        rc = sqlite3_exec(db_, create.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            return fail(rc, "cannot create the table");
        }
    }
    sqlite3_exec(db_, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);

    // Bounds: a quarter of max_bytes for the write-ahead log, the rest for the file. The log is checkpointed when
    // it holds half its share (each frame is a page plus a 24-byte header), so one more write still fits, and at
    // SQLite's default of 1000 pages at most.
    page_size_ = static_cast<int>(query_int(db_, "PRAGMA page_size", &rc).value_or(4096));
    if (page_size_ <= 0) page_size_ = 4096;
    const int64_t wal_bytes = options_.max_bytes / 4;
    max_pages_ = std::max<int64_t>(16, (options_.max_bytes - wal_bytes) / page_size_);
    const int64_t checkpoint_pages = std::clamp<int64_t>(wal_bytes / (page_size_ + 24) / 2, 4, 1000);
    const std::string bounds = "PRAGMA max_page_count = " + std::to_string(max_pages_) +
                               "; PRAGMA wal_autocheckpoint = " + std::to_string(checkpoint_pages) +
                               "; PRAGMA journal_size_limit = " + std::to_string(wal_bytes) + ";";
    sqlite3_exec(db_, bounds.c_str(), nullptr, nullptr, nullptr);

    if (!upsert_ && (rc = sqlite3_prepare_v2(db_, kUpsert, -1, &upsert_, nullptr)) != SQLITE_OK)
        return fail(rc, "cannot prepare a write");

    // A bound lowered in kiosk.json below the file's size: keep the newest hours that fit, then shrink the file.
    const int64_t pages = query_int(db_, "PRAGMA page_count", &rc).value_or(0);
    if (pages > max_pages_) {
        make_room(256);
        sqlite3_exec(db_, "VACUUM", nullptr, nullptr, nullptr);
        sqlite3_exec(db_, ("PRAGMA max_page_count = " + std::to_string(max_pages_)).c_str(), nullptr, nullptr,
                     nullptr);
    }
    return {};
}

std::string UsageDb::set_aside(date::sys_seconds now, const std::string& reason) {
    close();
    const fs::path& file = options_.file;
    const fs::path dir = file.parent_path();
    const std::string base = file.filename().string() + ".corrupt-" + stamp(now);
    fs::path aside = dir / base;
    std::error_code ec;
    for (int n = 2; fs::exists(fs::symlink_status(aside, ec)); ++n) aside = dir / (base + "-" + std::to_string(n));
    fs::rename(file, aside, ec);
    if (ec) return "it cannot be set aside: " + ec.message();  // the caller's error line says it
    for (const char* suffix : {"-wal", "-journal"}) {
        std::error_code e2;
        if (fs::exists(with_suffix(file, suffix), e2)) fs::rename(with_suffix(file, suffix), with_suffix(aside, suffix), e2);
    }
    fs::remove(with_suffix(file, "-shm"), ec);
    ++set_asides_;
    log_->warn("usage statistics: {} is not a usable database ({}); set aside as {}, starting a new one",
               file.string(), reason, aside.filename().string());

    // Bounded disk use: keep the newest few copies for diagnosis.
    std::vector<fs::path> copies;
    const std::string prefix = file.filename().string() + ".corrupt-";
    for (const auto& entry : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        if (name.size() > 4 && (name.ends_with("-wal") || name.ends_with("-journal"))) continue;
        copies.push_back(entry.path());
    }
    std::sort(copies.begin(), copies.end());
    for (size_t i = 0; i + kMaxSetAsideCopies < copies.size(); ++i) {
        std::error_code e3;
        fs::remove_all(copies[i], e3);
        fs::remove(with_suffix(copies[i], "-wal"), e3);
        fs::remove(with_suffix(copies[i], "-journal"), e3);
    }
    return {};
}

// Share of the file's bound in use, in percent (free pages left by deletions are reused before the file grows).
int64_t UsageDb::used_percent() {
    int rc = SQLITE_OK;
    const int64_t pages = query_int(db_, "PRAGMA page_count", &rc).value_or(0);
    const int64_t free_pages = query_int(db_, "PRAGMA freelist_count", &rc).value_or(0);
    return (pages - free_pages) * 100 / std::max<int64_t>(1, max_pages_);
}

// Deletes the oldest 1/32 of the hours held (at least one, never the newest), in one transaction. Small steps keep
// each transaction, and so the write-ahead log, small. Returns the rows deleted.
int64_t UsageDb::drop_oldest_hours() {
    int rc = SQLITE_OK;
    const int64_t hours = query_int(db_, "SELECT count(DISTINCT hour) FROM usage", &rc).value_or(0);
    if (rc != SQLITE_OK || hours <= 1) return 0;
    Statement cut(db_, "SELECT DISTINCT hour FROM usage ORDER BY hour LIMIT 1 OFFSET ?1", &rc);
    if (rc != SQLITE_OK) return 0;
    sqlite3_bind_int64(cut.s, 1, std::max<int64_t>(1, hours / 32));
    if (sqlite3_step(cut.s) != SQLITE_ROW) return 0;
    const int64_t cutoff = sqlite3_column_int64(cut.s, 0);
    sqlite3_reset(cut.s);  // no statement left running: the delete commits (and checkpoints) on its own
    Statement del(db_, "DELETE FROM usage WHERE hour < ?1", &rc);
    if (rc != SQLITE_OK) return 0;
    sqlite3_bind_int64(del.s, 1, cutoff);
    if (sqlite3_step(del.s) != SQLITE_DONE) return 0;
    return sqlite3_changes(db_);
}

// Once the file uses 90% of its bound, deletes the oldest hours down to 80% (`rounds` steps at most), so that this
// happens, and is logged, once in a while rather than at every write. One log line when it did.
bool UsageDb::make_room(int rounds) {
    if (used_percent() < 90) return false;
    int64_t deleted = 0;
    for (int i = 0; i < rounds && used_percent() > 80; ++i) {
        const int64_t n = drop_oldest_hours();
        if (n == 0) break;
        deleted += n;
    }
    if (deleted == 0) return false;
    // Deleting rewrote many pages: copy them into the file now and cut the log back, rather than let it grow.
    sqlite3_exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    int rc = SQLITE_OK;
    const int64_t oldest = query_int(db_, "SELECT min(hour) FROM usage", &rc).value_or(0);
    log_->info("usage statistics: {} is at its size bound ({} KiB): deleted {} counts, the oldest kept is {}",
               options_.file.string(), max_pages_ * page_size_ / 1024, deleted,
               format_paris_hour(date::sys_seconds{std::chrono::seconds{oldest}}));
    return true;
}

DbResult UsageDb::write(const std::vector<UsageRow>& rows) {
    int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return result_from(rc, "cannot start a write");
    for (const UsageRow& r : rows) {
        sqlite3_bind_int64(upsert_, 1, r.hour.time_since_epoch().count());
        sqlite3_bind_text(upsert_, 2, metric_name(r.metric), -1, SQLITE_STATIC);
        sqlite3_bind_text(upsert_, 3, r.subject.data(), static_cast<int>(r.subject.size()), SQLITE_STATIC);
        sqlite3_bind_int64(upsert_, 4, static_cast<int64_t>(r.count));
        rc = sqlite3_step(upsert_);
        sqlite3_reset(upsert_);
        if (rc != SQLITE_DONE) break;
        rc = SQLITE_OK;
    }
    if (rc == SQLITE_OK) rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        DbResult r = result_from(rc, "write failed");
        last_rc_ = rc;
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);  // harmless when SQLite rolled back already
        return r;
    }
    last_rc_ = SQLITE_OK;
    return {};
}

DbResult UsageDb::add(const std::vector<UsageRow>& rows, date::sys_seconds now) {
    if (!db_) {
        DbResult r = open(now);
        if (!r.ok()) return r;
    }
    DbResult r;
    for (int attempt = 0; attempt < 8; ++attempt) {
        r = write(rows);
        if (r.ok()) {
            make_room(64);  // keep room under the bound, so the next write does not have to delete first
            return r;
        }
        if (damaged_code(last_rc_)) {
            const std::string reason = errmsg(db_, last_rc_);
            if (const std::string error = set_aside(now, reason); !error.empty())
                return {DbStatus::Unavailable, r.error + ", and " + error};
            bool damaged = false;
            std::string again;
            DbResult o = open_once(damaged, again);
            if (!o.ok()) return o;
            continue;
        }
        if (r.status == DbStatus::Full && make_room(64)) continue;
        return r;
    }
    return r;
}

DbResult UsageDb::prune(date::sys_seconds now) {
    if (!db_) return {DbStatus::Unavailable, options_.file.string() + ": not open"};
    const date::sys_seconds cutoff = hour_of(now) - std::chrono::hours{24} * options_.retention_days;
    int rc = SQLITE_OK;
    Statement del(db_, "DELETE FROM usage WHERE hour < ?1", &rc);
    if (rc != SQLITE_OK) return result_from(rc, "cannot prune");
    sqlite3_bind_int64(del.s, 1, cutoff.time_since_epoch().count());
    rc = sqlite3_step(del.s);
    if (rc != SQLITE_DONE) return result_from(rc, "cannot prune");
    return {};
}

std::vector<UsageRow> UsageDb::rows_since(date::sys_seconds from, std::string* error) {
    std::vector<UsageRow> rows;
    if (!db_) {
        if (error) *error = options_.file.string() + ": not open";
        return rows;
    }
    size_t ignored = 0;
    const int rc = read_rows(db_, from, rows, ignored);
    if (rc != SQLITE_OK && error) *error = result_from(rc, "cannot read").error;
    return rows;
}

int64_t UsageDb::bytes_on_disk() const {
    return file_size_or_zero(options_.file) + file_size_or_zero(with_suffix(options_.file, "-wal"));
}

// --- read-only access for `qmi-kiosk stats` -------------------------------------------------------------------------

namespace {

// RFC 3986 percent-encoding of a path for an SQLite "file:" URI ('/' kept).
std::string uri_path(const fs::path& p) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : p.string()) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

int read_with(const std::string& uri, date::sys_seconds since, UsageRead& out, std::string& message) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, 2000);
        const int64_t app_id = query_int(db, "PRAGMA application_id", &rc).value_or(0);
        if (rc == SQLITE_OK && app_id != kUsageDbApplicationId) {
            message = "not a usage statistics database (application_id " + std::to_string(app_id) + ")";
            sqlite3_close_v2(db);
            return SQLITE_NOTADB;
        }
        if (rc == SQLITE_OK) rc = read_rows(db, since, out.rows, out.ignored_rows);
    }
    if (rc != SQLITE_OK) message = errmsg(db, rc);
    sqlite3_close_v2(db);
    return rc;
}

}  // namespace

UsageRead read_usage(const fs::path& file, date::sys_seconds since) {
    UsageRead out;
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (st.type() == fs::file_type::not_found) {
        out.missing = true;
        return out;
    }
    if (!fs::is_regular_file(st)) {
        out.error = file.string() + ": not a regular file";
        return out;
    }
    const fs::path abs = fs::absolute(file, ec);
    std::string message;
    int rc = read_with("file:" + uri_path(abs) + "?mode=ro", since, out, message);
    if ((rc & 0xFF) == SQLITE_CANTOPEN) {
        // A reader that may not create the -shm file next to a database nobody has open (the kiosk stopped, var/
        // owned by the kiosk's user): nothing can change the file meanwhile, so it may be read as immutable.
        out.rows.clear();
        out.ignored_rows = 0;
        rc = read_with("file:" + uri_path(abs) + "?immutable=1", since, out, message);
    }
    if (rc != SQLITE_OK) {
        out.rows.clear();
        out.error = file.string() + ": " + message;
        if (damaged_code(rc)) out.error += " (the kiosk sets a damaged file aside and starts a new one)";
    }
    return out;
}

}  // namespace qmi::store
