// The fleet health textfile as node_exporter's textfile collector reads it: always a whole, valid file (never half
// of one), at most one write per period, written off the caller's thread, and a failing write is one log line.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "../support/prom_text.hpp"
#include "app/metrics_writer.hpp"
#include "log_capture.hpp"
#include "store_support.hpp"

using namespace qmi;
using namespace qmi::app;
using namespace qmi::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

FleetHealth snapshot(int n) {
    FleetHealth h;
    h.now = utc(2024, 5, 1, 8) + std::chrono::seconds{n};
    h.started = utc(2024, 5, 1, 6);
    h.kiosk_version = "0.1.0";
    h.frames_per_second = n % 61;
    // Content versions of varying length, so that successive files differ in size.
    h.content_version = "2024-02-06." + std::string(static_cast<size_t>(n % 200), 'x');
    h.content_source = "bundled";
    h.sessions_today = static_cast<uint64_t>(n);
    return h;
}

MetricsWriterOptions options(const fs::path& file, LogCapture& log, std::chrono::milliseconds period = 0ms) {
    MetricsWriterOptions o;
    o.file = file;
    o.period = period;
    o.logger = log.logger;
    return o;
}

}  // namespace

TEST_CASE("metrics: the textfile is replaced whole, a reader never sees half of it", "[metrics][writer]") {
    ScratchDir dir("metrics-atomic");
    LogCapture log;
    const fs::path file = dir.path() / "qmi-kiosk.prom";
    MetricsWriter writer(options(file, log));
    writer.start();
    REQUIRE(writer.offer(snapshot(0)));
    REQUIRE(writer.sync());

    // A reader like node_exporter's collector reads the file over and over while it is rewritten 300 times.
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, bad{0};
    std::string first_bad;
    std::thread reader([&] {
        while (!done.load()) {
            const std::string text = file_bytes(file);
            const PromText parsed = parse_prom_text(text);
            if (!parsed.ok() || !parsed.has("qmi_kiosk_usage_store_ok")) {
                if (bad++ == 0) first_bad = parsed.error + "\n" + text;
            }
            ++reads;
        }
    });
    for (int n = 1; n <= 300; ++n) {
        while (!writer.offer(snapshot(n))) std::this_thread::yield();  // busy with the previous one: try again
        REQUIRE(writer.sync());
    }
    done = true;
    reader.join();
    INFO(first_bad);
    CHECK(bad == 0);
    CHECK(reads > 10);
    CHECK(writer.writes() == 301);
    CHECK(writer.failures() == 0);

    const PromText last = parse_prom_text(file_bytes(file));
    REQUIRE(last.ok());
    CHECK(last.value("qmi_kiosk_sessions_today") == 300);
    CHECK(last.value("qmi_kiosk_up") == 1);
    // Readable by node_exporter's user, and no temporary file left behind for the collector to trip over.
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    CHECK(files_starting(dir.path(), "").size() == 1);
    CHECK(log.warnings() == 0);
}

TEST_CASE("metrics: at most one snapshot per period, and the last file at stop says the kiosk is down",
          "[metrics][writer]") {
    ScratchDir dir("metrics-period");
    LogCapture log;
    const fs::path file = dir.path() / "qmi-kiosk.prom";
    MetricsWriter writer(options(file, log, 1h));
    CHECK_FALSE(writer.due());  // not started
    writer.start();
    CHECK(writer.due());
    CHECK(writer.offer(snapshot(1)));
    CHECK_FALSE(writer.due());
    CHECK_FALSE(writer.offer(snapshot(2)));  // within the period: nothing is done
    REQUIRE(writer.sync());
    CHECK(parse_prom_text(file_bytes(file)).value("qmi_kiosk_sessions_today") == 1);

    FleetHealth last = snapshot(3);
    last.up = false;
    writer.stop(last);
    const PromText p = parse_prom_text(file_bytes(file));
    REQUIRE(p.ok());
    CHECK(p.value("qmi_kiosk_up") == 0);
    CHECK(p.value("qmi_kiosk_sessions_today") == 3);
    CHECK(writer.writes() == 2);
}

TEST_CASE("metrics: a missing directory or a failing write is one log line, and nothing is created",
          "[metrics][writer]") {
    ScratchDir dir("metrics-fail");
    LogCapture log;
    const fs::path textfile_dir = dir.path() / "node-exporter";
    const fs::path file = textfile_dir / "qmi-kiosk.prom";
    MetricsWriter writer(options(file, log));
    writer.start();
    for (int n = 0; n < 20; ++n) {
        while (!writer.offer(snapshot(n))) std::this_thread::yield();
        REQUIRE(writer.sync());
    }
    CHECK(writer.failures() == 20);
    CHECK(writer.writes() == 0);
    CHECK_FALSE(fs::exists(textfile_dir));  // node_exporter's directory is not ours to create
    INFO(log.all());
    CHECK(log.warnings() == 1);
    CHECK(log.warnings("is node_exporter's textfile collector set up?") == 1);

    // The directory appears (node_exporter installed): the next snapshot is written and that is said once.
    fs::create_directories(textfile_dir);
    while (!writer.offer(snapshot(21))) std::this_thread::yield();
    REQUIRE(writer.sync());
    CHECK(writer.writes() == 1);
    CHECK(log.infos("written again after 20 failed attempts") == 1);
    CHECK(parse_prom_text(file_bytes(file)).ok());

    // A path that cannot be a file (a directory in its place): one more line, the loop goes on.
    fs::remove(file);
    fs::create_directories(file / "sub");
    for (int n = 0; n < 5; ++n) {
        while (!writer.offer(snapshot(30 + n))) std::this_thread::yield();
        REQUIRE(writer.sync());
    }
    CHECK(log.warnings() == 2);
    CHECK(writer.failures() == 25);
}

TEST_CASE("metrics: kiosk.json's metrics settings and the live status map onto the file", "[metrics][writer]") {
    Settings s;
    CHECK(metrics_writer_options("/opt/qmi", s).file.empty());
    s.metrics.textfile = "var/metrics/qmi-kiosk.prom";
    s.metrics.period_s = 30;
    MetricsWriterOptions o = metrics_writer_options("/opt/qmi", s);
    CHECK(o.file == fs::path("/opt/qmi/var/metrics/qmi-kiosk.prom"));
    CHECK(o.period == 30s);
    s.metrics.textfile = "/var/lib/prometheus/node-exporter/qmi-kiosk.prom";
    CHECK(metrics_writer_options("/opt/qmi", s).file == fs::path(s.metrics.textfile));

    LiveStatus live;
    Content shown;
    shown.version = "2024-02-06.1";
    shown.published = "2024-02-06T12:00:00+01:00";
    live.feed.shown = stamp_of(shown);
    live.feed.source = ContentSource::Cache;
    live.feed_configured = true;
    live.feed.last_attempt = std::chrono::system_clock::time_point{} + std::chrono::seconds{1714550400};
    live.feed.last_error = "feed: HTTP 503";
    live.feed.checks = 4;
    live.feed.failures = 1;
    FleetHealth h;
    h.now = utc(2024, 5, 1, 8);
    add_live_status(h, live);
    const PromText p = parse_prom_text(fleet_health_text(h));
    REQUIRE(p.ok());
    CHECK(p.value("qmi_kiosk_content_info", {{"version", "2024-02-06.1"}, {"source", "cache"}}) == 1);
    CHECK(p.value("qmi_kiosk_content_published_timestamp_seconds") == 1707217200);
    CHECK(p.value("qmi_kiosk_content_update_last_ok") == 0);
    CHECK(p.value("qmi_kiosk_content_update_last_check_timestamp_seconds") == 1714550400);
    CHECK_FALSE(p.has("qmi_kiosk_content_update_last_success_timestamp_seconds"));
    CHECK(p.value("qmi_kiosk_content_update_checks_total") == 4);
    CHECK(p.value("qmi_kiosk_content_update_failures_total") == 1);
}

// Run by tests/store/with-promtool (ctest: SKIPPED when promtool is not installed).
TEST_CASE("metrics: promtool check metrics accepts the textfile", "[.promtool]") {
    ScratchDir dir("metrics-promtool");
    LogCapture log;
    const fs::path file = dir.path() / "qmi-kiosk.prom";
    MetricsWriter writer(options(file, log));
    writer.start();
    FleetHealth h = snapshot(150);
    h.content_version = "v\"2\"\\beta\nline";
    h.last_update_check = h.now;
    h.last_update_success = h.now;
    h.last_update_ok = true;
    h.content_published = utc(2024, 2, 6, 11);
    h.maps_last_refresh = utc(2024, 4, 28, 3);
    REQUIRE(writer.offer(h));
    REQUIRE(writer.sync());
    writer.stop();
    const std::string cmd = "promtool check metrics < \"" + file.string() + "\" > \"" +
                            (dir.path() / "promtool.out").string() + "\" 2>&1";
    const int status = std::system(cmd.c_str());
    INFO(file_bytes(dir.path() / "promtool.out"));
    CHECK(status == 0);
    CHECK(file_bytes(dir.path() / "promtool.out").empty());
}
