// End-to-end: staff access as a person at the kiosk sees it. The corner hold answers with a ring that grows under
// the finger; the PIN pad and the staff menu dim the WHOLE screen (header, banner and panel too), so nothing behind
// them looks tappable.
#include <catch2/catch.hpp>

#include <string>

#include "replay_support.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

using namespace qmi::gltest;

namespace {

// Accent-blue pixels in the top-left 300 px square (where the ring is drawn, beside the corner).
int ring_pixels(const Image& img) {
    const qmi::ui::Rgba8 a = qmi::ui::palette::accent;
    return img.count(0, 0, 300, 300, a.r, a.g, a.b, 10);
}

double mean_brightness(const Image& img, int x0, int y0, int x1, int y1) {
    double sum = 0;
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const unsigned char* p = img.at(x, y);
            sum += (p[0] + p[1] + p[2]) / 3.0;
            ++n;
        }
    return n ? sum / n : 0;
}

}  // namespace

TEST_CASE("staff: a ring grows under the finger holding the corner, and only for a real hold") {
    require_xvfb_and_map(kRoot);
    const std::string hold = touch(0.1, "down", 1, 12, 14) + touch(4.0, "up", 1, 12, 14);
    const std::string pngs[3] = {temp("ring-0.4.png"), temp("ring-2.png"), temp("ring-3.5.png")};
    const Result r = replay("ring", hold,
                            "--replay-tail 0.2 --capture-at 0.4:\"" + pngs[0] + "\" --capture-at 2:\"" + pngs[1] +
                                "\" --capture-at 3.5:\"" + pngs[2] + "\"");
    const int early = ring_pixels(load_png(pngs[0])), mid = ring_pixels(load_png(pngs[1])),
              late = ring_pixels(load_png(pngs[2]));
    INFO("accent pixels near the corner: 0.3 s " << early << ", 1.9 s " << mid << ", 3.4 s " << late);
    const int none = ring_pixels(r.image);  // lifted after 3.9 s: no ring, no pad
    CHECK(mid > early + 50);   // a brief touch shows nothing; after two seconds the ring is there
    CHECK(late > mid + 100);   // and it fills
    CHECK(none < mid);
    CHECK(r.state["pin_pad_open"] == false);
}

TEST_CASE("staff: the PIN pad and the staff menu dim the whole screen, header and panel included") {
    require_xvfb_and_map(kRoot);
    const Result plain = replay("undimmed", "# nothing\n");
    std::string s = touch(0.1, "down", 1, 12, 14) + touch(5.7, "up", 1, 12, 14);
    const Result pad = replay("pad-dim", s);
    REQUIRE(pad.state["pin_pad_open"] == true);
    double t = 6.0;
    for (const char* k : {"2", "4", "6", "8", "Enter"}) {
        s += "{\"t\":" + std::to_string(t) + ",\"type\":\"key\",\"key\":\"" + k + "\"}\n";
        t += 0.1;
    }
    const Result menu = replay("menu-dim", s);
    REQUIRE(menu.state["staff_menu_open"] == true);
    const qmi::ui::Layout l = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    // The header's left end, the panel's right end: never under the centred card, always bright without it.
    const int hx0 = 0, hy0 = 0, hx1 = 300, hy1 = static_cast<int>(l.header.max.y);
    const int px0 = static_cast<int>(l.panel.max.x) - 120, py0 = static_cast<int>(l.panel.min.y),
              px1 = static_cast<int>(l.panel.max.x), py1 = static_cast<int>(l.panel.max.y);
    for (const Result* dimmed : {&pad, &menu}) {
        CHECK(mean_brightness(dimmed->image, hx0, hy0, hx1, hy1) < 0.75 * mean_brightness(plain.image, hx0, hy0, hx1, hy1));
        CHECK(mean_brightness(dimmed->image, px0, py0, px1, py1) < 0.75 * mean_brightness(plain.image, px0, py0, px1, py1));
    }
}
