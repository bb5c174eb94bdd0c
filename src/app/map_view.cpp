#include "app/map_view.hpp"

#include <algorithm>
#include <chrono>

#include <imgui.h>
#include <spdlog/spdlog.h>

#include "core/arrondissements.hpp"
#include "core/camera_gestures.hpp"
#include "render/map_labels.hpp"

namespace qmi::app {

MapView::MapView(const MapModel& map) : map_(map), hit_(map) {}

void MapView::prepare(unsigned width, unsigned height, const ScreenRect& area, float ui_scale, float px_per_mm,
                      LabelFont font, const std::vector<size_t>& districts) {
    area_ = area;
    ui_scale_ = ui_scale;
    font_ = font;
    camera_.set_viewport(width, height);
    // The Métropole plus a thin frame (3 % of its larger side): at the overview its outline never touches the
    // banner, the panel or the screen edge, and its outer communes stay easy to touch.
    bounds_ = map_.metropole_bbox;
    if (!bounds_.empty()) {
        const double m = 0.03 * std::max(bounds_.width(), bounds_.height());
        bounds_.add({bounds_.min.x - m, bounds_.min.y - m});
        bounds_.add({bounds_.max.x + m, bounds_.max.y + m});
    }
    camera_.set_bounds(bounds_, area_);
    camera_.fit(bounds_, area_);

    label_slop_px_ = 2.0f * px_per_mm;  // half a fingertip's wobble
    GestureConfig gc;
    gc.px_per_mm = px_per_mm;
    gestures_ = GestureRecognizer(gc);
    fingers_.clear();

    LabelLayoutOptions opt;
    opt.overview_scale = camera_.min_scale();
    opt.max_scale = camera_.max_scale();
    opt.padding_px = 4.0 * ui_scale;
    labels_ = layout_labels(
        map_, districts,
        [font](std::string_view t) { return font.font ? render::measure_label(font.font, font.size, t) : Vec2{0, 0}; },
        opt);
    auto measure = [font](std::string_view t) {
        return font.font ? render::measure_label(font.font, font.size, t) : Vec2{0, 0};
    };
    arrondissement_labels_ = layout_arrondissement_labels(
        map_, labels_,
        [&](int n) {
            const Vec2 fr = measure(french_ordinal(n)), en = measure(english_ordinal(n));
            return Vec2{std::max(fr.x, en.x), std::max(fr.y, en.y)};
        },
        opt);
    for (const Lang lang : {Lang::Fr, Lang::En}) {
        std::vector<std::string>& texts = arrondissement_texts_[lang == Lang::En];
        texts.clear();
        for (const Arrondissement& a : map_.arrondissements) texts.push_back(ordinal(a.number, lang));
    }
    renderer_.set_arrondissement_min_scale(camera_.min_scale() * render::kArrondissementBorderMinZoom);
    if (selected_) select(selected_, false, selected_arrondissement_);
    upload_pending_ = gpu_ready_;  // what is reachable changed with the display size
}

Box MapView::reachable_world() const {
    // The overview is the widest view allowed; panning at that zoom only slides within the slack around the
    // Métropole, so half the view's size on each side is a safe margin.
    Camera overview = camera_;
    overview.fit(bounds_, area_);
    Box b = overview.visible_world();
    const double mx = b.width() / 2, my = b.height() / 2;
    b.add({b.min.x - mx, b.min.y - my});
    b.add({b.max.x + mx, b.max.y + my});
    return b;
}

bool MapView::init_gpu(const std::vector<sf::Color>& fills) {
    fills_ = fills;
    if (!renderer_.upload(map_, fills_, reachable_world())) return false;
    set_outline();
    renderer_.set_call(map_, call_, call_color_);
    gpu_ready_ = true;
    upload_pending_ = false;
    return true;
}

void MapView::set_fills(std::vector<sf::Color> fills) {
    fills_ = std::move(fills);
    upload_pending_ = gpu_ready_;
}

bool MapView::in_area(ScreenPos p) const {
    return p.x >= area_.x && p.x < area_.x + area_.w && p.y >= area_.y && p.y < area_.y + area_.h;
}

void MapView::on_pointer(const PointerEvent& e) {
    auto tracked = std::find(fingers_.begin(), fingers_.end(), e.who());
    if (e.kind == PointerEvent::Down) {
        if (tracked != fingers_.end() || !in_area(e.pos)) return;
        fingers_.push_back(e.who());
    } else if (tracked == fingers_.end()) {
        return;
    } else if (e.kind == PointerEvent::Up || e.kind == PointerEvent::Cancel) {
        fingers_.erase(tracked);
    }
    gestures_.on_pointer(e);
}

void MapView::on_wheel(const WheelEvent& e) {
    if (in_area(e.pos)) gestures_.on_wheel(e);
}

void MapView::cancel_input() {
    gestures_.reset();
    fingers_.clear();
}

std::vector<MapTap> MapView::update(double now, double dt) {
    std::vector<MapTap> taps;
    gestures_.update(now);
    // Pinch steps (PanBy + ZoomAt) go to the camera together, so the map stays under the fingers.
    const std::vector<GestureAction> actions = gestures_.take_actions();
    const std::vector<GestureAction> rest = apply_camera_gestures(camera_, actions);
    if (rest.size() != actions.size()) manipulated_ = true;
    for (const GestureAction& a : rest) apply(a, taps);
    for (const GestureAnomaly& x : gestures_.take_anomalies()) spdlog::warn("input: {}", x.describe());
    camera_.update(dt);
    return taps;
}

void MapView::apply(const GestureAction& a, std::vector<MapTap>& taps) {
    switch (a.kind) {
        case GestureAction::Tap:
        case GestureAction::DoubleTap: {
            MapTap tap{a.kind == GestureAction::Tap ? MapTap::Tap : MapTap::DoubleTap, commune_at(a.pos), {}, a.pos};
            if (tap.commune && map_.communes[*tap.commune].insee == "75056") tap.arrondissement = arrondissement_at(a.pos);
            taps.push_back(tap);
            break;
        }
        default: break;  // PanBy and ZoomAt went to the camera together (apply_camera_gestures)
    }
}

bool MapView::wants_frame() const { return camera_.animating() || gestures_.gliding(); }

void MapView::select(std::optional<size_t> commune, bool animate, std::optional<size_t> arrondissement) {
    if (commune && *commune >= map_.communes.size()) commune.reset();
    if (!commune || (arrondissement && *arrondissement >= map_.arrondissements.size())) arrondissement.reset();
    selected_ = commune;
    selected_arrondissement_ = arrondissement;
    if (commune) {
        // Zoomed in far enough to see the arrondissements, the visitor stays with the one they touched: the camera
        // stays while it is in view, else shows it with its neighbours. Anywhere else (the overview), Paris as
        // any commune.
        const bool close = camera_.scale() >= camera_.min_scale() * render::kArrondissementBorderMinZoom;
        if (arrondissement && close) {
            const Box& b = map_.arrondissements[*arrondissement].bbox;
            const Vec2 tl = camera_.world_to_screen({b.min.x, b.max.y}), br = camera_.world_to_screen({b.max.x, b.min.y});
            const bool in_view = tl.x >= area_.x && tl.y >= area_.y && br.x <= area_.x + area_.w &&
                                 br.y <= area_.y + area_.h;
            if (!in_view) camera_.ease_to_show(b, area_);
        } else {
            camera_.ease_to_show(map_.communes[*commune].bbox, area_);
        }
        if (!animate) camera_.finish_easing();
    }
    outline_changed();
}

void MapView::set_highlight(std::optional<size_t> commune) {
    if (commune && *commune >= map_.communes.size()) commune.reset();
    highlight_ = commune;
    outline_changed();
}

// The renderer's outline changes at once (a new generation): the next frame repaints the map.
void MapView::outline_changed() {
    if (gpu_ready_) set_outline();
}

void MapView::set_call(std::vector<size_t> communes, sf::Color color) {
    if (communes == call_ && color == call_color_) return;
    call_ = std::move(communes);
    call_color_ = color;
    if (gpu_ready_) renderer_.set_call(map_, call_, call_color_);
}

// What is outlined: the selection, else the commune attract mode presents, else the presenter's group.
void MapView::set_outline() {
    if (selected_ || highlight_) renderer_.set_selection(map_, selected_ ? selected_ : highlight_);
    else renderer_.set_selection(map_, group_);
}

void MapView::set_group(std::vector<size_t> communes) {
    communes.erase(std::remove_if(communes.begin(), communes.end(), [&](size_t c) { return c >= map_.communes.size(); }),
                   communes.end());
    if (communes == group_) return;
    group_ = std::move(communes);
    outline_changed();
}

void MapView::fly_to_show(const std::vector<size_t>& communes, double seconds) {
    Box box;
    for (size_t c : communes)
        if (c < map_.communes.size()) {
            box.add(map_.communes[c].bbox.min);
            box.add(map_.communes[c].bbox.max);
        }
    if (!box.empty()) camera_.ease_to_show(box, area_, seconds);
}

std::optional<size_t> MapView::commune_at(ScreenPos p) const {
    if (!in_area(p)) return std::nullopt;
    // A name on the map belongs to its commune even where it lies over a neighbour.
    if (std::optional<size_t> named = label_at(labels_, camera_, area_, selected_, Vec2{p.x, p.y}, label_slop_px_)) return named;
    return hit_.commune_at(camera_.screen_to_world({p.x, p.y}), true);
}

std::optional<size_t> MapView::arrondissement_at(ScreenPos p) const {
    if (!in_area(p)) return std::nullopt;
    return qmi::arrondissement_at(map_, camera_.screen_to_world({p.x, p.y}));
}

std::vector<std::pair<size_t, ScreenRect>> MapView::visible_arrondissement_labels() const {
    std::vector<std::pair<size_t, ScreenRect>> out;
    for_each_visible_label(arrondissement_labels_, camera_, area_, std::nullopt, [&](const VisibleLabel& v) {
        out.push_back({v.label->commune, ScreenRect{v.box.min.x, v.box.min.y, v.box.width(), v.box.height()}});
    });
    return out;
}

std::vector<std::pair<size_t, ScreenRect>> MapView::visible_labels() const {
    std::vector<std::pair<size_t, ScreenRect>> out;
    for_each_visible_label(labels_, camera_, area_, selected_, [&](const VisibleLabel& v) {
        out.push_back({v.label->commune, ScreenRect{v.box.min.x, v.box.min.y, v.box.width(), v.box.height()}});
    });
    return out;
}

void MapView::fly_to(size_t commune, double seconds) {
    if (commune < map_.communes.size()) camera_.ease_to_show(map_.communes[commune].bbox, area_, seconds);
}

void MapView::zoom_at(ScreenPos p, double factor) { camera_.zoom_at({p.x, p.y}, factor); }

void MapView::zoom_by(double factor) {
    // Where a zoom about the map area's middle ends (limits included), reached by easing.
    Camera target = camera_;
    target.finish_easing();
    target.zoom_at(area_.center(), factor);
    camera_.ease_to(target.center(), target.scale(), 0.3);
}

void MapView::set_view(const CameraView& v) {
    camera_.ease_to(v.center, v.scale, 0.0);
    camera_.finish_easing();
}

void MapView::show_overview() {
    select(std::nullopt, false);
    cancel_input();
    camera_.ease_to_show(bounds_, area_, 1.0);
}

ScreenRect MapView::screen_box(size_t commune) const {
    if (commune >= map_.communes.size()) return {};
    const Box& b = map_.communes[commune].bbox;
    const Vec2 a = camera_.world_to_screen({b.min.x, b.max.y});
    const Vec2 c = camera_.world_to_screen({b.max.x, b.min.y});
    return {a.x, a.y, c.x - a.x, c.y - a.y};
}

void MapView::draw_labels(ImDrawList* draw_list, bool moving, render::PhaseTimes* times) {
    const auto start = std::chrono::steady_clock::now();
    render::draw_arrondissement_labels(draw_list, arrondissement_labels_, arrondissement_texts_[lang_ == Lang::En],
                                       camera_, font_.font, font_.size, area_, moving);
    render::draw_map_labels(draw_list, labels_, map_, camera_, font_.font, font_.size, area_, selected_, moving);
    if (times)
        times->labels_cpu_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void MapView::upload_pending() {
    if (!upload_pending_) return;
    renderer_.upload(map_, fills_, reachable_world());
    set_outline();
    renderer_.set_call(map_, call_, call_color_);
    upload_pending_ = false;
}

void MapView::draw(sf::RenderTarget& target, const render::PixelRect& clip, render::MapQuality quality,
                   render::PhaseTimes* times) {
    renderer_.draw(target, camera_, ui_scale_, clip, quality, times);
}

}  // namespace qmi::app
