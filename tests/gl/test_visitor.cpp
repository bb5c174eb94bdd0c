// End-to-end: a visitor's session with the real kiosk (--replay on the virtual clock, then the picture and the state
// dump). Attract mode's first touch, the idle reset between visitors, the double tap, "Close".
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <string>

#include "replay_support.hpp"
#include "ui/layout.hpp"

using namespace qmi::gltest;

namespace {

std::string tap(double t, int id, float x, float y) {
    return touch(t, "down", id, x, y) + touch(t + 0.06, "up", id, x, y);
}

// The language button, where the layout puts it for the screen the test's Xvfb reports.
std::pair<float, float> language_button(float w, float h) {
    const qmi::ui::Layout l = qmi::ui::make_layout(ImVec2(w, h), qmi::gltest::xvfb_px_per_mm(static_cast<int>(w)));
    return {l.language.center().x, l.language.center().y};
}

// Attract mode, first district on screen (3 s idle, 1.5 s glide, a 1.5 s flight): where its card and district are.
nlohmann::json attract_state() {
    const std::string png = temp("attract-probe.png");
    const Run r = run_kiosk("--idle-timeout 3 --replay \"" + temp("empty.jsonl") + "\" --replay-tail 8 --screenshot \"" +
                            png + "\" --state-out \"" + png + ".json\"");
    return load_json(png + ".json");
}

}  // namespace

TEST_CASE("visitor: the first touch on the attract card opens the district it presents") {
    require_xvfb_and_map(kRoot);
    std::ofstream(temp("empty.jsonl")) << "# nobody\n";
    const nlohmann::json before = attract_state();
    INFO("attract: " << before.dump());
    REQUIRE(before["attract_active"] == true);
    REQUIRE(before["attract_card"].is_array());
    const auto [cx, cy] = centre(before["attract_card"]);
    // Same run, and at 8 s the visitor touches the card.
    const Result r = replay("attract-card-tap", "# idle, then a touch on the card\n" + tap(8.0, 1, cx, cy),
                            "--idle-timeout 3 --replay-tail 2");
    INFO("after: " << r.state.dump());
    CHECK(r.state["attract_active"] == false);
    CHECK(r.state["panel_title"] == before["highlighted"]);
}

TEST_CASE("visitor: the first touch on the presented district opens it, elsewhere the session starts at the overview") {
    require_xvfb_and_map(kRoot);
    std::ofstream(temp("empty.jsonl")) << "# nobody\n";
    const nlohmann::json before = attract_state();
    INFO("attract: " << before.dump());
    REQUIRE(before["presented_box"].is_array());
    const auto [dx, dy] = centre(before["presented_box"]);
    const Result on = replay("attract-district-tap", tap(8.0, 1, dx, dy), "--idle-timeout 3 --replay-tail 2");
    INFO("on the district: " << on.state.dump());
    CHECK(on.state["panel_title"] == before["highlighted"]);

    // The map's top-left corner (away from the card and from the district): no card, back to the overview.
    const auto area = before["map_area"];
    const Result off = replay("attract-elsewhere-tap",
                              tap(8.0, 1, area[0].get<float>() + 20, area[1].get<float>() + 20),
                              "--idle-timeout 3 --replay-tail 2");
    INFO("elsewhere: " << off.state.dump());
    CHECK(off.state["attract_active"] == false);
    CHECK(off.state["selected"].is_null());
    CHECK(off.state["zoom_scale"].get<double>() == Approx(1.0).margin(0.05));
}

TEST_CASE("visitor: the language button works during attract mode, and idle brings the start language back") {
    require_xvfb_and_map(kRoot);
    const auto [lx, ly] = language_button(1920, 1080);
    // English at once, then nobody for a while: the next visitor finds French (kiosk.json's language).
    const Result switched = replay("lang-switch", tap(0.5, 1, lx, ly), "--idle-timeout 30 --replay-tail 2");
    INFO("switched: " << switched.state.dump());
    CHECK(switched.state["language"] == "en");
    const Result reset = replay("lang-reset", tap(0.5, 1, lx, ly), "--idle-timeout 3 --replay-tail 5");
    INFO("after idle: " << reset.state.dump());
    CHECK(reset.state["attract_active"] == true);
    CHECK(reset.state["language"] == "fr");
    // During attract mode the first touch on the button switches the language (and ends attract mode).
    const Result during = replay("lang-during-attract", tap(8.0, 1, lx, ly), "--idle-timeout 3 --replay-tail 2");
    INFO("during attract: " << during.state.dump());
    CHECK(during.state["attract_active"] == false);
    CHECK(during.state["language"] == "en");
}

TEST_CASE("visitor: a double tap zooms in without selecting, a single tap selects at once") {
    require_xvfb_and_map(kRoot);
    const qmi::ui::Layout l = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const float x = (l.map_area.min.x + l.map_area.max.x) / 2, y = (l.map_area.min.y + l.map_area.max.y) / 2;
    const Result twice = replay("double-tap", tap(0.5, 1, x, y) + tap(0.7, 2, x, y), "--replay-tail 1");
    INFO("double tap: " << twice.state.dump());
    CHECK(twice.state["selected"].is_null());
    CHECK(twice.state["zoom_scale"].get<double>() == Approx(2.0).epsilon(0.1));
    const Result once = replay("single-tap", tap(0.5, 1, x, y), "--replay-tail 0.1");
    INFO("single tap: " << once.state.dump());
    CHECK(once.state["selected"].is_string());  // no waiting for a second tap
}

TEST_CASE("visitor: a tap outside the Métropole says so briefly, near the finger, then the message goes") {
    require_xvfb_and_map(kRoot);
    const qmi::ui::Layout l = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const float x = l.map_area.min.x + 20, y = l.map_area.min.y + 20;  // the overview's frame: outside the Métropole
    const Result soon = replay("outside-tap", tap(0.5, 1, x, y), "--replay-tail 0.8");
    INFO("soon after: " << soon.state.dump());
    CHECK(soon.state["selected"].is_null());
    REQUIRE(soon.state["toast"].is_string());
    CHECK(soon.state["toast"].get<std::string>().find("Métropole") != std::string::npos);
    const Result later = replay("outside-tap-later", tap(0.5, 1, x, y), "--replay-tail 4");
    CHECK_FALSE(later.state.contains("toast"));
}
