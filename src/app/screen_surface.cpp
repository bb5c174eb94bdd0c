#include "app/screen_surface.hpp"

namespace qmi::app {

Surface screen_surface(sf::RenderWindow& window, render::Presenter& presenter, InputGatherer& input,
                       const RenderSetup& setup) {
    Surface s;
    s.target = &window;
    const bool partial = setup.partial_frames;
    s.back_buffer = [&presenter, partial] {
        BackBuffer b;
        b.live = true;
        if (!partial) return b;  // diagnosis: every frame painted whole
        b.age = presenter.buffer_age();
        b.can_scroll = presenter.can_scroll();
        return b;
    };
    s.scroll = [&window, &presenter](const render::Frame& f) { presenter.scroll(window, f); };
    s.present = [&window, &presenter](const render::Frame& f) { presenter.present(window, f); };
    s.wait = [&presenter, &input](std::chrono::milliseconds d) {
        input.wait(d, presenter.x_connection_fd(), presenter.x_events_queued());
    };
    return s;
}

}  // namespace qmi::app
