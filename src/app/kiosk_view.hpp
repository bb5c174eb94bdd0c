// The running kiosk's screen: camera, map renderer, labels, widgets and the selection, for one display size.
// Input arrives as SFML events; pointer events inside the map area go through the gesture recognizer
// (core/gestures) and come out as actions (tap -> select, pan, zoom), so a touch driver (src/input) can feed the
// same path. draw() renders one COMPLETE frame into any SFML target (window or offscreen texture).
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <date/date.h>

#include "app/kiosk_data.hpp"
#include "core/camera.hpp"
#include "core/gestures.hpp"
#include "core/hit_index.hpp"
#include "core/label_layout.hpp"
#include "render/map_redraw.hpp"
#include "render/map_renderer.hpp"
#include "render/phase_times.hpp"
#include "render/screen_damage.hpp"
#include "render/widget_damage.hpp"
#include "ui/banner.hpp"
#include "ui/fonts.hpp"
#include "ui/imgui_glue.hpp"
#include "ui/info_panel.hpp"
#include "ui/layout.hpp"
#include "ui/legend.hpp"
#include "ui/theme.hpp"

struct ImGuiContext;

namespace qmi::app {

// Wall clock, optionally shifted so that it starts at --now and then runs normally.
class KioskClock {
public:
    KioskClock() = default;
    explicit KioskClock(date::sys_seconds start) : start_(start), steady_start_(std::chrono::steady_clock::now()) {}
    date::sys_seconds now() const;
    std::chrono::system_clock::time_point now_precise() const;  // same clock, sub-second

private:
    std::optional<date::sys_seconds> start_;
    std::chrono::steady_clock::time_point steady_start_{};
};

class KioskView {
public:
    KioskView(const KioskData& data, Lang lang, KioskClock clock);
    ~KioskView();
    KioskView(const KioskView&) = delete;
    KioskView& operator=(const KioskView&) = delete;

    // CPU work for a display size, no GL needed: ImGui context, fonts, layout, camera fit, label layout.
    void prepare(unsigned width, unsigned height);
    // GPU work, with the target's context active: map upload, ImGui renderer. False (logged) on failure.
    bool init_gpu();
    // New display size (window resize / rotation): re-layout and refit.
    void resize(unsigned width, unsigned height);

    // Returns true when the event may change the screen.
    bool handle_event(const sf::Event& event);
    // Pointer input from any other source (touch through src/input): screen pixels, `t` on input_time()'s clock.
    // A finger that goes down inside the map area drives the map until it lifts; elsewhere it is ignored here.
    void handle_pointer(const PointerEvent& e);
    double input_time() const;  // seconds since the view was created (steady clock), the time base of gestures
    // Advances animations (camera easing, gesture glide) by dt; true while something moves.
    bool update(double dt_s);
    // An ImGui-only frame (no GL): lets widgets measure themselves so that the first PRESENTED frame is complete.
    void warm_up();
    // One complete frame into `target` (cleared first). Does not present it.
    void draw(sf::RenderTarget& target, double dt_s) { draw(target, dt_s, 0); }
    // One frame into a target that still holds the frame drawn `buffer_age` frames before (1: the previous one;
    // 0: unknown, everything is drawn): only what changed since then is drawn, and that rectangle is returned for
    // presenting. Empty: the frame would look exactly like the one on screen; nothing was drawn.
    render::PixelRect draw(sf::RenderTarget& target, double dt_s, unsigned buffer_age) {
        return draw_frame(target, dt_s, buffer_age, nullptr).bounds();
    }
    // The same for a window whose pixels are exactly the last frame presented (render::Presenter::can_scroll),
    // given `scroll` to move them: when the map only moved by whole pixels since (a mouse drag), `scroll` is
    // called with the frame before anything is painted, to move the map area's pixels on screen, and the frame
    // repaints only the strip the move uncovers and the widgets lying over the map. The back buffer's map area then
    // no longer matches the window; the first later frame that repaints any of it without scrolling repaints all of
    // it. nullptr: never scroll.
    using Scroll = std::function<void(const render::Frame&)>;
    render::Frame draw_frame(sf::RenderTarget& target, double dt_s, unsigned buffer_age, const Scroll* scroll);

    // True when the next frame must be drawn without waiting (animation, queued input, ImGui settling).
    bool wants_frame() const;
    // Time until the screen would change by itself (the banner countdown ticks); the loop may sleep that long.
    std::chrono::milliseconds idle_wait() const;

    // Selection by INSEE code (former codes followed) or commune name (case-insensitive). False when unknown.
    bool select_by_code_or_name(const std::string& what, bool animate);
    void select(std::optional<size_t> commune, bool animate);
    std::optional<size_t> selected() const { return selected_; }

    // New programme content from the live feed (main thread only, between frames): swaps it and rebuilds once what
    // depends on it (intro, legend, the open card, banner, labels; map fills at the next draw). Selection, camera
    // and language stay as they are.
    void set_content(Content content);
    const Content& content() const { return content_; }

    // Touch-first wiring (src/app/kiosk_session): the loop's clock (virtual under --replay --screenshot), input for
    // the widgets only (the ImGui touch bridge, modal staff screens), overlays drawn after the widgets every frame,
    // and attract mode's highlight / return to the overview.
    void set_input_clock(std::function<double()> now) { input_clock_ = std::move(now); }
    bool handle_ui_event(const sf::Event& e);
    void set_overlay(std::function<void(const ui::WidgetContext&)> draw) { overlay_ = std::move(draw); }
    void set_highlight(std::optional<size_t> commune);  // outlined on the map (no card); a selection wins
    void show_overview();  // card closed, fingers dropped, glide back to the whole Métropole

    Camera& camera() { return camera_; }
    size_t map_vertex_count() const { return renderer_.vertex_count(); }
    // --bench only: per-phase timings of each draw() (glFinish-bracketed) go to `times`; nullptr stops them.
    void set_phase_times(render::PhaseTimes* times) { phase_times_ = times; }
    const ui::Layout& layout() const { return layout_; }
    Lang lang() const { return lang_; }

private:
    void apply_action(const GestureAction& a);
    void rebuild_fonts_if_needed();
    void layout_for(unsigned width, unsigned height);
    void build_labels();
    Box reachable_world() const;
    void draw_widgets(bool map_moving = false);
    // Draws everything inside `rect` again, in order (clear, map, widgets clipped to it), nothing outside.
    void paint(sf::RenderTarget& target, const render::PixelRect& rect, render::MapQuality quality);
    void drop_uploaded_font_pixels();

    const KioskData& data_;
    Content content_;  // the programme on screen: data_.content at start, then what set_content() gave
    Lang lang_;
    KioskClock clock_;
    ImGuiContext* imgui_ = nullptr;
    ui::ImGuiGlue glue_;
    ui::Layout layout_;
    ui::Theme theme_;
    ui::Fonts fonts_;
    float fonts_scale_ = 0;
    bool gpu_ready_ = false;
    bool fonts_dirty_ = false;
    bool map_dirty_ = false;

    Camera camera_;
    Box bounds_;
    HitIndex hit_;
    LabelLayout labels_;
    render::MapRenderer renderer_;
    render::MapRedraw map_redraw_;
    render::ScreenDamage damage_;
    render::PixelRect screen_;  // the target size damage_ tracks
    render::PixelRect stale_;   // back buffer pixels that differ from the window's since a scroll
    render::WidgetDamage widget_damage_;
    render::PhaseTimes* phase_times_ = nullptr;
    GestureRecognizer gestures_;
    std::optional<int> map_pointer_;  // the mouse button whose press started in the map area
    std::vector<int> map_touches_;    // touch ids that went down in the map area
    std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();

    ui::Banner banner_;
    ui::IntroModel intro_;
    ui::LegendModel legend_;
    std::optional<ui::PanelModel> panel_;
    std::optional<size_t> selected_;
    int settle_frames_ = 0;
    std::function<double()> input_clock_;
    std::function<void(const ui::WidgetContext&)> overlay_;
    std::optional<size_t> highlight_;  // ImGui needs a frame or two after input to show hover/press states
};

}  // namespace qmi::app
