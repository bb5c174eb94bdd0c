// End-to-end: the real qmi-kiosk, under Xvfb (Mesa llvmpipe), renders one frame with --screenshot; the tests look
// at the PNG the way a visitor looks at the screen. Regions come from the same layout code the kiosk uses.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <stb_image.h>

#include "kiosk_runner.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = QMI_SOURCE_ROOT;

using qmi::gltest::Run;

Run run(const std::string& args) { return qmi::gltest::run_under_xvfb(args); }

void require_map_cache() { qmi::gltest::require_xvfb_and_map(kRoot); }

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;

    const unsigned char* at(int x, int y) const { return &rgba[(static_cast<size_t>(y) * w + x) * 4]; }
};

// Renders with the given arguments and loads the PNG; fails the test with the kiosk's output if anything goes wrong.
Image screenshot(const std::string& name, const std::string& args) {
    require_map_cache();
    const fs::path out = fs::temp_directory_path() / ("qmi-gl-" + std::to_string(getpid()) + "-" + name + ".png");
    fs::remove(out);
    const Run r = run("--root \"" + kRoot.string() + "\" --now 2024-05-01T10:00 --screenshot \"" + out.string() +
                      "\" " + args);
    INFO("qmi-kiosk output:\n" << r.output);
    REQUIRE(r.exit_code == 0);
    REQUIRE(fs::exists(out));
    Image img;
    int n = 0;
    unsigned char* data = stbi_load(out.string().c_str(), &img.w, &img.h, &n, 4);
    REQUIRE(data != nullptr);
    img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
    stbi_image_free(data);
    fs::remove(out);
    return img;
}

bool near(const unsigned char* p, qmi::ui::Rgba8 c, int tol) {
    return std::abs(p[0] - c.r) <= tol && std::abs(p[1] - c.g) <= tol && std::abs(p[2] - c.b) <= tol;
}

struct ColourStats {
    long count = 0;
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
};

ColourStats find(const Image& img, qmi::ui::Rgba8 c, const qmi::ui::Rect& r, int tol = 10) {
    ColourStats s;
    for (int y = static_cast<int>(r.min.y); y < static_cast<int>(r.max.y) && y < img.h; ++y)
        for (int x = static_cast<int>(r.min.x); x < static_cast<int>(r.max.x) && x < img.w; ++x)
            if (near(img.at(x, y), c, tol)) {
                ++s.count;
                s.x0 = std::min(s.x0, x);
                s.y0 = std::min(s.y0, y);
                s.x1 = std::max(s.x1, x);
                s.y1 = std::max(s.y1, y);
            }
    return s;
}

qmi::ui::Rect whole(const Image& img) { return {{0, 0}, {static_cast<float>(img.w), static_cast<float>(img.h)}}; }

// Pixels that differ noticeably between two images inside `r`.
long differing(const Image& a, const Image& b, const qmi::ui::Rect& r) {
    long n = 0;
    for (int y = static_cast<int>(r.min.y); y < static_cast<int>(r.max.y); ++y)
        for (int x = static_cast<int>(r.min.x); x < static_cast<int>(r.max.x); ++x) {
            const unsigned char *p = a.at(x, y), *q = b.at(x, y);
            if (std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 48) ++n;
        }
    return n;
}

long area(const qmi::ui::Rect& r) { return static_cast<long>(r.width()) * static_cast<long>(r.height()); }

// The QMI districts lie all over the Métropole (Argenteuil in the north-west, Aulnay-sous-Bois in the north-east,
// Athis-Mons in the south...): the box around their colours shows whether the whole Métropole is on screen.
void check_whole_metropole_visible(const Image& img, const qmi::ui::Layout& layout) {
    namespace pal = qmi::ui::palette;
    const qmi::ui::Rect& map = layout.map_area;
    const ColourStats blue = find(img, pal::promotion_1, map);
    const ColourStats orange = find(img, pal::promotion_2, map);
    INFO("blue px " << blue.count << ", orange px " << orange.count);
    REQUIRE(blue.count > 800);
    REQUIRE(orange.count > 800);
    const int x0 = std::min(blue.x0, orange.x0), x1 = std::max(blue.x1, orange.x1);
    const int y0 = std::min(blue.y0, orange.y0), y1 = std::max(blue.y1, orange.y1);
    INFO("districts span x " << x0 << ".." << x1 << ", y " << y0 << ".." << y1 << " in map area " << map.min.x
                             << "," << map.min.y << " .. " << map.max.x << "," << map.max.y);
    // Not cut by the edges of the map area...
    CHECK(x0 > map.min.x + 2);
    CHECK(y0 > map.min.y + 2);
    CHECK(x1 < map.max.x - 2);
    CHECK(y1 < map.max.y - 2);
    // ...and large: the Métropole fills the area along at least one side.
    CHECK(std::max((x1 - x0) / map.width(), (y1 - y0) / map.height()) > 0.55);
}

}  // namespace

TEST_CASE("landscape 1920x1080: the whole Métropole with both promotion colours, legend and attribution") {
    const Image img = screenshot("landscape", "");
    REQUIRE(img.w == 1920);
    REQUIRE(img.h == 1080);
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    check_whole_metropole_visible(img, layout);
    // The legend repeats both promotion colours as swatches.
    CHECK(find(img, qmi::ui::palette::promotion_1, layout.legend).count > 50);
    CHECK(find(img, qmi::ui::palette::promotion_2, layout.legend).count > 50);
    // The attribution strip carries dark text on its light background.
    CHECK(find(img, qmi::ui::palette::ink_muted, layout.attribution, 40).count > 100);
}

TEST_CASE("portrait 1080x1920 also shows the whole Métropole") {
    const Image img = screenshot("portrait", "--size 1080x1920");
    REQUIRE(img.w == 1080);
    REQUIRE(img.h == 1920);
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(1080, 1920), qmi::gltest::xvfb_px_per_mm(1920));
    REQUIRE(layout.orientation == qmi::ui::Orientation::Portrait);
    check_whole_metropole_visible(img, layout);
}

TEST_CASE("selecting a district (91027) zooms to it, dims the rest, outlines it and fills the panel, and English differs") {
    namespace pal = qmi::ui::palette;
    const Image none = screenshot("none", "");
    const Image fr = screenshot("fr-91027", "--select 91027");
    const Image en = screenshot("en-91027", "--select 91027 --lang en");
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const qmi::ui::Rect& panel = layout.panel;

    // The panel is drawn (light card with dark text), and it changed from the introduction to the district.
    CHECK(find(fr, pal::surface, panel, 6).count > area(panel) / 3);
    CHECK(find(fr, pal::ink, panel, 40).count > 500);
    CHECK(differing(none, fr, panel) > area(panel) / 50);
    // Same district, other language: the panel text differs.
    CHECK(differing(fr, en, panel) > 500);

    // On the map: the selection outline's accent colour appears only with a selection, and the view zoomed in
    // (the selected district, orange, now covers far more pixels than at the overview).
    CHECK(find(none, pal::selection_accent, layout.map_area, 12).count == 0);
    CHECK(find(fr, pal::selection_accent, layout.map_area, 12).count > 200);
    // Zoomed in: Athis-Mons alone now shows more orange than all six second-promotion districts of the overview.
    CHECK(find(fr, pal::promotion_2, layout.map_area).count > 2 * find(none, pal::promotion_2, layout.map_area).count);
    // Everything but the selection recedes under the white veil: the plain grey of the other communes is gone from
    // the map, their dimmed grey is everywhere.
    const float map_px = layout.map_area.width() * layout.map_area.height();
    CHECK(find(none, pal::other_commune, layout.map_area, 3).count > map_px / 6);
    CHECK(find(fr, pal::other_commune, layout.map_area, 3).count < map_px / 100);
    CHECK(find(fr, qmi::ui::dimmed(pal::other_commune), layout.map_area, 3).count > map_px / 3);
    const ColourStats sel = find(fr, pal::selection_accent, layout.map_area, 12);
    // Large enough to read, small enough that its neighbours stay in view for orientation.
    const float span = std::max((sel.x1 - sel.x0) / layout.map_area.width(), (sel.y1 - sel.y0) / layout.map_area.height());
    INFO("selection outline spans " << span << " of the map area");
    CHECK(span > 0.2f);
    CHECK(span < 0.6f);
    const float cx = (sel.x0 + sel.x1) / 2.0f, cy = (sel.y0 + sel.y1) / 2.0f;
    INFO("selection outline centre " << cx << "," << cy);
    // Centred in the map area.
    CHECK(std::abs(cx - (layout.map_area.min.x + layout.map_area.max.x) / 2) < layout.map_area.width() * 0.1);
    CHECK(std::abs(cy - (layout.map_area.min.y + layout.map_area.max.y) / 2) < layout.map_area.height() * 0.1);
}

TEST_CASE("a 4K picture keeps the screen's millimetres and gives the map the room, not a small map in a corner") {
    const Image img = screenshot("4k", "--size 3840x2160");
    REQUIRE(img.w == 3840);
    REQUIRE(img.h == 2160);
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(3840, 2160), qmi::gltest::xvfb_px_per_mm(1920));
    const qmi::ui::Layout hd = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    CHECK(layout.fonts.body == hd.fonts.body);  // same density (the X screen's), same text in pixels
    CHECK(layout.map_area.width() > 2 * hd.map_area.width());
    check_whole_metropole_visible(img, layout);
}

TEST_CASE("without valid content the kiosk refuses to start with one clear line") {
    const fs::path root = fs::temp_directory_path() / ("qmi-gl-badroot-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "config");
    fs::create_directories(root / "maps");
    fs::copy_file(kRoot / "maps" / "membership.json", root / "maps" / "membership.json");
    fs::copy_file(kRoot / "config" / "ui-text.json", root / "config" / "ui-text.json");
    std::ofstream(root / "config" / "content.json") << "{\"version\": 3";  // truncated
    const Run r = run("--root \"" + root.string() + "\" --screenshot \"" + (root / "x.png").string() + "\"");
    INFO(r.output);
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("refusing to start") != std::string::npos);
    CHECK(r.output.find("content.json") != std::string::npos);
    CHECK_FALSE(fs::exists(root / "x.png"));
    fs::remove_all(root);
}

TEST_CASE("a missing map cache is a clear message, not a crash") {
    const fs::path root = fs::temp_directory_path() / ("qmi-gl-nomap-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "maps");
    fs::copy(kRoot / "config", root / "config", fs::copy_options::recursive);
    fs::copy_file(kRoot / "maps" / "membership.json", root / "maps" / "membership.json");
    const Run r = run("--root \"" + root.string() + "\" --screenshot \"" + (root / "x.png").string() + "\"");
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("--fetch-maps") != std::string::npos);
    CHECK_FALSE(fs::exists(root / "x.png"));
    fs::remove_all(root);
}

TEST_CASE("a tap on the map selects the commune under the finger, a tap outside the Métropole closes the card") {
    namespace pal = qmi::ui::palette;
    const qmi::ui::Layout layout = qmi::ui::make_layout(ImVec2(1920, 1080), qmi::gltest::xvfb_px_per_mm(1920));
    const qmi::ui::Rect& panel = layout.panel;
    // A little north-west of the map area's centre: Paris, a member without a district, away from the names of
    // the small communes around the centre (a tap on a name selects that name's commune).
    const ImVec2 centre((layout.map_area.min.x + layout.map_area.max.x) / 2 - 0.08f * layout.map_area.width(),
                        (layout.map_area.min.y + layout.map_area.max.y) / 2 - 0.1f * layout.map_area.height());
    const std::string tap = "--tap " + std::to_string(static_cast<int>(centre.x)) + "," +
                            std::to_string(static_cast<int>(centre.y));
    const Image none = screenshot("tap-none", "");
    const Image one = screenshot("tap-one", tap);  // Paris
    CHECK(differing(none, one, panel) > area(panel) / 50);
    CHECK(find(one, pal::selection_accent, layout.map_area, 12).count > 200);

    // Then a tap in the bottom-left corner of the map area, outside the Métropole: the card closes, the panel
    // shows the introduction again and the outline is gone.
    const std::string corner = " --tap " + std::to_string(static_cast<int>(layout.map_area.min.x) + 20) + "," +
                               std::to_string(static_cast<int>(layout.map_area.max.y) - 20);
    const Image closed = screenshot("tap-closed", tap + corner);
    CHECK(differing(none, closed, panel) < area(panel) / 200);
    CHECK(find(closed, pal::selection_accent, layout.map_area, 12).count == 0);
}
