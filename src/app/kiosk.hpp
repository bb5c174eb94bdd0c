// The kiosk itself: the one content state, the visitor's session (language, selection, attract mode) and staff access,
// over two views it owns: the MapView (camera, gestures, map) and the Widgets (everything drawn with ImGui).
//
// Input comes in normalised (core InputEvents with one PointerId each) and is routed once:
//     staff corner (watches every pointer) -> attract mode (may swallow the waking touch) -> widgets (the first
//     finger drives ImGui's mouse) -> map (fingers that go down on the map, not on a widget)
// Widgets return UiActions and the map returns MapTaps; the Kiosk applies both between frames, so nothing changes
// the state in the middle of drawing. A frame loop (app/frame_loop.hpp) drives it:
//     kiosk.handle(input) ... kiosk.update(now) ... kiosk.build_frame() ... kiosk.render(target) ... apply_actions()
#pragma once
#include <chrono>
#include <functional>
#include <utility>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>
#include <nlohmann/json.hpp>

#include "app/kiosk_clock.hpp"
#include "app/frame_painter.hpp"
#include "app/kiosk_data.hpp"
#include "app/live_updates.hpp"
#include "app/map_view.hpp"
#include "app/render_setup.hpp"
#include "app/widgets.hpp"
#include "ui/gesture_hint.hpp"
#include "core/attract_mode.hpp"
#include "core/commune_search.hpp"
#include "core/presenter_tour.hpp"
#include "core/input_script.hpp"
#include "core/staff_access.hpp"
#include "core/usage.hpp"

namespace qmi::app {

class Kiosk {
public:
    // Loads the data again for a staff "reload": the data, or nullopt with `error` set to one line.
    using Reloader = std::function<std::optional<KioskData>(std::string& error)>;

    // `windowed`: development window (Escape quits, close button obeyed) instead of the locked-down kiosk.
    Kiosk(KioskData data, KioskClock clock, Lang lang, RenderSetup setup, bool windowed, Reloader reloader = {});
    ~Kiosk();
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // CPU work for a display size, no GL (may run on another thread while the window comes up).
    void prepare(unsigned width, unsigned height);
    // GPU work, with the target's GL context active. False (logged) on failure.
    bool init_gpu();
    // New display size (window resize, rotation, staff windowed toggle): re-layout and refit, GL context active.
    void resize(unsigned width, unsigned height);

    // One frame's input, in arrival order.
    void handle(const std::vector<InputEvent>& events);
    // The window lost the focus: fingers and buttons are dropped, and the next frame is painted whole (whatever
    // took the focus may have drawn over the window).
    void focus_lost();
    // The window's pixels may not be the last frame's (it got the focus back from something drawn over it): the
    // next frame is painted whole.
    void window_exposed();
    // Timers (staff corner, PIN pad, attract mode) and animations at loop time `now` (seconds).
    void update(double now, double dt);
    // The ImGui frame: widgets draw the current state; what they return waits for apply_actions(). `back`: what the
    // target render() will paint holds (the default: unknown, a still picture, so everything is painted at rest).
    // GL context active.
    void build_frame(double dt, const BackBuffer& back = {});
    // Paints into `target` what the last built frame changes on it (everything, for a BackBuffer{}), and returns the
    // rectangles painted (app/frame_painter.hpp). Does not present.
    render::Frame render(sf::RenderTarget& target, const FramePainter::Scroll& scroll = {});
    // Applies what the widgets returned in the last built frame. Between frames, GL context active (a staff reload
    // rebuilds the views).
    void apply_actions();

    // Another frame is needed now (animation, queued input, state changed since the last frame).
    bool wants_frame() const;
    // How long the screen stays the same by itself (the banner countdown ticks, the map's sharp frame once the view
    // rests): the loop may sleep that long.
    std::chrono::milliseconds idle_wait() const;

    bool quit() const { return quit_; }
    bool windowed() const { return windowed_; }

    // Presenter mode (the staff menu's "Présentation guidée", --present): the tour of content.json (or the default
    // one) from its first step, full screen, driven by the bar's buttons and by presenter keys (core/presenter_tour);
    // attract mode does not start and the map does not move under a stray finger. Leaving it (Exit, Escape) returns
    // to the kiosk at the overview. False (logged) when there is nothing to present.
    bool start_tour();
    void leave_tour();
    bool presenting() const { return tour_.has_value(); }

    // Selection by INSEE code (former codes followed) or commune name (case-insensitive). False when unknown.
    bool select_by_code_or_name(const std::string& what);
    // Jumps to the end of camera easing (captures show the settled view).
    void settle();

    // New programme content (live feed), between frames: everything derived from it is rebuilt once; selection,
    // camera and language stay.
    void set_content(Content content, ContentSource source);
    const KioskData& data() const { return *data_; }
    void set_live_status(LiveStatus s) { live_status_ = std::move(s); }
    // The touch screen found ("" = none: the mouse is used), for the staff status.
    void set_touch(std::string description) { touch_ = std::move(description); }

    // What is on screen, for --state-out: selection, card, zoom, attract mode, staff screens, language.
    nlohmann::json state() const;

    // What visitors did since the last call (anonymous by construction: core/usage.hpp), for the statistics.
    std::vector<UsageEvent> take_usage() { return std::exchange(usage_, {}); }
    // Today's figures for the staff status (the screen mode reads them from the statistics once a second).
    void set_usage_today(const UsageFigures& f) { usage_today_ = f; }
    // Frames built during the last second (staff status, fleet health).
    double frames_per_second() const { return static_cast<double>(frame_times_.size()); }

    // --bench.
    MapView& map() { return *map_; }
    // qmi-kiosk proof: the widgets whose ImGui frames it inspects.
    const Widgets& widgets() const { return *widgets_; }
    const ui::Layout& layout() const { return widgets_->layout(); }
    void set_phase_times(render::PhaseTimes* times) { phase_times_ = times; }
    int overlay_vertices() const { return widgets_->overlay_vertices(); }

private:
    void make_views();
    void on_pointer(const PointerEvent& p);
    void on_key(const KeyChord& k, double t);
    void on_tap(const MapTap& tap);
    void wake_up();
    std::optional<date::sys_seconds> next_views_change(date::sys_seconds now) const;
    void refresh_views();
    void choose_commune(const std::string& insee, bool from_search);
    void close_search(bool chose);
    void note_input(double t);
    void note_selection(size_t commune);
    void flush_pending_tap(double now);
    // `arrondissement`: the one a tap in Paris landed in (its card names it); nullopt from the list, the search...
    void select(std::optional<size_t> commune, bool animate, std::optional<size_t> arrondissement = std::nullopt);
    void present_district(int district);
    void prepare_map();
    void show_step(bool move_map);
    void on_presenter_key(PresenterKey k);
    void presenter_move(bool moved);
    void open_timeline();
    void open_pin_pad();
    void submit_pin(double t);
    void reload();
    ui::StaffStatus staff_status() const;
    ScreenState screen_state() const;
    void redraw(int frames = 2) { frames_owed_ = std::max(frames_owed_, frames); }

    std::unique_ptr<KioskData> data_;
    KioskClock clock_;
    Lang lang_;
    Lang start_lang_;  // every visitor starts in it: idle resets to it
    RenderSetup setup_;
    bool windowed_;
    Reloader reloader_;
    unsigned width_ = 0, height_ = 0;

    std::unique_ptr<Widgets> widgets_;
    std::unique_ptr<MapView> map_;
    std::vector<UiAction> actions_;  // returned by the last built frame
    FramePainter painter_;
    render::PhaseTimes* phase_times_ = nullptr;

    std::optional<ui::PanelModel> panel_;      // card of the selected commune
    std::optional<ui::SourcesModel> sources_;  // the sources of that card (or of the introduction), when asked
    CommuneSearch search_index_;               // every commune of the Métropole by name
    bool search_open_ = false;
    bool search_typed_ = false;                // keys were typed since the keyboard opened
    ui::GestureHint hint_;
    std::optional<PresenterTour> tour_;            // presenter mode while set
    std::optional<ui::PresenterStepModel> step_;   // what the current step shows, built once per step
    bool blackout_ = false;                        // a clicker's "B": the screen is black
    bool timeline_open_ = false;                   // the visitors' timeline view
    static constexpr double kFlight_s = 1.4;       // the map's flight from one step to the next
    std::optional<date::sys_seconds> views_until_;  // when what the cards say about the calls changes
    AttractMode attract_;
    std::optional<ui::AttractCard> card_;      // what attract mode presents
    std::optional<size_t> card_commune_;
    std::optional<size_t> wake_target_;        // the district a waking touch landed on (card or outline)
    std::optional<size_t> arrondissement_;     // of the selection (Paris tapped on the map), else nullopt
    struct BeforeTap {
        std::optional<size_t> selected;
        std::optional<size_t> arrondissement;
        CameraView view;
    };
    std::optional<BeforeTap> before_tap_;      // undone if the tap turns out to be half of a double tap
    struct Toast {
        std::string key;   // ui-text key
        ScreenPos at;
        double until = 0;  // loop time
    };
    std::optional<Toast> toast_;
    static constexpr double kToast_s = 2.5;
    StaffAccess staff_;
    StaffScreen staff_screen_ = StaffScreen::None;
    std::string pin_digits_;
    std::string pin_message_;
    double locked_for_ = 0;
    std::string reload_result_;
    std::string last_error_;
    std::optional<LiveStatus> live_status_;
    std::string touch_;
    std::optional<ui::StaffStatus> status_;    // built once per second while the staff menu is open
    double status_at_ = -1;

    double now_ = 0;
    // A visitor's session: from the first input after the attract loop (or start) to the last one before it.
    bool session_open_ = false;
    double session_start_t_ = 0, last_input_t_ = 0;
    std::vector<UsageEvent> usage_;
    std::optional<std::pair<size_t, double>> pending_tap_;  // (commune, loop time) of a tap not yet counted
    static constexpr double kDoubleTapWindow_s = GestureConfig{}.double_tap_s + 0.05;  // and a few frames
    std::optional<UsageFigures> usage_today_;
    std::vector<double> frame_times_;  // build times of the last second (staff status)
    int frames_owed_ = 2;
    bool quit_ = false;
};

}  // namespace qmi::app
