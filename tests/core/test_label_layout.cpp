#include <catch2/catch.hpp>

#include <cmath>

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
        if (scale >= l.min_scale) boxes.push_back(label_box(l, {l.anchor.x * scale, -l.anchor.y * scale}));
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
    // Centres 1000 m apart need 40 + 4 px: 0.044 px/m.
    CHECK(l.labels[1].min_scale == Approx(0.044));
    CHECK(overlapping_pairs(visible_boxes(l, 0.0439)) == 0);
    CHECK(visible_boxes(l, 0.0439).size() == 1);
    CHECK(visible_boxes(l, 0.0441).size() == 2);

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
    REQUIRE(layout.labels.size() == m->metropole_count);
    for (size_t k = 0; k < 10; ++k) {
        INFO(m->communes[layout.labels[k].commune].name);
        CHECK(layout.labels[k].highlighted);
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
