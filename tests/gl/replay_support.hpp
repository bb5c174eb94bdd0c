// What the end-to-end replay tests share: run the real kiosk on a script (--replay ... --screenshot --state-out),
// load the picture and the state dump, aim at things like a visitor would.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include "kiosk_runner.hpp"
#include "ui/theme.hpp"

namespace qmi::gltest {

namespace fs = std::filesystem;

inline const fs::path kRoot = QMI_SOURCE_ROOT;

inline Run run_kiosk(const std::string& args, const std::string& screen = "1920x1080x24") {
    return run_under_xvfb("--root \"" + kRoot.string() + "\" --now 2024-05-01T10:00 " + args, screen);
}

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;
    const unsigned char* at(int x, int y) const { return &rgba[(static_cast<size_t>(y) * w + x) * 4]; }
    bool is(int x, int y, int r, int g, int b, int tol = 12) const {
        const unsigned char* p = at(x, y);
        return std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol;
    }
    // Pixels of a colour in a rectangle.
    int count(int x0, int y0, int x1, int y1, int r, int g, int b, int tol = 12) const {
        int n = 0;
        for (int y = std::max(0, y0); y < std::min(h, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(w, x1); ++x) n += is(x, y, r, g, b, tol);
        return n;
    }
};

// Second-promotion orange (palette::promotion_2) and the theme's accent blue.
inline constexpr int kOrange[3] = {qmi::ui::palette::promotion_2.r, qmi::ui::palette::promotion_2.g,
                                   qmi::ui::palette::promotion_2.b};  // second promotion (vermillion)
inline constexpr int kAccent[3] = {0x00, 0x5A, 0x8C};

struct Result {
    Run run;
    Image image;
    nlohmann::json state;
};

inline std::string temp(const std::string& name) {
    return (fs::temp_directory_path() / ("qmi-replay-" + std::to_string(getpid()) + "-" + name)).string();
}

// Writes `script`, replays it, loads the screenshot and the state dump; fails with the kiosk's output otherwise.
inline Result replay(const std::string& name, const std::string& script, const std::string& args = "",
              const std::string& screen = "1920x1080x24") {
    require_xvfb_and_map(kRoot);
    const std::string script_path = temp(name + ".jsonl"), png = temp(name + ".png"), state = temp(name + ".json");
    std::ofstream(script_path) << script;
    fs::remove(png);
    fs::remove(state);
    Result r;
    r.run = run_kiosk("--replay \"" + script_path + "\" --screenshot \"" + png + "\" --state-out \"" + state + "\" " +
                          args,
                      screen);
    INFO("qmi-kiosk output:\n" << r.run.output);
    REQUIRE(r.run.exit_code == 0);
    REQUIRE(fs::exists(png));
    int n = 0;
    unsigned char* data = stbi_load(png.c_str(), &r.image.w, &r.image.h, &n, 4);
    REQUIRE(data);
    r.image.rgba.assign(data, data + static_cast<size_t>(r.image.w) * r.image.h * 4);
    stbi_image_free(data);
    std::ifstream f(state);
    std::stringstream ss;
    ss << f.rdbuf();
    r.state = nlohmann::json::parse(ss.str(), nullptr, false);
    REQUIRE(r.state.is_object());
    return r;
}

inline std::string touch(double t, const char* type, int id, float x, float y) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "{\"t\":%.3f,\"type\":\"%s\",\"id\":%d,\"x\":%.1f,\"y\":%.1f}\n", t, type, id, x, y);
    return buf;
}

// Loads a PNG the kiosk wrote.
inline Image load_png(const std::string& path) {
    Image img;
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), &img.w, &img.h, &n, 4);
    REQUIRE(data);
    img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
    stbi_image_free(data);
    return img;
}

inline nlohmann::json load_json(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return nlohmann::json::parse(ss.str(), nullptr, false);
}

// The centre of a rectangle [x0, y0, x1, y1] from a state dump.
inline std::pair<float, float> centre(const nlohmann::json& r) {
    return {(r[0].get<float>() + r[2].get<float>()) / 2, (r[1].get<float>() + r[3].get<float>()) / 2};
}

}  // namespace qmi::gltest
