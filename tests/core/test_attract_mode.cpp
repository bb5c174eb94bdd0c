// Attract mode with a fake clock: when it starts, what it shows, and that the wake-up touch never reaches the map.
#include <catch2/catch.hpp>

#include "core/attract_mode.hpp"

using namespace qmi;

namespace {
PointerEvent ev(PointerEvent::Kind k, int id, double t) {
    PointerEvent e;
    e.kind = k;
    e.id = id;
    e.pos = {500, 500};
    e.t = t;
    return e;
}
AttractConfig cfg() {
    AttractConfig c;
    c.idle_timeout_s = 90;
    c.step_s = 8;
    c.glide_s = 1.5;
    return c;
}
// Runs the fake clock at 10 Hz from `from` to `to` and returns every action.
std::vector<AttractAction> run(AttractMode& a, double from, double to) {
    std::vector<AttractAction> all;
    const int n = static_cast<int>((to - from) * 10 + 0.5);
    for (int i = 0; i <= n; ++i) {
        a.update(from + i * 0.1);
        for (auto& x : a.take_actions()) all.push_back(x);
    }
    return all;
}
}  // namespace

TEST_CASE("attract mode starts after 90 s untouched, then cycles the districts every 8 s", "[attract]") {
    AttractMode a(cfg(), 3);
    a.update(0);
    CHECK(run(a, 0, 89.8).empty());
    CHECK_FALSE(a.active());
    CHECK(a.idle_remaining(89.8) == Approx(0.2));

    auto acts = run(a, 89.9, 90.1);
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].kind == AttractAction::Start);
    CHECK(a.active());
    CHECK(a.highlighted() == -1);  // gliding to the overview first

    acts = run(a, 90.2, 91.6);  // glide_s = 1.5 after start
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].kind == AttractAction::Highlight);
    CHECK(acts[0].district == 0);

    acts = run(a, 91.7, 91.5 + 8 * 4 + 0.1);  // four more steps: 1, 2, back to 0, 1
    REQUIRE(acts.size() == 4);
    CHECK(acts[0].district == 1);
    CHECK(acts[1].district == 2);
    CHECK(acts[2].district == 0);
    CHECK(acts[3].district == 1);
}

TEST_CASE("any touch restarts the idle countdown, a finger resting on the glass keeps it awake", "[attract]") {
    AttractMode a(cfg(), 3);
    a.update(0);
    run(a, 0, 60);
    CHECK(a.on_pointer(ev(PointerEvent::Down, 1, 60)));
    CHECK(a.on_pointer(ev(PointerEvent::Up, 1, 60.1)));
    CHECK(run(a, 60.2, 150.0).empty());
    CHECK(a.take_actions().empty());
    auto acts = run(a, 150.1, 150.3);
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].kind == AttractAction::Start);

    AttractMode b(cfg(), 3);
    b.update(0);
    b.on_pointer(ev(PointerEvent::Down, 1, 1));
    CHECK(run(b, 1, 120).empty());  // held 2 minutes: still interactive
    b.on_pointer(ev(PointerEvent::Up, 1, 120));
    CHECK(run(b, 120, 209.8).empty());
    CHECK(run(b, 209.9, 210.2).size() == 1);
}

TEST_CASE("the first touch stops attract mode at once and is consumed", "[attract]") {
    AttractMode a(cfg(), 5);
    a.update(0);
    run(a, 0, 100);
    REQUIRE(a.active());
    REQUIRE(a.highlighted() == 1);  // 100 - 91.5 = 8.5 s into the cycle

    CHECK_FALSE(a.on_pointer(ev(PointerEvent::Down, 4, 100.05)));
    CHECK_FALSE(a.active());
    auto acts = a.take_actions();
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].kind == AttractAction::Stop);
    CHECK(a.highlighted() == -1);
    // The rest of that touch, and a second finger joining it, never reach the map.
    CHECK_FALSE(a.on_pointer(ev(PointerEvent::Move, 4, 100.1)));
    CHECK_FALSE(a.on_pointer(ev(PointerEvent::Down, 5, 100.12)));
    CHECK_FALSE(a.on_pointer(ev(PointerEvent::Up, 4, 100.15)));
    CHECK_FALSE(a.on_pointer(ev(PointerEvent::Up, 5, 100.2)));
    // The next touch is a normal one.
    CHECK(a.on_pointer(ev(PointerEvent::Down, 4, 101)));
    CHECK(a.on_pointer(ev(PointerEvent::Up, 4, 101.1)));
    CHECK(a.take_actions().empty());

    // Next time the cycle continues where it stopped (district 2), so passers-by see other districts.
    acts = run(a, 101.2, 101.1 + 90 + 1.5 + 0.5);
    REQUIRE(acts.size() == 2);
    CHECK(acts[0].kind == AttractAction::Start);
    CHECK(acts[1].kind == AttractAction::Highlight);
    CHECK(acts[1].district == 2);
}

TEST_CASE("wheel or key wakes and is consumed, hover does not wake", "[attract]") {
    AttractMode a(cfg(), 2);
    a.start(5);
    a.take_actions();
    PointerEvent hover = ev(PointerEvent::Move, 0, 6);
    hover.source = PointerEvent::Mouse;
    CHECK_FALSE(a.on_pointer(hover));
    CHECK(a.active());
    CHECK_FALSE(a.on_other_input(7));
    CHECK_FALSE(a.active());
    CHECK(a.on_other_input(8));
}

TEST_CASE("a long frame skips districts instead of bursting, zero districts shows the overview only", "[attract]") {
    AttractMode a(cfg(), 4);
    a.start(0);
    a.update(0.5);
    a.take_actions();
    a.update(1.5 + 8 * 2 + 1);  // 17 s later in one go
    auto acts = a.take_actions();
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].district == 2);

    AttractMode none(cfg(), 0);
    none.start(0);
    CHECK(none.take_actions().size() == 1);  // just the Start
    CHECK(run(none, 0, 60).empty());
    CHECK(none.highlighted() == -1);

    // Content reload shrinks the list: the highlight stays in range.
    a.set_district_count(2);
    a.update(20);
    acts = a.take_actions();
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].district >= 0);
    CHECK(acts[0].district < 2);
}

TEST_CASE("clock garbage: NaN and backwards times never start or stop attract mode by themselves", "[attract]") {
    AttractMode a(cfg(), 3);
    a.update(100);
    a.update(std::nan(""));
    a.update(50);
    CHECK_FALSE(a.active());
    a.update(189.9);
    CHECK_FALSE(a.active());
    a.update(190);
    CHECK(a.active());
}

TEST_CASE("a waking touch on a control stops attract mode and goes through, elsewhere it is swallowed") {
    AttractMode a(AttractConfig{10, 5, 1}, 3);
    a.update(0);
    a.update(12);  // idle: attract mode runs
    REQUIRE(a.active());
    a.take_actions();
    // The language button: the touch wakes the kiosk and reaches the button, down and up.
    CHECK(a.on_pointer(PointerEvent{1, PointerEvent::Down, {50, 50}, 13.0, PointerEvent::Touch}, true));
    CHECK_FALSE(a.active());
    CHECK(a.on_pointer(PointerEvent{1, PointerEvent::Up, {50, 50}, 13.1, PointerEvent::Touch}));
    std::vector<AttractAction> acts = a.take_actions();
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].kind == AttractAction::Stop);

    a.update(30);  // idle again
    REQUIRE(a.active());
    // On the map: swallowed whole, the map never sees it.
    CHECK_FALSE(a.on_pointer(PointerEvent{2, PointerEvent::Down, {500, 500}, 31.0, PointerEvent::Touch}));
    CHECK_FALSE(a.active());
    CHECK_FALSE(a.on_pointer(PointerEvent{2, PointerEvent::Up, {500, 500}, 31.1, PointerEvent::Touch}));
}
