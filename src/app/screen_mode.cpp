// The kiosk on screen: full screen (or --windowed), live updates, the systemd watchdog, a stop signal ends it
// cleanly. Also --replay without --screenshot (the script played on screen in real time, then quit).
#include "app/modes.hpp"

#include <algorithm>
#include <thread>

#include <SFML/Graphics/RenderWindow.hpp>
#include <spdlog/spdlog.h>

#include "app/frame_loop.hpp"
#include "app/kiosk.hpp"
#include "app/live_updates.hpp"
#include "app/metrics_writer.hpp"
#include "app/screen_surface.hpp"
#include "app/startup.hpp"
#include "app/stop_signals.hpp"
#include "app/watchdog.hpp"
#include "app/x_display.hpp"
#include "store/usage_recorder.hpp"

namespace qmi::app {

namespace {

sf::VideoMode window_mode(const Options& o, bool windowed) {
    return windowed ? sf::VideoMode(o.width ? o.width : 1920, o.height ? o.height : 1080)
                    : sf::VideoMode::getDesktopMode();
}

void open_window(sf::RenderWindow& window, const Options& o, bool windowed, const RenderSetup& setup) {
    window.create(window_mode(o, windowed), "QMI Kiosk", windowed ? sf::Style::Default : sf::Style::Fullscreen,
                  gl_settings(setup.target_msaa));
    window.setVerticalSyncEnabled(true);
    window.setKeyRepeatEnabled(false);
    window.setMouseCursorVisible(windowed);
    window.setActive(true);
}

}  // namespace

int run_on_screen(const Options& o, const RenderSetup& setup, Stopwatch process) {
    int exit_code = 0;
    std::optional<Startup> start = prepare_startup(o, &exit_code);
    if (!start) return exit_code;
    if (const std::string problem = x_display_problem(); !problem.empty()) {
        spdlog::error("{}", problem);
        return 1;
    }
    if (!install_stop_signals()) spdlog::warn("cannot install the SIGTERM/SIGINT handlers: a stop kills the kiosk");
    Watchdog watchdog;
    FrameClock clock = FrameClock::real();
    Kiosk kiosk(std::move(start->data), start->clock, start->lang, setup, o.windowed,
                [&o](std::string& error) { return reload_data(o, error); });

    // Fonts and label layout (CPU only) overlap with creating the window and its GL context.
    bool windowed = kiosk.windowed();
    const sf::VideoMode expected = window_mode(o, windowed);
    std::thread prepare([&] { kiosk.prepare(expected.width, expected.height); });
    sf::RenderWindow window;
    open_window(window, o, windowed, setup);
    prepare.join();
    kiosk.resize(window.getSize().x, window.getSize().y);  // the desktop may not give the size asked for
    if (!kiosk.init_gpu()) return 1;
    if (o.present) kiosk.start_tour();
    draw_complete_frame(kiosk, window);
    window.display();
    watchdog.ready();
    spdlog::info("first complete frame {}x{} after {:.3f} s ({}x MSAA)", window.getSize().x, window.getSize().y,
                 process.seconds(), window.getSettings().antialiasingLevel);
    // Later frames repaint only what changed and present only that (render/presenter.hpp).
    // The first frame was swapped: the back buffer may hold anything, so the next frame is painted whole.
    render::Presenter presenter;
    presenter.attach(window, setup.copy_present);
    kiosk.window_exposed();

    // Live content and map updates on their own thread, started after the first frame: the network never delays
    // the start. A replayed script must see the same content every run, so --replay runs without them.
    LiveUpdates live(o.root, kiosk.data());
    if (o.replay.empty()) live.start();
    double next_status = 0;

    InputGatherer input(&window, std::move(start->script), clock.now(), o.record);
    const double stop_at = input.replay_end() + o.replay_tail_s;
    bool cursor_visible = windowed;
    kiosk.set_touch(input.touch_device() ? input.touch_description() : "");

    // Anonymous usage statistics and the fleet health textfile: written on their own threads, never in a frame.
    const KioskClock kiosk_clock = start->clock;
    store::UsageRecorder usage(
        store::usage_recorder_options(o.root, kiosk.data().settings, [kiosk_clock] { return kiosk_clock.now(); }));
    usage.start();
    MetricsWriter metrics(metrics_writer_options(o.root, kiosk.data().settings));
    metrics.start();
    const date::sys_seconds started = kiosk_clock.now();
    auto health = [&](bool up) {
        FleetHealth h;
        h.up = up;
        h.now = kiosk_clock.now();
        h.started = started;
        h.kiosk_version = QMI_VERSION;
        h.frames_per_second = kiosk.frames_per_second();
        add_live_status(h, live.status());
        h.touch_device_present = input.touch_device();
        h.sessions_today = usage.today(h.now).sessions;
        h.usage_events_dropped = usage.dropped();
        h.usage_store_ok = usage.status().store_ok;
        return h;
    };

    FrameHooks hooks;
    hooks.between_frames = [&](double now) {
        watchdog.frame(now);
        if (std::optional<Content> update = live.poll()) {  // one atomic load unless new content arrived
            kiosk.set_content(std::move(*update), ContentSource::Feed);
            next_status = 0;
        }
        for (const UsageEvent& e : kiosk.take_usage()) usage.record(e);
        if (now >= next_status) {  // the staff status screen reads it; once a second is plenty
            kiosk.set_live_status(live.status());
            kiosk.set_usage_today(usage.today(kiosk_clock.now()));
            next_status = now + 1;
        }
        if (metrics.due()) metrics.offer(health(true));
        // A touch hides the cursor; in a development window the mouse brings it back.
        const bool want_cursor = windowed && !input.touch_recent(now);
        if (want_cursor != cursor_visible) {
            window.setMouseCursorVisible(want_cursor);
            cursor_visible = want_cursor;
        }
        if (kiosk.windowed() != windowed) {
            // Staff toggle: a new window (and touch selection on it); GL objects live in SFML's shared context.
            windowed = kiosk.windowed();
            if (const std::string e = input.save_recording(); !e.empty()) spdlog::error("--record: {}", e);
            open_window(window, o, windowed, setup);
            presenter.attach(window, setup.copy_present);
            kiosk.resize(window.getSize().x, window.getSize().y);
            input = InputGatherer(&window, std::nullopt, now, "");
            kiosk.set_touch(input.touch_device() ? input.touch_description() : "");
            cursor_visible = windowed;
            spdlog::info("staff: {} {}x{}", windowed ? "windowed" : "full screen", window.getSize().x,
                         window.getSize().y);
        }
    };
    hooks.stop = [&](double now) {
        return stop_signal() != 0 || (input.replaying() && input.replay_finished() && now >= stop_at);
    };
    run_frames(kiosk, clock, input, screen_surface(window, presenter, input, setup), DrawPolicy::OnDemand, hooks);

    if (const int sig = stop_signal()) spdlog::info("stopping on signal {}", sig);
    watchdog.stopping();
    for (const UsageEvent& e : kiosk.take_usage()) usage.record(e);
    usage.stop();  // a last write of what was counted
    metrics.stop(health(false));
    live.stop();  // cancels a download in flight; a cache write is atomic
    if (const std::string e = input.save_recording(); !e.empty()) spdlog::error("--record: {}", e);
    return 0;
}

}  // namespace qmi::app
