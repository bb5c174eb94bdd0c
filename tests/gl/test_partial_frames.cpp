// A frame that repaints only what changed (app/frame_painter, given the back buffer's age) over the frame before it
// must give exactly the picture of a frame drawn whole: a visitor never sees a stale strip of map, a half-updated
// banner or a label left behind. The test process runs itself again on an Xvfb of its own (the GL work needs a
// display), drives the same sequence through two kiosks, one repainting partially into the same offscreen target,
// one painting every frame whole, and compares the pixels. The partial view's "screen" is an image updated the way render::Presenter updates
// the window: the frame's scroll moves its pixels, then the repainted rectangles are copied from the target.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>

#include "app/kiosk_data.hpp"
#include "app/kiosk.hpp"
#include "core/paris_time.hpp"
#include "kiosk_runner.hpp"

namespace fs = std::filesystem;
using namespace qmi;

namespace {

const fs::path kRoot = QMI_SOURCE_ROOT;

bool map_cache_present() {
    for (const char* d : {"75", "77", "78", "91", "92", "93", "94", "95"})
        if (!fs::exists(kRoot / "maps" / "cache" / (std::string("communes-") + d + ".geojson"))) return false;
    return true;
}

// Pixels whose colour differs by more than `tolerance` levels in a channel, and their bounding box.
struct Difference {
    long pixels = 0;
    render::PixelRect box;
};

Difference compare(const sf::Image& a, const sf::Image& b, int tolerance) {
    Difference d;
    const sf::Vector2u s = a.getSize();
    const sf::Uint8* p = a.getPixelsPtr();
    const sf::Uint8* q = b.getPixelsPtr();
    for (unsigned y = 0; y < s.y; ++y)
        for (unsigned x = 0; x < s.x; ++x) {
            const size_t i = (static_cast<size_t>(y) * s.x + x) * 4;
            if (std::abs(p[i] - q[i]) > tolerance || std::abs(p[i + 1] - q[i + 1]) > tolerance ||
                std::abs(p[i + 2] - q[i + 2]) > tolerance) {
                ++d.pixels;
                d.box = d.box.united({static_cast<int>(x), static_cast<int>(y), static_cast<int>(x) + 1,
                                      static_cast<int>(y) + 1});
            }
        }
    return d;
}

std::string describe(const render::PixelRect& r) {
    return std::to_string(r.x0) + "," + std::to_string(r.y0) + " .. " + std::to_string(r.x1) + "," +
           std::to_string(r.y1);
}

// One kiosk on its own offscreen target and a loop clock the test moves (it starts well before attract mode's idle
// timeout and after the gesture hint has gone: neither changes the screen while the test runs).
struct Screen {
    app::Kiosk kiosk;
    sf::RenderTexture target;
    double t = 10.0;

    Screen(app::KioskData data, date::sys_seconds now)
        : kiosk(std::move(data), app::KioskClock(now), Lang::Fr, app::RenderSetup{}, false) {
        kiosk.prepare(1920, 1080);
        REQUIRE(target.create(1920, 1080));
        REQUIRE(target.setActive(true));
        REQUIRE(kiosk.init_gpu());
    }
    render::PixelRect frame(unsigned age) { return present(age, false).bounds(); }
    // One frame of the loop, presented onto `screen` as the presenter would (a scroll, then the repainted
    // rectangles). Age 0: the whole frame, as painted for a target whose content is unknown.
    render::Frame present(unsigned age, bool can_scroll) {
        target.setActive(true);
        kiosk.update(t, 1.0 / 60);
        kiosk.build_frame(1.0 / 60, app::BackBuffer{age, can_scroll, true});
        const app::FramePainter::Scroll later = [](const render::Frame&) {};  // applied to `screen` below
        const render::Frame f = kiosk.render(target, can_scroll ? later : app::FramePainter::Scroll{});
        kiosk.apply_actions();
        target.display();
        const sf::Image back = target.getTexture().copyToImage();
        if (age == 0 || screen.getSize().x == 0) {
            screen = back;
            return f;
        }
        if (f.scrolls()) {
            const sf::Image before = screen;
            const render::PixelRect& a = f.scroll_area;
            for (int y = a.y0; y < a.y1; ++y)
                for (int x = a.x0; x < a.x1; ++x) {
                    const int sx = x - f.dx, sy = y - f.dy;
                    if (sx >= a.x0 && sx < a.x1 && sy >= a.y0 && sy < a.y1)
                        screen.setPixel(x, y, before.getPixel(sx, sy));
                }
        }
        for (const render::PixelRect& r : f.rects)
            for (int y = r.y0; y < r.y1; ++y)
                for (int x = r.x0; x < r.x1; ++x) screen.setPixel(x, y, back.getPixel(x, y));
        return f;
    }
    // A mouse click at the centre of a control of --state-out's "controls".
    void click(const std::string& control, bool down) {
        const nlohmann::json r = kiosk.state()["controls"][control];  // [x0, y0, x1, y1]
        InputEvent e;
        e.kind = InputEvent::Pointer;
        e.t = t;
        e.pointer = {0, down ? PointerEvent::Down : PointerEvent::Up,
                     {(r[0].get<float>() + r[2].get<float>()) / 2, (r[1].get<float>() + r[3].get<float>()) / 2},
                     t, PointerEvent::Mouse};
        kiosk.handle({e});
    }
    sf::Image image() { return screen.getSize().x ? screen : target.getTexture().copyToImage(); }
    sf::Image screen;  // what the window shows
};

}  // namespace

// The child: runs under xvfb-run, started by the test below.
TEST_CASE("child process: partial frames under Xvfb", "[.partial-frames-child]") {
    if (!std::getenv("DISPLAY")) FAIL("needs a display: run through the test \"partial frames: ...\"");
    app::KioskDataLoad a = app::load_kiosk_data(kRoot, true), b = app::load_kiosk_data(kRoot, true);
    REQUIRE(a.data);
    REQUIRE(b.data);
    // Half a minute before the countdown's next minute: the banner stays the same while the test runs.
    const auto now = *parse_now("2024-05-01T10:00:30", nullptr);
    Screen partial(std::move(*a.data), now), whole(std::move(*b.data), now);

    // Both start with a complete frame, then settle (ImGui sizes its windows over the first frames).
    for (int i = 0; i < 3; ++i) {
        partial.frame(0);
        whole.frame(0);
    }
    const render::PixelRect screen{0, 0, 1920, 1080};
    const render::PixelRect map =
        render::PixelRect::covering(ui::to_screen_rect(partial.kiosk.layout().map_area));

    const render::PixelRect controls =
        render::PixelRect::covering(ui::to_screen_rect(partial.kiosk.layout().map_controls));

    // One change applied to both kiosks, then a frame of each; the partial one's screen must be the whole one's.
    // `may_scroll`: a whole-pixel pan, which the partial kiosk scrolls unless a label appears or vanishes at the
    // map area's edge (then it repaints the map). A scrolled frame keeps the quality of the pixels it moves: after
    // a rest (`after_rest`) those are the full-quality ones, which the whole kiosk draws a second later.
    struct Step {
        long area = 0;  // pixels repainted
        bool scrolled = false;
    };
    auto step = [&](const char* what, auto&& change, bool expect_map_only, bool may_scroll = false,
                    bool after_rest = false) {
        change(partial);
        change(whole);
        const render::Frame f = partial.present(1, true);
        const render::PixelRect repainted = f.bounds();
        whole.frame(0);
        if (after_rest && f.scrolls()) {
            whole.t += 1.0;
            whole.frame(0);
        }
        CHECK((!f.scrolls() || may_scroll));
        // Scrolled pixels were drawn at the previous view: the same picture moved by whole pixels, but the
        // rasteriser computes the antialiased edges at other float positions, a level or two of coverage apart.
        const Difference d = compare(partial.image(), whole.image(), f.scrolls() ? 6 : 0);
        if (d.pixels > 0 && std::getenv("QMI_TEST_DUMP")) {
            partial.image().saveToFile(std::string(std::getenv("QMI_TEST_DUMP")) + "/" + what + "-partial.png");
            whole.image().saveToFile(std::string(std::getenv("QMI_TEST_DUMP")) + "/" + what + "-whole.png");
        }
        INFO(what << ": repainted " << describe(repainted) << (f.scrolls() ? " after a scroll" : "") << "; "
                  << d.pixels << " pixels differ, in " << describe(d.box));
        CHECK(d.pixels == 0);
        if (expect_map_only && !f.scrolls()) {
            // The map area (and the banner's bottom rule, drawn into its first rows), and the zoom buttons beside
            // it (enabled or not), not the banner or the panel.
            CHECK_FALSE(repainted.empty());
            CHECK(repainted.width() * repainted.height() < screen.width() * screen.height() * 3 / 4);
            CHECK(repainted.y0 >= map.y0 - 4);
            CHECK(repainted.x1 <= std::max(map.x1, controls.x1));
        }
        Step out;
        out.scrolled = f.scrolls();
        for (const render::PixelRect& r : f.rects) out.area += static_cast<long>(r.width()) * r.height();
        return out;
    };

    // Nothing changed: nothing to repaint.
    CHECK(partial.frame(1).empty());
    step("pan", [](Screen& s) { s.kiosk.map().camera().pan_by({120.5, -45.25}); }, true);
    step("pinch zoom", [](Screen& s) { s.kiosk.map().camera().zoom_at({700, 600}, 1.7); }, true);
    step("more pan", [](Screen& s) { s.kiosk.map().camera().pan_by({0, 80}); }, true, true);
    // A mouse drag moves by whole pixels: the window's pixels are moved, only the uncovered strips (and the
    // banner's rule over the map's first rows) are repainted.
    int scrolled = 0;
    for (int i = 0; i < 4; ++i) {
        const Step drag = step("drag down", [](Screen& s) { s.kiosk.map().camera().pan_by({0, 6}); }, true, true);
        if (drag.scrolled) {
            ++scrolled;
            CHECK(drag.area < static_cast<long>(map.width()) * map.height() / 8);
        }
    }
    for (int i = 0; i < 4; ++i)
        scrolled += step("drag up and left", [](Screen& s) { s.kiosk.map().camera().pan_by({-5, -3}); }, true, true)
                        .scrolled;
    CHECK(scrolled >= 4);  // most small steps bring no label in or out
    // A finger moves by fractions of a pixel: drawn again.
    step("touch pan", [](Screen& s) { s.kiosk.map().camera().pan_by({10.5, 3.25}); }, true);
    // The view rests: one full-quality frame of the map, repainted over the moving-quality one.
    step("rest", [](Screen& s) { s.t += 1.0; }, true);
    CHECK(partial.frame(1).empty());
    // The first step of a drag moves the full-quality pixels (the labels keep their halo)...
    step("drag after rest", [](Screen& s) { s.kiosk.map().camera().pan_by({0, 5}); }, true, true, true);
    // ...and the view at rest again is drawn whole, at full quality.
    step("rest again", [](Screen& s) { s.t += 1.0; }, true);
    // A district is selected: its card replaces the introduction, the map shows its outline.
    step("select Athis-Mons", [](Screen& s) {
        s.kiosk.select_by_code_or_name("91027");
        s.t += 1.0;
    }, false);
    step("settle", [](Screen& s) { s.t += 1.0; }, false);
    step("select Aubervilliers", [](Screen& s) {
        s.kiosk.select_by_code_or_name("93001");
        s.t += 1.0;
    }, false);
    step("settle again", [](Screen& s) { s.t += 1.0; }, false);
    // The language button: every text changes, the map does not.
    const nlohmann::json before = partial.kiosk.state()["language"];
    step("press English", [&](Screen& s) { s.click("language", true); }, false);
    step("release English", [&](Screen& s) { s.click("language", false); }, false);
    step("the texts in English", [](Screen&) {}, false);
    CHECK(partial.kiosk.state()["language"] != before);
    CHECK(partial.kiosk.state()["language"] == whole.kiosk.state()["language"]);
}

TEST_CASE("partial frames: repainting only what changed over the previous frame gives the picture of a whole frame") {
    if (!map_cache_present()) FAIL("map cache missing under " << (kRoot / "maps" / "cache") << ": run kiosk/setup");
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    REQUIRE(n > 0);
    self[n] = '\0';
    const qmi::gltest::Run r = qmi::gltest::run_under_xvfb_exe(self, "\"[.partial-frames-child]\"");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("All tests passed") != std::string::npos);
}
