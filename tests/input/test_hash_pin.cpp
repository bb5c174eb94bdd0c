// `qmi-kiosk hash-pin`: what staff run to replace the demo PIN. The printed line must be accepted as a
// config/kiosk.json pin_hash, and unlock the PIN pad with that PIN and no other.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/settings.hpp"
#include "core/staff_access.hpp"

namespace fs = std::filesystem;

namespace {

struct Out {
    int code = -1;
    std::string stdout_text;
};

// Pipes `input` into `qmi-kiosk hash-pin` (stdin is not a terminal: one line, no confirmation prompt).
Out hash_pin(const std::string& input) {
    const fs::path dir = fs::temp_directory_path() / ("qmi-hash-pin-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "in") << input;
    const std::string cmd = "\"" QMI_KIOSK_EXE "\" hash-pin <\"" + (dir / "in").string() + "\" >\"" +
                            (dir / "out").string() + "\" 2>/dev/null";
    Out o;
    const int status = std::system(cmd.c_str());
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream f(dir / "out");
    std::stringstream ss;
    ss << f.rdbuf();
    o.stdout_text = ss.str();
    fs::remove_all(dir);
    return o;
}

}  // namespace

TEST_CASE("staff: hash-pin prints a pin_hash that opens the pad with that PIN only", "[staff]") {
    const Out o = hash_pin("731905\n");
    REQUIRE(o.code == 0);
    std::string hash = o.stdout_text;
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
    CHECK(hash.rfind("$argon2id$", 0) == 0);

    // Accepted by the settings loader exactly as staff would paste it.
    const std::string kiosk_json = "{\"staff\": {\"pin_hash\": \"" + hash + "\"}}";
    const qmi::SettingsLoad loaded = qmi::parse_settings(kiosk_json, "kiosk.json");
    INFO(kiosk_json);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.settings);
    qmi::StaffAccess access(loaded.settings->staff, 4.0f);
    CHECK(access.submit_pin("000000", 1) == qmi::PinResult::Wrong);
    CHECK(access.submit_pin("731905", 2) == qmi::PinResult::Accepted);
}

TEST_CASE("staff: hash-pin refuses what the pad could never type, and prints nothing", "[staff]") {
    for (const char* bad : {"\n", "12\n", "12a4\n", "1234567890123\n", "  \n"}) {
        INFO("input " << bad);
        const Out o = hash_pin(bad);
        CHECK(o.code != 0);
        CHECK(o.stdout_text.empty());
    }
}
