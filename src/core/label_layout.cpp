#include "core/label_layout.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace qmi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Interval {
    double lo = 0, hi = 0;  // open (lo, hi); empty when hi <= lo
};

// Scales s >= 0 at which |d * s + e| < w.
Interval axis_overlap(double d, double e, double w) {
    if (std::abs(d) < 1e-12) return std::abs(e) < w ? Interval{0, kInf} : Interval{0, 0};
    double a = (-w - e) / d, b = (w - e) / d;
    if (a > b) std::swap(a, b);
    return {std::max(a, 0.0), std::max(b, 0.0)};
}

// Scales at which the (padded) boxes of a and b overlap.
Interval overlap(const PlacedLabel& a, const PlacedLabel& b, double padding) {
    const double w = (a.size_px.x + b.size_px.x) / 2 + padding;
    const double h = (a.size_px.y + b.size_px.y) / 2 + padding;
    // Screen y points down: world north (+y) goes up the screen.
    const Interval x = axis_overlap(a.anchor.x - b.anchor.x, a.offset_px.x - b.offset_px.x, w);
    const Interval y = axis_overlap(-(a.anchor.y - b.anchor.y), a.offset_px.y - b.offset_px.y, h);
    return {std::max(x.lo, y.lo), std::min(x.hi, y.hi)};
}

// Smallest min_scale for `label` given the labels already placed (all of higher priority).
double required_scale(const PlacedLabel& label, const std::vector<PlacedLabel>& placed, double padding) {
    double m = 0;
    for (const PlacedLabel& other : placed) {
        if (!std::isfinite(other.min_scale)) continue;  // never shown: no constraint
        const Interval o = overlap(label, other, padding);
        if (o.hi <= o.lo) continue;                      // never overlap
        if (o.hi <= other.min_scale) continue;           // they only overlap while `other` is hidden
        m = std::max(m, o.hi);
    }
    // Strictly past the touching point so that rounding cannot make touching boxes count as overlapping.
    return m > 0 ? m * (1 + 1e-9) : 0;
}

}  // namespace

Box label_box(const PlacedLabel& label, Vec2 anchor_on_screen) {
    Box b;
    const Vec2 c{anchor_on_screen.x + label.offset_px.x, anchor_on_screen.y + label.offset_px.y};
    b.add({c.x - label.size_px.x / 2, c.y - label.size_px.y / 2});
    b.add({c.x + label.size_px.x / 2, c.y + label.size_px.y / 2});
    return b;
}

LabelLayout layout_labels(const MapModel& map, const std::vector<size_t>& highlighted, const MeasureText& measure,
                          const LabelLayoutOptions& options) {
    LabelLayout out;
    if (!measure) return out;
    const double pad = std::max(0.0, options.padding_px);

    // Priority: QMI districts (bigger first), then every other labelled commune, bigger first; ties by index
    // so that the layout is deterministic.
    std::set<size_t> qmi;
    for (size_t i : highlighted)
        if (i < map.communes.size()) qmi.insert(i);
    std::vector<size_t> order(qmi.begin(), qmi.end());
    std::vector<size_t> rest;
    const size_t last = options.include_context ? map.communes.size() : std::min(map.metropole_count, map.communes.size());
    for (size_t i = 0; i < last; ++i)
        if (!qmi.count(i)) rest.push_back(i);
    auto by_area = [&](size_t a, size_t b) {
        const double aa = map.communes[a].area_m2, ab = map.communes[b].area_m2;
        return aa != ab ? aa > ab : a < b;
    };
    std::sort(order.begin(), order.end(), by_area);
    std::sort(rest.begin(), rest.end(), by_area);
    const size_t qmi_count = order.size();
    order.insert(order.end(), rest.begin(), rest.end());

    for (size_t k = 0; k < order.size(); ++k) {
        const CommuneShape& c = map.communes[order[k]];
        PlacedLabel label;
        label.commune = order[k];
        label.anchor = c.label_anchor;
        label.size_px = measure(c.name);
        label.highlighted = k < qmi_count;
        if (!label.highlighted) {
            label.min_scale = required_scale(label, out.labels, pad);
            out.labels.push_back(label);
            continue;
        }
        // QMI labels must all be readable at the overview. Try the anchor itself, then boxes beside it (right,
        // left, above, below, the diagonals), moving further out, and keep the first that clears the QMI labels
        // already placed at every scale from the overview up. Failing that, the least bad one (it shows later).
        const double gx = label.size_px.x / 2 + pad + 3, gy = label.size_px.y / 2 + pad + 3;
        std::vector<Vec2> candidates{{0, 0}};
        for (double step = 1; step <= 4; step += 1) {
            const double dx = gx * step, dy = gy * step;
            for (Vec2 o : {Vec2{dx, 0}, Vec2{-dx, 0}, Vec2{0, -dy}, Vec2{0, dy}, Vec2{dx, -dy}, Vec2{-dx, -dy},
                           Vec2{dx, dy}, Vec2{-dx, dy}})
                candidates.push_back(o);
        }
        PlacedLabel best = label;
        best.min_scale = kInf;
        for (const Vec2& o : candidates) {
            PlacedLabel trial = label;
            trial.offset_px = o;
            trial.min_scale = required_scale(trial, out.labels, pad);
            if (trial.min_scale < best.min_scale) best = trial;
            if (trial.min_scale <= options.overview_scale) break;
        }
        best.leader = best.offset_px.x != 0 || best.offset_px.y != 0;
        out.labels.push_back(best);
    }
    return out;
}

}  // namespace qmi
