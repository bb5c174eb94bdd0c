// End-to-end input: the real qmi-kiosk under Xvfb plays an input script (--replay) on its virtual clock, then
// captures one frame (--screenshot) and dumps what is on screen (--state-out). The scripts are what a visitor or
// a staff member does with their fingers; the assertions are what they would see.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <stb_image.h>

#include "replay_support.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

namespace fs = std::filesystem;

namespace {

using namespace qmi::gltest;

// Athis-Mons is the southernmost orange (second promotion) district of the overview: the centre of the orange
// pixels within 40 px of the lowest orange row of the map area (not the legend or panel swatches). Found on the
// picture, so the test follows any change of the map's framing.
bool find_athis_mons(const Image& img, float& x, float& y) {
    // Replays run Xvfb with a screen of the picture's size (see pinch_and_tap_selects_athis_mons).
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(static_cast<float>(img.w), static_cast<float>(img.h)),
                                                        qmi::gltest::xvfb_px_per_mm(img.w));
    const int x0 = static_cast<int>(layout.map_area.min.x), x1 = static_cast<int>(layout.map_area.max.x);
    const int y0 = static_cast<int>(layout.map_area.min.y), y1 = static_cast<int>(layout.map_area.max.y);
    int bottom = -1;
    for (int yy = std::min(img.h, y1) - 1; yy >= y0 && bottom < 0; --yy)
        for (int xx = x0; xx < std::min(img.w, x1); ++xx)
            if (img.is(xx, yy, kOrange[0], kOrange[1], kOrange[2], 6)) {
                bottom = yy;
                break;
            }
    if (bottom < 0) return false;
    double sx = 0, sy = 0;
    int n = 0;
    for (int yy = bottom - 40; yy <= bottom; ++yy)
        for (int xx = x0; xx < std::min(img.w, x1); ++xx)
            if (img.is(xx, yy, kOrange[0], kOrange[1], kOrange[2], 6)) {
                sx += xx;
                sy += yy;
                ++n;
            }
    if (n < 20) return false;
    x = static_cast<float>(sx / n);
    y = static_cast<float>(sy / n);
    return true;
}

// Two fingers spread apart 4x around (x, y), lifted, then one tap on the same point.
std::string pinch_then_tap(float x, float y) {
    std::string s = "# pinch in over the point, then tap it\n";
    s += touch(0.10, "down", 1, x - 30, y);
    s += touch(0.10, "down", 2, x + 30, y);
    for (int i = 1; i <= 20; ++i) {
        const float d = 30 + i * 4.5f;
        s += touch(0.10 + i * 0.02, "move", 1, x - d, y);
        s += touch(0.10 + i * 0.02, "move", 2, x + d, y);
    }
    s += touch(0.60, "up", 1, x - 120, y);
    s += touch(0.60, "up", 2, x + 120, y);
    s += touch(1.20, "down", 3, x, y);
    s += touch(1.26, "up", 3, x, y);
    return s;
}

void pinch_and_tap_selects_athis_mons(const std::string& size, const std::string& screen) {
    // The overview, through the same replay path (an empty script).
    const Result before = replay("overview-" + size, "# nothing\n", "--size " + size, screen);
    CHECK(before.state["selected"].is_null());
    float x = 0, y = 0;
    REQUIRE(find_athis_mons(before.image, x, y));
    const int orange_before = before.image.count(0, 0, before.image.w, before.image.h, kOrange[0], kOrange[1],
                                                 kOrange[2], 6);

    const Result after = replay("athis-" + size, pinch_then_tap(x, y), "--size " + size, screen);
    INFO("state: " << after.state.dump());
    CHECK(after.state["selected"] == "91027");
    CHECK(after.state["panel_title"] == "Athis-Mons");
    CHECK(after.state["zoom_scale"].get<double>() > 2.5);  // the pinch zoomed in (4x spread)
    // Zoomed in on an orange district: Athis-Mons alone now shows far more orange than the six orange districts
    // of the overview together (it is one sixth of them there, x16 in area at a 4x zoom).
    const int orange_after = after.image.count(0, 0, after.image.w, after.image.h, kOrange[0], kOrange[1],
                                               kOrange[2], 6);
    CHECK(orange_after > 2.5 * orange_before);
    // The finger is still on Athis-Mons (a pinch keeps the point between the fingers in place).
    CHECK(after.image.is(static_cast<int>(x), static_cast<int>(y), kOrange[0], kOrange[1], kOrange[2], 30));
}

}  // namespace

TEST_CASE("replay: a pinch over Athis-Mons then a tap opens its card, landscape 1920x1080") {
    pinch_and_tap_selects_athis_mons("1920x1080", "1920x1080x24");
}

TEST_CASE("replay: a pinch over Athis-Mons then a tap opens its card, portrait 1080x1920") {
    pinch_and_tap_selects_athis_mons("1080x1920", "1080x1920x24");
}

TEST_CASE("replay: holding the top-left corner 5 s opens the PIN pad, 3 s does not") {
    const Result held = replay("corner-5s", touch(0.1, "down", 1, 8, 8) + touch(5.7, "up", 1, 8, 8));
    INFO("state: " << held.state.dump());
    CHECK(held.state["pin_pad_open"] == true);
    CHECK(held.state["staff_menu_open"] == false);
    // The pad dims the screen: the map's water background is darker than the undimmed colour.
    const Result short_hold = replay("corner-3s", touch(0.1, "down", 1, 8, 8) + touch(3.1, "up", 1, 8, 8));
    CHECK(short_hold.state["pin_pad_open"] == false);
    const int w = held.image.w, h = held.image.h;
    const unsigned char* dim = held.image.at(w / 10, h / 2);
    const unsigned char* plain = short_hold.image.at(w / 10, h / 2);
    CHECK(dim[0] + 40 < plain[0]);
}

TEST_CASE("replay: the right PIN opens the staff menu, a wrong one does not") {
    // The demo PIN of config/kiosk.json is 2468; digits typed on the keyboard go to the pad.
    std::string open = touch(0.1, "down", 1, 8, 8) + touch(5.7, "up", 1, 8, 8);
    std::string good = open, bad = open;
    double t = 6.0;
    for (const char* k : {"2", "4", "6", "8", "Enter"}) {
        good += "{\"t\":" + std::to_string(t) + ",\"type\":\"key\",\"key\":\"" + k + "\"}\n";
        t += 0.2;
    }
    t = 6.0;
    for (const char* k : {"1", "1", "1", "1", "Enter"}) {
        bad += "{\"t\":" + std::to_string(t) + ",\"type\":\"key\",\"key\":\"" + k + "\"}\n";
        t += 0.2;
    }
    const Result g = replay("pin-good", good);
    INFO("good: " << g.state.dump());
    CHECK(g.state["staff_menu_open"] == true);
    const Result b = replay("pin-bad", bad);
    INFO("bad: " << b.state.dump());
    CHECK(b.state["staff_menu_open"] == false);
    CHECK(b.state["pin_pad_open"] == true);
}

// Centres of the PIN pad's keys, read off a screenshot of the open pad: connected areas of the button colour
// (palette::button) about a key in size, in reading order. Keeps the test independent of the pad's geometry.
std::vector<std::pair<float, float>> pad_keys(const Image& img) {
    std::vector<char> seen(static_cast<size_t>(img.w) * img.h, 0);
    struct Box { int x0, y0, x1, y1; };
    std::vector<Box> boxes;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            if (seen[static_cast<size_t>(y) * img.w + x] || !img.is(x, y, 0xE5, 0xE7, 0xEB, 3)) continue;
            Box b{x, y, x, y};
            std::vector<std::pair<int, int>> stack{{x, y}};
            seen[static_cast<size_t>(y) * img.w + x] = 1;
            while (!stack.empty()) {
                const auto [cx, cy] = stack.back();
                stack.pop_back();
                b.x0 = std::min(b.x0, cx), b.y0 = std::min(b.y0, cy), b.x1 = std::max(b.x1, cx), b.y1 = std::max(b.y1, cy);
                for (const auto [nx, ny] : {std::pair{cx + 1, cy}, {cx - 1, cy}, {cx, cy + 1}, {cx, cy - 1}}) {
                    if (nx < 0 || ny < 0 || nx >= img.w || ny >= img.h) continue;
                    char& v = seen[static_cast<size_t>(ny) * img.w + nx];
                    if (v || !img.is(nx, ny, 0xE5, 0xE7, 0xEB, 3)) continue;
                    v = 1;
                    stack.push_back({nx, ny});
                }
            }
            const int w = b.x1 - b.x0, h = b.y1 - b.y0;
            if (w > 50 && h > 50 && std::abs(w - h) < 8) boxes.push_back(b);  // square keys, not the wide ones
        }
    std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
        return std::abs(a.y0 - b.y0) > 10 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    std::vector<std::pair<float, float>> centres;
    for (const Box& b : boxes) centres.push_back({(b.x0 + b.x1) / 2.0f, (b.y0 + b.y1) / 2.0f});
    return centres;
}

TEST_CASE("replay: the PIN typed with fingers on the pad opens the staff menu") {
    // The finger that held the corner is still down when the pad opens: the pad must still take the next taps.
    const std::string open = touch(0.1, "down", 1, 8, 8) + touch(5.7, "up", 1, 8, 8);
    const Result pad = replay("pad-keys", open);
    REQUIRE(pad.state["pin_pad_open"] == true);
    const auto keys = pad_keys(pad.image);
    REQUIRE(keys.size() == 11);  // 1-9, erase, 0
    // Keys in reading order: 1 2 3 / 4 5 6 / 7 8 9 / erase 0. Then "Valider" is typed on the keyboard's Enter,
    // so that only the digit taps are under test.
    std::string script = open;
    double t = 6.5;
    int id = 10;
    for (const int digit : {2, 4, 6, 8}) {
        const auto [x, y] = keys[static_cast<size_t>(digit - 1)];
        script += touch(t, "down", id, x, y) + touch(t + 0.08, "up", id, x, y);
        t += 0.4;
        ++id;
    }
    const Result typed = replay("pad-typed", script + "{\"t\":" + std::to_string(t) + ",\"type\":\"key\",\"key\":\"Enter\"}\n");
    INFO("state: " << typed.state.dump() << "\noutput: " << typed.run.output);
    CHECK(typed.state["staff_menu_open"] == true);
}

TEST_CASE("replay: Escape, Alt+F4, Ctrl+Q and the close button are ignored in kiosk mode, Escape quits windowed") {
    const std::string keys =
        "{\"t\":0.1,\"type\":\"key\",\"key\":\"Escape\"}\n"
        "{\"t\":0.2,\"type\":\"key\",\"key\":\"F4\",\"alt\":true}\n"
        "{\"t\":0.3,\"type\":\"key\",\"key\":\"Q\",\"ctrl\":true}\n"
        "{\"t\":0.4,\"type\":\"close\"}\n";
    const Result kiosk = replay("keys-kiosk", keys);
    CHECK(kiosk.state["quit_requested"] == false);
    CHECK(kiosk.run.output.find("window close request ignored") != std::string::npos);
    const Result windowed = replay("keys-windowed", "{\"t\":0.1,\"type\":\"key\",\"key\":\"Escape\"}\n", "--windowed");
    CHECK(windowed.state["quit_requested"] == true);
}

TEST_CASE("replay: a malformed script is refused with one error line and no picture") {
    const std::string script = temp("bad.jsonl"), png = temp("bad.png");
    std::ofstream(script) << "{\"t\":0.1,\"type\":\"down\",\"id\":1,\"x\":10\n{\"t\":\"soon\"}\n";
    fs::remove(png);
    const Run r = run_kiosk("--replay \"" + script + "\" --screenshot \"" + png + "\"");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(png));
    int lines = 0;
    for (char c : r.output) lines += c == '\n';
    CHECK(lines == 1);
    CHECK(r.output.find("line 1") != std::string::npos);
}

TEST_CASE("replay: after the idle timeout attract mode highlights a district with its card") {
    const std::string tap = touch(0.1, "down", 1, 700, 560) + touch(0.15, "up", 1, 700, 560);
    const Result busy = replay("idle-short", tap, "--idle-timeout 4 --replay-tail 2");
    CHECK(busy.state["attract_active"] == false);
    const Result idle = replay("idle-long", tap, "--idle-timeout 2 --replay-tail 5");
    INFO("state: " << idle.state.dump());
    CHECK(idle.state["attract_active"] == true);
    CHECK(idle.state["highlighted"].is_string());
    CHECK(idle.state["selected"].is_null());  // the card of the tapped commune was closed
    // The card's accent border and "Touchez la carte" in accent blue, over the bottom of the map.
    const Image& a = idle.image;
    const Image& b = busy.image;
    const int accent_idle = a.count(0, a.h / 2, a.w * 2 / 3, a.h, kAccent[0], kAccent[1], kAccent[2], 8);
    const int accent_busy = b.count(0, b.h / 2, b.w * 2 / 3, b.h, kAccent[0], kAccent[1], kAccent[2], 8);
    CHECK(accent_idle > accent_busy + 500);
}

TEST_CASE("replay: attract mode flies to each district and its card never hides it (Athis-Mons, the southern tip)") {
    // Sceaux, Meudon, Aulnay-sous-Bois, Noisy-le-Grand, then Athis-Mons: the fifth step, 8 s each after 3 s.
    const std::string move = "{\"t\":0.1,\"type\":\"mouse\",\"action\":\"move\",\"x\":1500,\"y\":900}\n";
    const Result r = replay("attract-athis", move, "--idle-timeout 3 --replay-tail 38");
    INFO("state: " << r.state.dump());
    REQUIRE(r.state["highlighted"] == "Athis-Mons");
    CHECK(r.state["zoom_scale"].get<double>() > 1.5);  // the loop flew in to the district, not a still overview
    const auto box = r.state["presented_box"], card = r.state["attract_card"], map = r.state["map_area"];
    REQUIRE(box.is_array());
    REQUIRE(card.is_array());
    // The district is inside the map area and the card does not overlap it.
    CHECK(box[0].get<double>() >= map[0].get<double>());
    CHECK(box[2].get<double>() <= map[2].get<double>());
    CHECK(box[1].get<double>() >= map[1].get<double>());
    CHECK(box[3].get<double>() <= map[3].get<double>());
    const bool overlap = box[0] < card[2] && card[0] < box[2] && box[1] < card[3] && card[1] < box[3];
    CHECK_FALSE(overlap);
    // And Athis-Mons itself shows, orange, in its box.
    const Image& a = r.image;
    CHECK(a.count(box[0].get<int>(), box[1].get<int>(), box[2].get<int>(), box[3].get<int>(), kOrange[0], kOrange[1],
                  kOrange[2], 6) > 2000);
}

TEST_CASE("replay: consecutive attract steps in one run each outline their own district") {
    qmi::gltest::require_xvfb_and_map(kRoot);
    // Idle 3 s, a 1.5 s glide to the overview, then a new district every attract_step_s (8 s by default).
    const double steps[3] = {6.0, 14.0, 22.0};
    std::string args;
    std::string pngs[3];
    for (int i = 0; i < 3; ++i) {
        pngs[i] = temp("attract-step-" + std::to_string(i) + ".png");
        fs::remove(pngs[i]);
        args += " --capture-at " + std::to_string(steps[i]) + ":\"" + pngs[i] + "\"";
    }
    const std::string script = temp("attract-steps.jsonl"), last = temp("attract-steps-last.png");
    std::ofstream(script) << "# nobody touches the kiosk\n";
    const Run run = run_kiosk("--idle-timeout 3 --replay \"" + script + "\" --replay-tail 23 --screenshot \"" + last +
                              "\"" + args);
    INFO("qmi-kiosk output:\n" << run.output);
    REQUIRE(run.exit_code == 0);
    std::string names[3];
    double cx[3], cy[3];
    for (int i = 0; i < 3; ++i) {
        Image img;
        int n = 0;
        unsigned char* data = stbi_load(pngs[i].c_str(), &img.w, &img.h, &n, 4);
        REQUIRE(data);
        img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
        stbi_image_free(data);
        std::ifstream f(pngs[i] + ".json");
        std::stringstream ss;
        ss << f.rdbuf();
        const nlohmann::json state = nlohmann::json::parse(ss.str(), nullptr, false);
        REQUIRE(state.is_object());
        INFO("step " << i << ": " << state.dump());
        REQUIRE(state["attract_active"] == true);
        names[i] = state["highlighted"].get<std::string>();
        // The outline's accent colour, on the map only (the card and the panel use other colours).
        const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(static_cast<float>(img.w), static_cast<float>(img.h)), qmi::gltest::xvfb_px_per_mm(img.w));
        double sx = 0, sy = 0;
        int count = 0;
        for (int y = static_cast<int>(layout.map_area.min.y); y < static_cast<int>(layout.map_area.max.y); ++y)
            for (int x = static_cast<int>(layout.map_area.min.x); x < static_cast<int>(layout.map_area.max.x); ++x)
                if (img.is(x, y, 0xCC, 0x79, 0xA7, 12)) {
                    sx += x;
                    sy += y;
                    ++count;
                }
        REQUIRE(count > 50);
        cx[i] = sx / count;
        cy[i] = sy / count;
    }
    // Three different districts were presented, and the outline moved with each of them.
    CHECK(names[0] != names[1]);
    CHECK(names[1] != names[2]);
    CHECK(std::hypot(cx[1] - cx[0], cy[1] - cy[0]) > 20);
    CHECK(std::hypot(cx[2] - cx[1], cy[2] - cy[1]) > 20);
}

TEST_CASE("replay: impossible touch sequences and a storm of fingers leave no stuck gesture, the next tap works") {
    // The storm pans and pinches the map anywhere, so the final tap aims at the middle of the map area: at any
    // camera position the kiosk allows, a commune of the Métropole lies there (the view never leaves it).
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const float x = (layout.map_area.min.x + layout.map_area.max.x) / 2;
    const float y = (layout.map_area.min.y + layout.map_area.max.y) / 2;
    std::string s;
    s += touch(0.10, "up", 7, 500, 500);                // an end without a begin
    s += touch(0.12, "move", 8, 600, 600);              // a move without a begin
    s += touch(0.14, "cancel", 9, 600, 600);            // a cancel without a begin
    s += touch(0.16, "down", 1, 900000, -900000);       // far off any screen
    s += touch(0.18, "down", 1, 700, 500);              // the same finger down twice
    for (int f = 20; f < 30; ++f) s += touch(0.20, "down", f, 300.0f + 20 * f, 400);  // ten fingers at once
    for (int i = 0; i < 400; ++i)                                                        // an event storm
        s += touch(0.21 + i * 0.0005, "move", 20 + i % 10, 300.0f + (i * 37) % 900, 300.0f + (i * 53) % 500);
    s += touch(0.50, "down", 3, -900000, 900000);       // one more, far away ...
    // ... then every finger leaves, the map settles, and a visitor taps it.
    for (int f = 20; f < 30; ++f) s += touch(0.60, "up", f, 300.0f + 20 * f, 400);
    s += touch(0.60, "up", 1, 700, 500);
    s += touch(0.60, "up", 3, -900000, 900000);
    s += touch(3.00, "down", 2, x, y);
    s += touch(3.06, "up", 2, x, y);
    const Result r = replay("garbage", s);
    INFO("state: " << r.state.dump() << "\noutput: " << r.run.output);
    CHECK(r.state["selected"].is_string());  // the tap was a tap: nothing left held down
    // The impossible parts are reported in one warning, not silently swallowed, and the script still played.
    CHECK(r.run.output.find("playing impossible input as written") != std::string::npos);
}
