// qmi-kiosk --ui-report through the real binary: the legibility report of the screen this kiosk is configured for
// (kiosk.json's screen_diagonal_in and mounting), and an exit code an installer can script on.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include "../support/test_time.hpp"
#include "../support/run_command.hpp"

namespace fs = std::filesystem;

using qmi::testdata::contains;

namespace {

using Run = qmi::testdata::CommandRun;

Run report(const fs::path& root, const std::string& size) {
    // No display: the screen's size comes from --size, its millimetres from kiosk.json alone.
    const std::string cmd = "env -u DISPLAY \"" QMI_KIOSK_EXE "\" --root \"" + root.string() + "\" --ui-report --size " +
                            size;
    return qmi::testdata::run_command(cmd);
}

// A root whose kiosk.json says the screen's diagonal and where its lower edge hangs.
fs::path root_with(double diagonal_in, double bottom_edge_m) {
    const fs::path dir = fs::temp_directory_path() / ("qmi-ui-report-" + std::to_string(getpid()) + "-" +
                                                      std::to_string(static_cast<int>(diagonal_in * 10)) + "-" +
                                                      std::to_string(static_cast<int>(bottom_edge_m * 100)));
    fs::remove_all(dir);
    fs::create_directories(dir / "config");
    std::ifstream in(fs::path(QMI_SOURCE_ROOT) / "config" / "kiosk.json");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string json = ss.str();
    auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = json.find(from);
        REQUIRE(at != std::string::npos);
        json.replace(at, from.size(), to);
    };
    replace("\"screen_diagonal_in\": null", "\"screen_diagonal_in\": " + std::to_string(diagonal_in));
    replace("\"bottom_edge_m\": 0.65", "\"bottom_edge_m\": " + std::to_string(bottom_edge_m));
    std::ofstream(dir / "config" / "kiosk.json") << json;
    return dir;
}

}  // namespace

TEST_CASE("ui-report: prints this kiosk's screen in millimetres and exits 0 when every minimum holds") {
    const fs::path root = root_with(43, 0.65);
    const Run r = report(root, "1920x1080");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.output, "1920x1080 px"));
    CHECK(contains(r.output, "(43.0\")"));
    CHECK(contains(r.output, "kiosk.json screen_diagonal_in"));
    CHECK(contains(r.output, "headline"));
    CHECK(contains(r.output, "main button height"));
    CHECK(contains(r.output, "contrast"));
    CHECK_FALSE(contains(r.output, "FAIL"));
    fs::remove_all(root);
}

TEST_CASE("ui-report: fails a portrait totem hung so high that its controls are out of a wheelchair user's reach") {
    const fs::path ok_root = root_with(55, 0.65), high_root = root_with(55, 1.6);
    const Run ok = report(ok_root, "1080x1920");
    const Run high = report(high_root, "1080x1920");
    INFO(high.output);
    CHECK(ok.exit_code == 0);
    CHECK(high.exit_code == 1);
    CHECK(contains(high.output, "reach"));
    fs::remove_all(ok_root);
    fs::remove_all(high_root);
}
