#include "app/run_modes.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/OpenGL.hpp>
#include <spdlog/spdlog.h>
#include <imgui.h>
#include <stb_image_write.h>

#include "app/bench_feed.hpp"
#include "app/kiosk_data.hpp"
#include "app/kiosk_session.hpp"
#include "app/kiosk_view.hpp"
#include "app/render_setup.hpp"
#include "app/process_stats.hpp"
#include "app/staff_tools.hpp"
#include "core/countdown.hpp"
#include "core/map_build.hpp"
#include "core/membership.hpp"
#include "core/settings.hpp"
#include "net/map_fetch.hpp"
#include "core/paris_time.hpp"

namespace qmi::app {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Antialiasing of this run (app/render_setup.hpp). The --bench floor child measures a bare window with exactly the
// kiosk window's samples, which it receives as --msaa.
RenderSetup g_setup;

unsigned window_msaa() { return g_setup.target_msaa; }

unsigned width_or(const Options& o, unsigned w) { return o.width ? o.width : w; }
unsigned height_or(const Options& o, unsigned h) { return o.height ? o.height : h; }

// Loads everything or explains in one line why the kiosk cannot start.
std::optional<KioskData> load_or_explain(const Options& o, bool need_map, KioskDataLoad* info = nullptr) {
    KioskDataLoad load = load_kiosk_data(o.root, need_map);
    for (const auto& w : load.warnings) spdlog::warn("{}", w);
    if (!load.data) {
        spdlog::error("{}", load.fatal);
        return std::nullopt;
    }
    if (info) {
        info->map_seconds = load.map_seconds;
        info->map_from_cache = load.map_from_cache;
    }
    return std::move(load.data);
}

Lang language(const Options& o, const KioskData& d) { return o.lang ? *o.lang : d.settings.language; }

// Runs the bare-window child of --bench and returns its output line ("" on failure).
std::string run_floor_child(unsigned w, unsigned h) {
    // The real path: through the shell, /proc/self/exe would name the shell itself.
    std::error_code ec;
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    if (ec) return "";
    const std::string cmd = "'" + exe + "' --bench-floor --size " + std::to_string(w) + "x" + std::to_string(h) +
                            " --msaa " + std::to_string(window_msaa());
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

// A visitor's tap through the real input path (SFML mouse events -> gesture recognizer -> actions), then the
// frames the kiosk would run until everything settled (tap confirmation, camera easing).
void simulate_tap(KioskView& view, float x, float y) {
    sf::Event e;
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = static_cast<int>(x);
    e.mouseMove.y = static_cast<int>(y);
    view.handle_event(e);
    e.type = sf::Event::MouseButtonPressed;
    e.mouseButton.button = sf::Mouse::Left;
    e.mouseButton.x = static_cast<int>(x);
    e.mouseButton.y = static_cast<int>(y);
    view.handle_event(e);
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    e.type = sf::Event::MouseButtonReleased;
    view.handle_event(e);
    // The recognizer may hold a tap back for the double-tap window: run frames on the real clock for a while.
    const Clock::time_point start = Clock::now();
    while (seconds_since(start) < 0.8) {
        view.update(1.0 / 60);
        view.warm_up();
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    view.camera().finish_easing();
}

}  // namespace

int run(const Options& o, Clock::time_point process_start) {
    g_setup = render_setup(o);
    if (o.bench_floor) g_setup = {o.msaa};  // the child got the window's samples explicitly
    if (o.subcommand == "keygen") return run_keygen(o.keygen_dir);
    if (o.subcommand == "sign-content") return run_sign_content(o.sign_key, o.sign_file);
    if (o.subcommand == "hash-pin") return run_hash_pin();
    if (o.check_config) return run_check_config(o);
    if (o.fetch_maps) return run_fetch_maps(o);
    if (o.countdown) return run_countdown(o);
    if (o.bench_floor) return run_bench_floor(o, process_start);
    if (!o.screenshot.empty() && !o.replay.empty()) return run_replay_screenshot(o);  // kiosk_session.hpp
    if (!o.screenshot.empty()) return run_screenshot(o);
    if (o.bench) return run_bench(o);
    // Touch, attract mode, staff access, lock-down, watchdog, --replay/--record: kiosk_session.hpp.
    return run_interactive(o, process_start);
}

int run_check_config(const Options& o) {
    const ConfigErrors errors = check_config(o.root);
    for (const auto& e : errors) std::printf("%s\n", e.message().c_str());
    if (errors.empty()) std::printf("configuration OK (%s)\n", o.root.string().c_str());
    return errors.empty() ? 0 : 1;
}

int run_fetch_maps(const Options& o) {
    MembershipLoad m = load_membership(o.root / "maps" / "membership.json");
    if (!m.membership) {
        spdlog::error("--fetch-maps: {}", m.errors.empty() ? "maps/membership.json unusable"
                                                           : m.errors.front().message());
        return 1;
    }
    // QMI_MAP_SOURCE (set-up, CI) wins over kiosk.json's map_source.
    std::string configured;
    if (const char* env = std::getenv("QMI_MAP_SOURCE"); env && *env) {
        configured = env;
    } else if (SettingsLoad s = load_settings((o.root / "config" / "kiosk.json").string()); s.settings) {
        configured = s.settings->map_source;
    }
    return net::fetch_maps(o.root, net::map_sources(o.root, configured), to_map_membership(*m.membership));
}

int run_countdown(const Options& o) {
    auto data = load_or_explain(o, false);
    if (!data) return 1;
    auto clock = make_clock(o);
    if (!clock) return 2;
    const BannerState state = banner_state(data->content.call_windows, clock->now());
    std::printf("%s\n",
                banner_text(state, language(o, *data), data->text, data->content.programme.call_url).c_str());
    return 0;
}

int run_screenshot(const Options& o) {
    auto clock = make_clock(o);
    if (!clock) return 2;
    auto data = load_or_explain(o, true);
    if (!data) return 1;
    const unsigned w = width_or(o, 1920), h = height_or(o, 1080);

    KioskView view(*data, language(o, *data), *clock);
    view.prepare(w, h);
    sf::RenderTexture target;
    if (!target.create(w, h, gl_settings(window_msaa()))) {
        spdlog::error("--screenshot: cannot create a {}x{} offscreen target", w, h);
        return 1;
    }
    target.setActive(true);
    if (!view.init_gpu()) return 1;
    if (!o.select.empty() && !view.select_by_code_or_name(o.select, false)) {
        spdlog::error("--select {}: no such commune on the map", o.select);
        return 2;
    }
    for (const std::string& tap : o.taps) {
        float x = 0, y = 0;
        if (std::sscanf(tap.c_str(), "%f,%f", &x, &y) != 2) {
            spdlog::error("--tap {}: expected X,Y in pixels", tap);
            return 2;
        }
        simulate_tap(view, x, y);
    }
    view.warm_up();
    view.draw(target, 1.0 / 60);
    target.display();
    const sf::Image image = target.getTexture().copyToImage();

    // Written next to the destination then renamed: a reader never sees half a PNG.
    const std::string tmp = o.screenshot + ".tmp";
    if (!stbi_write_png(tmp.c_str(), static_cast<int>(w), static_cast<int>(h), 4, image.getPixelsPtr(),
                        static_cast<int>(w * 4))) {
        spdlog::error("--screenshot: cannot write {}", tmp);
        return 1;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, o.screenshot, ec);
    if (ec) {
        spdlog::error("--screenshot: cannot rename {} to {}: {}", tmp, o.screenshot, ec.message());
        return 1;
    }
    spdlog::info("screenshot {}x{} written to {}", w, h, o.screenshot);
    return 0;
}

int run_bench_floor(const Options& o, Clock::time_point process_start) {
    const unsigned w = width_or(o, 1920), h = height_or(o, 1080);
    sf::RenderWindow window(sf::VideoMode(w, h), "qmi-kiosk floor", sf::Style::None, gl_settings(window_msaa()));
    window.clear(sf::Color(247, 248, 250));
    window.display();
    const double first = seconds_since(process_start);
    // What an empty frame costs with these settings (clear, MSAA resolve, present): the floor of any frame time.
    std::vector<double> frames;
    for (int i = 0; i < 20; ++i) {
        const Clock::time_point f0 = Clock::now();
        window.clear(sf::Color(247, 248, 250));
        window.display();
        frames.push_back(std::chrono::duration<double, std::milli>(Clock::now() - f0).count());
    }
    std::printf("floor_first_frame_s=%.4f floor_rss_kib=%ld floor_peak_rss_kib=%ld msaa=%u floor_frame_ms=%.2f\n",
                first, rss_kib(), peak_rss_kib(), window.getSettings().antialiasingLevel, percentile(frames, 50));
    return 0;
}

int run_bench(const Options& o) {
    const unsigned w = width_or(o, 1920), h = height_or(o, 1080);
    const std::string floor = run_floor_child(w, h);
    if (floor.empty()) spdlog::warn("--bench: the bare-window measurement failed");

    auto clock = make_clock(o);
    if (!clock) return 2;
    const Clock::time_point t0 = Clock::now();
    KioskDataLoad info;
    auto data = load_or_explain(o, true, &info);
    if (!data) return 1;
    const double loaded = seconds_since(t0);
    KioskView view(*data, language(o, *data), *clock);
    // Same overlap as the kiosk: fonts and labels on a second core while the window and GL context come up.
    double prepared = 0;
    std::thread prepare([&] {
        view.prepare(w, h);
        prepared = seconds_since(t0);
    });
    sf::RenderWindow window(sf::VideoMode(w, h), "qmi-kiosk bench", sf::Style::None, gl_settings(window_msaa()));
    prepare.join();
    window.setVerticalSyncEnabled(false);
    if (!view.init_gpu()) return 1;
    view.warm_up();
    view.draw(window, 1.0 / 60);
    window.display();
    const double first = seconds_since(t0);
    window.setActive(true);
    const char* gl_renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (!gl_renderer) gl_renderer = "?";

    // Scripted manipulation: zoom in and out around moving points while panning, as a visitor would.
    // First pass: plain frames (the frame-time figures). Second pass: the same script with glFinish between phases
    // (which serialises the pipeline, so it only serves to split the cost).
    std::vector<double> frames;
    std::vector<double> ph_fill, ph_borders, ph_widgets_cpu, ph_labels_cpu, ph_labels_gl, ph_widgets_gl,
        ph_present, timed_frames;
    int map_renders = 0;
    int k = 0;
    BenchFeedLoad* feed_load = nullptr;  // --bench-feed: content updates are taken and applied like in the kiosk
    std::vector<double> swap_ms;
    auto run_script = [&](double seconds, bool timed) {
        render::PhaseTimes t;
        view.set_phase_times(timed ? &t : nullptr);
        const Clock::time_point script = Clock::now();
        for (; seconds_since(script) < seconds; ++k) {
            const Clock::time_point f0 = Clock::now();
            sf::Event e;
            while (window.pollEvent(e)) {}
            const double ph = k / 60.0;
            Camera& cam = view.camera();
            const ui::Rect& area = view.layout().map_area;
            const Vec2 focus{area.min.x + area.width() * (0.5 + 0.3 * std::sin(ph * 0.9)),
                             area.min.y + area.height() * (0.5 + 0.3 * std::cos(ph * 0.7))};
            cam.zoom_at(focus, std::exp(0.04 * std::sin(ph * 1.1)));
            cam.pan_by({14.0 * std::cos(ph * 0.8), 10.0 * std::sin(ph * 0.6)});
            if (feed_load)
                if (std::optional<Content> c = feed_load->take_update()) {
                    const Clock::time_point s0 = Clock::now();
                    view.set_content(std::move(*c));
                    swap_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s0).count());
                }
            view.update(1.0 / 60);
            view.draw(window, 1.0 / 60);
            const Clock::time_point p0 = Clock::now();
            window.display();
            if (timed) glFinish();
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - f0).count();
            if (!timed) {
                frames.push_back(ms);
                continue;
            }
            timed_frames.push_back(ms);
            t.present_ms = std::chrono::duration<double, std::milli>(Clock::now() - p0).count();
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
        }
        view.set_phase_times(nullptr);
    };
    run_script(o.bench_seconds, false);
    run_script(std::max(2.0, o.bench_seconds / 2), true);
    // Input-to-frame latency: a touch move stamped when it is created, measured until the frame that shows it has
    // been presented. "At most one frame" means the move is in the very next frame, never queued behind another.
    const double input_latency_ms = measure_input_latency_ms(view, window, 120);
    std::vector<double> feed_frames;
    std::string feed_summary;
    if (!o.bench_feed.empty()) {
        std::vector<double> plain = std::move(frames);
        frames.clear();
        BenchFeedLoad load(o.bench_feed, *data);
        feed_load = &load;
        load.start();
        run_script(o.bench_seconds, false);
        load.stop();
        feed_load = nullptr;
        feed_summary = load.summary();
        feed_frames = std::move(frames);
        frames = std::move(plain);
    }

    const double floor_first = field(floor, "floor_first_frame_s");
    const double floor_rss = field(floor, "floor_peak_rss_kib");
    const long peak = peak_rss_kib();
    std::printf("qmi-kiosk --bench %ux%u, map drawn every frame (antialiased lines), window %ux MSAA requested "
                "(got %u), OpenGL renderer: %s\n", w, h, window_msaa(), window.getSettings().antialiasingLevel,
                gl_renderer);
    std::printf("  floor (bare window, same settings): first frame %.3f s, peak RSS %.1f MB, empty frame median %.2f ms\n",
                floor_first, floor_rss / 1024.0, field(floor, "floor_frame_ms"));
    std::printf("  kiosk: data loaded %.3f s (map %.3f s, %s), prepared %.3f s, first complete frame %.3f s "
                "(%+.3f s vs floor)\n",
                loaded, info.map_seconds, info.map_from_cache ? "binary cache" : "built from GeoJSON", prepared,
                first, first - floor_first);
    std::printf("  frames: %zu in %.1f s; frame time median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                frames.size(), o.bench_seconds, percentile(frames, 50), percentile(frames, 95),
                percentile(frames, 99), percentile(frames, 100));
    std::printf("  input-to-frame latency (touch move -> frame presented): median %.2f ms = %.2f frames\n",
                input_latency_ms, input_latency_ms / std::max(1e-9, percentile(frames, 50)));
    std::printf("  peak RSS %.1f MB (%+.1f MB vs floor)\n", peak / 1024.0, (peak - floor_rss) / 1024.0);
    std::printf("  geometry per frame: map %zu vertices (uploaded once), overlay %d vertices (ImGui, last frame)\n",
                view.map_vertex_count(), ImGui::GetDrawData() ? ImGui::GetDrawData()->TotalVtxCount : -1);
    auto phase = [](const char* name, std::vector<double>& v) {
        if (v.empty()) {
            std::printf("    %-34s      -\n", name);
            return;
        }
        std::printf("    %-34s median %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (%zu frames)\n", name,
                    percentile(v, 50), percentile(v, 95), percentile(v, 99), v.size());
    };
    std::printf("  phases (second pass, glFinish between phases; %zu frames, map layer rendered in %d of them):\n",
                timed_frames.size(), map_renders);
    phase("map fill (when rendered)", ph_fill);
    phase("map borders (when rendered)", ph_borders);
    phase("ImGui widgets, CPU", ph_widgets_cpu);
    phase("map labels, CPU", ph_labels_cpu);
    phase("map labels, GL", ph_labels_gl);
    phase("ImGui widgets, GL", ph_widgets_gl);
    phase("resolve + swap (display)", ph_present);
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
