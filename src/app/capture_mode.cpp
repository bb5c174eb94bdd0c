// --screenshot: one complete frame written to a PNG, offscreen. With --replay the script is played first, with
// --tap the taps (generated mouse input, through the same path as a visitor's), with --select the commune is
// selected first. Input runs on a virtual clock (1/60 s per frame), so the same inputs give the same picture on any
// machine; --capture-at T:FILE.png also writes the frame at virtual time T and what is on screen then (FILE.png.json):
// several moments of one run, each painted in the same frame painter. --state-out writes what is on screen as JSON.
#include "app/modes.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <SFML/Graphics/RenderTexture.hpp>
#include <spdlog/spdlog.h>

#include "app/frame_loop.hpp"
#include "app/kiosk.hpp"
#include "app/png_file.hpp"
#include "app/startup.hpp"
#include "app/x_display.hpp"

namespace qmi::app {

namespace {

// --tap X,Y...: the mouse moves there, presses and releases 60 ms later; taps are 1 s apart so that none is taken
// for the second half of a double tap. nullopt (logged) on a malformed tap.
std::optional<InputScript> tap_script(const std::vector<std::string>& taps) {
    InputScript s;
    double t = 0.1;
    for (const std::string& tap : taps) {
        float x = 0, y = 0;
        if (std::sscanf(tap.c_str(), "%f,%f", &x, &y) != 2) {
            spdlog::error("--tap {}: expected X,Y in pixels", tap);
            return std::nullopt;
        }
        for (const auto& [dt, kind] : {std::pair{0.0, PointerEvent::Move}, std::pair{0.0, PointerEvent::Down},
                                       std::pair{0.06, PointerEvent::Up}}) {
            InputEvent e;
            e.kind = InputEvent::Pointer;
            e.t = t + dt;
            e.pointer = {0, kind, {x, y}, e.t, PointerEvent::Mouse};
            s.events.push_back(e);
        }
        t += 1.0;
    }
    return s;
}

std::string write_state(const nlohmann::json& j, const std::string& path) {
    std::ofstream f(path, std::ios::trunc);
    f << j.dump(2) << "\n";
    f.close();
    return f ? "" : "cannot write " + path;
}

struct Capture {
    double t = 0;
    std::string png;
};

// "6.5:/tmp/a.png" -> {6.5, "/tmp/a.png"}; nullopt (logged) when malformed.
std::optional<Capture> parse_capture(const std::string& spec) {
    const auto colon = spec.find(':');
    Capture c;
    char* end = nullptr;
    if (colon != std::string::npos) c.t = std::strtod(spec.c_str(), &end);
    if (colon == std::string::npos || end != spec.c_str() + colon || !(c.t >= 0 && c.t <= 3600) ||
        colon + 1 == spec.size()) {
        spdlog::error("--capture-at {}: expected SECONDS:FILE.png, e.g. 6.5:/tmp/attract.png", spec);
        return std::nullopt;
    }
    c.png = spec.substr(colon + 1);
    return c;
}

}  // namespace

int run_capture(const Options& o, const RenderSetup& setup) {
    int exit_code = 0;
    std::optional<Startup> start = prepare_startup(o, &exit_code);
    if (!start) return exit_code;
    std::optional<InputScript> script = std::move(start->script);
    if (!o.taps.empty()) {
        script = tap_script(o.taps);
        if (!script) return 2;
    }
    std::vector<Capture> captures;
    for (const std::string& spec : o.capture_at) {
        std::optional<Capture> c = parse_capture(spec);
        if (!c) return 2;
        captures.push_back(*c);
    }
    std::stable_sort(captures.begin(), captures.end(), [](const Capture& a, const Capture& b) { return a.t < b.t; });
    if (const std::string problem = x_display_problem(); !problem.empty()) {
        spdlog::error("{}", problem);
        return 1;
    }
    const unsigned w = o.width ? o.width : 1920, h = o.height ? o.height : 1080;
    sf::RenderTexture target;
    if (!target.create(w, h, gl_settings(setup.target_msaa))) {
        spdlog::error("--screenshot: cannot create a {}x{} offscreen target", w, h);
        return 1;
    }
    target.setActive(true);
    Kiosk kiosk(std::move(start->data), start->clock, start->lang, setup, o.windowed);
    kiosk.prepare(w, h);
    if (!kiosk.init_gpu()) return 1;
    if (o.present) kiosk.start_tour();
    if (!o.select.empty() && !kiosk.select_by_code_or_name(o.select)) {
        spdlog::error("--select {}: no such commune on the map", o.select);
        return 2;
    }

    // The whole script, then the tail during which taps are confirmed, attract mode may start and the camera
    // settles; ImGui-only frames (widgets react, nothing is rendered) except at the --capture-at moments.
    auto capture = [&](const std::string& png, bool settle) {
        if (settle) kiosk.settle();
        draw_complete_frame(kiosk, target);
        target.display();
        if (const std::string e = write_png(target.getTexture().copyToImage(), png); !e.empty()) {
            spdlog::error("--screenshot: {}", e);
            return false;
        }
        spdlog::info("screenshot {}x{} written to {}", w, h, png);
        return true;
    };
    if (script || !captures.empty()) {
        FrameClock clock = FrameClock::fixed_step();
        InputGatherer input(nullptr, std::move(script), 0.0, o.record);
        double stop_at = input.replay_end() + (input.replaying() ? o.replay_tail_s : 0.0);
        for (const Capture& c : captures) stop_at = std::max(stop_at, c.t);
        size_t next_capture = 0;
        bool failed = false;
        FrameHooks hooks;
        hooks.stop = [&](double now) {
            for (; next_capture < captures.size() && now >= captures[next_capture].t; ++next_capture) {
                const std::string& png = captures[next_capture].png;
                const std::string e = write_state(kiosk.state(), png + ".json");
                if (!e.empty()) spdlog::error("--capture-at: {}", e);
                failed = failed || !e.empty() || !capture(png, false);
            }
            return failed || now >= stop_at;
        };
        run_frames(kiosk, clock, input, {}, DrawPolicy::Headless, hooks);
        if (failed) return 1;
        if (const std::string e = input.save_recording(); !e.empty()) spdlog::error("--record: {}", e);
        if (input.replaying())
            spdlog::info("input played ({:.2f} s virtual)", clock.now());
    }
    if (!o.screenshot.empty() && !capture(o.screenshot, true)) return 1;
    if (!o.state_out.empty())
        if (const std::string e = write_state(kiosk.state(), o.state_out); !e.empty()) {
            spdlog::error("--state-out: {}", e);
            return 1;
        }
    return 0;
}

}  // namespace qmi::app
