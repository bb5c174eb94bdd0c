// The usage statistics database against real SQLite files: counts survive a restart, damaged files are set aside
// with one log line, old hours are deleted, the file never grows past its bound, and `stats` reads without writing.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <random>
#include <set>

#include "log_capture.hpp"
#include "store_support.hpp"
#include "store/usage_db.hpp"

using namespace qmi;
using namespace qmi::store;
using namespace qmi::test;
namespace fs = std::filesystem;

namespace {

const date::sys_seconds kNow = utc(2024, 5, 1, 8, 30);

UsageDbOptions options_in(const fs::path& dir, LogCapture& log) {
    UsageDbOptions o;
    o.file = dir / "var" / "usage.sqlite";
    o.logger = log.logger;
    return o;
}

std::vector<UsageRow> sample_rows(date::sys_seconds hour) {
    return {{hour_of(hour), UsageMetric::Session, "", 3},
            {hour_of(hour), UsageMetric::DistrictTap, "91027", 5},
            {hour_of(hour), UsageMetric::Language, "en", 1}};
}

// A valid usage database with `hours` hours of 40 rows each, closed (checkpointed) so the file holds everything.
void make_database(const fs::path& file, int hours) {
    LogCapture log;
    UsageDbOptions o;
    o.file = file;
    o.logger = log.logger;
    o.retention_days = 3650;
    UsageDb db(o);
    REQUIRE(db.open(kNow).ok());
    for (int h = 0; h < hours; ++h) {
        std::vector<UsageRow> rows;
        for (int c = 0; c < 40; ++c)
            rows.push_back({hour_of(kNow) - std::chrono::hours{h}, UsageMetric::CommuneTap,
                            std::to_string(92000 + c), static_cast<uint64_t>(c + 1)});
        REQUIRE(db.add(rows, kNow).ok());
    }
}

// A SQLite file written by someone else, with the given application_id, user_version and table.
void make_foreign_database(const fs::path& file, int64_t app_id, int version, const char* table_sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    const std::string sql = std::string(table_sql) + "; PRAGMA application_id = " + std::to_string(app_id) +
                            "; PRAGMA user_version = " + std::to_string(version) + ";";
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("store: counts survive closing and reopening the database, and add up", "[store]") {
    ScratchDir dir("usage-restart");
    LogCapture log;
    const UsageDbOptions o = options_in(dir.path(), log);
    {
        UsageDb db(o);
        REQUIRE(db.open(kNow).ok());
        REQUIRE(db.add(sample_rows(kNow), kNow).ok());
    }
    {
        UsageDb db(o);
        REQUIRE(db.open(kNow).ok());
        REQUIRE(db.add(sample_rows(kNow), kNow).ok());
        REQUIRE(db.add(sample_rows(kNow + std::chrono::hours{1}), kNow).ok());
    }
    const std::vector<UsageRow> rows = stored_rows(o.file);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0] == UsageRow{hour_of(kNow), UsageMetric::Session, "", 6});
    CHECK(stored_count(rows, UsageMetric::DistrictTap, "91027") == 15);
    CHECK(stored_count(rows, UsageMetric::Language, "en") == 3);
    CHECK(log.warnings() == 0);
    // WAL: the kiosk and `stats` never wait on each other.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(o.file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST_CASE("store: a damaged database is set aside with one warning and a new one takes its place", "[store]") {
    ScratchDir dir("usage-damaged");
    LogCapture log;
    const UsageDbOptions o = options_in(dir.path(), log);
    fs::create_directories(o.file.parent_path());
    std::string original;  // the bytes that must be found again in the set-aside copy ("" for a directory)
    std::string expected_reason;

    SECTION("garbage bytes") {
        std::mt19937 rng(7);
        original.resize(16384);
        for (char& c : original) c = static_cast<char>(rng());
        put_bytes(o.file, original);
        expected_reason = "not a database";
    }
    SECTION("a truncated copy: the first 1000 bytes") {
        make_database(o.file, 48);
        original = file_bytes(o.file).substr(0, 1000);
        put_bytes(o.file, original);
        expected_reason = "malformed";
    }
    SECTION("a truncated copy: half the pages") {
        make_database(o.file, 48);
        const std::string full = file_bytes(o.file);
        REQUIRE(full.size() > 8 * 4096);
        original = full.substr(0, full.size() / 2);
        put_bytes(o.file, original);
        expected_reason = "malformed";
    }
    SECTION("another program's SQLite database") {
        make_foreign_database(o.file, 0x12345678, 3, "CREATE TABLE contacts (name TEXT)");
        original = file_bytes(o.file);
        expected_reason = "not a usage statistics database";
    }
    SECTION("a database of ours from a newer schema") {
        make_foreign_database(o.file, kUsageDbApplicationId, 2, "CREATE TABLE usage2 (x)");
        original = file_bytes(o.file);
        expected_reason = "schema version 2";
    }
    SECTION("our application id on another table") {
        make_foreign_database(o.file, kUsageDbApplicationId, 1, "CREATE TABLE usage (x)");
        original = file_bytes(o.file);
        expected_reason = "not the usage table";
    }
    SECTION("a directory in its place") {
        fs::create_directories(o.file / "inside");
        put_bytes(o.file / "inside" / "note.txt", "left here");
        expected_reason = "a directory is in its place";
    }

    UsageDb db(o);
    const DbResult opened = db.open(kNow);
    INFO(log.all());
    INFO(opened.error);
    REQUIRE(opened.ok());
    CHECK(db.set_asides() == 1);
    // Exactly one line, and it says what happened and where the file went.
    REQUIRE(log.warnings() == 1);
    CHECK(log.warnings("set aside as usage.sqlite.corrupt-20240501T083000Z") == 1);
    CHECK(log.warnings(expected_reason) == 1);

    const fs::path aside = o.file.parent_path() / "usage.sqlite.corrupt-20240501T083000Z";
    REQUIRE(fs::exists(aside));
    if (original.empty()) CHECK(file_bytes(aside / "inside" / "note.txt") == "left here");
    else CHECK(file_bytes(aside) == original);

    // The new database works and holds only what is written from now on.
    REQUIRE(db.add(sample_rows(kNow), kNow).ok());
    db.close();
    const std::vector<UsageRow> rows = stored_rows(o.file);
    CHECK(rows.size() == 3);
    CHECK(stored_count(rows, UsageMetric::Session) == 3);
    CHECK(log.warnings() == 1);
}

TEST_CASE("store: an empty file is a new database, not damage", "[store]") {
    ScratchDir dir("usage-empty");
    LogCapture log;
    const UsageDbOptions o = options_in(dir.path(), log);
    fs::create_directories(o.file.parent_path());
    put_bytes(o.file, "");
    UsageDb db(o);
    REQUIRE(db.open(kNow).ok());
    CHECK(db.set_asides() == 0);
    CHECK(log.warnings() == 0);
    CHECK(files_starting(o.file.parent_path(), "usage.sqlite.corrupt-").empty());
}

TEST_CASE("store: only the three newest set-aside copies are kept", "[store]") {
    ScratchDir dir("usage-asides");
    LogCapture log;
    const UsageDbOptions o = options_in(dir.path(), log);
    fs::create_directories(o.file.parent_path());
    for (int i = 0; i < 5; ++i) {
        put_bytes(o.file, std::string(8192, static_cast<char>('a' + i)));
        UsageDb db(o);
        REQUIRE(db.open(kNow + std::chrono::hours{i}).ok());
    }
    CHECK(log.warnings("set aside") == 5);
    const auto copies = files_starting(o.file.parent_path(), "usage.sqlite.corrupt-");
    REQUIRE(copies.size() == 3);
    CHECK(copies[0].filename() == "usage.sqlite.corrupt-20240501T103000Z");
    CHECK(file_bytes(copies[2]) == std::string(8192, 'e'));
}

TEST_CASE("store: hours older than the retention are deleted", "[store]") {
    ScratchDir dir("usage-retention");
    LogCapture log;
    UsageDbOptions o = options_in(dir.path(), log);
    o.retention_days = 3;
    const auto day = std::chrono::hours{24};
    {
        UsageDb db(o);
        REQUIRE(db.open(kNow - 10 * day).ok());
        for (auto at : {kNow - 10 * day, kNow - 4 * day, kNow - 3 * day - std::chrono::hours{1}, kNow - 3 * day,
                        kNow - day, kNow})
            REQUIRE(db.add({{hour_of(at), UsageMetric::Session, "", 1}}, kNow - 10 * day).ok());
        CHECK(stored_rows(o.file).size() == 6);
        REQUIRE(db.prune(kNow).ok());
    }
    std::vector<UsageRow> rows = stored_rows(o.file);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].hour == hour_of(kNow - 3 * day));
    CHECK(rows[2].hour == hour_of(kNow));

    // Opening prunes as well: a kiosk switched off for a month starts with nothing older than its retention.
    {
        UsageDb db(o);
        REQUIRE(db.open(kNow + 2 * day + std::chrono::hours{1}).ok());
    }
    rows = stored_rows(o.file);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].hour == hour_of(kNow));
}

TEST_CASE("store: the database never grows past its bound and keeps the newest hours", "[store]") {
    ScratchDir dir("usage-bound", true);
    LogCapture log;
    UsageDbOptions o = options_in(dir.path(), log);
    o.max_bytes = 256 * 1024;
    o.retention_days = 3650;
    UsageDb db(o);
    REQUIRE(db.open(kNow).ok());
    const date::sys_seconds first = hour_of(kNow);
    const int hours = 60 * 24;  // two months of a busy kiosk: 40 communes tapped every hour
    int64_t largest = 0;
    for (int h = 0; h < hours; ++h) {
        std::vector<UsageRow> rows;
        for (int c = 0; c < 40; ++c)
            rows.push_back({first + std::chrono::hours{h}, UsageMetric::CommuneTap, std::to_string(92000 + c), 1});
        const DbResult r = db.add(rows, first + std::chrono::hours{h});
        INFO("hour " << h << ": " << r.error);
        REQUIRE(r.ok());
        largest = std::max(largest, db.bytes_on_disk());
    }
    const std::vector<UsageRow> rows = stored_rows(o.file);
    std::set<int64_t> kept;
    for (const UsageRow& r : rows) kept.insert(r.hour.time_since_epoch().count());
    std::printf("usage bound 256 KiB: %d hours x 40 rows written, %zu hours kept, largest file + log %lld bytes\n",
                hours, kept.size(), static_cast<long long>(largest));
    CHECK(largest <= o.max_bytes);
    // The newest hour is complete; the oldest went first.
    const date::sys_seconds last = first + std::chrono::hours{hours - 1};
    CHECK(stored_count(rows, UsageMetric::CommuneTap) == kept.size() * 40);
    CHECK(*kept.rbegin() == last.time_since_epoch().count());
    CHECK(*kept.begin() > first.time_since_epoch().count());
    const int64_t oldest = *kept.begin(), newest = *kept.rbegin();
    CHECK(kept.size() == static_cast<size_t>((newest - oldest) / 3600 + 1));  // no hole: only the oldest went
    CHECK(kept.size() > 100);  // and the bound still holds days of figures
    CHECK(log.infos("size bound") >= 1);
    CHECK(log.warnings() == 0);
}

TEST_CASE("store: a bound lowered in kiosk.json shrinks the file at the next start, newest hours kept", "[store]") {
    ScratchDir dir("usage-lowered", true);
    LogCapture log;
    UsageDbOptions o = options_in(dir.path(), log);
    o.retention_days = 3650;
    make_database(o.file, 24 * 30);  // a month of hours, 40 rows each: about 1.5 MB
    const int64_t before = static_cast<int64_t>(fs::file_size(o.file));
    REQUIRE(before > 1024 * 1024);
    o.max_bytes = 256 * 1024;
    {
        UsageDb db(o);
        REQUIRE(db.open(kNow).ok());
        CHECK(db.bytes_on_disk() <= o.max_bytes);
        REQUIRE(db.add(sample_rows(kNow), kNow).ok());
        CHECK(db.bytes_on_disk() <= o.max_bytes);
    }
    const std::vector<UsageRow> rows = stored_rows(o.file);
    CHECK(stored_count(rows, UsageMetric::Session) == 3);
    CHECK(rows.back().hour == hour_of(kNow));  // the newest hour (make_database's first) is still there
    CHECK(rows.size() > 100);
    CHECK(log.warnings() == 0);
}

TEST_CASE("store: stats reads while the kiosk writes, and never writes itself", "[store]") {
    ScratchDir dir("usage-read");
    LogCapture log;
    const UsageDbOptions o = options_in(dir.path(), log);

    const UsageRead none = read_usage(o.file, date::sys_seconds{});
    CHECK(none.missing);
    CHECK(none.error.empty());
    CHECK_FALSE(fs::exists(o.file));  // reading does not create it

    UsageDb db(o);
    REQUIRE(db.open(kNow).ok());
    REQUIRE(db.add(sample_rows(kNow), kNow).ok());
    REQUIRE(db.add(sample_rows(kNow + std::chrono::hours{24}), kNow).ok());
    // The writer is still open: the counts are in the write-ahead log, not yet in the file.
    const std::string before = file_bytes(o.file);
    const UsageRead r = read_usage(o.file, date::sys_seconds{});
    CHECK(r.error.empty());
    CHECK(r.rows.size() == 6);
    CHECK(read_usage(o.file, hour_of(kNow) + std::chrono::hours{1}).rows.size() == 3);  // --since
    CHECK(file_bytes(o.file) == before);
    db.close();

    // A damaged file is reported, left where it is and unchanged: setting it aside is the kiosk's job.
    put_bytes(o.file, std::string(5000, 'x'));
    const UsageRead bad = read_usage(o.file, date::sys_seconds{});
    CHECK_FALSE(bad.error.empty());
    CHECK(bad.rows.empty());
    CHECK(file_bytes(o.file) == std::string(5000, 'x'));
    CHECK(files_starting(o.file.parent_path(), "usage.sqlite.corrupt-").empty());

    make_foreign_database(dir.path() / "other.sqlite", 42, 1, "CREATE TABLE usage (x)");
    CHECK(read_usage(dir.path() / "other.sqlite", date::sys_seconds{}).error.find("not a usage statistics database") !=
          std::string::npos);
}

TEST_CASE("store: rows edited by hand outside the vocabulary are skipped and counted", "[store]") {
    ScratchDir dir("usage-hand");
    LogCapture log;
    const UsageDbOptions o = options_in(dir.path(), log);
    {
        UsageDb db(o);
        REQUIRE(db.open(kNow).ok());
        REQUIRE(db.add(sample_rows(kNow), kNow).ok());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(o.file.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "INSERT INTO usage VALUES (1714550400, 'visitor_name', 'Marie', 1);"
                         "INSERT INTO usage VALUES (1714550400, 'search', 'rue de la Paix', 1);"
                         "INSERT INTO usage VALUES (1714550401, 'session', '', 1);"
                         "INSERT INTO usage VALUES (1714550400, 'attract', '', -4);",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const UsageRead r = read_usage(o.file, date::sys_seconds{});
    CHECK(r.error.empty());
    CHECK(r.rows.size() == 3);
    CHECK(r.ignored_rows == 4);
}
