#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "core/hit_index.hpp"
#include "core/label_layout.hpp"
#include "../support/map_fixture.hpp"

using namespace qmi;
using namespace qmi::test;

namespace {

// A stand-in for ImGui's CalcTextSize with a 16 px font: 8 px per UTF-8 code point, 18 px high.
Vec2 measure(std::string_view s) {
    size_t cps = 0;
    for (unsigned char ch : s)
        if ((ch & 0xC0) != 0x80) ++cps;
    return {8.0 * cps, 18.0};
}

bool intersects(const Box& a, const Box& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

// Boxes on screen at `scale` (anchor at (x*s, -y*s)), for the labels shown at that scale.
std::vector<Box> visible_boxes(const LabelLayout& layout, double scale) {
    std::vector<Box> boxes;
    for (const PlacedLabel& l : layout.labels)
        if (l.shown_at(scale)) boxes.push_back(label_box(l, {l.anchor.x * scale, -l.anchor.y * scale}));
    return boxes;
}

size_t overlapping_pairs(const std::vector<Box>& boxes) {
    size_t n = 0;
    for (size_t i = 0; i < boxes.size(); ++i)
        for (size_t j = i + 1; j < boxes.size(); ++j)
            if (intersects(boxes[i], boxes[j])) ++n;
    return n;
}

}  // namespace

TEST_CASE("labels: two close communes, the bigger one wins until there is room for both") {
    MapModel m;
    for (int i = 0; i < 2; ++i) {
        CommuneShape c;
        c.insee = i ? "00002" : "00001";
        c.name = "Abcde";  // 40 x 18 px
        c.in_metropole = true;
        c.label_anchor = {i * 1000.0, 0};
        c.area_m2 = i ? 2e6 : 1e6;
        m.communes.push_back(c);
    }
    m.metropole_count = 2;
    LabelLayout l = layout_labels(m, {}, measure, {0.01, 4, false});
    REQUIRE(l.labels.size() == 2);
    CHECK(l.labels[0].commune == 1);  // bigger first
    CHECK(l.labels[0].min_scale == 0);
    // Centred, anchors 1000 m apart need 40 + 4 px: 0.044 px/m. Nudged away from its neighbour along its own box
    // (its anchor still under the name), the second name shows from 30 px: 0.030 px/m.
    CHECK(l.labels[1].min_scale == Approx(0.030));
    CHECK(l.labels[1].offset_px.x < 0);
    CHECK(overlapping_pairs(visible_boxes(l, 0.0299)) == 0);
    CHECK(visible_boxes(l, 0.0299).size() == 1);
    CHECK(visible_boxes(l, 0.0301).size() == 2);
    for (double s = 0.01; s < 10; s *= 1.1) CHECK(overlapping_pairs(visible_boxes(l, s)) == 0);

    // Highlighted beats area, and both QMI labels are readable at the overview thanks to an offset.
    LabelLayout q = layout_labels(m, {0, 1}, measure, {0.01, 4, false});
    REQUIRE(q.labels.size() == 2);
    CHECK(q.labels[0].highlighted);
    CHECK(q.labels[1].highlighted);
    CHECK(q.labels[0].min_scale <= 0.01);
    CHECK(q.labels[1].min_scale <= 0.01);
    CHECK(q.labels[1].leader);
    for (double s = 0.01; s < 10; s *= 1.1) CHECK(overlapping_pairs(visible_boxes(q, s)) == 0);
}

TEST_CASE("labels: on the real map, no two visible labels ever overlap and QMI labels show at the overview") {
    const MapModel* m = mirror_map();
    if (!m) return;
    // Ten communes standing in for the QMI districts, some of them neighbours (the worst case for offsets).
    std::vector<size_t> qmi;
    for (const char* code : {"93066", "93001", "93070", "93048", "92050", "92040", "94028", "94081", "95018",
                             "91027"})
        if (auto i = m->find(code)) qmi.push_back(*i);
    REQUIRE(qmi.size() == 10);
    // Overview: the Métropole's width (about 50 km) on a 1920 px screen.
    const double overview = 1920.0 / m->metropole_bbox.width();
    LabelLayoutOptions options;
    options.overview_scale = overview;
    LabelLayout layout = layout_labels(*m, qmi, measure, options);
    // Every member labelled once, the small districts twice (a callout beside them, then their name inside).
    std::set<size_t> communes;
    for (const PlacedLabel& l : layout.labels) communes.insert(l.commune);
    REQUIRE(communes.size() == m->metropole_count);
    CHECK(layout.labels.size() < m->metropole_count + 10);
    for (size_t k = 0; k < layout.labels.size() && layout.labels[k].highlighted; ++k) {
        INFO(m->communes[layout.labels[k].commune].name);
        // Each district's first entry (its callout or its only one) is readable at the overview.
        if (k == 0 || layout.labels[k - 1].commune != layout.labels[k].commune)
            CHECK(layout.labels[k].min_scale <= overview);
    }
    size_t shown_at_max = 0;
    size_t checks = 0;
    for (double s = overview * 0.5; s <= 2.0; s *= 1.03) {
        const std::vector<Box> boxes = visible_boxes(layout, s);
        CHECK(overlapping_pairs(boxes) == 0);
        shown_at_max = boxes.size();
        ++checks;
    }
    // Also exactly at every threshold, where a label appears next to its nearest neighbour.
    for (const PlacedLabel& l : layout.labels)
        if (std::isfinite(l.min_scale) && l.min_scale > 0) CHECK(overlapping_pairs(visible_boxes(layout, l.min_scale)) == 0);
    CHECK(checks > 100);
    // Zoomed in (1 px = 0.5 m), every member is labelled.
    CHECK(shown_at_max == m->metropole_count);
    // Only some labels fit at the overview; the biggest communes' do.
    const size_t at_overview = visible_boxes(layout, overview).size();
    CHECK(at_overview >= 10);
    CHECK(at_overview < m->metropole_count);
}

// ---- labels never hide a district, never sit in another district's fill, are never cut, and can be tapped ------

namespace {

CommuneShape square_commune(const char* insee, const char* name, double x0, double y0, double w, double h) {
    CommuneShape c;
    c.insee = insee;
    c.name = name;
    c.in_metropole = true;
    Polygon p;
    p.outer = {{x0, y0}, {x0 + w, y0}, {x0 + w, y0 + h}, {x0, y0 + h}, {x0, y0}};
    c.polygons.push_back(p);
    for (const Vec2& v : p.outer) c.bbox.add(v);
    c.label_anchor = {x0 + w / 2, y0 + h / 2};
    c.area_m2 = w * h;
    return c;
}

// The label's box in map coordinates at scale s, as the renderer would place it.
Box world_box_at(const PlacedLabel& l, double s) {
    const Box screen = label_box(l, {l.anchor.x * s, -l.anchor.y * s});
    Box w;
    w.add({screen.min.x / s, -screen.max.y / s});
    w.add({screen.max.x / s, -screen.min.y / s});
    return w;
}

// Does the box cover any of the square commune's fill?
bool covers(const Box& b, const CommuneShape& c) {
    return b.min.x < c.bbox.max.x && c.bbox.min.x < b.max.x && b.min.y < c.bbox.max.y && c.bbox.min.y < b.max.y;
}

Camera camera_at(double scale, Vec2 centre, double w = 1000, double h = 800) {
    Camera cam;
    cam.set_viewport(w, h);
    cam.ease_to(centre, scale, 0);  // no bounds: any view
    return cam;
}

}  // namespace

TEST_CASE("labels: a district too small for its name gets a callout beside it, then its name inside", "[labels]") {
    MapModel m;
    // A small district (600 m) between a big district to its west and a plain commune to its east.
    m.communes.push_back(square_commune("00001", "Big district", -5000, -2000, 4800, 4000));
    m.communes.push_back(square_commune("00002", "Issy-les-Moulineaux", 0, 0, 600, 600));
    m.communes.push_back(square_commune("00003", "Plain", 800, -2000, 4000, 4000));
    m.metropole_count = 3;
    LabelLayoutOptions opt;
    opt.overview_scale = 0.02;  // the small district is 12 px wide; its name 152 px
    opt.max_scale = 2.0;
    const LabelLayout layout = layout_labels(m, {0, 1}, measure, opt);
    std::vector<const PlacedLabel*> small;
    for (const PlacedLabel& l : layout.labels)
        if (l.commune == 1) small.push_back(&l);
    REQUIRE(small.size() == 2);
    const PlacedLabel& callout = *small[0];
    const PlacedLabel& inside = *small[1];
    CHECK(callout.leader);
    CHECK(callout.min_scale <= opt.overview_scale);
    CHECK(std::isfinite(callout.max_scale));
    CHECK(inside.min_scale == Approx(callout.max_scale).epsilon(0.01));
    CHECK_FALSE(inside.leader);
    // While the callout shows, it covers neither its own district nor the big one; once inside, the name lies
    // within its district.
    for (double s = callout.min_scale > 0 ? callout.min_scale : opt.overview_scale; s < callout.max_scale; s *= 1.1) {
        INFO("scale " << s);
        CHECK_FALSE(covers(world_box_at(callout, s), m.communes[1]));
        CHECK_FALSE(covers(world_box_at(callout, s), m.communes[0]));
    }
    for (double s = inside.min_scale; s < opt.max_scale; s *= 1.1) {
        const Box b = world_box_at(inside, s);
        CHECK(b.min.x >= 0);
        CHECK(b.max.x <= 600);
    }
    // Never both at once.
    for (double s = 0.01; s < 3; s *= 1.05) CHECK_FALSE((callout.shown_at(s) && inside.shown_at(s)));
}

TEST_CASE("labels: a commune's name never lies on another district's fill", "[labels]") {
    MapModel m;
    // "Épinay-sur-Seine" beside a district (Argenteuil's situation): the commune is 1 km wide, the name 128 px.
    m.communes.push_back(square_commune("00001", "Argenteuil", -6000, -3000, 6000, 6000));
    m.communes.push_back(square_commune("00002", "Épinay-sur-Seine", 0, -500, 1000, 1000));
    m.metropole_count = 2;
    LabelLayoutOptions opt;
    opt.overview_scale = 0.02;
    opt.max_scale = 2.0;
    const LabelLayout layout = layout_labels(m, {0}, measure, opt);
    const PlacedLabel* epinay = nullptr;
    for (const PlacedLabel& l : layout.labels)
        if (l.commune == 1) epinay = &l;
    REQUIRE(epinay);
    REQUIRE(std::isfinite(epinay->min_scale));
    // Shown only once the name fits beside the district (the anchor stays under it), and from then on never on it.
    for (double s = 0.01; s < 3; s *= 1.03) {
        if (!epinay->shown_at(s)) continue;
        INFO("scale " << s);
        CHECK_FALSE(covers(world_box_at(*epinay, s), m.communes[0]));
    }
    CHECK(epinay->min_scale > opt.overview_scale);  // too long to stand there at the overview
}

TEST_CASE("labels on the real map: no name on another district's fill, Épinay-sur-Seine not in Argenteuil", "[labels]") {
    const MapModel* m = mirror_map();
    if (!m) return;
    std::vector<size_t> qmi;
    for (const char* code : {"92071", "92048", "93005", "93051", "91027", "93001", "94033", "94071", "92040", "95018"})
        if (auto i = m->find(code)) qmi.push_back(*i);
    REQUIRE(qmi.size() == 10);
    LabelLayoutOptions options;
    options.overview_scale = 1920.0 / m->metropole_bbox.width();
    options.max_scale = 0.3;
    const LabelLayout layout = layout_labels(*m, qmi, measure, options);
    const std::set<size_t> districts(qmi.begin(), qmi.end());
    size_t checked = 0;
    for (double s = options.overview_scale; s <= options.max_scale; s *= 1.08) {
        for (const PlacedLabel& l : layout.labels) {
            if (!l.shown_at(s)) continue;
            const Box b = world_box_at(l, s);
            // Sample the box: no point of a name lies in another district.
            for (int i = 0; i <= 8; ++i)
                for (int j = 0; j <= 4; ++j) {
                    const Vec2 p{b.min.x + (b.max.x - b.min.x) * i / 8, b.min.y + (b.max.y - b.min.y) * j / 4};
                    for (size_t d : districts) {
                        if (d == l.commune) continue;
                        for (const Polygon& poly : m->communes[d].polygons)
                            if (polygon_contains(poly, p)) {
                                FAIL_CHECK(m->communes[l.commune].name << " lies on " << m->communes[d].name
                                                                       << " at scale " << s);
                            }
                    }
                    ++checked;
                }
        }
    }
    CHECK(checked > 10000);
    // Issy-les-Moulineaux, twice as wide as its district at the overview: a callout there.
    const size_t issy = *m->find("92040");
    bool issy_callout = false;
    for (const PlacedLabel& l : layout.labels)
        if (l.commune == issy && l.leader && l.shown_at(options.overview_scale)) issy_callout = true;
    CHECK(issy_callout);
}

TEST_CASE("labels: a name cut by the map area's edge is dropped, the selected one slides inside", "[labels]") {
    PlacedLabel l;
    l.commune = 3;
    l.anchor = {0, 0};
    l.size_px = {100, 18};
    l.min_scale = 0;
    LabelLayout layout;
    layout.labels.push_back(l);
    const Camera cam = camera_at(1.0, {0, 0});  // the anchor at the viewport's centre (500, 400)
    auto shown = [&](const ScreenRect& clip, std::optional<size_t> selected) {
        std::vector<Box> boxes;
        for_each_visible_label(layout, cam, clip, selected, [&](const VisibleLabel& v) { boxes.push_back(v.box); });
        return boxes;
    };
    CHECK(shown({0, 0, 1000, 800}, std::nullopt).size() == 1);
    // The area ends 20 px right of the anchor: the name (50 px each side) would be cut, so it is not drawn.
    CHECK(shown({0, 0, 520, 800}, std::nullopt).empty());
    // Selected, it is drawn whole, slid left inside the area.
    const auto sel = shown({0, 0, 520, 800}, size_t{3});
    REQUIRE(sel.size() == 1);
    CHECK(sel[0].max.x <= 520);
    CHECK(sel[0].min.x == Approx(420));
    // Anchor outside the area: not even the selected name is drawn there.
    CHECK(shown({0, 0, 450, 800}, size_t{3}).empty());
}

TEST_CASE("label_at: tapping a name selects its commune, even where it lies over a neighbour", "[labels]") {
    MapModel m;
    m.communes.push_back(square_commune("92040", "Issy-les-Moulineaux", 0, 0, 300, 300));
    m.communes.push_back(square_commune("92048", "Meudon", -2000, -1000, 2000, 2000));
    m.metropole_count = 2;
    LabelLayout layout;
    PlacedLabel issy;
    issy.commune = 0;
    issy.anchor = m.communes[0].label_anchor;
    issy.size_px = measure("Issy-les-Moulineaux");  // 152 x 18 px
    issy.min_scale = 0;
    layout.labels.push_back(issy);
    const Camera cam = camera_at(0.2, issy.anchor);  // the district is 60 px wide, the name 152 px
    const ScreenRect area{0, 0, 1000, 800};
    // The first letters of the name lie over Meudon (left of the district).
    const Vec2 first_letters{500 - 70, 400};
    REQUIRE(cam.screen_to_world(first_letters).x < 0);  // that is Meudon's side
    CHECK(label_at(layout, cam, area, std::nullopt, first_letters) == std::optional<size_t>(0));
    // Just outside the box: nothing, unless within the finger's slop.
    const Vec2 beside{500 - 80, 400};
    CHECK_FALSE(label_at(layout, cam, area, std::nullopt, beside).has_value());
    CHECK(label_at(layout, cam, area, std::nullopt, beside, 6) == std::optional<size_t>(0));
    // A label that is not drawn (below its scale, or cut by the area) cannot be tapped.
    layout.labels[0].min_scale = 1.0;
    CHECK_FALSE(label_at(layout, cam, area, std::nullopt, first_letters).has_value());
    layout.labels[0].min_scale = 0;
    CHECK_FALSE(label_at(layout, cam, {0, 0, 520, 800}, std::nullopt, first_letters).has_value());
}
