// The map on screen: camera, gesture recognizer, hit index, renderer, commune labels, and the
// outline of the selected (or presented) commune. It takes pointer and wheel events in screen pixels and reports
// what the visitor did with the map (taps); what a tap means (open a card, wake the kiosk) is the Kiosk's decision.
//
//   prepare()  CPU only (viewport, camera fit, label layout): may run on another thread while the window comes up
//   init_gpu() uploads the geometry, with the target's GL context active
//   per frame: on_pointer / on_wheel ... update(now, dt) -> taps ... draw_labels() into ImGui ... draw(target, clip)
// What a frame repaints of it, and at which quality, is app/frame_painter's decision.
#pragma once
#include <optional>
#include <utility>
#include <vector>

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include "core/camera.hpp"
#include "core/gestures.hpp"
#include "core/hit_index.hpp"
#include "core/label_layout.hpp"
#include "core/map_model.hpp"
#include "core/pointer_event.hpp"
#include "render/map_renderer.hpp"
#include "render/phase_times.hpp"

struct ImDrawList;
struct ImFont;

namespace qmi::app {

// The font the labels are measured and drawn with (owned by the widgets' ImGui atlas).
struct LabelFont {
    ImFont* font = nullptr;
    float size = 0;  // px
};

// A tap on the map: the commune under the finger (a Métropole member or nothing) and, in Paris, the arrondissement.
// A double tap reports its first tap at once (a single tap must act at once), then DoubleTap: the Kiosk undoes what
// the first tap did and zooms.
struct MapTap {
    enum Kind { Tap, DoubleTap };
    Kind kind = Tap;
    std::optional<size_t> commune;  // index into MapModel::communes
    std::optional<size_t> arrondissement;  // index into MapModel::arrondissements: set only when commune is Paris
    ScreenPos pos;
};

// Where the camera looks: restored when a double tap takes back its first tap.
struct CameraView {
    Vec2 center;
    double scale = 1;
};

class MapView {
public:
    // `map` must outlive the view.
    explicit MapView(const MapModel& map);

    // Display size, the rectangle the map owns (widgets never draw there), ui scale (line widths, label padding)
    // and the physical density (gesture thresholds). `districts`: communes that get a label whatever the zoom.
    void prepare(unsigned width, unsigned height, const ScreenRect& area, float ui_scale, float px_per_mm,
                 LabelFont font, const std::vector<size_t>& districts);
    // With the target's GL context active. False (logged) when the geometry cannot be uploaded.
    bool init_gpu(const std::vector<sf::Color>& fills);
    // New commune fills (content changed): uploaded by the next draw(), which has the GL context.
    void set_fills(std::vector<sf::Color> fills);

    // A finger (or the mouse button) that goes down inside the map area drives the map until it lifts; others are
    // ignored here. Times are the loop clock's seconds.
    void on_pointer(const PointerEvent& e);
    void on_wheel(const WheelEvent& e);
    // Drops every finger and glide without a tap (focus lost, attract mode, a modal screen).
    void cancel_input();

    // Advances gestures to `now` and the camera by `dt`; returns the taps recognised, in order.
    std::vector<MapTap> update(double now, double dt);
    // True while something moves by itself (easing, inertia).
    bool wants_frame() const;

    // `arrondissement` (a tap in Paris): zoomed in (from kArrondissementBorderMinZoom), the camera stays while that
    // arrondissement is in view, else shows it with its neighbours, rather than the whole of Paris: a visitor who
    // zoomed in to read the numbers stays close. The outline is Paris's.
    void select(std::optional<size_t> commune, bool animate, std::optional<size_t> arrondissement = std::nullopt);
    std::optional<size_t> selected() const { return selected_; }
    // The commune attract mode presents: outlined like a selection (a selection wins).
    void set_highlight(std::optional<size_t> commune);
    std::optional<size_t> highlight() const { return highlight_; }
    // Communes outlined together when nothing is selected or highlighted (the presenter shows a promotion's
    // districts); empty clears it.
    void set_group(std::vector<size_t> communes);
    // The districts of the call the banner names, ringed in `color` (empty: none).
    void set_call(std::vector<size_t> communes, sf::Color color);
    // Glide to show all of `communes` together (a promotion's districts, the calls').
    void fly_to_show(const std::vector<size_t>& communes, double seconds);
    // Glide back to the whole Métropole, fingers dropped.
    void show_overview();
    // Jumps to the end of any easing (captures show the settled view).
    void finish_easing() { camera_.finish_easing(); }
    // Glide to show `commune` with its neighbours (attract mode flies from district to district).
    void fly_to(size_t commune, double seconds);
    // Zoom about a screen point (double tap).
    void zoom_at(ScreenPos p, double factor);
    // Zoom about the middle of the map area, eased (+ / - buttons).
    void zoom_by(double factor);
    bool can_zoom_in() const { return camera_.scale() < camera_.max_scale() * 0.999; }
    bool can_zoom_out() const { return camera_.scale() > camera_.min_scale() * 1.001; }
    // True once after fingers (or the wheel) moved the map: the gesture hint has done its job.
    bool take_manipulated() { return std::exchange(manipulated_, false); }
    CameraView view() const { return {camera_.center(), camera_.scale()}; }
    void set_view(const CameraView& v);
    // The Métropole commune under a screen point of the map area, if any (a name on the map counts as its commune).
    std::optional<size_t> commune_at(ScreenPos p) const;
    // The arrondissement under a screen point of the map area when that point is in Paris (arrondissement_at).
    std::optional<size_t> arrondissement_at(ScreenPos p) const;
    // The labels the current view shows: commune and screen box (x0, y0, x1, y1), in drawing order.
    std::vector<std::pair<size_t, ScreenRect>> visible_labels() const;
    // The arrondissement numbers the current view shows: index into MapModel::arrondissements and screen box.
    std::vector<std::pair<size_t, ScreenRect>> visible_arrondissement_labels() const;
    // Language of the arrondissement numbers ("8e" / "8th"); the layout fits both.
    void set_language(Lang lang) { lang_ = lang; }

    // The labels go into ImGui's background draw list (over the map, under every widget). `moving`: the lighter
    // halo of a map in motion (render/map_labels.hpp).
    void draw_labels(ImDrawList* draw_list, bool moving, render::PhaseTimes* times);
    // Uploads new fills or geometry if some wait (GL context active): before a frame decides what it repaints.
    void upload_pending();
    // Draws fills and borders inside `clip` (target pixels), over what the target was cleared with
    // (render::clear_color()), nothing outside.
    void draw(sf::RenderTarget& target, const render::PixelRect& clip, render::MapQuality quality,
              render::PhaseTimes* times);
    // Changes whenever what draw() shows changes for the same camera (fills, outline): see MapRenderer.
    uint64_t generation() const { return renderer_.generation(); }

    const Camera& camera() const { return camera_; }
    Camera& camera() { return camera_; }
    const ScreenRect& area() const { return area_; }
    // Screen box of `commune` (its bounding box under the current camera), for cards that must not hide it.
    ScreenRect screen_box(size_t commune) const;
    size_t vertex_count() const { return renderer_.vertex_count(); }

private:
    void apply(const GestureAction& a, std::vector<MapTap>& taps);
    void outline_changed();
    void set_outline();
    Box reachable_world() const;
    bool in_area(ScreenPos p) const;

    const MapModel& map_;
    Camera camera_;
    ScreenRect area_;
    Box bounds_;  // the Métropole and a thin frame: what the overview shows
    float ui_scale_ = 1;
    HitIndex hit_;
    LabelLayout labels_;
    LabelLayout arrondissement_labels_;
    std::vector<std::string> arrondissement_texts_[2];  // "8e" (French), "8th" (English), by arrondissement
    Lang lang_ = Lang::Fr;
    LabelFont font_;
    GestureRecognizer gestures_;
    std::vector<PointerId> fingers_;  // pointers that went down inside the map area
    float label_slop_px_ = 0;         // a tap this close to a name is on the name
    bool manipulated_ = false;

    render::MapRenderer renderer_;
    std::vector<sf::Color> fills_;
    bool gpu_ready_ = false;
    bool upload_pending_ = false;

    std::optional<size_t> selected_;
    std::optional<size_t> selected_arrondissement_;  // the tap's, when Paris was selected by one
    std::optional<size_t> highlight_;
    std::vector<size_t> group_;
    std::vector<size_t> call_;
    sf::Color call_color_;
};

}  // namespace qmi::app
