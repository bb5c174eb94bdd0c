// End-to-end: presenter mode and the timeline with the real kiosk (--replay on the virtual clock, then the pictures
// and the state dumps). A tour driven by a clicker's keys and one driven by taps on the bar visit every step of
// content.json's tour in order and end at the overview; attract mode waits and stray fingers change nothing
// meanwhile; "B" blacks the screen out; the staff menu starts the tour; visitors open the timeline and see today's
// mark where the kiosk says it drew it.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "replay_support.hpp"
#include "ui/theme.hpp"

using namespace qmi::gltest;

namespace {

std::string key(double t, const char* name) {
    return "{\"t\":" + std::to_string(t) + ",\"type\":\"key\",\"key\":\"" + name + "\"}\n";
}

std::string tap(double t, int id, float x, float y) {
    return touch(t, "down", id, x, y) + touch(t + 0.06, "up", id, x, y);
}

// The steps staff wrote in config/content.json, as --state-out names them: "district 93005", "promotion 1", ...
std::vector<std::string> content_tour() {
    std::ifstream in((kRoot / "config" / "content.json").string());
    const nlohmann::json c = nlohmann::json::parse(in);
    std::vector<std::string> steps;
    for (const nlohmann::json& s : c.at("tour")) {
        std::string d = s.at("kind").get<std::string>();
        if (d == "district") d += " " + s.at("insee").get<std::string>();
        if (d == "promotion") d += " " + std::to_string(s.at("number").get<int>());
        steps.push_back(d);
    }
    return steps;
}

std::string step_of(const nlohmann::json& state) {
    const nlohmann::json& p = state.at("presenter");
    if (!p.value("active", false)) return "(not presenting)";
    std::string d = p.at("kind").get<std::string>();
    if (d == "district") d += " " + p.at("insee").get<std::string>();
    if (d == "promotion") d += " " + std::to_string(p.at("promotion").get<int>());
    return d;
}

// Captures the state (and the frame) at each of `times`; returns the states in order.
std::vector<nlohmann::json> states_at(const std::string& name, const std::string& script, const std::vector<double>& times,
                                      const std::string& args, nlohmann::json* last = nullptr,
                                      const std::string& screen = "1920x1080x24") {
    std::string captures;
    std::vector<std::string> pngs;
    for (size_t i = 0; i < times.size(); ++i) {
        pngs.push_back(temp(name + "-" + std::to_string(i) + ".png"));
        captures += " --capture-at " + std::to_string(times[i]) + ":\"" + pngs.back() + "\"";
    }
    const Result r = replay(name, script, args + captures, screen);
    std::vector<nlohmann::json> out;
    for (const std::string& png : pngs) out.push_back(load_json(png + ".json"));
    if (last) *last = r.state;
    return out;
}

// replay() on another day than the tests' 1 May 2024: the state dump only.
nlohmann::json state_on(const std::string& now, const std::string& name, const std::string& script, const std::string& args) {
    const std::string script_path = temp(name + ".jsonl"), png = temp(name + ".png"), state = temp(name + ".json");
    std::ofstream(script_path) << script;
    const Run r = run_under_xvfb("--root \"" + kRoot.string() + "\" --now " + now + " --replay \"" + script_path +
                                 "\" --screenshot \"" + png + "\" --state-out \"" + state + "\" " + args);
    INFO("qmi-kiosk output:\n" << r.output);
    REQUIRE(r.exit_code == 0);
    return load_json(state);
}

// A visitor's kiosk at the overview: no tour, no card, the whole Métropole, the visitor's controls back.
void require_back_to_kiosk(const nlohmann::json& s) {
    INFO(s.dump());
    CHECK(s["presenter"]["active"] == false);
    CHECK(s["selected"].is_null());
    CHECK(s["zoom_scale"].get<double>() == Approx(1.0).margin(0.05));
    CHECK(s["quit_requested"] == false);
    CHECK(s["timeline_open"] == false);
    CHECK(s["controls"].contains("timeline"));  // the introduction is drawn again, with its "Chronologie"
}

}  // namespace

TEST_CASE("presenter: a clicker's Page Down visits every step of the tour in order, Page Up goes back, Escape ends it") {
    require_xvfb_and_map(kRoot);
    const std::vector<std::string> tour = content_tour();
    REQUIRE(tour.size() >= 3);
    std::string script = "# a presenter clicker: next, next, ... then previous, then end the show\n";
    std::vector<double> times = {0.5};
    double t = 1.0;
    for (size_t i = 1; i < tour.size(); ++i, t += 1.6) {
        script += key(t, "PageDown");
        times.push_back(t + 1.5);  // after the map's flight
    }
    script += key(t, "PageDown");  // past the last step: it stays there
    times.push_back(t + 0.5);
    script += key(t + 1.0, "PageUp");
    times.push_back(t + 1.5);
    script += key(t + 2.0, "Escape");  // ends the tour, not the kiosk (kiosk mode swallows Escape otherwise)
    nlohmann::json end;
    const std::vector<nlohmann::json> states = states_at("tour-keys", script, times, "--present --replay-tail 2", &end);
    for (size_t i = 0; i < tour.size(); ++i) {
        INFO("step " << i << ": " << states[i].dump());
        CHECK(step_of(states[i]) == tour[i]);
        CHECK(states[i]["presenter"]["index"] == i);
        CHECK(states[i]["presenter"]["total"] == tour.size());
        // A district step: its card open and the map on it; a promotion its districts outlined together.
        const std::string& step = tour[i];
        if (step.rfind("district ", 0) == 0) {
            CHECK(states[i]["selected"] == step.substr(9));
            CHECK(states[i]["zoom_scale"].get<double>() > 1.5);
        } else {
            CHECK(states[i]["selected"].is_null());
        }
        if (step.rfind("promotion ", 0) == 0) CHECK(states[i]["presenter"]["outlined"].size() >= 4);
        CHECK(states[i]["attract_active"] == false);
        CHECK(states[i]["timeline_open"] == (step == "timeline"));
    }
    CHECK(step_of(states[tour.size()]) == tour.back());      // Page Down on the last step
    CHECK(step_of(states[tour.size() + 1]) == tour[tour.size() - 2]);  // Page Up
    require_back_to_kiosk(end);
}

TEST_CASE("presenter: taps on the bar drive the tour, a stray finger on the map changes nothing, Exit ends it") {
    require_xvfb_and_map(kRoot);
    const std::vector<std::string> tour = content_tour();
    // Where the bar's buttons are, from the kiosk itself.
    const Result probe = replay("tour-probe", "# nothing\n", "--present --replay-tail 0.2");
    const nlohmann::json& c = probe.state["presenter"]["controls"];
    INFO(probe.state.dump());
    REQUIRE(c.is_object());
    const auto [nx, ny] = centre(c["next"]);
    const auto [px, py] = centre(c["previous"]);
    const auto [ex, ey] = centre(c["exit"]);
    const auto area = probe.state["map_area"];
    const float mx = (area[0].get<float>() + area[2].get<float>()) / 2, my = (area[1].get<float>() + area[3].get<float>()) / 2;

    std::string script;
    std::vector<double> times;
    double t = 0.5;
    for (size_t i = 1; i <= 4; ++i, t += 1.6) {
        script += tap(t, 1, nx, ny);
        times.push_back(t + 1.5);
    }
    // Step 4 (a district): a visitor's finger drags across the map, then taps it twice.
    script += touch(t, "down", 2, mx, my) + touch(t + 0.2, "move", 2, mx + 200, my + 100) +
              touch(t + 0.4, "up", 2, mx + 200, my + 100) + tap(t + 1.0, 3, mx - 150, my) + tap(t + 1.2, 3, mx - 150, my);
    times.push_back(t + 2.0);
    t += 2.5;
    script += tap(t, 1, px, py);
    times.push_back(t + 1.5);
    script += tap(t + 2.0, 1, ex, ey);
    nlohmann::json end;
    const std::vector<nlohmann::json> s = states_at("tour-taps", script, times, "--present --replay-tail 2", &end);
    for (size_t i = 0; i < 4; ++i) {
        INFO("after tap " << i + 1 << ": " << s[i].dump());
        CHECK(step_of(s[i]) == tour[i + 1]);
    }
    INFO("after the stray finger: " << s[4].dump());
    CHECK(step_of(s[4]) == tour[4]);
    CHECK(s[4]["selected"] == s[3]["selected"]);
    CHECK(s[4]["camera"] == s[3]["camera"]);  // the map did not move under the finger
    CHECK(s[4]["presenter"]["active"] == true);
    CHECK(step_of(s[5]) == tour[3]);  // "previous"
    require_back_to_kiosk(end);
}

TEST_CASE("presenter: attract mode never starts during a tour, and starts again after it") {
    require_xvfb_and_map(kRoot);
    const Result during = replay("tour-idle", "# nobody touches for 10 s\n", "--present --idle-timeout 3 --replay-tail 10");
    INFO(during.state.dump());
    CHECK(during.state["attract_active"] == false);
    CHECK(during.state["presenter"]["active"] == true);
    CHECK(step_of(during.state) == content_tour().front());
    const Result after = replay("tour-idle-after", key(1.0, "Escape"), "--present --idle-timeout 3 --replay-tail 8");
    INFO(after.state.dump());
    CHECK(after.state["presenter"]["active"] == false);
    CHECK(after.state["attract_active"] == true);
}

TEST_CASE("presenter: B blacks the screen out, the next key brings it back on the same step, the one after moves on") {
    require_xvfb_and_map(kRoot);
    const std::string script = key(0.5, "PageDown") + key(1.0, "B") + key(2.0, "PageDown") + key(3.0, "Right");
    const std::vector<double> times = {1.5, 2.5, 4.5};
    std::vector<std::string> pngs;
    const std::vector<nlohmann::json> s = states_at("tour-blank", script, times, "--present --replay-tail 0.5");
    INFO(s[0].dump());
    CHECK(s[0]["presenter"]["blackout"] == true);
    CHECK(s[0]["presenter"]["index"] == 1);
    const Image black = load_png(temp("tour-blank-0.png"));
    CHECK(black.count(0, 0, black.w, black.h, 0, 0, 0, 4) > black.w * black.h * 99 / 100);
    CHECK(s[1]["presenter"]["blackout"] == false);
    CHECK(s[1]["presenter"]["index"] == 1);  // back, not moved on
    const Image back = load_png(temp("tour-blank-1.png"));
    CHECK(back.count(0, 0, back.w, back.h, 0, 0, 0, 4) < back.w * back.h / 10);
    CHECK(s[2]["presenter"]["index"] == 2);
}

TEST_CASE("presenter: Escape ends the tour but not a windowed kiosk, a second Escape then quits it") {
    require_xvfb_and_map(kRoot);
    const Result once = replay("tour-escape-windowed", key(0.5, "Escape"), "--present --windowed --replay-tail 0.5");
    INFO(once.state.dump());
    CHECK(once.state["presenter"]["active"] == false);
    CHECK(once.state["quit_requested"] == false);
    const Result twice = replay("tour-escape-twice", key(0.5, "Escape") + key(1.0, "Escape"),
                                "--present --windowed --replay-tail 0.5");
    CHECK(twice.state["quit_requested"] == true);
}

TEST_CASE("presenter: the staff menu's guided tour starts at the tour's first step") {
    require_xvfb_and_map(kRoot);
    std::string s = touch(0.1, "down", 1, 12, 14) + touch(5.7, "up", 1, 12, 14);
    double t = 6.0;
    for (const char* k : {"2", "4", "6", "8", "Enter"}) {
        s += key(t, k);
        t += 0.1;
    }
    const Result menu = replay("tour-menu", s, "--replay-tail 0.5");
    INFO(menu.state.dump());
    REQUIRE(menu.state["staff_menu_open"] == true);
    REQUIRE(menu.state["controls"].contains("staff_present"));
    const auto [x, y] = centre(menu.state["controls"]["staff_present"]);
    const Result started = replay("tour-from-menu", s + tap(7.5, 2, x, y), "--replay-tail 1");
    INFO(started.state.dump());
    CHECK(started.state["staff_menu_open"] == false);
    CHECK(started.state["presenter"]["active"] == true);
    CHECK(started.state["presenter"]["index"] == 0);
    CHECK(step_of(started.state) == content_tour().front());
}

TEST_CASE("timeline: a visitor opens it from the introduction, today's mark is drawn where the kiosk says, Close returns") {
    require_xvfb_and_map(kRoot);
    const Result intro = replay("timeline-probe", "# nothing\n", "--replay-tail 0.2");
    REQUIRE(intro.state["controls"].contains("timeline"));
    const auto [bx, by] = centre(intro.state["controls"]["timeline"]);
    const Result open = replay("timeline-open", tap(0.5, 1, bx, by), "--replay-tail 1");
    INFO(open.state.dump());
    REQUIRE(open.state["timeline_open"] == true);
    const nlohmann::json& tl = open.state["timeline"];
    CHECK(tl["today"] == "2024-05-01");
    CHECK(tl["today_label"] == "Aujourd'hui · 1er mai 2024");
    CHECK(tl["today_visible"] == true);
    CHECK(tl["events"] == 8);
    CHECK(tl["fits"] == true);
    // The mark is on the picture: a column of the last-day vermillion where the state says it is.
    const auto m = tl["today_mark"];
    const int x = static_cast<int>((m[0].get<float>() + m[2].get<float>()) / 2);
    const qmi::ui::Rgba8 v = qmi::ui::palette::state_last_day;
    const int y0 = static_cast<int>(m[1].get<float>()), y1 = static_cast<int>(m[3].get<float>());
    const int on_mark = open.image.count(x - 1, y0, x + 2, y1, v.r, v.g, v.b, 30);
    INFO("vermillion pixels on the mark: " << on_mark << " of " << (y1 - y0));
    CHECK(on_mark > (y1 - y0) / 3);  // labels may cover parts of it
    CHECK(open.image.count(x + 60, y0, x + 63, y1, v.r, v.g, v.b, 30) < on_mark / 4);  // and not beside it
    // No two labels overlap on screen.
    const nlohmann::json& labels = tl["labels"];
    for (size_t i = 0; i < labels.size(); ++i)
        for (size_t j = i + 1; j < labels.size(); ++j) {
            const auto& a = labels[i];
            const auto& b = labels[j];
            const bool apart = a[2].get<float>() <= b[0].get<float>() || b[2].get<float>() <= a[0].get<float>() ||
                               a[3].get<float>() <= b[1].get<float>() || b[3].get<float>() <= a[1].get<float>();
            CHECK(apart);
        }
    REQUIRE(tl.contains("close"));
    const auto [cx, cy] = centre(tl["close"]);
    const Result closed = replay("timeline-close", tap(0.5, 1, bx, by) + tap(1.5, 1, cx, cy), "--replay-tail 1");
    INFO(closed.state.dump());
    CHECK(closed.state["timeline_open"] == false);
    CHECK_FALSE(closed.state.contains("timeline"));
    // The day after the last event (2 December 2026): today is still marked, after every event.
    const nlohmann::json later = state_on("2026-12-02T10:00", "timeline-later", tap(0.5, 1, bx, by), "--replay-tail 1");
    INFO(later.dump());
    CHECK(later["timeline"]["today"] == "2026-12-02");
    CHECK(later["timeline"]["today_visible"] == true);
}

TEST_CASE("timeline: the portrait screen and the presenter's step show it too, today marked") {
    require_xvfb_and_map(kRoot);
    const Result step = replay("timeline-step", key(0.5, "PageDown"), "--present --replay-tail 1.5 --size 1080x1920",
                               "1080x1920x24");
    INFO(step.state.dump());
    REQUIRE(step_of(step.state) == content_tour()[1]);
    REQUIRE(content_tour()[1] == "timeline");
    CHECK(step.state["timeline_open"] == true);
    CHECK(step.state["timeline"]["today_visible"] == true);
    CHECK(step.state["timeline"]["fits"] == true);
}
