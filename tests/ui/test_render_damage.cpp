// What a frame repaints: the damage bookkeeping (render/screen_damage), the map's redraw decisions
// (render/map_redraw) and the widget comparison (render/widget_damage) on the real widgets, headless. The pixels
// themselves are checked end to end in tests/gl/test_partial_frames.cpp.
#include <algorithm>
#include <chrono>

#include "render/map_redraw.hpp"
#include "render/screen_damage.hpp"
#include "render/widget_damage.hpp"
#include "ui/banner.hpp"
#include "ui/info_panel.hpp"
#include "ui/legend.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using render::PixelRect;
using render::ScreenDamage;

namespace {

const PixelRect kScreen{0, 0, 1920, 1080};
const PixelRect kMap{0, 160, 1312, 1040};
const PixelRect kBanner{0, 0, 1920, 160};

}  // namespace

TEST_CASE("screen damage: the first frame repaints everything, then only what changed since the buffer's frame") {
    ScreenDamage d(kScreen);
    d.reset(kScreen);
    CHECK(d.repaint(1) == kScreen);  // nothing on screen can be trusted yet
    d.presented();

    // The map moves: with a back buffer that keeps the last frame, only the map area.
    d.add(kMap);
    CHECK(d.repaint(1) == kMap);
    // A driver that swaps two buffers holds the frame before: what that frame changed as well. Here the first
    // frame changed everything.
    CHECK(d.repaint(2) == kScreen);
    // Unknown content: everything.
    CHECK(d.repaint(0) == kScreen);
    d.presented();

    // Nothing changed: nothing to repaint (and nothing to present) with a kept back buffer...
    CHECK(d.repaint(1).empty());
    // ...but a two-buffer swap still holds the frame before the map moved.
    CHECK(d.repaint(2) == kMap);
    d.presented();

    d.add(kBanner);
    CHECK(d.repaint(1) == kBanner);
    CHECK(d.repaint(3) == kMap.united(kBanner));
    // Older than the history: everything.
    CHECK(d.repaint(ScreenDamage::kHistory + 2) == kScreen);
}

TEST_CASE("screen damage: rectangles are clipped to the screen and a resize forgets everything") {
    ScreenDamage d(kScreen);
    d.presented();
    d.add({-50, -50, 100, 100});
    CHECK(d.current() == PixelRect{0, 0, 100, 100});
    d.add({1900, 1000, 3000, 3000});
    CHECK(d.current() == PixelRect{0, 0, 1920, 1080});
    d.presented();
    d.reset({0, 0, 1080, 1920});
    CHECK(d.repaint(1) == PixelRect{0, 0, 1080, 1920});
    CHECK(PixelRect::covering(10.2, 20.7, 30.1, 40.0) == PixelRect{10, 20, 31, 40});
    CHECK(PixelRect::covering(5, 5, 5, 9).empty());
}

TEST_CASE("map redraw: cheap frames while the view moves, one full-quality frame once it rests, then none") {
    Camera cam;
    cam.set_viewport(1920, 1080);
    cam.set_bounds({{0, 0}, {40000, 30000}}, {0, 160, 1312, 880});
    cam.fit({{0, 0}, {40000, 30000}}, {0, 160, 1312, 880});
    cam.zoom_at({656, 600}, 3.0);  // zoomed in: room to pan without meeting the map's edge
    render::MapRedraw r;
    double t = 10.0;
    CHECK(r.changed(cam, 1, t));  // never drawn
    CHECK(r.quality(cam, t) == render::MapQuality::Full);
    r.drawn(cam, 1, r.quality(cam, t), t);
    CHECK_FALSE(r.changed(cam, 1, t + 1));
    CHECK_FALSE(r.rest_due(t + 1));

    // A finger pans the map at 60 Hz for half a second.
    for (int i = 0; i < 30; ++i) {
        t += 1.0 / 60;
        cam.pan_by({3, 2});
        REQUIRE(r.changed(cam, 1, t));
        CHECK(r.quality(cam, t) == render::MapQuality::Moving);
        r.drawn(cam, 1, r.quality(cam, t), t);
    }
    // The finger stops: no new frame until the view has rested, then exactly one at full quality.
    CHECK_FALSE(r.changed(cam, 1, t + 0.05));
    CHECK(r.quality(cam, t + 0.05) == render::MapQuality::Moving);
    REQUIRE(r.rest_due(t + 0.05));
    CHECK(*r.rest_due(t + 0.05) == Approx(render::MapRedraw::kRestS - 0.05));
    const double rest = t + render::MapRedraw::kRestS;
    CHECK(r.changed(cam, 1, rest));
    CHECK(r.quality(cam, rest) == render::MapQuality::Full);
    r.drawn(cam, 1, render::MapQuality::Full, rest);
    CHECK_FALSE(r.changed(cam, 1, rest + 10));
    CHECK_FALSE(r.rest_due(rest + 10));

    // A drag pushed against the edge of the map: the camera clamps back to within the last bits of the arithmetic.
    // Not a change: nothing to draw, nothing to present.
    Camera pushed = cam;
    pushed.pan_by({1e-6, 0});
    CHECK_FALSE(r.changed(pushed, 1, rest + 10));
    // Whole-pixel pans are recognised as such (a frame may then move the last frame's pixels), fractions are not.
    Camera dragged = cam;
    dragged.pan_by({-24, 0});
    REQUIRE(r.whole_pixel_shift(dragged, 1));
    CHECK(*r.whole_pixel_shift(dragged, 1) == std::pair<int, int>{-24, 0});
    dragged.pan_by({0.5, 0});
    CHECK_FALSE(r.whole_pixel_shift(dragged, 1));
    CHECK_FALSE(r.whole_pixel_shift(cam, 2));  // other content: drawn again
    // A new selection outline (a new renderer generation) is a change even when the view rests.
    CHECK(r.changed(cam, 2, rest + 10));
    r.forget();
    CHECK(r.changed(cam, 2, rest + 11));
}

namespace {

// The kiosk's widgets (header, banner, introduction panel, legend, attribution) in one headless frame.
struct Widgets {
    test::HeadlessUi ui{ImVec2(1920, 1080)};
    ui::Banner banner;
    ui::IntroModel intro = ui::make_intro_model(test::RepoData::get().content, test::RepoData::get().text,
                                                date::sys_days(date::year(2024) / 5 / 1));
    ui::LegendModel legend = ui::make_legend_model(test::RepoData::get().content, test::RepoData::get().membership,
                                                   test::RepoData::get().text);

    void frame(date::sys_seconds now) {
        const auto& d = test::RepoData::get();
        ui.frame([&] {
            banner.update(d.content, d.text, Lang::Fr, now);
            test::HeadlessUi::capture();
            banner.draw_header(ui.ctx());
            test::HeadlessUi::capture();
            banner.draw(ui.ctx());
            test::HeadlessUi::capture();
            ui::draw_intro_panel(intro, ui.ctx());
            test::HeadlessUi::capture();
            ui::draw_legend(legend, ui.ctx());
            test::HeadlessUi::capture();
            ui::draw_attribution(legend, ui.ctx());
        });
    }
};

PixelRect px(const ui::Rect& r) { return PixelRect::covering(r.min.x, r.min.y, r.max.x, r.max.y); }

}  // namespace

TEST_CASE("widget damage: unchanged widgets repaint nothing, the countdown's next minute repaints the banner only") {
    Widgets w;
    // 10:00:30 in Paris: the countdown to 13 May reads 11 d 13 h 59 min until 10:01:00.
    const auto t0 = date::sys_days(date::year(2024) / 5 / 1) + std::chrono::hours(8) + std::chrono::seconds(30);
    ScreenDamage d(kScreen);
    render::WidgetDamage wd;
    // ImGui settles its window sizes over the first frames.
    for (int i = 0; i < 3; ++i) {
        w.frame(t0);
        wd.compare(*ImGui::GetDrawData(), d);
        d.presented();
    }
    // The same second again, and later seconds of the same minute: not one pixel to repaint.
    for (int s = 0; s < 3; ++s) {
        w.frame(t0 + std::chrono::seconds(10 * s));
        wd.compare(*ImGui::GetDrawData(), d);
        INFO("second " << s << ": damage " << d.current().x0 << "," << d.current().y0 << " .. " << d.current().x1
                       << "," << d.current().y1);
        CHECK(d.current().empty());
        d.presented();
    }
    // A minute later the countdown reads one minute less: the damage lies in the banner, away from the map area,
    // the panel and the legend.
    w.frame(t0 + std::chrono::minutes(1));
    wd.compare(*ImGui::GetDrawData(), d);
    const PixelRect changed = d.current();
    const ui::Layout& l = w.ui.layout();
    INFO("damage " << changed.x0 << "," << changed.y0 << " .. " << changed.x1 << "," << changed.y1);
    INFO("banner " << l.banner.min.x << "," << l.banner.min.y << " .. " << l.banner.max.x << "," << l.banner.max.y);
    INFO("panel " << l.panel.min.x << "," << l.panel.min.y << " .. " << l.panel.max.x << "," << l.panel.max.y);
    INFO("map " << l.map_area.min.x << "," << l.map_area.min.y << " .. " << l.map_area.max.x << "," << l.map_area.max.y);
    REQUIRE_FALSE(changed.empty());
    // The banner's strip, give or take the few pixels its antialiased edges and rule reach beyond it.
    const PixelRect strip = px(l.banner);
    CHECK(PixelRect{strip.x0 - 4, strip.y0 - 4, strip.x1 + 4, strip.y1 + 4}.contains(changed));
    CHECK(changed.intersected(px(l.map_area)).height() <= 4);
    CHECK(changed.intersected(px(l.panel)).empty());
    CHECK(changed.intersected(px(l.legend)).empty());
    CHECK(changed.width() * changed.height() < kScreen.width() * kScreen.height() / 8);
}

TEST_CASE("clip_draw_data keeps every command inside the region and drops those outside it") {
    Widgets w;
    const auto t0 = date::sys_days(date::year(2024) / 5 / 1) + std::chrono::hours(8);
    w.frame(t0);
    ImDrawData& data = *ImGui::GetDrawData();
    const PixelRect region = px(w.ui.layout().panel);
    int kept = 0, dropped = 0;
    render::clip_draw_data(data, region);
    for (int i = 0; i < data.CmdListsCount; ++i)
        for (const ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) {
            if (c.ClipRect.z <= c.ClipRect.x || c.ClipRect.w <= c.ClipRect.y) {
                ++dropped;
                continue;
            }
            ++kept;
            CHECK(c.ClipRect.x >= region.x0);
            CHECK(c.ClipRect.y >= region.y0);
            CHECK(c.ClipRect.z <= region.x1);
            CHECK(c.ClipRect.w <= region.y1);
        }
    CHECK(kept > 0);     // the panel's own commands
    CHECK(dropped > 0);  // the banner's, the legend's
}
