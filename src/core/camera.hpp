// The map camera: which part of the world (Lambert-93 metres relative to MapModel::origin, y north) the screen
// (pixels, y down) shows. Pure arithmetic, no clock: the caller advances easing with update(dt), so tests and the
// benchmark drive it deterministically, and gestures (pan_by / zoom_at) come from any input path.
//
// State is (center, scale): `center` is the world point shown at the middle of the viewport, `scale` is pixels per
// metre. The region the map should fill (the screen minus banner and panel) is passed to fit/ease calls instead of
// being state, so opening a panel never makes the map jump by itself.
//
// The VIEW AREA (set_bounds / set_view_area) is the part of the viewport the visitor actually sees the map in: the
// screen minus whatever widgets cover it (header, panel, district list: the "insets"). Every limit is computed on
// it, so no limit ever pushes a district under a panel, and the overview fits the Métropole inside it.
//
// Pan limit: the view area may show as much empty margin beside the Métropole as the overview shows (in pixels),
// never more. Zooming IN about any point of the Métropole therefore never hits the limit: the point under the
// fingers stays under them (a limit written as "the view stays inside the Métropole" instead pushed a district
// near the edge out from under a pinch).
#pragma once
#include "core/map_model.hpp"

namespace qmi {

struct ScreenRect {
    double x = 0, y = 0, w = 0, h = 0;  // pixels, y down
    Vec2 center() const { return {x + w / 2, y + h / 2}; }
};

class Camera {
public:
    // Screen size in pixels. Keeps the current center and scale, then re-applies the limits.
    void set_viewport(double width, double height);
    // The world the kiosk is about (the Métropole bbox). Defines the zoom-out limit (whole bounds fit in `map_area`)
    // and the pan limit (the view never leaves it). `min_span_m` is the zoom-in limit: the smaller side of the
    // viewport always shows at least this many metres ("a few communes").
    void set_bounds(const Box& world, const ScreenRect& map_area, double min_span_m = 6000.0);
    // A new view area (a panel opened over the map, the layout changed) with the same world: the limits follow it
    // and the view is clamped into them, the zoom kept where allowed.
    void set_view_area(const ScreenRect& map_area);
    const ScreenRect& view_area() const { return bounds_area_; }

    double viewport_width() const { return vw_; }
    double viewport_height() const { return vh_; }
    Vec2 center() const { return center_; }
    double scale() const { return scale_; }
    double min_scale() const { return min_scale_; }
    double max_scale() const { return max_scale_; }

    Vec2 world_to_screen(Vec2 w) const;
    Vec2 screen_to_world(Vec2 s) const;
    // The world rectangle currently visible on the whole viewport.
    Box visible_world() const;

    // Show all of `world` inside `area` at once (no easing). Used at start and on resize.
    void fit(const Box& world, const ScreenRect& area);

    // Gestures. All cancel any easing in progress and clamp.
    void pan_by(Vec2 screen_delta);                    // content follows the finger
    void zoom_at(Vec2 screen_point, double factor);   // the world point under screen_point stays there
    // One step of a pinch: the content moves by `screen_delta`, then scales by `factor` about `screen_point` (the
    // fingers' new centre), clamped ONCE at the end. Applying pan_by then zoom_at instead clamps between the two:
    // at the overview the pan is lost, and zooming 4x then multiplies that loss by 4 (the map slides away from
    // under the fingers). GestureRecognizer emits a pinch step as PanBy immediately followed by ZoomAt: give both
    // here (apply_camera_gestures does).
    void pan_zoom(Vec2 screen_delta, Vec2 screen_point, double factor);

    // Smoothly show `target` (a selected commune) inside `area` with its neighbours for context, over `duration_s`
    // seconds: the view eases to `target` grown to kContextFactor times its size and at least kContextMinSpan
    // metres, centred in `area` (never closer than the zoom-in limit). When the current zoom already shows the
    // whole target about that close (at least kComfortableZoom of that scale, target within kComfortableFit of the
    // area), the zoom is kept: the view only re-centres, and only if part of the target is hidden or within
    // kEdgeMargin of the area's edges (e.g. under the panel); otherwise nothing moves.
    void ease_to_show(const Box& target, const ScreenRect& area, double duration_s = 0.45);
    static constexpr double kContextFactor = 3.0;
    static constexpr double kContextMinSpan = 4000.0;  // metres
    static constexpr double kComfortableZoom = 0.5;  // within a factor 2 of the context zoom
    static constexpr double kComfortableFit = 0.9;
    static constexpr double kEdgeMargin = 0.04;
    // Smoothly move to an explicit view (clamped).
    void ease_to(Vec2 center, double scale, double duration_s = 0.45);
    // Advance easing by dt seconds. Returns true while the view is still moving (the caller keeps redrawing).
    bool update(double dt_s);
    bool animating() const { return easing_; }
    void finish_easing();  // jump to the end of the current easing

private:
    void clamp();                             // apply zoom then pan limits to the current state
    void clamp_view(Vec2& c, double& s) const;
    Vec2 center_for(Vec2 world_point, Vec2 screen_point, double scale) const;  // center putting a point at a pixel

    double vw_ = 1, vh_ = 1;
    Vec2 center_;
    double scale_ = 1;
    Box bounds_;
    double min_scale_ = 1e-9, max_scale_ = 1e9;
    ScreenRect bounds_area_;
    double min_span_m_ = 6000.0;
    double slack_x_ = 0, slack_y_ = 0;  // px of empty margin the overview shows beside the bounds, per axis

    bool easing_ = false;
    Vec2 from_center_, to_center_;
    double from_scale_ = 1, to_scale_ = 1;
    double ease_t_ = 0, ease_duration_ = 0;
};

}  // namespace qmi
