// Commune name labels, laid out once at load so that no two labels ever overlap, at any zoom, and no label ever
// hides a QMI district that is not its own.
//
// Each label gets a range of scales (pixels per metre) [min_scale, max_scale): the renderer shows label i iff the
// current scale is in it. Labels are processed by priority (QMI districts first, then bigger communes first); a
// label's min_scale is the smallest scale from which its box never meets the box of any higher-priority label
// visible at that scale (exact: on-screen distances grow linearly with the scale while label sizes stay fixed, so
// the scales at which two boxes overlap form one interval) NOR the fill of any QMI district other than its own
// (found by bisection: a box that contains its anchor shrinks around it, in map terms, as the scale grows).
//
// A district too small on screen to hold its own name (Issy-les-Moulineaux at the overview) gets TWO entries for
// its commune: a callout placed beside the district, clear of every district's fill, with a leader line to it,
// shown until the name fits inside the district; then the name centred inside it.
//
// Screen convention: x right, y DOWN (world y is north/up). A label's box on screen is centred on
// screen(anchor) + offset_px, with size size_px.
#pragma once
#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/camera.hpp"
#include "core/map_model.hpp"

namespace qmi {

struct LabelLayoutOptions {
    double overview_scale = 0;     // px/m of the widest view the UI allows (whole Métropole); QMI labels fit there
    double padding_px = 4;         // empty space kept between any two labels
    bool include_context = false;  // also label communes outside the Métropole
    double max_scale = 0;          // px/m of the closest zoom (Camera::max_scale); 0 = 1000 x overview_scale
};

struct PlacedLabel {
    size_t commune = 0;      // index into MapModel::communes (a district may have two entries: callout, inside)
    Vec2 anchor;             // world (map) coordinates
    Vec2 offset_px;          // screen px from screen(anchor) to the box centre
    Vec2 size_px;            // as measured
    bool highlighted = false;  // a QMI district
    bool leader = false;     // draw a line from the anchor to the box (the label was displaced)
    double min_scale = std::numeric_limits<double>::infinity();  // px/m; +inf: never shown
    double max_scale = std::numeric_limits<double>::infinity();  // hidden from this scale up (callouts)

    bool shown_at(double scale) const { return scale >= min_scale && scale < max_scale; }
};

struct LabelLayout {
    std::vector<PlacedLabel> labels;  // priority order: highlighted first
};

using MeasureText = std::function<Vec2(std::string_view)>;  // label size in screen px (ImGui's CalcTextSize)

// highlighted: commune indices of the QMI districts (always labelled, highest priority).
LabelLayout layout_labels(const MapModel& map, const std::vector<size_t>& highlighted, const MeasureText& measure,
                          const LabelLayoutOptions& options);

// ---- Paris's arrondissement numbers --------------------------------------------------------------------------

// Numbers are for a visitor who zoomed in on Paris: never at the overview, and not before this many times its scale
// (Paris is then about half the map's width, big enough for twenty numbers to read as a pattern).
inline constexpr double kArrondissementLabelMinZoom = 2.5;

// The numbers of map.arrondissements ("8e" / "8th": `measure` is given both and the box fits the wider, so one
// layout serves both languages), placed after the commune labels `communes` so as never to collide with them:
// PlacedLabel::commune is here an index into map.arrondissements. Each number is centred on its arrondissement's
// anchor and shown from the smallest scale, at least kArrondissementLabelMinZoom x options.overview_scale, from
// which its box lies inside its own arrondissement and clear of every number placed before it (bigger
// arrondissements first) and of every commune label shown at that scale (Paris's own label counts as always
// shown: it is whenever Paris is selected). Empty when the map has no arrondissements.
LabelLayout layout_arrondissement_labels(const MapModel& map, const LabelLayout& communes,
                                         const std::function<Vec2(int number)>& measure,
                                         const LabelLayoutOptions& options);

// Screen box of a label, given where its anchor lands on screen.
Box label_box(const PlacedLabel& label, Vec2 anchor_on_screen);

// ---- what a frame shows, and what a finger touches --------------------------------------------------------------

// A label as the current frame shows it.
struct VisibleLabel {
    const PlacedLabel* label = nullptr;
    Vec2 anchor_on_screen;  // where the leader line starts
    Box box;                // screen px, y down
};

// The labels a frame shows, in drawing order: those whose scale range holds the camera's scale (the selected
// commune's always), and only WHOLE inside `clip` (the map area): a label that would be cut by the area's edge or
// a panel is dropped, except the selected commune's, which is moved inside the area (a leader line then points to
// its anchor) as long as its anchor is inside. Shared by the renderer and label_at, so what is tapped is what is
// drawn.
void for_each_visible_label(const LabelLayout& layout, const Camera& camera, const ScreenRect& clip,
                            std::optional<size_t> selected, const std::function<void(const VisibleLabel&)>& visit);

// The commune whose visible label is under `screen_point` (its box grown by `slop_px`, a fingertip's error), or
// nullopt. Later-drawn labels win where boxes touch. A tap on "Issy-les-Moulineaux" selects Issy even where the
// name lies over Meudon: the view asks label_at first, then the polygons.
std::optional<size_t> label_at(const LabelLayout& layout, const Camera& camera, const ScreenRect& clip,
                               std::optional<size_t> selected, Vec2 screen_point, double slop_px = 0);

}  // namespace qmi
