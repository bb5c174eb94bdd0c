// What a frame costs the renderer, scenario by scenario, on this machine's OpenGL (Mesa llvmpipe here): the kiosk's
// real view (map, labels, widgets) in a 1920x1080 window, presented as the kiosk presents it (render/presenter).
// Prints wall time and CPU time (all threads: llvmpipe rasterises on every core) per frame. No asserts: figures for
// humans; compare only runs made one after the other (this machine's speed drifts by up to 1.7x over minutes).
// CPU time is the steadier figure on a shared machine: other people's load stretches the wall time, not our CPU.
//
// Usage (from the build directory):  xvfb-run -a -s "-screen 0 1920x1080x24" ./qmi_bench_render [frames [only]]
//   (`only`: run only the scenarios whose name starts with it, e.g. "pan at")
//   pinch     the side-by-side benchmark's motion (the Leaflet page's figure-of-eight pan, zoom 1 -> 5.66 -> 1
//             every 4 s), one 60 Hz step per frame, repainting what changed (what the kiosk does)
//   pinch, whole frames   the same, every frame drawn whole (a driver without a kept back buffer)
//   drag      a mouse drag: one 24 px step, then the view rests (the first frame of a drag after a pause); drawn,
//             then scrolled (the window's pixels moved by the X server, the uncovered strip drawn)
//   rest      the full-quality frame after motion
//   idle      nothing changed: the frame that draws nothing
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/OpenGL.hpp>

#include "app/kiosk_data.hpp"
#include "app/kiosk.hpp"
#include "core/paris_time.hpp"
#include "render/presenter.hpp"

using namespace qmi;
using Clock = std::chrono::steady_clock;

namespace {

double cpu_ms() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(std::ceil(p / 100 * v.size())) - (p > 0 ? 1 : 0))];
}

// One frame of the kiosk's loop at loop time `t`, painted over what the window holds (`age`, BackBuffer), scrolled
// when `scroll` and the presenter can, and presented.
render::Frame frame(app::Kiosk& kiosk, sf::RenderWindow& window, render::Presenter& presenter, double t,
                    unsigned age, bool scroll) {
    window.setActive(true);
    kiosk.update(t, 1.0 / 60);
    kiosk.build_frame(1.0 / 60, app::BackBuffer{age, scroll && presenter.can_scroll(), true});
    const render::Frame f =
        kiosk.render(window, [&](const render::Frame& s) { presenter.scroll(window, s); });
    kiosk.apply_actions();
    presenter.present(window, f);
    return f;
}

struct Bench {
    app::Kiosk& kiosk;
    double& t;
    sf::RenderWindow& window;
    render::Presenter& presenter;

    // Runs `frames` frames, each after `step(i)`; prints one line.
    const char* only = nullptr;  // run only the scenarios whose name starts with this

    void run(const char* name, int frames, bool whole, const std::function<void(int)>& step, bool scroll = false) {
        if (only && std::string(name).rfind(only, 0) != 0) return;
        std::vector<double> wall;
        double area = 0;
        const double c0 = cpu_ms();
        for (int i = 0; i < frames; ++i) {
            step(i);
            const Clock::time_point f0 = Clock::now();
            const render::Frame f = frame(kiosk, window, presenter, t, whole ? 0 : presenter.buffer_age(), scroll);
            presenter.finish(window);  // the frame is on the screen: the X server has done its part too
            wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - f0).count());
            for (const render::PixelRect& p : f.rects) area += static_cast<double>(p.width()) * p.height() / (1920.0 * 1080.0);
        }
        const double cpu = (cpu_ms() - c0) / frames;
        std::printf("  %-22s %5d frames  wall median %6.2f ms  p95 %6.2f ms  p99 %6.2f ms   CPU %6.2f ms/frame   "
                    "repainted %3.0f %% of the screen\n",
                    name, frames, pct(wall, 50), pct(wall, 95), pct(wall, 99), cpu, 100 * area / frames);
    }
};

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 240;
    app::KioskDataLoad load = app::load_kiosk_data(QMI_SOURCE_ROOT, true);
    if (!load.data) {
        std::printf("%s\n", load.fatal.c_str());
        return 1;
    }
    const auto now = *parse_now("2024-05-01T10:00:30", nullptr);
    load.data->settings.idle_timeout_s = 3600;  // attract mode never starts during the bench
    app::Kiosk kiosk(std::move(*load.data), app::KioskClock(now), Lang::Fr, app::RenderSetup{}, false);
    double t = 10;  // loop time: after the gesture hint has gone
    kiosk.prepare(1920, 1080);
    sf::RenderWindow window(sf::VideoMode(1920, 1080), "qmi_bench_render", sf::Style::None);
    window.setVerticalSyncEnabled(false);
    window.setActive(true);
    if (!kiosk.init_gpu()) return 1;
    render::Presenter presenter;
    presenter.attach(window, std::getenv("QMI_PRESENT_SWAP") == nullptr);
    for (int i = 0; i < 3; ++i) frame(kiosk, window, presenter, t, 0, false);
    std::printf("qmi_bench_render 1920x1080, %s; OpenGL renderer: %s\n", presenter.describe().c_str(),
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    Bench b{kiosk, t, window, presenter, argc > 2 ? argv[2] : nullptr};

    // The side-by-side motion, relative to the overview: zoom ratio r(t) about the map area's centre, and a
    // figure-of-eight pan of 134 x 113 px at r = 1 that grows with r (kioskbench.py gen_script).
    const ui::Rect& area = kiosk.layout().map_area;
    const Vec2 centre{area.min.x + area.width() / 2, area.min.y + area.height() / 2};
    auto pinch = [&](int i) {
        auto at = [](double s) {
            const double r = std::pow(2.0, 1.25 * (1 - std::cos(2 * M_PI * s / 4)));
            const double a = 2 * M_PI * s / 5;
            return std::array<double, 3>{r, 134.1 * std::sin(2 * a) * r, -113.2 * std::sin(a) * r};
        };
        const auto p = at(i / 60.0), q = at((i + 1) / 60.0);
        kiosk.map().camera().zoom_at(centre, q[0] / p[0]);
        kiosk.map().camera().pan_by({-(q[1] - p[1]), -(q[2] - p[2])});
        t += 1.0 / 60;
    };
    b.run("pinch", frames, false, pinch);
    b.run("pinch, whole frames", frames, true, pinch);
    {
        // The same motion again, each phase bracketed by glFinish (serialises the pipeline: only for the split).
        render::PhaseTimes pt;
        std::vector<double> fill, borders, labels, widgets;
        kiosk.set_phase_times(&pt);
        b.run("pinch, timed phases", frames, false, [&](int i) {
            if (i > 0) {
                fill.push_back(pt.map_fill_ms);
                borders.push_back(pt.map_borders_ms);
                labels.push_back(pt.labels_gl_ms);
                widgets.push_back(pt.widgets_gl_ms);
            }
            pinch(i);
        });
        kiosk.set_phase_times(nullptr);
        if (!fill.empty())
            std::printf("    phases, median / p95 ms: map fill %.2f / %.2f, borders %.2f / %.2f, labels %.2f / %.2f, "
                    "widgets %.2f / %.2f\n", pct(fill, 50), pct(fill, 95), pct(borders, 50), pct(borders, 95),
                    pct(labels, 50), pct(labels, 95), pct(widgets, 50), pct(widgets, 95));
    }
    // Back to the overview, at rest.
    kiosk.map().show_overview();
    kiosk.map().camera().finish_easing();
    t += 1;
    frame(kiosk, window, presenter, t, 0, false);
    int phase = 0;
    // Panning at a fixed zoom: the overview, then 5.66x (the side-by-side motion's closest view).
    auto wiggle = [&](int) {
        kiosk.map().camera().pan_by({(phase++ % 2) ? 3.0 : -3.0, 0});
        t += 1.0 / 60;
    };
    b.run("pan at the overview", frames / 2, false, wiggle);
    if (const char* shot = std::getenv("QMI_BENCH_SHOT")) {  // the last moving frame, to look at
        sf::Texture t;
        t.create(1920, 1080);
        t.update(window);
        t.copyToImage().saveToFile(shot);
    }
    kiosk.map().camera().zoom_at(centre, 5.66);
    b.run("pan at 5.66x", frames / 2, false, wiggle);
    kiosk.map().show_overview();
    kiosk.map().camera().finish_easing();
    t += 1;
    frame(kiosk, window, presenter, t, 0, false);
    b.run("drag (first step)", std::max(10, frames / 8), false, [&](int) {
        // Rest (and draw the full-quality frame, untimed), then one step.
        t += 1;
        frame(kiosk, window, presenter, t, presenter.buffer_age(), false);
        kiosk.map().camera().pan_by({(phase++ % 2) ? 24.0 : -24.0, 4});
        t += 0.25;
    });
    b.run("drag (first step, scrolled)", std::max(10, frames / 8), false, [&](int) {
        t += 1;
        frame(kiosk, window, presenter, t, presenter.buffer_age(), false);
        kiosk.map().camera().pan_by({(phase++ % 2) ? 24.0 : -24.0, 0});
        t += 0.25;
    }, true);
    b.run("rest (after a step)", std::max(10, frames / 8), false, [&](int) {
        kiosk.map().camera().pan_by({(phase++ % 2) ? 24.0 : -24.0, 4});
        t += 0.25;
        frame(kiosk, window, presenter, t, presenter.buffer_age(), false);
        t += 1;
    });
    b.run("idle", frames, false, [&](int) { t += 1.0 / 60; });
    return 0;
}
