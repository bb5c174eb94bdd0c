// End-to-end: a visitor's session with the real kiosk (--replay on the virtual clock, then the picture and the state
// dump). Attract mode's first touch, the idle reset between visitors, the double tap, "Close".
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <string>

#include "replay_support.hpp"
#include "ui/district_list.hpp"
#include "ui/layout.hpp"
#include "ui/map_controls.hpp"
#include "ui/search_keyboard.hpp"
#include "../ui/ui_test_support.hpp"

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

namespace {

qmi::ui::Layout layout_1080() { return qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920)); }

}  // namespace

TEST_CASE("visitor: search 'epinay' on the on-screen keyboard, then a tap on the result opens Épinay-sur-Seine") {
    require_xvfb_and_map(kRoot);
    const qmi::ui::Layout l = layout_1080();
    const qmi::ui::KeyboardGeometry k = qmi::ui::keyboard_geometry(l);
    auto key = [&](const std::string& letter) {
        for (const qmi::ui::KeyboardKey& kk : k.keys)
            if (kk.text == letter) return kk.rect.center();
        FAIL("no key " << letter);
        return ImVec2();
    };
    std::string s = tap(0.5, 1, l.search.center().x, l.search.center().y);  // opens the keyboard
    double t = 1.0;
    for (const char* c : {"E", "P", "I", "N", "A", "Y"}) {
        const ImVec2 p = key(c);
        s += tap(t, 2, p.x, p.y);
        t += 0.4;
    }
    s += tap(t + 0.5, 3, k.results[0].center().x, k.results[0].center().y);  // the first result
    const Result r = replay("search-epinay", s, "--replay-tail 1");
    INFO("state: " << r.state.dump());
    CHECK(r.state["selected"] == "93031");
    CHECK(r.state["panel_title"] == "Épinay-sur-Seine");
    CHECK(r.state["search_open"] == false);
}

TEST_CASE("visitor: with the search open, a physical keyboard types too and Enter opens the first match") {
    require_xvfb_and_map(kRoot);
    const qmi::ui::Layout l = layout_1080();
    std::string s = tap(0.5, 1, l.search.center().x, l.search.center().y);  // opens the keyboard
    double t = 1.0;
    for (const char* c : {"E", "P", "I", "X", "Backspace", "N", "A", "Y", "Enter"}) {
        s += "{\"t\":" + std::to_string(t) + ",\"type\":\"key\",\"key\":\"" + c + "\"}\n";
        t += 0.2;
    }
    const Result r = replay("search-keys", s, "--replay-tail 1");
    INFO("state: " << r.state.dump());
    CHECK(r.state["selected"] == "93031");
    CHECK(r.state["search_open"] == false);
    // Without the search open, letters do nothing.
    const Result idle = replay("keys-no-search", "{\"t\":0.5,\"type\":\"key\",\"key\":\"E\"}\n"
                                                  "{\"t\":0.7,\"type\":\"key\",\"key\":\"Enter\"}\n");
    CHECK(idle.state["selected"].is_null());
    CHECK(idle.state["search_open"] == false);
}

TEST_CASE("visitor: the district list opens a district, Home goes back to the whole Métropole, + and − zoom") {
    require_xvfb_and_map(kRoot);
    const qmi::ui::Layout l = layout_1080();
    // Sucy-en-Brie from the list (by name: a visitor who does not know where it lies).
    std::string s;
    const Result probe = replay("list-probe", "# nothing\n");
    const qmi::ui::Rect list = l.district_list;
    // The list's buttons follow the content's order: find Sucy-en-Brie's through the geometry the widget uses.
    const qmi::ui::DistrictListModel model =
        qmi::ui::make_district_list_model(qmi::test::RepoData::get().content, qmi::test::RepoData::get().text);
    const qmi::ui::DistrictListGeometry geo = qmi::ui::district_list_geometry(model, l);
    ImVec2 sucy;
    for (const auto& [insee, rect] : geo.buttons)
        if (insee == "94071") sucy = rect.center();
    REQUIRE(list.contains(sucy));
    s += tap(0.5, 1, sucy.x, sucy.y);
    const Result opened = replay("list-sucy", s, "--replay-tail 1");
    CHECK(opened.state["selected"] == "94071");
    CHECK(opened.state["zoom_scale"].get<double>() > 1.5);
    const std::array<qmi::ui::Rect, 3> controls = qmi::ui::map_control_rects(l);  // Home, +, −
    const Result home = replay("list-home", s + tap(2.0, 2, controls[0].center().x, controls[0].center().y), "--replay-tail 2");
    CHECK(home.state["selected"].is_null());
    CHECK(home.state["zoom_scale"].get<double>() == Approx(1.0).margin(0.05));
    const Result in = replay("zoom-in", tap(0.5, 1, controls[1].center().x, controls[1].center().y), "--replay-tail 1");
    CHECK(in.state["zoom_scale"].get<double>() == Approx(2.0).epsilon(0.05));
    const Result out = replay("zoom-out", tap(0.5, 1, controls[1].center().x, controls[1].center().y) +
                                             tap(1.5, 2, controls[2].center().x, controls[2].center().y),
                              "--replay-tail 1");
    CHECK(out.state["zoom_scale"].get<double>() == Approx(1.0).margin(0.05));
    CHECK(probe.state["selected"].is_null());
}

TEST_CASE("visitor: a town without a district names the nearest ones, and a tap on one opens it") {
    require_xvfb_and_map(kRoot);
    // Châtenay-Malabry's card: Sceaux is next door.
    const Result card = replay("nearby-card", "# nothing\n", "--select 92019");
    INFO("card: " << card.state.dump());
    REQUIRE(card.state["selected"] == "92019");
    REQUIRE(card.state["nearby"].size() == 3);
    CHECK(card.state["nearby"][0]["insee"] == "92071");
    const auto [x, y] = centre(card.state["nearby"][0]["rect"]);
    const Result r = replay("nearby-tap", tap(0.5, 1, x, y), "--select 92019 --replay-tail 1");
    INFO("after: " << r.state.dump());
    CHECK(r.state["selected"] == "92071");
    CHECK(r.state["panel_title"] == "Sceaux");
}

TEST_CASE("visitor: a tap on a name selects that name's commune (Issy-les-Moulineaux's first letters lie over Meudon)") {
    require_xvfb_and_map(kRoot);
    const Result overview = replay("labels", "# nothing\n");
    nlohmann::json issy;
    for (const auto& l : overview.state["labels"])
        if (l["insee"] == "92040") issy = l["rect"];
    REQUIRE(issy.is_array());
    // The first letters: the left end of the name, vertically centred.
    const float x = issy[0].get<float>() + 0.15f * (issy[2].get<float>() - issy[0].get<float>());
    const float y = (issy[1].get<float>() + issy[3].get<float>()) / 2;
    const Result r = replay("label-tap", tap(0.5, 1, x, y), "--replay-tail 1");
    INFO("tap at " << x << "," << y << ": " << r.state.dump());
    CHECK(r.state["selected"] == "92040");
}

TEST_CASE("visitor: a 4x pinch keeps the point between the fingers under them, within a few pixels") {
    require_xvfb_and_map(kRoot);
    const qmi::ui::Layout l = layout_1080();
    // Near the map's eastern edge (Noisy-le-Grand's side), where the pan limit used to push the view away.
    const float px = l.map_area.min.x + 0.78f * l.map_area.width(), py = l.map_area.min.y + 0.45f * l.map_area.height();
    std::string s;
    s += touch(0.10, "down", 1, px - 30, py);
    s += touch(0.10, "down", 2, px + 30, py);
    for (int i = 1; i <= 30; ++i) {
        const float d = 30 + i * 3.0f;  // 30 -> 120 px from the centre: 4x
        s += touch(0.10 + i * 0.02, "move", 1, px - d, py);
        s += touch(0.10 + i * 0.02, "move", 2, px + d, py);
    }
    s += touch(0.80, "up", 1, px - 120, py);
    s += touch(0.80, "up", 2, px + 120, py);
    const Result before = replay("pinch-before", "# nothing\n");
    const Result after = replay("pinch-after", s, "--replay-tail 0.5");
    INFO("before: " << before.state["camera"].dump() << " after: " << after.state["camera"].dump());
    CHECK(after.state["zoom_scale"].get<double>() == Approx(4.0).epsilon(0.1));
    // The world point under the fingers' centre before, seen through the camera after.
    auto world_at = [](const nlohmann::json& c, double sx, double sy) {
        const double s = c["scale"];
        return std::pair<double, double>{c["center_x"].get<double>() + (sx - 960) / s,
                                         c["center_y"].get<double>() - (sy - 540) / s};
    };
    const auto [wx, wy] = world_at(before.state["camera"], px, py);
    const nlohmann::json& c = after.state["camera"];
    const double k = c["scale"];
    const double sx = 960 + (wx - c["center_x"].get<double>()) * k, sy = 540 - (wy - c["center_y"].get<double>()) * k;
    CHECK(std::hypot(sx - px, sy - py) < 4.0);
}
