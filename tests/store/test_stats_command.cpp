// `qmi-kiosk stats` end to end: the real binary reads a database filled through the recorder by a scripted sequence
// of visits, while the recorder still has it open (a running kiosk), and prints exactly those counts.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>

#include "log_capture.hpp"
#include "store_support.hpp"
#include "store/usage_recorder.hpp"

using namespace qmi;
using namespace qmi::store;
using namespace qmi::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Run {
    int code = -1;
    std::string out, err;
};

Run stats(const fs::path& root, const std::string& args) {
    const fs::path out = root / "stats.out", err = root / "stats.err";
    const std::string cmd = "\"" QMI_KIOSK_EXE "\" stats --root \"" + root.string() + "\" " + args + " >\"" +
                            out.string() + "\" 2>\"" + err.string() + "\"";
    Run r;
    const int status = std::system(cmd.c_str());
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = file_bytes(out);
    r.err = file_bytes(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

// Two visits on 1 May (10:xx and 15:xx Paris), one on 2 May, and the attract loop in between.
void scripted_day(UsageRecorder& r) {
    const date::sys_seconds may1 = utc(2024, 5, 1, 8, 10);  // 10:10 Paris
    REQUIRE(r.record(UsageEvent::session_start(may1)));
    REQUIRE(r.record(UsageEvent::commune_tap(may1 + 4s, "91027", true)));
    REQUIRE(r.record(UsageEvent::commune_tap(may1 + 9s, "91027", true)));
    REQUIRE(r.record(UsageEvent::commune_tap(may1 + 15s, "94068", false)));
    REQUIRE(r.record(UsageEvent::search(may1 + 20s)));              // searched, chose nothing
    REQUIRE(r.record(UsageEvent::search(may1 + 31s, "93001")));     // searched, chose Aubervilliers
    REQUIRE(r.record(UsageEvent::language_switch(may1 + 35s, Lang::En)));
    REQUIRE(r.record(UsageEvent::session_end(may1 + 35s + 90s, 35)));
    REQUIRE(r.record(UsageEvent::attract_start(may1 + 35s + 90s)));

    const date::sys_seconds afternoon = utc(2024, 5, 1, 13, 50);  // 15:50 Paris
    REQUIRE(r.record(UsageEvent::session_start(afternoon)));
    REQUIRE(r.record(UsageEvent::commune_tap(afternoon + 3s, "93001", true)));
    REQUIRE(r.record(UsageEvent::session_end(afternoon + 93s, 3)));
    REQUIRE(r.record(UsageEvent::attract_start(afternoon + 93s)));

    const date::sys_seconds may2 = utc(2024, 5, 2, 7, 0);  // 09:00 Paris
    REQUIRE(r.record(UsageEvent::session_start(may2)));
    REQUIRE(r.record(UsageEvent::language_switch(may2 + 2s, Lang::En)));
    REQUIRE(r.record(UsageEvent::language_switch(may2 + 50s, Lang::Fr)));
    REQUIRE(r.record(UsageEvent::session_end(may2 + 140s, 50)));
}

}  // namespace

TEST_CASE("stats: --csv prints exactly what was recorded, while the kiosk still has the database open",
          "[store][stats]") {
    ScratchDir dir("stats-csv");
    LogCapture log;
    UsageRecorderOptions o;
    o.db.file = dir.path() / "var" / "usage.sqlite";
    o.db.logger = log.logger;
    o.now = [] { return utc(2024, 5, 2, 10); };
    UsageRecorder kiosk(o);
    kiosk.start();
    scripted_day(kiosk);
    REQUIRE(kiosk.sync());

    const Run all = stats(dir.path(), "--csv");
    INFO(all.err);
    CHECK(all.code == 0);
    CHECK(all.out ==
          "hour,metric,subject,count\n"
          "2024-05-01T10:00+02:00,session,,1\n"
          "2024-05-01T10:00+02:00,session_length_s,35,1\n"
          "2024-05-01T10:00+02:00,tap_district,91027,2\n"
          "2024-05-01T10:00+02:00,tap_commune,94068,1\n"
          "2024-05-01T10:00+02:00,search,,1\n"
          "2024-05-01T10:00+02:00,search,93001,1\n"
          "2024-05-01T10:00+02:00,language,en,1\n"
          "2024-05-01T10:00+02:00,attract,,1\n"
          "2024-05-01T15:00+02:00,session,,1\n"
          "2024-05-01T15:00+02:00,session_length_s,3,1\n"
          "2024-05-01T15:00+02:00,tap_district,93001,1\n"
          "2024-05-01T15:00+02:00,attract,,1\n"
          "2024-05-02T09:00+02:00,session,,1\n"
          "2024-05-02T09:00+02:00,session_length_s,50,1\n"
          "2024-05-02T09:00+02:00,language,en,1\n"
          "2024-05-02T09:00+02:00,language,fr,1\n");
    CHECK(all.err.empty());

    const Run since = stats(dir.path(), "--csv --since 2024-05-02");
    CHECK(since.code == 0);
    CHECK(since.out ==
          "hour,metric,subject,count\n"
          "2024-05-02T09:00+02:00,session,,1\n"
          "2024-05-02T09:00+02:00,session_length_s,50,1\n"
          "2024-05-02T09:00+02:00,language,en,1\n"
          "2024-05-02T09:00+02:00,language,fr,1\n");

    // A restart of the kiosk: the same report.
    kiosk.stop();
    UsageRecorder restarted(o);
    restarted.start();
    REQUIRE(restarted.sync());
    CHECK(stats(dir.path(), "--csv").out == all.out);
    restarted.stop();
    CHECK(stats(dir.path(), "--csv").out == all.out);  // and with the kiosk stopped
}

TEST_CASE("stats: the report for people, with commune names from the membership", "[store][stats]") {
    ScratchDir dir("stats-table");
    fs::create_directories(dir.path() / "maps");
    fs::copy_file(QMI_SOURCE_ROOT "/maps/membership.json", dir.path() / "maps" / "membership.json");
    UsageRecorderOptions o;
    o.db.file = dir.path() / "var" / "usage.sqlite";
    o.now = [] { return utc(2024, 5, 2, 10); };
    {
        UsageRecorder kiosk(o);
        kiosk.start();
        scripted_day(kiosk);
    }
    const Run r = stats(dir.path(), "");
    INFO(r.out << r.err);
    CHECK(r.code == 0);
    CHECK(r.out.find("Sessions            3   (median length 35 s over 3 ended)") != std::string::npos);
    CHECK(r.out.find("Taps                4   (QMI districts 3, other communes 1)") != std::string::npos);
    CHECK(r.out.find("Searches            2\n") != std::string::npos);
    CHECK(r.out.find("Language switches   3   (to French 1, to English 2)") != std::string::npos);
    CHECK(r.out.find("Attract loop starts 2\n") != std::string::npos);
    CHECK(r.out.find("2024-05-01         2           19 s") != std::string::npos);
    CHECK(r.out.find("       2  91027 Athis-Mons (QMI district)") != std::string::npos);
    CHECK(r.out.find("       1  93001 Aubervilliers (QMI district)") != std::string::npos);
    CHECK(r.out.find("94068 Saint-Maur-des-Foss") != std::string::npos);
}

TEST_CASE("stats: no database yet, a damaged one, a bad date", "[store][stats]") {
    ScratchDir dir("stats-errors");
    const Run none = stats(dir.path(), "--csv");
    CHECK(none.code == 0);
    CHECK(none.out == "hour,metric,subject,count\n");
    CHECK(none.err.find("nothing recorded yet") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "var"));

    fs::create_directories(dir.path() / "var");
    put_bytes(dir.path() / "var" / "usage.sqlite", std::string(9000, '?'));
    const Run damaged = stats(dir.path(), "");
    CHECK(damaged.code == 1);
    CHECK(damaged.out.empty());
    CHECK(damaged.err.find("usage.sqlite") != std::string::npos);
    CHECK(file_bytes(dir.path() / "var" / "usage.sqlite") == std::string(9000, '?'));  // left for the kiosk to set aside

    const Run bad_date = stats(dir.path(), "--since 2024-02-30");
    CHECK(bad_date.code == 2);
    CHECK(bad_date.err.find("YYYY-MM-DD") != std::string::npos);
}
