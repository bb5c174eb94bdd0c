// --bench: the kiosk on a 1920x1080 window driven by two fingers (pan along a figure of eight while pinching in and
// out), through the same input path and frame loop as a visitor's; then figures only, no pass/fail: start-up time,
// frame times, input-to-frame latency, peak memory, each against a bare window with the same GL settings measured in
// the same run (--bench-floor, a child process), and a per-phase split of the frame.
#include "app/modes.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/OpenGL.hpp>
#include <spdlog/spdlog.h>

#include "app/bench_feed.hpp"
#include "app/frame_loop.hpp"
#include "app/kiosk.hpp"
#include "app/process_stats.hpp"
#include "app/screen_surface.hpp"
#include "app/startup.hpp"
#include "app/x_display.hpp"

namespace qmi::app {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Runs the bare-window child of --bench and returns its output line ("" on failure).
std::string run_floor_child(unsigned w, unsigned h, unsigned msaa) {
    // The real path: through the shell, /proc/self/exe would name the shell itself.
    std::error_code ec;
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    if (ec) return "";
    const std::string cmd = "'" + exe + "' --bench-floor --size " + std::to_string(w) + "x" + std::to_string(h) +
                            " --msaa " + std::to_string(msaa);
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return "";
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

double field(const std::string& line, const std::string& key) {
    const auto at = line.find(key + "=");
    return at == std::string::npos ? -1 : std::atof(line.c_str() + at + key.size() + 1);
}

InputEvent finger(double t, PointerEvent::Kind kind, int id, double x, double y) {
    InputEvent e;
    e.kind = InputEvent::Pointer;
    e.t = t;
    e.pointer = {id, kind, {static_cast<float>(x), static_cast<float>(y)}, t, PointerEvent::Touch};
    return e;
}

// Two fingers on the map for `seconds`: their centre runs a figure of eight over the map area (4 s a turn) while
// they spread and close (1x -> 5.66x -> 1x every 4 s), 60 events a second per finger.
InputScript pan_pinch_script(const ui::Rect& area, double seconds, double start) {
    InputScript s;
    const double cx = area.min.x + area.width() / 2, cy = area.min.y + area.height() / 2;
    const double d0 = 0.12 * area.width();
    auto place = [&](double t, PointerEvent::Kind kind) {
        const double u = t - start;
        const double x = cx + 0.22 * area.width() * std::sin(2 * kPi * u / 4);
        const double y = cy + 0.18 * area.height() * std::sin(4 * kPi * u / 4);
        const double d = d0 * std::pow(2.0, 1.25 * (1 - std::cos(2 * kPi * u / 4))) / 2.5;
        s.events.push_back(finger(t, kind, 1, x - d / 2, y));
        s.events.push_back(finger(t, kind, 2, x + d / 2, y));
    };
    place(start, PointerEvent::Down);
    for (double t = start + 1.0 / 60; t < start + seconds; t += 1.0 / 60) place(t, PointerEvent::Move);
    place(start + seconds, PointerEvent::Up);
    return s;
}

// One finger dragging left and right across the map centre, 60 moves a second.
InputScript drag_script(const ui::Rect& area, double seconds, double start) {
    InputScript s;
    const double cx = area.min.x + area.width() / 2, cy = area.min.y + area.height() / 2;
    s.events.push_back(finger(start, PointerEvent::Down, 7, cx, cy));
    double t = start;
    for (int i = 1; t < start + seconds; ++i) {
        t = start + i / 60.0;
        s.events.push_back(finger(t, PointerEvent::Move, 7, cx + 40 * std::sin(i * 0.3), cy));
    }
    s.events.push_back(finger(t + 1.0 / 60, PointerEvent::Up, 7, cx, cy));
    return s;
}

}  // namespace

int run_bench_floor(const Options& o, Stopwatch process) {
    const unsigned w = o.width ? o.width : 1920, h = o.height ? o.height : 1080;
    if (const std::string problem = x_display_problem(); !problem.empty()) {
        spdlog::error("{}", problem);
        return 1;
    }
    sf::RenderWindow window(sf::VideoMode(w, h), "qmi-kiosk floor", sf::Style::None, gl_settings(o.msaa));
    window.clear(sf::Color(247, 248, 250));
    window.display();
    const double first = process.seconds();
    // What an empty frame costs with these settings (clear, MSAA resolve, present): the floor of any frame time.
    std::vector<double> frames;
    for (int i = 0; i < 20; ++i) {
        const Stopwatch f;
        window.clear(sf::Color(247, 248, 250));
        window.display();
        frames.push_back(f.ms());
    }
    std::printf("floor_first_frame_s=%.4f floor_rss_kib=%ld floor_peak_rss_kib=%ld msaa=%u floor_frame_ms=%.2f\n",
                first, rss_kib(), peak_rss_kib(), window.getSettings().antialiasingLevel, percentile(frames, 50));
    return 0;
}

int run_bench(const Options& o, const RenderSetup& setup) {
    const unsigned w = o.width ? o.width : 1920, h = o.height ? o.height : 1080;
    if (const std::string problem = x_display_problem(); !problem.empty()) {
        spdlog::error("{}", problem);
        return 1;
    }
    const std::string floor = run_floor_child(w, h, setup.target_msaa);
    if (floor.empty()) spdlog::warn("--bench: the bare-window measurement failed");

    const Stopwatch t0;
    int exit_code = 0;
    std::optional<Startup> start = prepare_startup(o, &exit_code);
    if (!start) return exit_code;
    const double loaded = t0.seconds();
    const KioskDataLoad info = start->info;
    Kiosk kiosk(std::move(start->data), start->clock, start->lang, setup, false);
    // Same overlap as the kiosk: fonts and labels on a second core while the window and GL context come up.
    double prepared = 0;
    std::thread prepare([&] {
        kiosk.prepare(w, h);
        prepared = t0.seconds();
    });
    sf::RenderWindow window(sf::VideoMode(w, h), "qmi-kiosk bench", sf::Style::None, gl_settings(setup.target_msaa));
    prepare.join();
    window.setVerticalSyncEnabled(false);
    window.setActive(true);
    if (!kiosk.init_gpu()) return 1;
    draw_complete_frame(kiosk, window);
    window.display();
    const double first = t0.seconds();
    // Then frames as on the kiosk's screen: only what changed is repainted and presented.
    render::Presenter presenter;
    presenter.attach(window, setup.copy_present);
    kiosk.window_exposed();
    const char* gl_renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (!gl_renderer) gl_renderer = "?";

    // Each pass: a generated script played through the frame loop on the real clock, every frame drawn.
    FrameClock clock = FrameClock::real();
    BenchFeedLoad* feed = nullptr;  // --bench-feed: content updates are taken and applied like in the kiosk
    std::vector<double> swap_ms;
    // A frame counts when it changed the screen: with nothing new since the last one (the loop ran faster than the
    // script's 60 events a second) it paints and presents nothing.
    auto run_pass = [&](InputScript script, const std::function<void(double now)>& presented) {
        InputGatherer input(nullptr, std::move(script), 0.0, "");
        const double end = input.replay_end();
        FrameHooks hooks;
        hooks.between_frames = [&](double) {
            if (!feed) return;
            if (std::optional<Content> c = feed->take_update()) {
                const Stopwatch s;
                kiosk.set_content(std::move(*c), ContentSource::Feed);
                swap_ms.push_back(s.ms());
            }
        };
        hooks.stop = [&](double now) { return input.replay_finished() && now >= end; };
        hooks.presented = [&presented](double now, const render::Frame& f) {
            if (!f.empty()) presented(now);
        };
        Surface surface = screen_surface(window, presenter, input, setup);
        surface.wait = nullptr;  // every frame is drawn: the loop never sleeps
        run_frames(kiosk, clock, input, surface, DrawPolicy::EveryFrame, hooks);
    };
    const ui::Rect area = kiosk.layout().map_area;
    auto frame_times = [&](std::vector<double>& out) {
        auto last = std::make_shared<double>(-1);
        return [&out, last, &clock](double) {
            const double now = clock.now();
            if (*last >= 0) out.push_back((now - *last) * 1000.0);
            *last = now;
        };
    };

    // First pass: plain frames (the frame-time figures).
    std::vector<double> frames;
    run_pass(pan_pinch_script(area, o.bench_seconds, clock.now()), frame_times(frames));

    // Second pass: the same motion with glFinish between phases, which serialises the pipeline: it only serves to
    // split the cost.
    render::PhaseTimes t;
    std::vector<double> ph_fill, ph_borders, ph_widgets_cpu, ph_labels_cpu, ph_labels_gl, ph_widgets_gl,
        ph_present, timed_frames;
    int map_renders = 0;
    kiosk.set_phase_times(&t);
    {
        auto last = std::make_shared<double>(-1);
        run_pass(pan_pinch_script(area, std::max(2.0, o.bench_seconds / 2), clock.now()), [&](double) {
            const Stopwatch p0;
            presenter.finish(window);
            t.present_ms = p0.ms();
            const double now = clock.now();
            if (*last >= 0) timed_frames.push_back((now - *last) * 1000.0);
            *last = now;
            if (t.map_rendered) {
                ++map_renders;
                ph_fill.push_back(t.map_fill_ms);
                ph_borders.push_back(t.map_borders_ms);
            }
            ph_widgets_cpu.push_back(t.widgets_cpu_ms);
            ph_labels_cpu.push_back(t.labels_cpu_ms);
            ph_labels_gl.push_back(t.labels_gl_ms);
            ph_widgets_gl.push_back(t.widgets_gl_ms);
            ph_present.push_back(t.present_ms);
        });
    }
    kiosk.set_phase_times(nullptr);

    // Input-to-frame latency: a finger drags; each frame's input is gathered at the frame's start, and the latency
    // is the time from there until that frame has been presented. One frame means "the very next frame".
    std::vector<double> latency;
    run_pass(drag_script(area, 2.0, clock.now()), [&](double frame_start) {
        presenter.finish(window);  // on screen, not just queued
        latency.push_back((clock.now() - frame_start) * 1000.0);
    });

    std::vector<double> feed_frames;
    std::string feed_summary;
    if (!o.bench_feed.empty()) {
        BenchFeedLoad load(o.bench_feed, kiosk.data());
        feed = &load;
        load.start();
        run_pass(pan_pinch_script(area, o.bench_seconds, clock.now()), frame_times(feed_frames));
        load.stop();
        feed = nullptr;
        feed_summary = load.summary();
    }

    const double floor_first = field(floor, "floor_first_frame_s");
    const double floor_rss = field(floor, "floor_peak_rss_kib");
    const long peak = peak_rss_kib();
    const double latency_ms = percentile(latency, 50);
    std::printf("qmi-kiosk --bench %ux%u, %s, window %ux MSAA requested (got %u), OpenGL renderer: %s\n", w, h,
                setup.partial_frames ? "frames repaint what changed" : "frames painted whole (QMI_FULL_FRAMES=1)",
                setup.target_msaa, window.getSettings().antialiasingLevel, gl_renderer);
    std::printf("  present: %s\n", presenter.describe().c_str());
    std::printf("  floor (bare window, same settings): first frame %.3f s, peak RSS %.1f MB, empty frame median %.2f ms\n",
                floor_first, floor_rss / 1024.0, field(floor, "floor_frame_ms"));
    std::printf("  kiosk: data loaded %.3f s (map %.3f s, %s), prepared %.3f s, first complete frame %.3f s "
                "(%+.3f s vs floor)\n",
                loaded, info.map_seconds, info.map_from_cache ? "binary cache" : "built from GeoJSON", prepared,
                first, first - floor_first);
    std::printf("  frames: %zu in %.1f s; frame time median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                frames.size(), o.bench_seconds, percentile(frames, 50), percentile(frames, 95),
                percentile(frames, 99), percentile(frames, 100));
    std::printf("  input-to-frame latency (touch move gathered -> frame presented): median %.2f ms = %.2f frames\n",
                latency_ms, latency_ms / std::max(1e-9, percentile(frames, 50)));
    std::printf("  peak RSS %.1f MB (%+.1f MB vs floor)\n", peak / 1024.0, (peak - floor_rss) / 1024.0);
    std::printf("  geometry per frame: map %zu vertices (uploaded once), overlay %d vertices (ImGui, last frame)\n",
                kiosk.map().vertex_count(), kiosk.overlay_vertices());
    auto phase = [](const char* name, std::vector<double>& v) {
        if (v.empty()) {
            std::printf("    %-34s      -\n", name);
            return;
        }
        std::printf("    %-34s median %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (%zu frames)\n", name,
                    percentile(v, 50), percentile(v, 95), percentile(v, 99), v.size());
    };
    std::printf("  phases (second pass, glFinish between phases; %zu frames, the map drawn in %d of them):\n",
                timed_frames.size(), map_renders);
    phase("map fill (when rendered)", ph_fill);
    phase("map borders (when rendered)", ph_borders);
    phase("ImGui widgets, CPU", ph_widgets_cpu);
    phase("map labels, CPU", ph_labels_cpu);
    phase("map labels, GL", ph_labels_gl);
    phase("ImGui widgets, GL", ph_widgets_gl);
    phase("present (finish)", ph_present);
    phase("whole frame (timed pass)", timed_frames);
    if (!o.bench_feed.empty()) {
        std::printf("  with the content feed downloading %s: %s\n", o.bench_feed.c_str(), feed_summary.c_str());
        std::printf("    frames without download: median %.2f ms, p99 %.2f ms (%zu frames)\n", percentile(frames, 50),
                    percentile(frames, 99), frames.size());
        std::printf("    frames with download:    median %.2f ms, p99 %.2f ms, max %.2f ms (%zu frames)\n",
                    percentile(feed_frames, 50), percentile(feed_frames, 99), percentile(feed_frames, 100),
                    feed_frames.size());
        if (!swap_ms.empty())
            std::printf("    content swaps (set_content, CPU): %zu, median %.2f ms, max %.2f ms (map re-upload in the "
                        "next frame)\n", swap_ms.size(), percentile(swap_ms, 50), percentile(swap_ms, 100));
    }
    return 0;
}

}  // namespace qmi::app
