// The camera decides what part of the Métropole the visitor sees: fitted at start in any orientation, following the
// finger when panning, zooming about the touched point, never losing the map, gliding to a selected commune.
#include <catch2/catch.hpp>

#include "core/camera.hpp"

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

TEST_CASE("pan_by moves the content with the finger but the view never leaves the map") {
    const ScreenRect area{0, 100, 1920, 980};
    Camera cam = fitted(1920, 1080, area);
    cam.zoom_at({960, 590}, 4.0);
    const Vec2 w = cam.screen_to_world({960, 590});
    cam.pan_by({50, 30});
    const Vec2 moved = cam.world_to_screen(w);
    CHECK(moved.x == Approx(1010).margin(1e-6));
    CHECK(moved.y == Approx(620).margin(1e-6));

    // Fling far east: the western edge of what the map area shows stays inside the Métropole.
    cam.pan_by({-1e6, 0});
    const Vec2 east_edge = cam.screen_to_world({area.x + area.w, 590});
    CHECK(east_edge.x <= Approx(metropole().max.x).margin(1e-3));
    CHECK(cam.screen_to_world({area.x, 590}).x >= metropole().min.x);
    cam.pan_by({0, 1e6});  // drag down: shows the north, but stops at the northern edge
    CHECK(cam.screen_to_world({960, area.y}).y <= Approx(metropole().max.y).margin(1e-3));

    // At the whole-Métropole zoom, panning cannot push the Métropole out of the area.
    Camera whole = fitted(1920, 1080, area);
    whole.pan_by({800, 0});
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
