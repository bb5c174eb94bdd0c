// The usage recorder as the frame loop will use it: a scripted visit is counted exactly and survives a restart;
// record() never waits, even while the writer hangs on a dying disk; a full disk loses no count and logs once.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "core/settings.hpp"
#include "fault_vfs.hpp"
#include "log_capture.hpp"
#include "store_support.hpp"
#include "store/usage_recorder.hpp"

using namespace qmi;
using namespace qmi::store;
using namespace qmi::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// The kiosk's clock, settable by the test.
struct TestClock {
    std::atomic<int64_t> now{utc(2024, 5, 1, 8, 0).time_since_epoch().count()};
    date::sys_seconds operator()() const { return date::sys_seconds{std::chrono::seconds{now.load()}}; }
};

UsageRecorderOptions options_in(const fs::path& dir, LogCapture& log, TestClock& clock) {
    UsageRecorderOptions o;
    o.db.file = dir / "var" / "usage.sqlite";
    o.db.logger = log.logger;
    o.write_period = 50ms;
    o.now = [&clock] { return clock(); };
    return o;
}

// One visitor: touches the map, taps two districts and a town, searches, switches to English, leaves; the attract
// loop starts again. Times from 10:00 Paris (08:00 UTC).
void scripted_visit(UsageRecorder& r, date::sys_seconds t0) {
    CHECK(r.record(UsageEvent::session_start(t0)));
    CHECK(r.record(UsageEvent::commune_tap(t0 + 5s, "91027", true)));
    CHECK(r.record(UsageEvent::commune_tap(t0 + 12s, "93001", true)));
    CHECK(r.record(UsageEvent::commune_tap(t0 + 20s, "92040", false)));
    CHECK(r.record(UsageEvent::search(t0 + 30s, "93066")));
    CHECK(r.record(UsageEvent::language_switch(t0 + 40s, Lang::En)));
    CHECK(r.record(UsageEvent::commune_tap(t0 + 45s, "91027", true)));
    CHECK(r.record(UsageEvent::session_end(t0 + 45s + 90s, 45)));  // idle timeout: 90 s after the last touch
    CHECK(r.record(UsageEvent::attract_start(t0 + 45s + 90s)));
}

}  // namespace

TEST_CASE("recorder: a scripted visit is counted exactly, and a restart keeps the counts", "[store][recorder]") {
    ScratchDir dir("usage-visit");
    LogCapture log;
    TestClock clock;
    const UsageRecorderOptions o = options_in(dir.path(), log, clock);
    const date::sys_seconds t0 = clock();
    {
        UsageRecorder r(o);
        r.start();
        scripted_visit(r, t0);
        REQUIRE(r.sync());
        const UsageFigures today = r.today(t0);
        CHECK(today.sessions == 1);
        CHECK(today.district_taps == 3);
        CHECK(today.commune_taps == 1);
        CHECK(today.searches == 1);
        CHECK(today.language_switches == 1);
        CHECK(today.attract_starts == 1);
        CHECK(*today.median_session_s == 45);
        CHECK(r.status().store_ok);
        CHECK(r.status().recorded == 9);
        CHECK(r.dropped() == 0);
        r.stop();
    }
    {
        UsageRecorder r(o);
        r.start();
        REQUIRE(r.sync());
        CHECK(r.today(t0).sessions == 1);  // read back from the database at start
        scripted_visit(r, t0 + 10min);
        r.stop();  // the last counts are written at stop, without waiting for a sync
    }
    const std::vector<UsageRow> rows = stored_rows(o.db.file);
    CHECK(stored_count(rows, UsageMetric::Session) == 2);
    CHECK(stored_count(rows, UsageMetric::DistrictTap, "91027") == 4);
    CHECK(stored_count(rows, UsageMetric::DistrictTap, "93001") == 2);
    CHECK(stored_count(rows, UsageMetric::CommuneTap, "92040") == 2);
    CHECK(stored_count(rows, UsageMetric::Search, "93066") == 2);
    CHECK(stored_count(rows, UsageMetric::Language, "en") == 2);
    CHECK(stored_count(rows, UsageMetric::SessionLength, "45") == 2);
    CHECK(stored_count(rows, UsageMetric::Attract) == 2);
    CHECK(stored_count(rows, UsageMetric::NotRecorded) == 0);
    CHECK(log.warnings() == 0);
}

TEST_CASE("recorder: record() never waits, even while the writer hangs on the disk", "[store][recorder]") {
    FaultVfs::install();
    ScratchDir dir("usage-hang");
    LogCapture log;
    TestClock clock;
    UsageRecorderOptions o = options_in(dir.path(), log, clock);
    o.db.vfs = FaultVfs::kName;
    o.queue_capacity = 256;
    UsageRecorder r(o);
    r.start();
    REQUIRE(r.record(UsageEvent::session_start(clock())));
    REQUIRE(r.sync());

    // The disk stops answering: the writer's next write hangs inside SQLite until the test lets it go.
    FaultVfs::set(FaultVfs::Mode::Hang);
    REQUIRE(r.record(UsageEvent::session_start(clock())));
    REQUIRE(FaultVfs::wait_for_hung_writer(10s));

    // Meanwhile the frame loop goes on recording. If record() waited for the writer this loop would never end
    // (the test would time out): it must return every time, queueing what fits and counting the rest.
    const int calls = 20000;
    int queued = 0;
    for (int i = 0; i < calls; ++i)
        if (r.record(UsageEvent::commune_tap(clock(), "91027", true))) ++queued;
    CHECK(queued <= 256);
    CHECK(queued > 0);
    CHECK(r.dropped() == static_cast<uint64_t>(calls - queued));
    (void)r.today(clock());  // the staff screen does not wait either
    (void)r.status();
    CHECK(FaultVfs::hung_writers() == 1);

    FaultVfs::set(FaultVfs::Mode::Normal);
    REQUIRE(r.sync());
    r.stop();
    // Every call is accounted for: counted, or counted as not recorded.
    const std::vector<UsageRow> rows = stored_rows(o.db.file);
    CHECK(stored_count(rows, UsageMetric::DistrictTap) == static_cast<uint64_t>(queued));
    CHECK(stored_count(rows, UsageMetric::NotRecorded) == static_cast<uint64_t>(calls - queued));
    CHECK(stored_count(rows, UsageMetric::Session) == 2);
}

TEST_CASE("recorder: a full disk loses no count, logs one line, and recovers", "[store][recorder]") {
    FaultVfs::install();
    ScratchDir dir("usage-full");
    LogCapture log;
    TestClock clock;
    UsageRecorderOptions o = options_in(dir.path(), log, clock);
    o.db.vfs = FaultVfs::kName;
    UsageRecorder r(o);
    r.start();
    REQUIRE(r.sync());

    FaultVfs::set(FaultVfs::Mode::Full);
    const int failed_before = FaultVfs::failed_writes();
    const date::sys_seconds t0 = clock();
    for (int visit = 0; visit < 5; ++visit) {
        scripted_visit(r, t0 + visit * 20min);
        REQUIRE(r.sync());  // a write attempt each time, each one refused by the disk
    }
    CHECK(FaultVfs::failed_writes() > failed_before);
    const UsageRecorderStatus failing = r.status();
    CHECK_FALSE(failing.store_ok);
    CHECK(failing.last_error.find("full") != std::string::npos);
    CHECK(failing.pending_rows > 0);
    CHECK(r.today(t0).sessions == 5);  // the staff screen still shows today's figures
    INFO(log.all());
    CHECK(log.warnings() == 1);  // one line, not one per attempt
    CHECK(log.warnings("full") == 1);

    FaultVfs::set(FaultVfs::Mode::Normal);
    scripted_visit(r, t0 + 2h);
    REQUIRE(r.sync());
    CHECK(r.status().store_ok);
    CHECK(r.status().pending_rows == 0);
    CHECK(log.infos("works again") == 1);
    r.stop();
    const std::vector<UsageRow> rows = stored_rows(o.db.file);
    CHECK(stored_count(rows, UsageMetric::Session) == 6);
    CHECK(stored_count(rows, UsageMetric::DistrictTap) == 18);
    CHECK(stored_count(rows, UsageMetric::Search) == 6);
    CHECK(stored_count(rows, UsageMetric::NotRecorded) == 0);
    CHECK(r.dropped() == 0);
}

TEST_CASE("recorder: a database damaged before start is set aside and counting goes on", "[store][recorder]") {
    ScratchDir dir("usage-rec-damaged");
    LogCapture log;
    TestClock clock;
    const UsageRecorderOptions o = options_in(dir.path(), log, clock);
    fs::create_directories(o.db.file.parent_path());
    put_bytes(o.db.file, std::string(10000, '\x5a'));
    UsageRecorder r(o);
    r.start();
    scripted_visit(r, clock());
    REQUIRE(r.sync());
    r.stop();
    CHECK(log.warnings() == 1);
    CHECK(log.warnings("set aside") == 1);
    CHECK(files_starting(o.db.file.parent_path(), "usage.sqlite.corrupt-").size() == 1);
    CHECK(stored_count(stored_rows(o.db.file), UsageMetric::Session) == 1);
}

TEST_CASE("recorder: a second thread recording at once is refused and counted, never corrupts", "[store][recorder]") {
    ScratchDir dir("usage-threads");
    LogCapture log;
    TestClock clock;
    UsageRecorder r(options_in(dir.path(), log, clock));
    r.start();
    std::atomic<uint64_t> queued{0};
    auto producer = [&] {
        for (int i = 0; i < 20000; ++i) {
            if (r.record(UsageEvent::search(clock()))) ++queued;
            if (i % 1000 == 0) std::this_thread::yield();
        }
    };
    std::thread a(producer), b(producer);
    a.join();
    b.join();
    REQUIRE(r.sync());
    r.stop();
    CHECK(queued + r.dropped() == 40000);
    const std::vector<UsageRow> rows = stored_rows(options_in(dir.path(), log, clock).db.file);
    CHECK(stored_count(rows, UsageMetric::Search) == queued);
    CHECK(stored_count(rows, UsageMetric::NotRecorded) == r.dropped());
}

TEST_CASE("recorder: statistics switched off record nothing and create nothing", "[store][recorder]") {
    ScratchDir dir("usage-off");
    Settings settings;
    settings.stats.enabled = false;
    UsageRecorder r(usage_recorder_options(dir.path(), settings, [] { return utc(2024, 5, 1, 8); }));
    r.start();
    CHECK_FALSE(r.record(UsageEvent::session_start(utc(2024, 5, 1, 8))));
    CHECK_FALSE(r.status().enabled);
    r.stop();
    CHECK_FALSE(fs::exists(dir.path() / "var"));

    settings.stats = {true, 30, 5};
    const UsageRecorderOptions on = usage_recorder_options(dir.path(), settings, [] { return utc(2024, 5, 1, 8); });
    CHECK(on.db.file == dir.path() / "var" / "usage.sqlite");
    CHECK(on.db.retention_days == 30);
    CHECK(on.db.max_bytes == 5 * 1024 * 1024);
}
