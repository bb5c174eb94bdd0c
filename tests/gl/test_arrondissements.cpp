// End-to-end: Paris's arrondissements on the real kiosk. Zoomed in on Paris the numbers and the lines between the
// arrondissements show (not at the overview); a tap on the 8th selects Paris and its card names the 8th; a kiosk
// without arrondissements-75.geojson starts, draws Paris as one shape and still selects Paris.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "replay_support.hpp"
#include "ui/theme.hpp"

using namespace qmi::gltest;

namespace {

std::string tap(double t, int id, float x, float y) {
    return touch(t, "down", id, x, y) + touch(t + 0.06, "up", id, x, y);
}

// Seven wheel notches about a point: Paris about 2.7 times the overview's size, where the numbers show.
std::string zoom_in(float x, float y, int notches = 7) {
    std::string s;
    for (int i = 0; i < notches; ++i) {
        char buf[120];
        std::snprintf(buf, sizeof buf, "{\"t\":%.2f,\"type\":\"wheel\",\"x\":%.1f,\"y\":%.1f,\"delta\":1}\n",
                      0.1 + 0.1 * i, x, y);
        s += buf;
    }
    return s;
}

void require_arrondissements() {
    require_xvfb_and_map(kRoot);
    if (!fs::exists(kRoot / "maps" / "cache" / "arrondissements-75.geojson"))
        skip("maps/cache/arrondissements-75.geojson missing: run kiosk/setup (or qmi-kiosk --fetch-maps)");
}

// replay() in another kiosk root, the map source pointed at nothing (no fetch can bring files in).
Result replay_in(const fs::path& root, const std::string& name, const std::string& script, const std::string& args) {
    const std::string script_path = temp(name + ".jsonl"), png = temp(name + ".png"), state = temp(name + ".json");
    std::ofstream(script_path) << script;
    fs::remove(png);
    fs::remove(state);
    Result r;
    r.run = run_with_display("QMI_MAP_SOURCE=/nonexistent \"" QMI_KIOSK_EXE "\" --root \"" + root.string() +
                             "\" --now 2024-05-01T10:00 --replay \"" + script_path + "\" --screenshot \"" + png +
                             "\" --state-out \"" + state + "\" " + args);
    INFO("qmi-kiosk output:\n" << r.run.output);
    REQUIRE(r.run.exit_code == 0);
    r.image = load_png(png);
    r.state = load_json(state);
    REQUIRE(r.state.is_object());
    return r;
}

// A kiosk root with the same commune contours as the repository's, and no arrondissements file.
struct RootWithoutArrondissements {
    fs::path root = fs::temp_directory_path() / ("qmi-no-arr-" + std::to_string(getpid()));
    RootWithoutArrondissements() {
        fs::remove_all(root);
        fs::create_directories(root / "config");
        fs::create_directories(root / "maps" / "cache");
        for (const char* f : {"config/content.json", "config/kiosk.json", "config/ui-text.json", "maps/membership.json"})
            fs::copy_file(kRoot / f, root / f);
        for (const char* d : {"75", "77", "78", "91", "92", "93", "94", "95"}) {
            const std::string f = std::string("maps/cache/communes-") + d + ".geojson";
            fs::copy_file(kRoot / f, root / f);
        }
    }
    ~RootWithoutArrondissements() { fs::remove_all(root); }
};

std::pair<float, float> label_centre(const nlohmann::json& labels, const std::string& key, const std::string& value) {
    for (const auto& l : labels)
        if (l[key] == value) return centre(l["rect"]);
    FAIL("no visible label with " << key << " = " << value << " in " << labels.dump());
    return {0, 0};
}

// Pixels of the arrondissement border colour in the box around Paris's middle (half a Paris wide at the zoom).
int border_pixels(const Image& img, std::pair<float, float> c, int half) {
    constexpr auto b = qmi::ui::palette::arrondissement_border;
    return img.count(static_cast<int>(c.first) - half, static_cast<int>(c.second) - half,
                     static_cast<int>(c.first) + half, static_cast<int>(c.second) + half, b.r, b.g, b.b, 10);
}

}  // namespace

TEST_CASE("arrondissements: zoomed in on Paris the numbers and inner borders show, not at the overview, and a tap on "
          "the 8th selects Paris whose card names it") {
    require_arrondissements();
    // Where Paris is at the overview: its name's label.
    const Result overview = replay("arr-overview", "# nothing\n", "--replay-tail 0.1");
    CHECK(overview.state["arrondissement_labels"].empty());
    CHECK(overview.state["arrondissements_loaded"] == 20);
    const auto paris = label_centre(overview.state["labels"], "insee", "75056");
    const int overview_lines = border_pixels(overview.image, paris, 60);

    const Result zoomed = replay("arr-zoomed", zoom_in(paris.first, paris.second), "--replay-tail 0.5");
    CHECK(zoomed.state["zoom_scale"].get<double>() > 2.5);
    CHECK(zoomed.state["arrondissement_labels"].size() >= 15);
    const auto eighth = label_centre(zoomed.state["arrondissement_labels"], "insee", "75108");
    CHECK(label_centre(zoomed.state["arrondissement_labels"], "text", "8e") == eighth);
    // The lines between arrondissements, in their colour, across Paris's middle (none of the map's other lines
    // runs there); at the overview that box holds next to none.
    const int zoomed_lines = border_pixels(zoomed.image, paris, 200);
    WARN("arrondissement border pixels around Paris's middle: " << zoomed_lines << " zoomed in, " << overview_lines
                                                                << " at the overview");
    CHECK(zoomed_lines > 400);
    CHECK(overview_lines < 40);

    const Result tapped = replay("arr-tap-8", zoom_in(paris.first, paris.second) + tap(1.5, 1, eighth.first, eighth.second),
                                 "--replay-tail 1");
    CHECK(tapped.state["selected"] == "75056");
    CHECK(tapped.state["panel_title"] == "Paris");
    REQUIRE(tapped.state["arrondissement"].is_object());
    CHECK(tapped.state["arrondissement"]["insee"] == "75108");
    CHECK(tapped.state["arrondissement"]["number"] == 8);
    CHECK(tapped.state["arrondissement"]["card"] == "8e \xE2\x80\x94 Élysée");
    // The view stays close enough for the numbers.
    CHECK_FALSE(tapped.state["arrondissement_labels"].empty());

    const Result english = replay("arr-tap-8-en",
                                  zoom_in(paris.first, paris.second) + tap(1.5, 1, eighth.first, eighth.second),
                                  "--replay-tail 1 --lang en");
    CHECK(english.state["selected"] == "75056");
    CHECK(english.state["arrondissement"]["card"] == "8th \xE2\x80\x94 Élysée");
    CHECK(label_centre(english.state["arrondissement_labels"], "text", "8th").first > 0);
}

TEST_CASE("arrondissements: Paris chosen without a tap (--select) has no arrondissement on its card") {
    require_arrondissements();
    const Result r = replay("arr-select", "# nothing\n", "--select 75056 --replay-tail 0.1");
    CHECK(r.state["selected"] == "75056");
    CHECK(r.state["arrondissement"].is_null());
}

TEST_CASE("arrondissements: a kiosk without arrondissements-75.geojson starts with one warning, draws no inner "
          "border, and a tap in Paris selects Paris") {
    require_xvfb_and_map(kRoot);
    RootWithoutArrondissements w;
    const Result overview = replay_in(w.root, "noarr-overview", "# nothing\n", "--replay-tail 0.1");
    CHECK(overview.run.output.find("arrondissements-75.geojson: missing") != std::string::npos);
    CHECK(overview.state["arrondissements_loaded"] == 0);
    const auto paris = label_centre(overview.state["labels"], "insee", "75056");
    const Result zoomed = replay_in(w.root, "noarr-zoomed", zoom_in(paris.first, paris.second), "--replay-tail 0.5");
    CHECK(zoomed.state["arrondissement_labels"].empty());
    CHECK(border_pixels(zoomed.image, paris, 200) < 40);
    // 40 px below Paris's name: inside Paris, clear of the label.
    const Result tapped = replay_in(w.root, "noarr-tap",
                                    zoom_in(paris.first, paris.second) + tap(1.5, 1, paris.first, paris.second + 40),
                                    "--replay-tail 1");
    CHECK(tapped.state["selected"] == "75056");
    CHECK(tapped.state["arrondissement"].is_null());
}
