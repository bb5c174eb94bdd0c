// A frame that repaints only what changed (KioskView::draw with a buffer age) over the frame before it must give
// exactly the picture of a frame drawn whole: a visitor never sees a stale strip of map, a half-updated banner or a
// label left behind. The test process runs itself again under Xvfb (the GL work needs a display), draws the same
// sequence through two views, one repainting partially into the same offscreen target, one drawing every frame
// whole, and compares the pixels.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>

#include "app/kiosk_data.hpp"
#include "app/kiosk_view.hpp"
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

// Pixels whose colour differs at all, and their bounding box.
struct Difference {
    long pixels = 0;
    render::PixelRect box;
};

Difference compare(const sf::Image& a, const sf::Image& b) {
    Difference d;
    const sf::Vector2u s = a.getSize();
    const sf::Uint8* p = a.getPixelsPtr();
    const sf::Uint8* q = b.getPixelsPtr();
    for (unsigned y = 0; y < s.y; ++y)
        for (unsigned x = 0; x < s.x; ++x) {
            const size_t i = (static_cast<size_t>(y) * s.x + x) * 4;
            if (p[i] != q[i] || p[i + 1] != q[i + 1] || p[i + 2] != q[i + 2]) {
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

// One kiosk view on its own offscreen target and a clock the test moves.
struct Screen {
    app::KioskView view;
    sf::RenderTexture target;
    double t = 100.0;

    Screen(const app::KioskData& data, date::sys_seconds now) : view(data, Lang::Fr, app::KioskClock(now)) {
        view.set_input_clock([this] { return t; });
        view.prepare(1920, 1080);
        REQUIRE(target.create(1920, 1080));
        REQUIRE(target.setActive(true));
        REQUIRE(view.init_gpu());
        view.warm_up();
    }
    render::PixelRect frame(unsigned age) {
        target.setActive(true);
        const render::PixelRect r = view.draw(target, 1.0 / 60, age);
        target.display();
        return r;
    }
    sf::Image image() { return target.getTexture().copyToImage(); }
};

}  // namespace

// The child: runs under xvfb-run, started by the test below.
TEST_CASE("child process: partial frames under Xvfb", "[.partial-frames-child]") {
    if (!std::getenv("DISPLAY")) FAIL("needs a display: run through the test \"partial frames: ...\"");
    app::KioskDataLoad load = app::load_kiosk_data(kRoot, true);
    REQUIRE(load.data);
    const app::KioskData& data = *load.data;
    // Half a minute before the countdown's next minute: the banner stays the same while the test runs.
    const auto now = *parse_now("2024-05-01T10:00:30", nullptr);
    Screen partial(data, now), whole(data, now);

    // Both start with a complete frame, then settle (ImGui sizes its windows over the first frames).
    for (int i = 0; i < 3; ++i) {
        partial.frame(0);
        whole.frame(0);
    }
    const render::PixelRect screen{0, 0, 1920, 1080};
    const render::PixelRect map =
        render::PixelRect::covering(ui::to_screen_rect(partial.view.layout().map_area));

    auto step = [&](const char* what, auto&& change, bool expect_map_only) {
        change(partial);
        change(whole);
        const render::PixelRect repainted = partial.frame(1);
        whole.frame(0);
        const Difference d = compare(partial.image(), whole.image());
        INFO(what << ": repainted " << describe(repainted) << "; " << d.pixels << " pixels differ, in "
                  << describe(d.box));
        CHECK(d.pixels == 0);
        if (expect_map_only) {
            // The map area (and the banner's bottom rule, drawn into its first rows), not the banner or the panel.
            CHECK_FALSE(repainted.empty());
            CHECK(repainted.width() * repainted.height() < screen.width() * screen.height() * 3 / 4);
            CHECK(repainted.y0 >= map.y0 - 4);
            CHECK(repainted.x1 <= map.x1);
        }
        return repainted;
    };

    // Nothing changed: nothing to repaint.
    CHECK(partial.frame(1).empty());
    step("pan", [](Screen& s) { s.view.camera().pan_by({120, -45}); }, true);
    step("pinch zoom", [](Screen& s) { s.view.camera().zoom_at({700, 600}, 1.7); }, true);
    step("more pan", [](Screen& s) { s.view.camera().pan_by({-30, 80}); }, true);
    // The view rests: one full-quality frame of the map, repainted over the moving-quality one.
    step("rest", [](Screen& s) { s.t += 1.0; }, true);
    CHECK(partial.frame(1).empty());
    // A district is selected: its card replaces the introduction, the map shows its outline.
    step("select Athis-Mons", [](Screen& s) {
        s.view.select_by_code_or_name("91027", false);
        s.t += 1.0;
    }, false);
    step("settle", [](Screen& s) { s.t += 1.0; }, false);
    step("close the card", [](Screen& s) {
        s.view.select(std::nullopt, false);
        s.t += 1.0;
    }, false);
    // The language button: every text changes, the map does not.
    auto click = [](Screen& s, bool down) {
        sf::Event e;
        e.type = down ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
        e.mouseButton.button = sf::Mouse::Left;
        e.mouseButton.x = 798;
        e.mouseButton.y = 79;
        s.view.handle_event(e);
    };
    const Lang before = partial.view.lang();
    step("press English", [&](Screen& s) { click(s, true); }, false);
    step("release English", [&](Screen& s) { click(s, false); }, false);
    step("the texts in English", [](Screen&) {}, false);
    CHECK(partial.view.lang() != before);
    CHECK(partial.view.lang() == whole.view.lang());
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
