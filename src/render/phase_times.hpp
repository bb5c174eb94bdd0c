// Per-phase frame timings for `qmi-kiosk --bench` only. Each phase is bracketed by glFinish() so that its GPU work
// (a software rasteriser here) is counted in the phase that issued it; outside --bench nothing waits.
#pragma once
#include <chrono>

#include <SFML/OpenGL.hpp>

namespace qmi::render {

struct PhaseTimes {
    double map_fill_ms = 0;     // commune fills (frames that draw the map)
    double map_borders_ms = 0;  // context, extruded and dashed borders, selection outline (frames that draw the map)
    bool map_rendered = false;  // this frame drew the map (a frame that only changed widgets does not)
    double widgets_cpu_ms = 0;  // ImGui NewFrame + widget code (panel, banner, legend)
    double labels_cpu_ms = 0;   // building the map labels' draw list
    double labels_gl_ms = 0;    // rasterising the labels (ImGui background draw list)
    double widgets_gl_ms = 0;   // rasterising the widgets
    double present_ms = 0;      // display(): MSAA resolve (if any) and swap, measured by the caller
};

// Wall time of a bracketed phase: finish() waits for the GL work issued so far.
class PhaseClock {
public:
    explicit PhaseClock(bool enabled) : enabled_(enabled) { lap(); }
    double lap() {
        if (!enabled_) return 0;
        glFinish();
        const auto now = std::chrono::steady_clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - t_).count();
        t_ = now;
        return ms;
    }
    bool enabled() const { return enabled_; }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point t_{};
};

// Renders ImGui's draw data as imgui_gl_render() does, but in two timed halves: the background draw list (map
// labels) then the widgets. Call after ImGui::Render(). Bench only: the normal path renders it in one call.
void render_imgui_timed(PhaseTimes& t);

}  // namespace qmi::render
