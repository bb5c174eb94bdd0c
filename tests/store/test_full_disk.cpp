// A really full disk, not a simulated one: run by tests/store/on-tiny-tmpfs, which mounts a 512 KiB tmpfs and
// passes it in QMI_TMPFS_DIR (ctest: SKIPPED where no such mount is possible). The usage recorder and the metrics
// writer work there until a filler file takes the last byte; then record() still returns at once, the writes fail
// with one log line each, and once space is back every count recorded meanwhile is in the database.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include "../support/prom_text.hpp"
#include "app/metrics_writer.hpp"
#include "log_capture.hpp"
#include "store_support.hpp"
#include "store/usage_recorder.hpp"

using namespace qmi;
using namespace qmi::store;
using namespace qmi::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Writes zeros into `file` until the file system refuses; returns the bytes written.
size_t fill_disk(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    const std::string block(4096, '\0');
    size_t total = 0;
    for (;;) {
        const ssize_t n = ::write(fd, block.data(), block.size());
        if (n <= 0) break;
        total += static_cast<size_t>(n);
    }
    ::close(fd);
    return total;
}

}  // namespace

TEST_CASE("full disk: counts recorded while the disk is full are all written once space is back", "[.tmpfs]") {
    const char* tmpfs = std::getenv("QMI_TMPFS_DIR");
    REQUIRE(tmpfs);
    const fs::path root = tmpfs;
    LogCapture log;
    UsageRecorderOptions o;
    o.db.file = root / "var" / "usage.sqlite";
    o.db.logger = log.logger;
    o.write_period = 50ms;
    const date::sys_seconds t0 = utc(2024, 5, 1, 8);
    o.now = [t0] { return t0; };
    UsageRecorder r(o);
    r.start();
    REQUIRE(r.record(UsageEvent::session_start(t0)));
    REQUIRE(r.sync());
    REQUIRE(r.status().store_ok);

    const size_t filler = fill_disk(root / "filler");
    std::printf("tiny tmpfs: filled with %zu bytes\n", filler);
    // Enough different rows (a week of hours x communes) that the write needs new pages the disk does not have.
    uint64_t queued = 0;
    for (int h = 0; h < 7 * 24; ++h)
        for (int c = 0; c < 20; ++c)
            if (r.record(UsageEvent::commune_tap(t0 + std::chrono::hours{h}, std::to_string(92000 + c), false))) {
                ++queued;
                if (queued % 1000 == 0) REQUIRE(r.sync());  // let the writer drain the ring and try to write
            }
    REQUIRE(r.sync());
    const UsageRecorderStatus full = r.status();
    INFO(log.all());
    CHECK_FALSE(full.store_ok);
    CHECK(full.last_error.find("full") != std::string::npos);
    CHECK(log.warnings() == 1);
    CHECK(r.dropped() == 0);

    fs::remove(root / "filler");
    REQUIRE(r.record(UsageEvent::session_start(t0)));
    REQUIRE(r.sync());
    CHECK(r.status().store_ok);
    r.stop();
    const std::vector<UsageRow> rows = stored_rows(o.db.file);
    CHECK(stored_count(rows, UsageMetric::CommuneTap) == queued);
    CHECK(stored_count(rows, UsageMetric::Session) == 2);
    CHECK(stored_count(rows, UsageMetric::NotRecorded) == 0);
}

TEST_CASE("full disk: the metrics textfile write fails with one line and keeps the last whole file", "[.tmpfs]") {
    const char* tmpfs = std::getenv("QMI_TMPFS_DIR");
    REQUIRE(tmpfs);
    const fs::path root = tmpfs;
    LogCapture log;
    app::MetricsWriterOptions o;
    o.file = root / "qmi-kiosk.prom";
    o.period = 0ms;
    o.logger = log.logger;
    app::MetricsWriter writer(o);
    writer.start();
    FleetHealth h;
    h.now = utc(2024, 5, 1, 8);
    h.sessions_today = 1;
    REQUIRE(writer.offer(h));
    REQUIRE(writer.sync());
    REQUIRE(writer.writes() == 1);

    fill_disk(root / "filler");
    for (int n = 0; n < 10; ++n) {
        h.sessions_today = 100 + n;
        while (!writer.offer(h)) std::this_thread::yield();
        REQUIRE(writer.sync());
    }
    INFO(log.all());
    CHECK(writer.failures() == 10);
    CHECK(log.warnings() == 1);
    const PromText kept = parse_prom_text(file_bytes(o.file));  // the last good file, whole
    REQUIRE(kept.ok());
    CHECK(kept.value("qmi_kiosk_sessions_today") == 1);
    CHECK(files_starting(root, "qmi-kiosk.prom.tmp").empty());  // no half-written temporary left behind

    fs::remove(root / "filler");
    h.sessions_today = 7;
    while (!writer.offer(h)) std::this_thread::yield();
    REQUIRE(writer.sync());
    CHECK(parse_prom_text(file_bytes(o.file)).value("qmi_kiosk_sessions_today") == 7);
    writer.stop();
}
