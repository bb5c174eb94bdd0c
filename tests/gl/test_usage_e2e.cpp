// End-to-end statistics: the real kiosk on screen plays a visitor's session (--replay in real time), then
// `qmi-kiosk stats --csv` reports exactly what the visitor did, and a second session after a restart adds to it.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <string>

#include "replay_support.hpp"
#include "ui/layout.hpp"

using namespace qmi::gltest;

namespace {

// A kiosk root of its own (its var/usage.sqlite): the repository's config, membership and map cache.
fs::path scratch_root(const std::string& name) {
    const fs::path root = fs::temp_directory_path() / ("qmi-usage-e2e-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(root);
    fs::create_directories(root / "maps");
    fs::copy(kRoot / "config", root / "config", fs::copy_options::recursive);
    fs::copy_file(kRoot / "maps" / "membership.json", root / "maps" / "membership.json");
    fs::create_directory_symlink(kRoot / "maps" / "cache", root / "maps" / "cache");
    return root;
}

std::string tap(double t, int id, float x, float y) {
    return touch(t, "down", id, x, y) + touch(t + 0.06, "up", id, x, y);
}

// metric/subject -> count, summed over hours.
std::map<std::string, int> counts(const std::string& csv) {
    std::map<std::string, int> out;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "hour,metric,subject,count");
    while (std::getline(in, line)) {
        std::stringstream row(line);
        std::string hour, metric, subject, count;
        std::getline(row, hour, ',');
        std::getline(row, metric, ',');
        std::getline(row, subject, ',');
        std::getline(row, count, ',');
        out[metric + "/" + subject] += std::stoi(count);
    }
    return out;
}

}  // namespace

TEST_CASE("statistics: a visitor's session on the real kiosk is counted exactly, and a restart keeps the counts") {
    require_xvfb_and_map(kRoot);
    const fs::path root = scratch_root("session");
    const qmi::ui::Layout l = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const float mx = (l.map_area.min.x + l.map_area.max.x) / 2, my = (l.map_area.min.y + l.map_area.max.y) / 2;
    const float lx = l.language.center().x, ly = l.language.center().y;
    // Which commune lies under the map's centre at the overview: the same script, captured.
    const std::string script = tap(0.5, 1, mx, my) + tap(2.0, 2, lx, ly);
    const Result probe = replay("usage-probe", tap(0.5, 1, mx, my), "--replay-tail 0.5");
    REQUIRE(probe.state["selected"].is_string());
    const std::string tapped = probe.state["selected"];

    // On screen, in real time: a tap on the map, the language button, then nobody: the attract loop ends the session.
    std::ofstream(root / "visit.jsonl") << script;
    const std::string kiosk = "\"" QMI_KIOSK_EXE "\" --root \"" + root.string() + "\" --windowed --size 1920x1080 "
                              "--now 2024-05-01T10:00 --idle-timeout 3 --replay \"" + (root / "visit.jsonl").string() +
                              "\" --replay-tail 4.5";
    const Run first = run_with_display(kiosk);
    INFO("kiosk:\n" << first.output);
    REQUIRE(first.exit_code == 0);
    const Run stats = run_with_display("\"" QMI_KIOSK_EXE "\" stats --csv --root \"" + root.string() + "\"");
    INFO("stats:\n" << stats.output);
    REQUIRE(stats.exit_code == 0);
    std::map<std::string, int> c = counts(stats.output);
    CHECK(c["session/"] == 1);
    CHECK(c["tap_commune/" + tapped] + c["tap_district/" + tapped] == 1);
    CHECK(c["language/en"] == 1);
    CHECK(c["attract/"] == 1);
    int lengths = 0;
    for (const auto& [k, n] : c)
        if (k.rfind("session_length_s/", 0) == 0) lengths += n;
    CHECK(lengths == 1);

    // A restart, the same visit again: the counts add up.
    const Run second = run_with_display(kiosk);
    REQUIRE(second.exit_code == 0);
    const Run again = run_with_display("\"" QMI_KIOSK_EXE "\" stats --csv --root \"" + root.string() + "\"");
    c = counts(again.output);
    CHECK(c["session/"] == 2);
    CHECK(c["language/en"] == 2);
    CHECK(c["attract/"] == 2);
    fs::remove_all(root);
}
