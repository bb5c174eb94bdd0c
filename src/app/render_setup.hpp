// How the kiosk gets its antialiasing, decided in one place for every mode (kiosk, replay, screenshot, bench).
// The map is drawn through its layer cache (src/render/map_layer_cache), which carries the 4x MSAA itself: the
// window or offscreen target then needs no samples of its own (ImGui antialiases its shapes), which saves about
// 50 MB and a resolve per frame on a software renderer. QMI_MAP_CACHE=0 (diagnosis) draws the map straight into a
// target with --msaa samples instead.
#pragma once
#include <SFML/Window/ContextSettings.hpp>

#include "app/options.hpp"

namespace qmi::app {

struct RenderSetup {
    bool map_cache = true;     // KioskView::set_map_cache
    unsigned target_msaa = 0;  // samples of the window / offscreen target
};

RenderSetup render_setup(const Options& o);

// OpenGL 2.1 context with `msaa` samples.
sf::ContextSettings gl_settings(unsigned msaa);

}  // namespace qmi::app
