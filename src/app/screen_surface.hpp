// The window as the frame loop's Surface (the kiosk on screen, --bench): each frame presented through
// render::Presenter (only the rectangles it repainted, or a scroll of the map), and an idle loop that sleeps in
// poll() on the X connections until input arrives instead of waking every 16 ms.
#pragma once
#include <SFML/Graphics/RenderWindow.hpp>

#include "app/frame_loop.hpp"
#include "app/input_gatherer.hpp"
#include "app/render_setup.hpp"
#include "render/presenter.hpp"

namespace qmi::app {

// `window`, `presenter` and `input` must outlive the surface; attach the presenter to each new window.
Surface screen_surface(sf::RenderWindow& window, render::Presenter& presenter, InputGatherer& input,
                       const RenderSetup& setup);

}  // namespace qmi::app
