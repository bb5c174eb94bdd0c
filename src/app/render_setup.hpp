// How the kiosk gets its antialiasing, decided in one place for every mode (kiosk, replay, screenshot, bench).
// The map's lines antialias themselves (src/render/line_mesh.hpp) and ImGui antialiases its shapes, so the window
// or offscreen target needs no samples of its own: a multisampled target costs a software renderer four samples
// on every pixel and about 50 MB at 1080p. --msaa N (diagnosis) asks for N samples anyway.
#pragma once
#include <SFML/Window/ContextSettings.hpp>

#include "app/options.hpp"

namespace qmi::app {

struct RenderSetup {
    unsigned target_msaa = 0;  // samples of the window / offscreen target
    // Diagnosis switches (environment): QMI_FULL_FRAMES=1 paints every frame whole; QMI_PRESENT_SWAP=1 presents
    // by swapping buffers instead of copying the repainted region (render/presenter.hpp).
    bool partial_frames = true;
    bool copy_present = true;
};

RenderSetup render_setup(const Options& o);

// OpenGL 2.1 context with `msaa` samples.
sf::ContextSettings gl_settings(unsigned msaa);

}  // namespace qmi::app
