// End to end on screen: the real kiosk under Xvfb, on the bundled content, at instants in each state of the calls.
// The state badge is a pill of its state's colour at the left of the banner (vermillion on the last day, when the
// sentence turns vermillion too), and the QR card is there in every state, since the programme page is a source.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <stb_image.h>

#include "kiosk_runner.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = QMI_SOURCE_ROOT;

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;
};

Image banner_at(const std::string& name, const std::string& now, const std::string& lang) {
    for (const char* d : {"75", "77", "78", "91", "92", "93", "94", "95"})
        if (!fs::exists(kRoot / "maps" / "cache" / (std::string("communes-") + d + ".geojson")))
            FAIL("map cache missing under " << (kRoot / "maps" / "cache") << ": run kiosk/setup");
    const fs::path out = fs::temp_directory_path() / ("qmi-gl-state-" + std::to_string(getpid()) + "-" + name + ".png");
    fs::remove(out);
    const auto r = qmi::gltest::run_under_xvfb("--root \"" + kRoot.string() + "\" --now " + now + " --lang " + lang +
                                               " --size 1920x1080 --screenshot \"" + out.string() + "\"");
    INFO("qmi-kiosk output:\n" << r.output);
    REQUIRE(r.exit_code == 0);
    Image img;
    int n = 0;
    unsigned char* data = stbi_load(out.string().c_str(), &img.w, &img.h, &n, 4);
    REQUIRE(data);
    img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
    stbi_image_free(data);
    fs::remove(out);
    return img;
}

long count(const Image& img, qmi::ui::Rgba8 c, const qmi::ui::Rect& r, int tol = 6) {
    long n = 0;
    for (int y = static_cast<int>(r.min.y); y < static_cast<int>(r.max.y) && y < img.h; ++y)
        for (int x = static_cast<int>(r.min.x); x < static_cast<int>(r.max.x) && x < img.w; ++x) {
            const unsigned char* p = &img.rgba[(static_cast<size_t>(y) * img.w + x) * 4];
            if (std::abs(p[0] - c.r) <= tol && std::abs(p[1] - c.g) <= tol && std::abs(p[2] - c.b) <= tol) ++n;
        }
    return n;
}

}  // namespace

TEST_CASE("on screen: the state badge's colour in each state, vermillion only on the last day, the call's districts ringed in it, the QR card always") {
    namespace pal = qmi::ui::palette;
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const qmi::ui::Rect& banner = layout.banner;
    struct Case {
        const char* name;
        const char* now;
        const char* lang;
        qmi::ui::Rgba8 badge;
    };
    for (const Case& c : {Case{"before", "2024-05-01T10:00", "fr", pal::state_upcoming},
                          Case{"open", "2024-05-20T10:00", "en", pal::state_open},
                          Case{"last-day", "2024-06-16T10:00", "fr", pal::state_last_day},
                          Case{"between", "2024-07-01T10:00", "en", pal::state_upcoming},
                          Case{"after", "2026-12-02T10:00", "fr", pal::state_closed}}) {
        INFO(c.name);
        const Image img = banner_at(c.name, c.now, c.lang);
        // The pill: a solid block of its colour (a badge of ~120 x 40 px has thousands of pixels).
        CHECK(count(img, c.badge, banner) > 1500);
        const long vermillion = count(img, pal::state_last_day, banner, 30);
        if (std::string(c.name) == "last-day") CHECK(vermillion > 3000);  // pill + the sentence's letters
        else CHECK(vermillion < 50);
        // The QR card: its modules are the only pure black in its card.
        CHECK(count(img, pal::qr_dark, layout.qr, 8) > 2000);
        // While a call names its districts (announced, open, last day), they are ringed on the map in the badge's
        // colour (three districts, a 4 px ring: thousands of pixels) and the legend says what the ring means;
        // after the last call nothing is ringed.
        const long ring = count(img, c.badge, layout.map_area, 4);
        const long key = count(img, c.badge, layout.legend, 4);
        INFO("ring pixels " << ring << ", legend " << key);
        if (std::string(c.name) == "after") {
            for (const qmi::ui::Rgba8 k : {pal::state_upcoming, pal::state_open, pal::state_last_day}) {
                CHECK(count(img, k, layout.map_area, 4) < 50);
                CHECK(count(img, k, layout.legend, 4) == 0);
            }
        } else {
            CHECK(ring > 1000);
            CHECK(key > 20);
        }
    }
}
