// The camera decides what part of the Métropole the visitor sees: fitted at start in any orientation, following the
// finger when panning, zooming about the touched point, never losing the map, gliding to a selected commune.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/camera.hpp"
#include "core/camera_gestures.hpp"
#include "core/gestures.hpp"

using namespace qmi;

namespace {

// Roughly the Métropole du Grand Paris in Lambert-93 metres around an origin: ~45 km wide, ~40 km tall.
Box metropole() {
    Box b;
    b.add({-22000, -19000});
    b.add({23000, 21000});
    return b;
}

Box box(double x0, double y0, double x1, double y1) {
    Box b;
    b.add({x0, y0});
    b.add({x1, y1});
    return b;
}

bool inside(Vec2 p, const ScreenRect& r, double tol = 0.5) {
    return p.x >= r.x - tol && p.x <= r.x + r.w + tol && p.y >= r.y - tol && p.y <= r.y + r.h + tol;
}

Camera fitted(double w, double h, const ScreenRect& area) {
    Camera cam;
    cam.set_viewport(w, h);
    cam.set_bounds(metropole(), area);
    cam.fit(metropole(), area);
    return cam;
}

}  // namespace

TEST_CASE("world and screen conversions are inverse, with y north on the world and y down on screen") {
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    const Vec2 w{1234.5, -6789.0};
    const Vec2 s = cam.world_to_screen(w);
    const Vec2 back = cam.screen_to_world(s);
    CHECK(back.x == Approx(w.x).margin(1e-6));
    CHECK(back.y == Approx(w.y).margin(1e-6));
    // North is up on screen.
    CHECK(cam.world_to_screen({0, 1000}).y < cam.world_to_screen({0, 0}).y);
    CHECK(cam.world_to_screen({1000, 0}).x > cam.world_to_screen({0, 0}).x);
}

TEST_CASE("fit shows the whole Métropole inside the map area, in landscape and in portrait") {
    const ScreenRect landscape{40, 120, 1840, 900};
    const ScreenRect portrait{30, 160, 1020, 1400};
    for (auto [w, h, area] : {std::tuple{1920.0, 1080.0, landscape}, std::tuple{1080.0, 1920.0, portrait}}) {
        Camera cam = fitted(w, h, area);
        const Box m = metropole();
        const Vec2 a = cam.world_to_screen(m.min), b = cam.world_to_screen(m.max);
        CHECK(inside(a, area));
        CHECK(inside(b, area));
        // It fills the area along one side: not a tiny map in the middle of the screen.
        const double used_w = std::abs(b.x - a.x), used_h = std::abs(b.y - a.y);
        CHECK(std::max(used_w / area.w, used_h / area.h) == Approx(1.0).epsilon(1e-6));
        // Centred in the area, not in the screen (the banner takes the top).
        CHECK(cam.world_to_screen(m.center()).x == Approx(area.center().x).margin(0.5));
        CHECK(cam.world_to_screen(m.center()).y == Approx(area.center().y).margin(0.5));
    }
}

TEST_CASE("after a resize the kiosk can refit and still shows everything") {
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    cam.set_viewport(1080, 1920);
    const ScreenRect area{0, 150, 1080, 1700};
    cam.set_bounds(metropole(), area);
    cam.fit(metropole(), area);
    CHECK(inside(cam.world_to_screen(metropole().min), area));
    CHECK(inside(cam.world_to_screen(metropole().max), area));
}

TEST_CASE("zoom_at keeps the touched point under the finger and respects the zoom limits") {
    const ScreenRect area{0, 100, 1920, 980};
    Camera cam = fitted(1920, 1080, area);
    const Vec2 finger{1100, 500};
    const Vec2 before = cam.screen_to_world(finger);
    cam.zoom_at(finger, 2.0);
    const Vec2 after = cam.screen_to_world(finger);
    CHECK(after.x == Approx(before.x).margin(1e-3));
    CHECK(after.y == Approx(before.y).margin(1e-3));

    // Zooming far in stops at "a few communes": the smaller side still shows at least ~6 km.
    for (int i = 0; i < 50; ++i) cam.zoom_at(finger, 1.5);
    CHECK(cam.scale() == Approx(cam.max_scale()));
    const Box v = cam.visible_world();
    CHECK(std::min(v.width(), v.height()) >= Approx(6000.0).epsilon(1e-6));

    // Zooming far out stops at the whole Métropole: never a shrinking map on an empty screen.
    for (int i = 0; i < 50; ++i) cam.zoom_at(finger, 0.5);
    CHECK(cam.scale() == Approx(cam.min_scale()));
    CHECK(inside(cam.world_to_screen(metropole().min), area));
    CHECK(inside(cam.world_to_screen(metropole().max), area));
}

TEST_CASE("pan_by moves the content with the finger, the view shows no more empty margin than the overview") {
    const ScreenRect area{0, 100, 1920, 980};
    Camera cam = fitted(1920, 1080, area);
    // The overview fits the Métropole's height; horizontally it leaves this much empty margin, in pixels.
    const double slack = area.w - metropole().width() * cam.min_scale();
    REQUIRE(slack > 100);
    cam.zoom_at({960, 590}, 4.0);
    const Vec2 w = cam.screen_to_world({960, 590});
    cam.pan_by({50, 30});
    const Vec2 moved = cam.world_to_screen(w);
    CHECK(moved.x == Approx(1010).margin(1e-6));
    CHECK(moved.y == Approx(620).margin(1e-6));

    // Fling far east: the Métropole's eastern edge comes at most `slack` px into the map area, never further.
    cam.pan_by({-1e6, 0});
    const double east = cam.world_to_screen({metropole().max.x, 0}).x;
    CHECK(east >= area.x + area.w - slack - 1e-6);
    CHECK(east <= area.x + area.w);
    CHECK(cam.screen_to_world({area.x, 590}).x >= metropole().min.x);
    // Vertically the overview has no margin at all: dragging down stops with the northern edge at the area's top.
    cam.pan_by({0, 1e6});
    CHECK(cam.screen_to_world({960, area.y}).y <= Approx(metropole().max.y).margin(1e-3));

    // At the whole-Métropole zoom, panning cannot push the Métropole out of the area.
    Camera whole = fitted(1920, 1080, area);
    whole.pan_by({800, 0});
    CHECK(inside(whole.world_to_screen(metropole().min), area));
    CHECK(inside(whole.world_to_screen(metropole().max), area));
    whole.pan_by({-1600, 0});
    CHECK(inside(whole.world_to_screen(metropole().min), area));
    CHECK(inside(whole.world_to_screen(metropole().max), area));
}

// Runs the easing to its end, as the kiosk's frames would.
void settle(Camera& cam) {
    int steps = 0;
    while (cam.update(1.0 / 60) && ++steps < 1000) {}
}

// The world size the area shows at the camera's scale.
double shown_w(const Camera& cam, const ScreenRect& area) { return area.w / cam.scale(); }
double shown_h(const Camera& cam, const ScreenRect& area) { return area.h / cam.scale(); }

TEST_CASE("ease_to_show glides to a commune, centres it in the area and shows it with its neighbours") {
    const ScreenRect full{0, 100, 1920, 980};
    Camera cam = fitted(1920, 1080, full);
    const Box commune = box(2000, -12000, 5000, -9000);  // a 3 km commune in the south
    const ScreenRect with_panel{0, 100, 1300, 980};      // the panel takes the right of the screen
    const double start_scale = cam.scale();
    cam.ease_to_show(commune, with_panel, 0.5);
    CHECK(cam.animating());

    // Halfway, the view is between the start and the goal: it moves, it does not jump.
    CHECK(cam.update(0.25));
    CHECK(cam.scale() > start_scale);
    CHECK(cam.animating());
    settle(cam);
    CHECK_FALSE(cam.animating());
    CHECK_FALSE(cam.update(1.0 / 60));  // nothing left to redraw

    const Vec2 c = cam.world_to_screen(commune.center());
    CHECK(c.x == Approx(with_panel.center().x).margin(1.0));
    CHECK(c.y == Approx(with_panel.center().y).margin(1.0));
    CHECK(inside(cam.world_to_screen(commune.min), with_panel));
    CHECK(inside(cam.world_to_screen(commune.max), with_panel));
    CHECK(cam.scale() > 2 * start_scale);  // clearly closer than the whole Métropole
    // ...but not so close that the neighbours vanish: the area shows three times the commune on its tighter
    // side (9 km), and no more than needed for that.
    CHECK(shown_h(cam, with_panel) == Approx(9000).epsilon(0.01));
    CHECK(shown_w(cam, with_panel) >= 9000);
}

TEST_CASE("a small commune is shown with at least 4 km around it, within the zoom-in limit") {
    const ScreenRect area{0, 100, 1300, 980};
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    const Box tiny = box(-1000, 3000, -200, 3600);  // 800 m x 600 m, like Les Lilas or Saint-Mandé
    cam.ease_to_show(tiny, area, 0.3);
    settle(cam);
    CHECK(cam.scale() <= cam.max_scale());
    CHECK(shown_w(cam, area) >= 4000 - 1);
    CHECK(shown_h(cam, area) >= 4000 - 1);
    CHECK(cam.world_to_screen(tiny.center()).x == Approx(area.center().x).margin(1.0));
    CHECK(cam.world_to_screen(tiny.center()).y == Approx(area.center().y).margin(1.0));

    // Without the zoom limit in the way, the 4 km are exactly what the tighter side shows: no closer than needed.
    Camera deep;
    deep.set_viewport(1920, 1080);
    deep.set_bounds(metropole(), {0, 100, 1920, 980}, 1000.0);
    deep.fit(metropole(), {0, 100, 1920, 980});
    deep.ease_to_show(tiny, area, 0.3);
    settle(deep);
    CHECK(shown_h(deep, area) == Approx(4000).epsilon(0.01));
}

TEST_CASE("a commune already in plain view at a comfortable zoom does not move the map") {
    const ScreenRect area{0, 100, 1300, 980};
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    const Box first = box(2000, -12000, 5000, -9000);
    cam.ease_to_show(first, area, 0.3);
    settle(cam);
    const Vec2 before_center = cam.center();
    const double before_scale = cam.scale();

    // Its neighbour to the west is on screen whole, well inside the area.
    const Box neighbour = box(-500, -11500, 1800, -9500);
    REQUIRE(inside(cam.world_to_screen(neighbour.min), area));
    REQUIRE(inside(cam.world_to_screen(neighbour.max), area));
    cam.ease_to_show(neighbour, area, 0.3);
    CHECK_FALSE(cam.animating());
    settle(cam);
    CHECK(cam.center().x == before_center.x);
    CHECK(cam.center().y == before_center.y);
    CHECK(cam.scale() == before_scale);
}

TEST_CASE("a commune partly hidden by the panel is centred without changing the zoom") {
    const ScreenRect full{0, 100, 1920, 980};
    const ScreenRect with_panel{0, 100, 1300, 980};
    Camera cam = fitted(1920, 1080, full);
    const Box first = box(2000, -12000, 5000, -9000);
    cam.ease_to_show(first, full, 0.3);  // no panel yet: context view over the whole width
    settle(cam);
    const double zoom = cam.scale();

    // A commune to the east, visible on the full map but under where the panel opens.
    const Box east = box(7500, -11500, 9500, -9500);
    REQUIRE(cam.world_to_screen(east.max).x > with_panel.x + with_panel.w);
    REQUIRE(inside(cam.world_to_screen(east.max), full));
    cam.ease_to_show(east, with_panel, 0.3);
    CHECK(cam.animating());
    settle(cam);
    CHECK(cam.scale() == Approx(zoom));
    CHECK(cam.world_to_screen(east.center()).x == Approx(with_panel.center().x).margin(1.0));
    CHECK(inside(cam.world_to_screen(east.min), with_panel));
    CHECK(inside(cam.world_to_screen(east.max), with_panel));
}

TEST_CASE("zoomed in closer than the commune fits, the view zooms out to show it with its neighbours") {
    const ScreenRect area{0, 100, 1300, 980};
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    const Box big = box(-9000, -4000, 0, 2000);  // 9 km x 6 km, like a large commune
    cam.zoom_at(cam.world_to_screen(big.center()), 1000.0);  // as close as allowed
    REQUIRE(cam.scale() == Approx(cam.max_scale()));
    cam.ease_to_show(big, area, 0.3);
    settle(cam);
    CHECK(cam.scale() < cam.max_scale());
    CHECK(inside(cam.world_to_screen(big.min), area));
    CHECK(inside(cam.world_to_screen(big.max), area));
}

TEST_CASE("a gesture during easing stops the easing where it is") {
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    cam.ease_to_show(box(0, 0, 2000, 2000), {0, 100, 1920, 980}, 1.0);
    cam.update(0.3);
    cam.pan_by({10, 0});
    CHECK_FALSE(cam.animating());
    CHECK_FALSE(cam.update(0.1));
}

// ---- pinches that respect the fingers ----------------------------------------------------------------------------

namespace {

PointerEvent finger(int id, PointerEvent::Kind kind, Vec2 p, double t) {
    return PointerEvent{id, kind, {static_cast<float>(p.x), static_cast<float>(p.y)}, t, PointerEvent::Touch};
}

// Two fingers put down `d0` px either side of `c0`, then moved in `steps` frames to `d1` px either side of `c1`
// (a spread of d1/d0 whose centre travels from c0 to c1), each frame's actions applied as the kiosk applies them.
void pinch(Camera& cam, GestureRecognizer& g, Vec2 c0, Vec2 c1, double d0, double d1, int steps = 30) {
    double t = 10.0;
    g.on_pointer(finger(1, PointerEvent::Down, {c0.x - d0, c0.y}, t));
    g.on_pointer(finger(2, PointerEvent::Down, {c0.x + d0, c0.y}, t));
    apply_camera_gestures(cam, g.take_actions());
    for (int i = 1; i <= steps; ++i) {
        t += 1.0 / 60;
        const double u = static_cast<double>(i) / steps;
        const Vec2 c{c0.x + (c1.x - c0.x) * u, c0.y + (c1.y - c0.y) * u};
        const double d = d0 * std::pow(d1 / d0, u);
        g.on_pointer(finger(1, PointerEvent::Move, {c.x - d, c.y}, t));
        g.on_pointer(finger(2, PointerEvent::Move, {c.x + d, c.y}, t));
        apply_camera_gestures(cam, g.take_actions());
    }
    t += 1.0 / 60;
    g.on_pointer(finger(1, PointerEvent::Up, {c1.x - d1, c1.y}, t));
    g.on_pointer(finger(2, PointerEvent::Up, {c1.x + d1, c1.y}, t));
    apply_camera_gestures(cam, g.take_actions());
}

double px_distance(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

TEST_CASE("a 4x pinch keeps the point between the fingers under them, even near the Métropole's edge") {
    // The map area of a landscape kiosk: the panel takes the right of the screen. The overview leaves empty
    // margin left and right of the Métropole.
    const ScreenRect area{0, 100, 1300, 880};
    GestureConfig cfg;
    cfg.px_per_mm = 2.0f;
    // Points all over the Métropole, the eastern edge (where Noisy-le-Grand lies, next to the panel) included.
    for (const Vec2 world : {Vec2{20000, 0}, Vec2{21500, 3000}, Vec2{-21000, -15000}, Vec2{0, 20000},
                             Vec2{0, -18000}, Vec2{1000, 1000}}) {
        Camera cam = fitted(1920, 1080, area);
        GestureRecognizer g(cfg);
        const Vec2 c = cam.world_to_screen(world);
        REQUIRE(inside(c, area));
        pinch(cam, g, c, c, 40, 160);
        INFO("world point " << world.x << "," << world.y << " was at " << c.x << "," << c.y << ", now at "
                            << cam.world_to_screen(world).x << "," << cam.world_to_screen(world).y);
        CHECK(cam.scale() == Approx(4 * cam.min_scale()).epsilon(0.02));
        CHECK(px_distance(cam.world_to_screen(world), c) < 3.0);
    }
}

TEST_CASE("a pinch that also travels keeps the first point under the fingers' centre") {
    const ScreenRect area{0, 100, 1300, 880};
    GestureConfig cfg;
    cfg.px_per_mm = 2.0f;
    Camera cam = fitted(1920, 1080, area);
    GestureRecognizer g(cfg);
    const Vec2 start = cam.world_to_screen({15000, 2000});
    const Vec2 world = cam.screen_to_world(start);
    // Spread 4x while the fingers' centre drifts 150 px left and 80 px down: the map follows both.
    const Vec2 end{start.x - 150, start.y + 80};
    pinch(cam, g, start, end, 40, 160);
    INFO("ends at " << cam.world_to_screen(world).x << "," << cam.world_to_screen(world).y);
    CHECK(px_distance(cam.world_to_screen(world), end) < 3.0);

    // Each frame's pan clamped before its zoom instead (pan_by then zoom_at) loses part of the drift at the
    // overview, where there is no room to pan vertically, and the zoom multiplies the loss: ~11 px off here.
    Camera old = fitted(1920, 1080, area);
    GestureRecognizer g2(cfg);
    double t = 10.0;
    g2.on_pointer(finger(1, PointerEvent::Down, {start.x - 40, start.y}, t));
    g2.on_pointer(finger(2, PointerEvent::Down, {start.x + 40, start.y}, t));
    for (int i = 1; i <= 30; ++i) {
        t += 1.0 / 60;
        const double u = i / 30.0;
        const Vec2 c{start.x + (end.x - start.x) * u, start.y + (end.y - start.y) * u};
        const double d = 40 * std::pow(4.0, u);
        g2.on_pointer(finger(1, PointerEvent::Move, {c.x - d, c.y}, t));
        g2.on_pointer(finger(2, PointerEvent::Move, {c.x + d, c.y}, t));
        for (const GestureAction& a : g2.take_actions()) {
            if (a.kind == GestureAction::PanBy) old.pan_by({a.delta.x, a.delta.y});
            if (a.kind == GestureAction::ZoomAt) old.zoom_at({a.pos.x, a.pos.y}, a.factor);
        }
    }
    CHECK(px_distance(old.world_to_screen(world), end) > 8.0);
}

TEST_CASE("pan limits follow the view area: nothing is pushed under the panel, in landscape or portrait") {
    // Landscape: the panel covers the right 620 px of the screen; the view area ends where it starts.
    const ScreenRect open{0, 100, 1300, 880};
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 880});
    cam.set_view_area(open);
    CHECK(cam.view_area().w == 1300);
    // The overview now fits the whole Métropole left of the panel.
    cam.zoom_at({650, 540}, 0.01);
    CHECK(inside(cam.world_to_screen(metropole().min), open));
    CHECK(inside(cam.world_to_screen(metropole().max), open));
    // Zoomed in and flung east: the eastern edge stops inside the view area, not under the panel.
    cam.zoom_at({650, 540}, 3.0);
    cam.pan_by({-1e6, 0});
    CHECK(cam.world_to_screen({metropole().max.x, 0}).x <= open.x + open.w + 1e-6);
    // Easing to a commune at the eastern edge centres it in the view area, left of the panel.
    const Box east = box(20000, 0, 23000, 3000);
    cam.ease_to_show(east, open, 0.3);
    settle(cam);
    CHECK(inside(cam.world_to_screen(east.min), open));
    CHECK(inside(cam.world_to_screen(east.max), open));

    // Portrait: the sheet covers the bottom; the southern edge stops above it.
    const ScreenRect above_sheet{0, 160, 1080, 1100};
    Camera p = fitted(1080, 1920, above_sheet);
    p.zoom_at({540, 600}, 3.0);
    p.pan_by({0, -1e6});
    CHECK(p.world_to_screen({0, metropole().min.y}).y <= above_sheet.y + above_sheet.h + 1e-6);
    // A 4x pinch at the southern edge keeps its point under the fingers there too.
    Camera q = fitted(1080, 1920, above_sheet);
    GestureConfig cfg;
    cfg.px_per_mm = 2.0f;
    GestureRecognizer g(cfg);
    const Vec2 south = q.world_to_screen({0, -18000});
    pinch(q, g, south, south, 40, 160);
    CHECK(px_distance(q.world_to_screen({0, -18000}), south) < 3.0);
}

TEST_CASE("pan_zoom is one similarity: the content moves, then scales about the point, clamped once") {
    Camera cam = fitted(1920, 1080, {0, 100, 1920, 980});
    cam.zoom_at({960, 540}, 4.0);
    const Vec2 w = cam.screen_to_world({900, 500});
    cam.pan_zoom({30, -20}, {930, 480}, 1.5);
    CHECK(px_distance(cam.world_to_screen(w), {930, 480}) < 1e-6);
    // Bad factors change nothing but the pan.
    const Vec2 w2 = cam.screen_to_world({800, 500});
    cam.pan_zoom({10, 0}, {810, 500}, std::nan(""));
    CHECK(px_distance(cam.world_to_screen(w2), {810, 500}) < 1e-6);
    cam.pan_zoom({0, 0}, {810, 500}, -2.0);
    CHECK(px_distance(cam.world_to_screen(w2), {810, 500}) < 1e-6);
}
