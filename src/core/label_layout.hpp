// Commune name labels, laid out once at load so that no two labels ever overlap, at any zoom.
// Each label gets a min_scale (pixels per metre): the renderer shows label i iff the current scale >= min_scale.
// Labels are processed by priority (QMI districts first, then bigger communes first); a label's min_scale is the
// smallest scale from which its box never meets the box of any higher-priority label visible at that scale.
// Since on-screen distances grow linearly with the scale while label sizes stay fixed, the scales at which two
// boxes overlap form one interval, so this is exact, not sampled.
//
// Screen convention: x right, y DOWN (world y is north/up). A label's box on screen is centred on
// screen(anchor) + offset_px, with size size_px.
#pragma once
#include <cstddef>
#include <functional>
#include <limits>
#include <string_view>
#include <vector>

#include "core/map_model.hpp"

namespace qmi {

struct LabelLayoutOptions {
    double overview_scale = 0;     // px/m of the widest view the UI allows (whole Métropole); QMI labels fit there
    double padding_px = 4;         // empty space kept between any two labels
    bool include_context = false;  // also label communes outside the Métropole
};

struct PlacedLabel {
    size_t commune = 0;      // index into MapModel::communes
    Vec2 anchor;             // world (map) coordinates
    Vec2 offset_px;          // screen px from screen(anchor) to the box centre; non-zero only for displaced QMI labels
    Vec2 size_px;            // as measured
    bool highlighted = false;  // a QMI district
    bool leader = false;     // draw a line from the anchor to the box (the label was displaced)
    double min_scale = std::numeric_limits<double>::infinity();  // px/m; +inf: never shown
};

struct LabelLayout {
    std::vector<PlacedLabel> labels;  // priority order: highlighted first
};

using MeasureText = std::function<Vec2(std::string_view)>;  // label size in screen px (ImGui's CalcTextSize)

// highlighted: commune indices of the QMI districts (always labelled, highest priority).
LabelLayout layout_labels(const MapModel& map, const std::vector<size_t>& highlighted, const MeasureText& measure,
                          const LabelLayoutOptions& options);

// Screen box of a label, given where its anchor lands on screen.
Box label_box(const PlacedLabel& label, Vec2 anchor_on_screen);

}  // namespace qmi
