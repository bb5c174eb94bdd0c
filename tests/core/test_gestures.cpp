// Gesture recognition on synthetic event streams: what a visitor's fingers do -> what the map does.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "core/gestures.hpp"

using namespace qmi;
using A = GestureAction;

namespace {

// 4 px per mm: tap slop 8 px, double-tap distance 40 px.
GestureConfig config() {
    GestureConfig c;
    c.px_per_mm = 4.0f;
    return c;
}

PointerEvent ev(PointerEvent::Kind k, int id, float x, float y, double t,
                PointerEvent::Source s = PointerEvent::Touch) {
    PointerEvent e;
    e.kind = k;
    e.id = id;
    e.pos = {x, y};
    e.t = t;
    e.source = s;
    return e;
}

// Minimal camera: screen = f * world + b, as the real camera applies pan_by / zoom_at.
struct TestCamera {
    double f = 1, bx = 0, by = 0;
    int taps = 0, double_taps = 0;
    void apply(const std::vector<A>& actions) {
        for (const A& a : actions) {
            switch (a.kind) {
                case A::PanBy: bx += a.delta.x; by += a.delta.y; break;
                case A::ZoomAt:
                    f *= a.factor;
                    bx = a.pos.x + a.factor * (bx - a.pos.x);
                    by = a.pos.y + a.factor * (by - a.pos.y);
                    break;
                case A::Tap: ++taps; break;
                case A::DoubleTap: ++double_taps; break;
            }
        }
    }
    // World point currently shown at this screen point.
    std::pair<double, double> world(double sx, double sy) const { return {(sx - bx) / f, (sy - by) / f}; }
    std::pair<double, double> screen(std::pair<double, double> w) const { return {f * w.first + bx, f * w.second + by}; }
};

int count(const std::vector<A>& v, A::Kind k) {
    int n = 0;
    for (const A& a : v) n += (a.kind == k);
    return n;
}

void tap(GestureRecognizer& g, float x, float y, double t, int id = 1) {
    g.on_pointer(ev(PointerEvent::Down, id, x, y, t));
    g.on_pointer(ev(PointerEvent::Up, id, x, y, t + 0.08));
}

}  // namespace

TEST_CASE("a short still press is a tap at the press position", "[gestures]") {
    GestureRecognizer g(config());
    g.on_pointer(ev(PointerEvent::Down, 1, 100, 200, 1.0));
    g.on_pointer(ev(PointerEvent::Move, 1, 104, 203, 1.05));  // 5 px wobble, under the 8 px slop
    g.on_pointer(ev(PointerEvent::Up, 1, 104, 203, 1.1));
    auto a = g.take_actions();
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == A::Tap);
    CHECK(a[0].pos.x == 100);
    CHECK(a[0].pos.y == 200);
    CHECK(g.take_anomalies().empty());
}

TEST_CASE("moving past the tap slop pans and the release is not a tap", "[gestures]") {
    GestureRecognizer g(config());
    TestCamera cam;
    g.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 0));
    g.on_pointer(ev(PointerEvent::Move, 1, 110, 100, 0.1));  // 10 px > 8 px slop
    g.on_pointer(ev(PointerEvent::Move, 1, 160, 130, 0.3));
    // Finger rests before lifting: no fling.
    g.on_pointer(ev(PointerEvent::Move, 1, 160, 130, 0.5));
    g.on_pointer(ev(PointerEvent::Up, 1, 160, 130, 0.6));
    auto a = g.take_actions();
    cam.apply(a);
    CHECK(cam.taps == 0);
    CHECK(cam.double_taps == 0);
    // The map followed the finger exactly, including the first 10 px used to detect the drag.
    CHECK(cam.bx == Approx(60));
    CHECK(cam.by == Approx(30));
    // ... and stays where the finger left it.
    CHECK_FALSE(g.gliding());
    g.update(1.0);
    CHECK(g.take_actions().empty());
}

TEST_CASE("the tap slop is physical: same pixels, denser screen, still a tap", "[gestures]") {
    GestureConfig dense = config();
    dense.px_per_mm = 8.0f;  // 16 px slop
    GestureRecognizer g(dense);
    g.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 0));
    g.on_pointer(ev(PointerEvent::Move, 1, 112, 100, 0.05));
    g.on_pointer(ev(PointerEvent::Up, 1, 112, 100, 0.1));
    CHECK(count(g.take_actions(), A::Tap) == 1);

    GestureRecognizer coarse(config());  // 8 px slop: the same 12 px is a drag
    coarse.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 0));
    coarse.on_pointer(ev(PointerEvent::Move, 1, 112, 100, 0.05));
    coarse.on_pointer(ev(PointerEvent::Up, 1, 112, 100, 0.1));
    CHECK(count(coarse.take_actions(), A::Tap) == 0);
}

TEST_CASE("double tap: second tap soon and near, not when late or far", "[gestures]") {
    SECTION("within 0.3 s and near -> DoubleTap at the first tap") {
        GestureRecognizer g(config());
        tap(g, 500, 500, 1.0);
        tap(g, 510, 505, 1.25);  // second press 0.17 s after the first release
        auto a = g.take_actions();
        REQUIRE(a.size() == 2);
        CHECK(a[0].kind == A::Tap);
        CHECK(a[1].kind == A::DoubleTap);
        CHECK(a[1].pos.x == 500);
        // A third quick tap starts a new pair, it is not a second double tap.
        tap(g, 500, 500, 1.40);
        auto b = g.take_actions();
        REQUIRE(b.size() == 1);
        CHECK(b[0].kind == A::Tap);
    }
    SECTION("too late -> two taps") {
        GestureRecognizer g(config());
        tap(g, 500, 500, 1.0);
        tap(g, 500, 500, 1.5);  // 0.42 s after release
        auto a = g.take_actions();
        CHECK(count(a, A::Tap) == 2);
        CHECK(count(a, A::DoubleTap) == 0);
    }
    SECTION("too far -> two taps") {
        GestureRecognizer g(config());
        tap(g, 500, 500, 1.0);
        tap(g, 600, 500, 1.2);  // 100 px = 25 mm away
        auto a = g.take_actions();
        CHECK(count(a, A::Tap) == 2);
        CHECK(count(a, A::DoubleTap) == 0);
    }
    SECTION("a pan between the taps breaks the pair") {
        GestureRecognizer g(config());
        tap(g, 500, 500, 1.0);
        g.on_pointer(ev(PointerEvent::Down, 2, 500, 500, 1.1));
        g.on_pointer(ev(PointerEvent::Move, 2, 560, 500, 1.15));
        g.on_pointer(ev(PointerEvent::Up, 2, 560, 500, 1.3));
        tap(g, 500, 500, 1.35);
        auto a = g.take_actions();
        CHECK(count(a, A::DoubleTap) == 0);
        CHECK(count(a, A::Tap) == 2);
    }
}

TEST_CASE("a finger that rests a while and then moves drags the map, and lifting it is not a tap", "[gestures]") {
    GestureRecognizer g(config());
    g.on_pointer(ev(PointerEvent::Down, 1, 300, 300, 10.0));
    g.update(10.5);
    g.update(11.0);  // past long_press_s: resting, reading the map
    for (int i = 1; i <= 10; ++i) g.on_pointer(ev(PointerEvent::Move, 1, 300 + 10.0f * i, 300, 11.0 + i * 0.016));
    g.on_pointer(ev(PointerEvent::Up, 1, 400, 300, 11.4));
    float dx = 0;
    for (const A& a : g.take_actions()) {
        CHECK(a.kind != A::Tap);
        if (a.kind == A::PanBy) dx += a.delta.x;
    }
    CHECK(dx == Approx(100.0f).margin(0.5f));  // the map followed the finger all the way
}

TEST_CASE("a press held still for 0.6 s selects nothing when lifted, a shorter one is a tap", "[gestures]") {
    SECTION("through update()") {
        GestureRecognizer g(config());
        g.on_pointer(ev(PointerEvent::Down, 1, 300, 300, 10.0));
        g.update(10.5);
        g.update(10.61);
        g.on_pointer(ev(PointerEvent::Up, 1, 300, 300, 11.0));
        CHECK(g.take_actions().empty());
        CHECK_FALSE(g.fingers_down());
        // The next touch is a plain tap again, not the second half of a double tap.
        tap(g, 300, 300, 11.1);
        auto a = g.take_actions();
        REQUIRE(a.size() == 1);
        CHECK(a[0].kind == A::Tap);
    }
    SECTION("without any update in between (slow frame): same result") {
        GestureRecognizer g(config());
        g.on_pointer(ev(PointerEvent::Down, 1, 300, 300, 10.0));
        g.on_pointer(ev(PointerEvent::Up, 1, 300, 300, 10.9));
        CHECK(g.take_actions().empty());
    }
    SECTION("0.5 s held is still a tap") {
        GestureRecognizer g(config());
        g.on_pointer(ev(PointerEvent::Down, 1, 300, 300, 10.0));
        g.update(10.3);
        g.on_pointer(ev(PointerEvent::Up, 1, 300, 300, 10.5));
        auto a = g.take_actions();
        REQUIRE(a.size() == 1);
        CHECK(a[0].kind == A::Tap);
        CHECK(a[0].pos.x == 300);
    }
}

TEST_CASE("pinch zooms about the fingers' centre: the map stays under both fingers", "[gestures]") {
    GestureRecognizer g(config());
    TestCamera cam;
    cam.f = 1.5;
    cam.bx = -200;
    cam.by = 40;
    const auto w1 = cam.world(400, 500);
    const auto w2 = cam.world(600, 520);
    g.on_pointer(ev(PointerEvent::Down, 1, 400, 500, 0));
    g.on_pointer(ev(PointerEvent::Down, 2, 600, 520, 0.02));
    // Fingers spread and drift right over 30 small steps.
    for (int i = 1; i <= 30; ++i) {
        const float s = i / 30.0f;
        g.on_pointer(ev(PointerEvent::Move, 1, 400 - 100 * s + 50 * s, 500 - 10 * s, 0.02 + i * 0.016));
        g.on_pointer(ev(PointerEvent::Move, 2, 600 + 100 * s + 50 * s, 520 + 10 * s, 0.02 + i * 0.016));
        if (i % 7 == 0) cam.apply(g.take_actions());  // frames at irregular intervals
    }
    cam.apply(g.take_actions());
    // Finger 1 ended at (350, 490), finger 2 at (750, 530): the world points that were under them still are.
    const auto s1 = cam.screen(w1);
    const auto s2 = cam.screen(w2);
    CHECK(s1.first == Approx(350).margin(0.05));
    CHECK(s1.second == Approx(490).margin(0.05));
    CHECK(s2.first == Approx(750).margin(0.05));
    CHECK(s2.second == Approx(530).margin(0.05));
    // Distance 200.998 -> 402.0: factor 2 (rotation ignored).
    CHECK(cam.f / 1.5 == Approx(std::hypot(400.0, 40.0) / std::hypot(200.0, 20.0)).epsilon(1e-4));
    g.on_pointer(ev(PointerEvent::Up, 1, 350, 490, 1.0));
    g.on_pointer(ev(PointerEvent::Up, 2, 750, 530, 1.0));
    auto end = g.take_actions();
    cam.apply(end);
    CHECK(cam.taps == 0);
    CHECK(cam.double_taps == 0);
    // No fling after a pinch: the map stays where the fingers left it.
    CHECK_FALSE(g.gliding());
    g.update(1.5);
    CHECK(g.take_actions().empty());
}

TEST_CASE("two fingers moving together pan without zooming", "[gestures]") {
    GestureRecognizer g(config());
    TestCamera cam;
    g.on_pointer(ev(PointerEvent::Down, 1, 400, 500, 0));
    g.on_pointer(ev(PointerEvent::Down, 2, 600, 500, 0));
    g.on_pointer(ev(PointerEvent::Move, 1, 450, 530, 0.1));
    g.on_pointer(ev(PointerEvent::Move, 2, 650, 530, 0.1));
    cam.apply(g.take_actions());
    CHECK(cam.f == Approx(1.0));
    CHECK(cam.bx == Approx(50));
    CHECK(cam.by == Approx(30));
}

TEST_CASE("a two-finger tap and the taps that end a pinch are not taps", "[gestures]") {
    GestureRecognizer g(config());
    g.on_pointer(ev(PointerEvent::Down, 1, 400, 500, 0));
    g.on_pointer(ev(PointerEvent::Down, 2, 600, 500, 0.01));
    g.on_pointer(ev(PointerEvent::Up, 2, 600, 500, 0.08));
    g.on_pointer(ev(PointerEvent::Up, 1, 400, 500, 0.09));
    auto a = g.take_actions();
    CHECK(count(a, A::Tap) == 0);
    CHECK(count(a, A::DoubleTap) == 0);
    CHECK(count(a, A::ZoomAt) == 0);  // resting fingers under the slop do not move the map
}

TEST_CASE("after a pinch, the remaining finger pans without a jump", "[gestures]") {
    GestureRecognizer g(config());
    TestCamera cam;
    g.on_pointer(ev(PointerEvent::Down, 1, 400, 500, 0));
    g.on_pointer(ev(PointerEvent::Down, 2, 600, 500, 0));
    g.on_pointer(ev(PointerEvent::Move, 2, 700, 500, 0.1));
    g.on_pointer(ev(PointerEvent::Up, 1, 400, 500, 0.2));
    cam.apply(g.take_actions());
    const auto w = cam.world(700, 500);
    g.on_pointer(ev(PointerEvent::Move, 2, 720, 480, 0.3));
    cam.apply(g.take_actions());
    const auto s = cam.screen(w);
    CHECK(s.first == Approx(720));
    CHECK(s.second == Approx(480));
}

TEST_CASE("a fling glides on with exponential decay and stops by itself", "[gestures]") {
    GestureConfig c = config();
    GestureRecognizer g(c);
    TestCamera cam;
    // 1000 px/s to the right during the last 80 ms.
    g.on_pointer(ev(PointerEvent::Down, 1, 100, 300, 0));
    for (int i = 1; i <= 10; ++i) g.on_pointer(ev(PointerEvent::Move, 1, 100 + 16.0f * i, 300, i * 0.016));
    g.on_pointer(ev(PointerEvent::Up, 1, 260, 300, 0.16));
    cam.apply(g.take_actions());
    CHECK(g.gliding());
    CHECK(cam.taps == 0);
    const double at_release = cam.bx;
    CHECK(at_release == Approx(160));

    std::vector<double> steps;
    double t = 0.16;
    for (int frame = 0; frame < 600 && g.gliding(); ++frame) {
        t += 1.0 / 60;
        g.update(t);
        const double before = cam.bx;
        cam.apply(g.take_actions());
        steps.push_back(cam.bx - before);
    }
    CHECK_FALSE(g.gliding());
    REQUIRE(steps.size() > 10);
    for (size_t i = 1; i < steps.size(); ++i) CHECK(steps[i] < steps[i - 1]);  // decelerates every frame
    CHECK(steps.front() == Approx(1000.0 / 60).epsilon(0.1));
    // Total glide = (v0 - v_stop) / k = (1000 - 60) / 4 px.
    CHECK(cam.bx - at_release == Approx((1000.0 - 60.0) / 4.0).epsilon(0.02));
    CHECK(cam.by == Approx(0));
    // Once stopped, it stays stopped.
    g.update(t + 1);
    CHECK(g.take_actions().empty());
}

TEST_CASE("the glide does not depend on the frame rate", "[gestures]") {
    auto run = [](double frame) {
        GestureRecognizer g(config());
        TestCamera cam;
        g.on_pointer(ev(PointerEvent::Down, 1, 100, 300, 0));
        for (int i = 1; i <= 10; ++i) g.on_pointer(ev(PointerEvent::Move, 1, 100 + 16.0f * i, 300, i * 0.016));
        g.on_pointer(ev(PointerEvent::Up, 1, 260, 300, 0.16));
        for (double t = 0.16 + frame; t < 0.66; t += frame) g.update(t);
        g.update(0.66);
        cam.apply(g.take_actions());
        return cam.bx;
    };
    CHECK(run(1.0 / 144) == Approx(run(1.0 / 20)).epsilon(1e-4));
}

TEST_CASE("a finger that stopped before lifting does not fling, touching a glide stops it, no tap", "[gestures]") {
    GestureRecognizer g(config());
    g.on_pointer(ev(PointerEvent::Down, 1, 100, 300, 0));
    for (int i = 1; i <= 10; ++i) g.on_pointer(ev(PointerEvent::Move, 1, 100 + 16.0f * i, 300, i * 0.016));
    g.on_pointer(ev(PointerEvent::Up, 1, 260, 300, 0.5));  // held still for 340 ms
    CHECK_FALSE(g.gliding());
    g.take_actions();

    g.on_pointer(ev(PointerEvent::Down, 1, 100, 300, 1));
    for (int i = 1; i <= 10; ++i) g.on_pointer(ev(PointerEvent::Move, 1, 100 + 16.0f * i, 300, 1 + i * 0.016));
    g.on_pointer(ev(PointerEvent::Up, 1, 260, 300, 1.16));
    REQUIRE(g.gliding());
    g.update(1.2);
    CHECK(count(g.take_actions(), A::PanBy) == 1);  // still gliding
    g.on_pointer(ev(PointerEvent::Down, 2, 500, 500, 1.25));
    CHECK_FALSE(g.gliding());
    g.update(1.27);
    g.on_pointer(ev(PointerEvent::Up, 2, 500, 500, 1.3));
    g.update(1.4);
    // The map stopped under the hand (no more PanBy) and lifting the hand selected nothing.
    CHECK(g.take_actions().empty());
    // The next touch is a normal tap again.
    tap(g, 500, 500, 2.0);
    CHECK(count(g.take_actions(), A::Tap) == 1);
}

TEST_CASE("wheel zooms at the cursor, mouse drag pans, mouse click taps", "[gestures]") {
    GestureRecognizer g(config());
    TestCamera cam;
    const auto w = cam.world(640, 360);
    g.on_wheel({{640, 360}, 2.0f, 0.0});
    cam.apply(g.take_actions());
    CHECK(cam.f == Approx(1.15 * 1.15));
    const auto s = cam.screen(w);
    CHECK(s.first == Approx(640));
    CHECK(s.second == Approx(360));
    g.on_wheel({{640, 360}, -2.0f, 0.1});
    cam.apply(g.take_actions());
    CHECK(cam.f == Approx(1.0));

    const auto M = PointerEvent::Mouse;
    g.on_pointer(ev(PointerEvent::Move, 0, 10, 10, 0.2, M));  // hover: no anomaly
    g.on_pointer(ev(PointerEvent::Down, 0, 100, 100, 0.3, M));
    g.on_pointer(ev(PointerEvent::Move, 0, 200, 150, 0.4, M));
    g.on_pointer(ev(PointerEvent::Move, 0, 200, 150, 0.6, M));
    g.on_pointer(ev(PointerEvent::Up, 0, 200, 150, 0.7, M));
    const double bx0 = cam.bx;
    cam.apply(g.take_actions());
    CHECK(cam.bx - bx0 == Approx(100));
    CHECK(cam.taps == 0);
    g.on_pointer(ev(PointerEvent::Down, 0, 300, 300, 1.0, M));
    g.on_pointer(ev(PointerEvent::Up, 0, 300, 300, 1.1, M));
    cam.apply(g.take_actions());
    CHECK(cam.taps == 1);
    CHECK(g.take_anomalies().empty());
}

TEST_CASE("garbage input is reported, never crashes, never leaves a gesture stuck", "[gestures]") {
    GestureRecognizer g(config());
    const float nan = std::numeric_limits<float>::quiet_NaN();

    SECTION("up without down, move for an unknown id") {
        g.on_pointer(ev(PointerEvent::Up, 7, 10, 10, 1));
        g.on_pointer(ev(PointerEvent::Move, 8, 10, 10, 1.1));
        auto x = g.take_anomalies();
        REQUIRE(x.size() == 2);
        CHECK(x[0].kind == GestureAnomaly::UpWithoutDown);
        CHECK(x[0].describe().find("id 7") != std::string::npos);
        CHECK(x[1].kind == GestureAnomaly::MoveForUnknownId);
        CHECK(g.take_actions().empty());
    }
    SECTION("NaN and huge coordinates are rejected; an Up with NaN still releases the finger") {
        g.on_pointer(ev(PointerEvent::Down, 1, nan, 10, 1));
        g.on_pointer(ev(PointerEvent::Down, 2, 1e9f, 10, 1));
        CHECK_FALSE(g.fingers_down());
        g.on_pointer(ev(PointerEvent::Down, 3, 100, 100, 2));
        g.on_pointer(ev(PointerEvent::Move, 3, nan, nan, 2.01));
        g.on_pointer(ev(PointerEvent::Up, 3, nan, nan, 2.05));
        CHECK_FALSE(g.fingers_down());
        auto a = g.take_actions();
        REQUIRE(a.size() == 1);
        CHECK(a[0].kind == A::Tap);
        CHECK(a[0].pos.x == 100);
        CHECK(g.take_anomalies().size() == 4);
        g.on_wheel({{10, 10}, nan, 3});
        CHECK(g.take_actions().empty());
    }
    SECTION("ten fingers and an eleventh") {
        for (int i = 0; i < 11; ++i) g.on_pointer(ev(PointerEvent::Down, i, 100.0f + 50 * i, 300, 1));
        auto x = g.take_anomalies();
        REQUIRE(x.size() == 1);
        CHECK(x[0].kind == GestureAnomaly::TooManyPointers);
        for (int i = 0; i < 11; ++i) g.on_pointer(ev(PointerEvent::Up, i, 100.0f + 50 * i, 300, 1.1));
        CHECK(g.take_anomalies().empty());  // the ignored finger's Up is swallowed quietly
        CHECK_FALSE(g.fingers_down());
        CHECK_FALSE(g.gliding());
        g.take_actions();
        tap(g, 100, 100, 2);
        CHECK(count(g.take_actions(), A::Tap) == 1);
    }
    SECTION("a lost Up is reset after the stuck timeout") {
        g.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 1));
        g.on_pointer(ev(PointerEvent::Move, 1, 200, 100, 1.1));
        g.update(20);
        CHECK(g.fingers_down());
        g.update(32);
        CHECK_FALSE(g.fingers_down());
        auto x = g.take_anomalies();
        REQUIRE(x.size() == 1);
        CHECK(x[0].kind == GestureAnomaly::StuckPointerReset);
        g.take_actions();
        // The lost finger no longer counts: the next touch is a tap, not the second finger of a pinch.
        tap(g, 300, 300, 33);
        auto a = g.take_actions();
        REQUIRE(a.size() == 1);
        CHECK(a[0].kind == A::Tap);
    }
    SECTION("Cancel drops everything without a tap") {
        g.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 1));
        g.on_pointer(ev(PointerEvent::Cancel, 1, 100, 100, 1.05));
        g.on_pointer(ev(PointerEvent::Up, 1, 100, 100, 1.1));
        CHECK(count(g.take_actions(), A::Tap) == 0);
        CHECK_FALSE(g.fingers_down());
    }
    SECTION("time going backwards is clamped and reported") {
        g.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 5));
        g.on_pointer(ev(PointerEvent::Up, 1, 100, 100, 4));
        auto x = g.take_anomalies();
        REQUIRE(x.size() == 1);
        CHECK(x[0].kind == GestureAnomaly::TimeWentBackwards);
        CHECK(count(g.take_actions(), A::Tap) == 1);
    }
}

TEST_CASE("events slightly older than the last frame's update() are normal, not anomalies", "[gestures]") {
    GestureRecognizer g(config());
    g.update(10.0);
    g.on_pointer(ev(PointerEvent::Down, 1, 100, 100, 9.99));  // happened before the frame, polled after it
    g.update(10.016);
    g.on_pointer(ev(PointerEvent::Up, 1, 100, 100, 10.01));
    CHECK(g.take_anomalies().empty());
    CHECK(count(g.take_actions(), A::Tap) == 1);
}

TEST_CASE("an event storm yields a bounded action list and leaves the recognizer usable", "[gestures]") {
    GestureRecognizer g(config());
    std::mt19937 rng(1234);
    std::uniform_int_distribution<int> kind(0, 3), id(0, 15);
    std::uniform_real_distribution<float> coord(-2000, 4000);
    double t = 0;
    for (int i = 0; i < 200000; ++i) {
        t += 0.00001;
        const int k = kind(rng);
        if (k == 3 && i % 97 != 0) continue;  // few cancels
        g.on_pointer(ev(static_cast<PointerEvent::Kind>(k), id(rng), coord(rng), coord(rng), t));
        if (i % 50000 == 0) g.on_wheel({{coord(rng), coord(rng)}, 1, t});
    }
    g.update(t);
    auto a = g.take_actions();
    CHECK(a.size() < 600);
    CHECK(count(a, A::Tap) + count(a, A::DoubleTap) <= 256);
    // 32 anomalies listed, then one line for the rest: the log gets 33 lines, not thousands.
    auto x = g.take_anomalies();
    REQUIRE(x.size() == 33);
    for (size_t i = 0; i < 32; ++i) CHECK(x[i].kind != GestureAnomaly::NotListed);
    CHECK(x[32].kind == GestureAnomaly::NotListed);
    CHECK(x[32].count > 0);
    CHECK(g.take_anomalies().empty());
    for (const A& x : a)
        if (x.kind == A::ZoomAt) CHECK(std::isfinite(x.factor));
    // After a cancel the next tap is a tap.
    g.on_pointer(ev(PointerEvent::Cancel, 0, 0, 0, t + 1));
    g.take_actions();
    tap(g, 500, 500, t + 2);
    auto b = g.take_actions();
    REQUIRE(b.size() == 1);
    CHECK(b[0].kind == A::Tap);
}

TEST_CASE("more than 32 anomalies in a frame: 32 listed, then one line saying how many more", "[gestures]") {
    GestureRecognizer g(config());
    for (int i = 0; i < 40; ++i) g.on_pointer(ev(PointerEvent::Up, i, 10, 10, 1.0 + 0.01 * i));
    auto x = g.take_anomalies();
    REQUIRE(x.size() == 33);
    CHECK(x[0].kind == GestureAnomaly::UpWithoutDown);
    CHECK(x[31].kind == GestureAnomaly::UpWithoutDown);
    CHECK(x[31].id == 31);
    CHECK(x[32].kind == GestureAnomaly::NotListed);
    CHECK(x[32].count == 8);
    CHECK(x[32].describe() == "8 more input anomalies not listed (the last at t=1.390 s)");
    // The count starts again from zero: the next frame lists its own anomalies only.
    CHECK(g.take_anomalies().empty());
    g.on_pointer(ev(PointerEvent::Up, 99, 10, 10, 2.0));
    x = g.take_anomalies();
    REQUIRE(x.size() == 1);
    CHECK(x[0].kind == GestureAnomaly::UpWithoutDown);
}

TEST_CASE("a storm of taps in one frame keeps 256 of them, reports the storm once, then taps again", "[gestures]") {
    GestureRecognizer g(config());
    // 300 taps 50 px apart in a row (never a double tap), all within one frame.
    for (int i = 0; i < 300; ++i) tap(g, 50.0f * (i % 30), 100.0f + 50 * (i / 30), 1.0 + 0.1 * i, i);
    auto a = g.take_actions();
    CHECK(a.size() == 256);
    CHECK(count(a, A::Tap) == 256);
    auto x = g.take_anomalies();
    REQUIRE(x.size() == 1);
    CHECK(x[0].kind == GestureAnomaly::EventStorm);
    tap(g, 500, 500, 100);
    a = g.take_actions();
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == A::Tap);
}
