#include "app/frame_loop.hpp"

#include <algorithm>
#include <thread>

namespace qmi::app {

FrameClock FrameClock::real() { return FrameClock(false, 0); }
FrameClock FrameClock::fixed_step(double step) { return FrameClock(true, step); }

double FrameClock::now() const {
    if (fixed_) return static_cast<double>(frames_) * step_;  // no drift from summing steps
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double FrameClock::next() {
    ++frames_;
    return now();
}

void FrameClock::sleep(std::chrono::milliseconds d) {
    if (!fixed_ && d.count() > 0) std::this_thread::sleep_for(d);
}

void run_frames(Kiosk& kiosk, FrameClock& clock, InputGatherer& input, const Surface& surface, DrawPolicy policy,
                const FrameHooks& hooks) {
    FrameInput in;
    double last = clock.now();
    for (;;) {
        const double now = clock.next();
        const double dt = std::min(now - last, 0.05);  // after a long idle sleep, no jump to the end of animations
        last = now;
        input.gather(now, in);
        if (in.resized) kiosk.resize(in.resized->x, in.resized->y);
        if (in.focus_lost) kiosk.focus_lost();
        kiosk.handle(in.events);
        kiosk.update(now, dt);
        if (hooks.between_frames) hooks.between_frames(now);
        if (kiosk.quit() || (hooks.stop && hooks.stop(now))) break;

        const bool draw = policy != DrawPolicy::OnDemand || kiosk.wants_frame() || kiosk.idle_wait().count() <= 0;
        if (!draw) {
            // Nothing changes until the next input or the banner's next tick: wait, but poll input every 16 ms.
            clock.sleep(std::min(kiosk.idle_wait(), std::chrono::milliseconds(16)));
            continue;
        }
        kiosk.build_frame(dt);
        if (policy != DrawPolicy::Headless && surface.target) {
            kiosk.render(*surface.target);
            if (surface.present) surface.present();
            if (hooks.presented) hooks.presented(now);
        }
        kiosk.apply_actions();
    }
}

void draw_complete_frame(Kiosk& kiosk, sf::RenderTarget& target) {
    kiosk.build_frame(1.0 / 60);
    kiosk.apply_actions();
    kiosk.build_frame(1.0 / 60);
    kiosk.render(target);
}

}  // namespace qmi::app
