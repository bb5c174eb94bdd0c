#include "core/label_layout.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/hit_index.hpp"

namespace qmi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Room kept between a label's box and a district's fill, px: the label's halo is ~1-3 px wide.
constexpr double kFillClearancePx = 3;
// Gap between a callout and its district, px.
constexpr double kCalloutGapPx = 8;

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

// Smallest min_scale for `label` given the labels already placed (all of higher priority): from there up to the
// label's own max_scale, it never overlaps one of them while that one is shown.
double required_scale(const PlacedLabel& label, const std::vector<PlacedLabel>& placed, double padding) {
    double m = 0;
    for (const PlacedLabel& other : placed) {
        if (!std::isfinite(other.min_scale)) continue;  // never shown: no constraint
        const Interval o = overlap(label, other, padding);
        const double lo = std::max(o.lo, other.min_scale);
        const double hi = std::min({o.hi, other.max_scale, label.max_scale});
        if (hi <= lo) continue;  // they never overlap while both are shown
        m = std::max(m, hi);
    }
    // Strictly past the touching point so that rounding cannot make touching boxes count as overlapping.
    return m > 0 ? m * (1 + 1e-9) : 0;
}

// ---- labels against fills ---------------------------------------------------------------------------------------

bool boxes_meet(const Box& a, const Box& b) {
    return a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y;
}

// The label's box in map coordinates at scale s (px/m), grown by `pad_px`.
Box world_box(const PlacedLabel& l, double s, double pad_px) {
    const double cx = l.anchor.x + l.offset_px.x / s, cy = l.anchor.y - l.offset_px.y / s;
    const double hw = (l.size_px.x / 2 + pad_px) / s, hh = (l.size_px.y / 2 + pad_px) / s;
    Box b;
    b.add({cx - hw, cy - hh});
    b.add({cx + hw, cy + hh});
    return b;
}

// Liang-Barsky: does the segment a-b meet the closed box r?
bool segment_meets_box(Vec2 a, Vec2 b, const Box& r) {
    double t0 = 0, t1 = 1;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - r.min.x, r.max.x - a.x, a.y - r.min.y, r.max.y - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0) t0 = std::max(t0, t);
        else t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

bool ring_meets_box(const Ring& ring, const Box& r) {
    for (size_t i = 0; i + 1 < ring.size(); ++i)
        if (segment_meets_box(ring[i], ring[i + 1], r)) return true;
    return false;
}

bool edges_meet_box(const std::vector<Polygon>& polygons, const Box& r) {
    for (const Polygon& poly : polygons) {
        if (ring_meets_box(poly.outer, r)) return true;
        for (const Ring& h : poly.holes)
            if (ring_meets_box(h, r)) return true;
    }
    return false;
}

bool contains_point(const std::vector<Polygon>& polygons, Vec2 p) {
    for (const Polygon& poly : polygons)
        if (polygon_contains(poly, p)) return true;
    return false;
}

// Does the box cover any part of the commune's fill?
bool box_meets_fill(const Box& r, const CommuneShape& c) {
    if (c.polygons.empty() || !boxes_meet(r, c.bbox)) return false;
    return edges_meet_box(c.polygons, r) || contains_point(c.polygons, r.center());
}

// Is the box entirely inside the commune's fill? (A commune without geometry holds any label: synthetic maps.)
bool box_inside_fill(const Box& r, const CommuneShape& c) {
    if (c.polygons.empty()) return true;
    return contains_point(c.polygons, r.center()) && !edges_meet_box(c.polygons, r);
}

struct Scales {
    double lo = 1e-4, hi = 1e3;  // the range a label's placement is decided over: camera min / 2 .. camera max
};

// Bisection over [lo, hi] (geometric) for the smallest scale from which `ok` holds, `ok` being monotone (false
// below, true above). 0 when it holds at lo already, +inf when not even at hi.
template <class Ok>
double first_scale(const Scales& r, Ok&& ok) {
    if (ok(r.lo)) return 0;
    if (!ok(r.hi)) return kInf;
    double lo = r.lo, hi = r.hi;
    while (hi / lo > 1.002) {
        const double mid = std::sqrt(lo * hi);
        if (ok(mid)) hi = mid;
        else lo = mid;
    }
    return hi;
}

// From which scale the label's box stays clear of every district fill but its own commune's. Exact for a box
// that contains its anchor (it shrinks around the anchor as the scale grows, so "clear" only ever becomes true).
double clear_of_districts(const PlacedLabel& l, const std::vector<const CommuneShape*>& districts,
                          const MapModel& map, const Scales& r) {
    // Most labels are nowhere near a district: one test with the biggest box the range allows.
    const Box widest = world_box(l, r.lo, kFillClearancePx);
    std::vector<const CommuneShape*> near;
    for (const CommuneShape* d : districts)
        if (d != &map.communes[l.commune] && boxes_meet(widest, d->bbox)) near.push_back(d);
    if (near.empty()) return 0;
    return first_scale(r, [&](double s) {
        const Box b = world_box(l, s, kFillClearancePx);
        for (const CommuneShape* d : near)
            if (box_meets_fill(b, *d)) return false;
        return true;
    });
}

// For a displaced box (its anchor outside it: not monotone), checked at scales from `from` to `to`.
bool clear_between(const PlacedLabel& l, const std::vector<const CommuneShape*>& shapes, double from, double to) {
    if (!(from > 0)) return true;
    to = std::min(to, from * 16);  // past 16x the overview every district is large on screen
    for (double s = from; s <= to * 1.0001; s *= 1.15) {
        const Box b = world_box(l, s, kFillClearancePx);
        for (const CommuneShape* d : shapes)
            if (box_meets_fill(b, *d)) return false;
    }
    return true;
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
    const double ov = options.overview_scale;
    Scales range;
    if (ov > 0) range.lo = ov * 0.5;
    range.hi = options.max_scale > range.lo ? options.max_scale : (ov > 0 ? ov * 1000 : 1e3);

    // Priority: QMI districts (bigger first), then every other labelled commune, bigger first; ties by index
    // so that the layout is deterministic.
    std::set<size_t> qmi;
    for (size_t i : highlighted)
        if (i < map.communes.size()) qmi.insert(i);
    std::vector<size_t> order(qmi.begin(), qmi.end());
    std::vector<const CommuneShape*> districts;
    for (size_t i : qmi) districts.push_back(&map.communes[i]);
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
            // Centred on the anchor, or nudged along its box (the anchor stays inside it), whichever shows first
            // without meeting a label or a district's fill.
            const double sx = 0.35 * label.size_px.x, sy = 0.3 * label.size_px.y;
            PlacedLabel best = label;
            best.min_scale = kInf;
            for (const Vec2& o : {Vec2{0, 0}, Vec2{sx, 0}, Vec2{-sx, 0}, Vec2{0, -sy}, Vec2{0, sy}}) {
                PlacedLabel trial = label;
                trial.offset_px = o;
                const double clear = clear_of_districts(trial, districts, map, range);
                if (!std::isfinite(clear)) continue;
                trial.min_scale = std::max(clear, required_scale(trial, out.labels, pad));
                if (trial.min_scale < best.min_scale * (1 - 1e-9)) best = trial;
            }
            out.labels.push_back(best);
            continue;
        }

        // A QMI district. From which scale does its name fit inside its own fill, clear of other districts?
        const std::vector<const CommuneShape*> own{&c};
        std::vector<const CommuneShape*> others;
        for (const CommuneShape* d : districts)
            if (d != &c) others.push_back(d);
        const double fits = std::max(first_scale(range, [&](double s) { return box_inside_fill(world_box(label, s, 1), c); }),
                                     clear_of_districts(label, districts, map, range));

        if (fits <= std::max(ov, 0.0) || ov <= 0) {
            // Fits at the overview. Try the anchor itself, then boxes beside it (right, left, above, below, the
            // diagonals), moving further out, and keep the first that clears the QMI labels already placed at
            // every scale from the overview up and no other district's fill. Failing that, the least bad one.
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
                const bool centred = o.x == 0 && o.y == 0;
                if (!centred && !clear_between(trial, others, std::max(ov, range.lo), range.hi)) continue;
                trial.min_scale = std::max(centred ? fits : 0.0, required_scale(trial, out.labels, pad));
                if (trial.min_scale < best.min_scale) best = trial;
                if (trial.min_scale <= ov) break;
            }
            best.leader = best.offset_px.x != 0 || best.offset_px.y != 0;
            out.labels.push_back(best);
            continue;
        }

        // Too small on screen at the overview to hold its name: a callout beside the district, clear of its fill
        // and of every other district's, with a leader line, until the name fits inside.
        const double s0 = ov;
        const double right = (c.bbox.max.x - c.label_anchor.x) * s0, left = (c.label_anchor.x - c.bbox.min.x) * s0;
        const double up = (c.bbox.max.y - c.label_anchor.y) * s0, down = (c.label_anchor.y - c.bbox.min.y) * s0;
        const double hw = label.size_px.x / 2, hh = label.size_px.y / 2;
        std::vector<const CommuneShape*> fills = others;
        fills.push_back(&c);
        PlacedLabel callout = label;
        callout.max_scale = fits;
        callout.leader = true;
        PlacedLabel best = callout;
        best.min_scale = kInf;
        bool found = false;
        for (int step = 0; step < 6 && !found; ++step) {
            const double g = kCalloutGapPx * (1 + 2 * step);
            const Vec2 candidates[] = {{right + hw + g, 0},      {-(left + hw + g), 0},   {0, -(up + hh + g)},
                                       {0, down + hh + g},       {right + hw + g, -(up + hh + g)},
                                       {-(left + hw + g), -(up + hh + g)}, {right + hw + g, down + hh + g},
                                       {-(left + hw + g), down + hh + g}};
            for (const Vec2& o : candidates) {
                PlacedLabel trial = callout;
                trial.offset_px = o;
                if (!clear_between(trial, fills, s0, fits)) continue;
                trial.min_scale = required_scale(trial, out.labels, pad);
                if (trial.min_scale < best.min_scale) best = trial;
                if (trial.min_scale <= ov) {
                    found = true;
                    break;
                }
            }
        }
        if (std::isfinite(best.min_scale)) out.labels.push_back(best);
        if (std::isfinite(fits)) {
            PlacedLabel inside = label;
            inside.min_scale = std::max(fits, required_scale(inside, out.labels, pad));
            out.labels.push_back(inside);
        }
    }
    return out;
}

LabelLayout layout_arrondissement_labels(const MapModel& map, const LabelLayout& communes,
                                         const std::function<Vec2(int number)>& measure,
                                         const LabelLayoutOptions& options) {
    LabelLayout out;
    if (map.arrondissements.empty() || !measure) return out;
    const double pad = std::max(0.0, options.padding_px);
    const double ov = options.overview_scale;
    Scales range;
    if (ov > 0) range.lo = ov * 0.5;
    range.hi = options.max_scale > range.lo ? options.max_scale : (ov > 0 ? ov * 1000 : 1e3);
    const double floor = ov > 0 ? ov * kArrondissementLabelMinZoom : 0;

    // The commune labels are obstacles; Paris's is shown whenever Paris is selected, whatever its own range.
    std::vector<PlacedLabel> placed;
    const std::optional<size_t> paris = map.find("75056");
    for (PlacedLabel l : communes.labels) {
        if (paris && l.commune == *paris) l.min_scale = 0;
        placed.push_back(l);
    }
    const size_t obstacles = placed.size();

    std::vector<size_t> order(map.arrondissements.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const double aa = map.arrondissements[a].area_m2, ab = map.arrondissements[b].area_m2;
        return aa != ab ? aa > ab : a < b;
    });
    for (size_t i : order) {
        const Arrondissement& a = map.arrondissements[i];
        // Centred on the inscribed circle's centre, or, where another label sits there (Paris's own name lies over
        // the 1st), on another point well inside the arrondissement: whichever shows first, the centre unless
        // another shows clearly (by a fifth) earlier.
        std::vector<Vec2> anchors{a.label_anchor};
        for (const double fy : {0.3, 0.5, 0.7})
            for (const double fx : {0.3, 0.5, 0.7}) {
                const Vec2 q{a.bbox.min.x + fx * a.bbox.width(), a.bbox.min.y + fy * a.bbox.height()};
                if (contains_point(a.polygons, q)) anchors.push_back(q);
            }
        PlacedLabel best;
        best.min_scale = kInf;
        for (size_t k = 0; k < anchors.size(); ++k) {
            PlacedLabel label;
            label.commune = i;
            label.anchor = anchors[k];
            label.size_px = measure(a.number);
            const double inside = first_scale(range, [&](double s) {
                const Box b = world_box(label, s, 1);
                return contains_point(a.polygons, b.center()) && !edges_meet_box(a.polygons, b);
            });
            if (!std::isfinite(inside)) continue;
            label.min_scale = std::max({floor, inside, required_scale(label, placed, pad)});
            if (label.min_scale < best.min_scale * (k == 0 ? 1.0 : 0.8)) best = label;
        }
        if (!std::isfinite(best.min_scale)) continue;  // never fits: no number rather than one over a border
        placed.push_back(best);
    }
    out.labels.assign(placed.begin() + static_cast<std::ptrdiff_t>(obstacles), placed.end());
    return out;
}

// ---- per frame ----------------------------------------------------------------------------------------------------

void for_each_visible_label(const LabelLayout& layout, const Camera& camera, const ScreenRect& clip,
                            std::optional<size_t> selected, const std::function<void(const VisibleLabel&)>& visit) {
    const double s = camera.scale();
    bool selected_drawn = false;
    for (const PlacedLabel& l : layout.labels) {
        const bool is_selected = selected && *selected == l.commune;
        // The selected commune's name is always shown: the first of its entries whose range has not ended yet.
        if (is_selected ? (selected_drawn || s >= l.max_scale) : !l.shown_at(s)) continue;
        VisibleLabel v;
        v.label = &l;
        v.anchor_on_screen = camera.world_to_screen(l.anchor);
        v.box = label_box(l, v.anchor_on_screen);
        const double x1 = clip.x + clip.w, y1 = clip.y + clip.h;
        const bool whole = v.box.min.x >= clip.x && v.box.min.y >= clip.y && v.box.max.x <= x1 && v.box.max.y <= y1;
        if (!whole) {
            const Vec2 a = v.anchor_on_screen;
            const bool anchor_inside = a.x >= clip.x && a.x <= x1 && a.y >= clip.y && a.y <= y1;
            if (!is_selected || !anchor_inside || v.box.width() > clip.w || v.box.height() > clip.h) continue;
            // Slide the selected name inside the map area rather than cut it.
            const double dx = std::max(0.0, clip.x - v.box.min.x) - std::max(0.0, v.box.max.x - x1);
            const double dy = std::max(0.0, clip.y - v.box.min.y) - std::max(0.0, v.box.max.y - y1);
            v.box.min.x += dx;
            v.box.max.x += dx;
            v.box.min.y += dy;
            v.box.max.y += dy;
        }
        if (is_selected) selected_drawn = true;
        visit(v);
    }
}

std::optional<size_t> label_at(const LabelLayout& layout, const Camera& camera, const ScreenRect& clip,
                               std::optional<size_t> selected, Vec2 p, double slop_px) {
    std::optional<size_t> hit;
    for_each_visible_label(layout, camera, clip, selected, [&](const VisibleLabel& v) {
        if (p.x >= v.box.min.x - slop_px && p.x <= v.box.max.x + slop_px && p.y >= v.box.min.y - slop_px &&
            p.y <= v.box.max.y + slop_px)
            hit = v.label->commune;
    });
    return hit;
}

}  // namespace qmi
