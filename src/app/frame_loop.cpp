#include "app/frame_loop.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace qmi::app {

namespace {
// The longest an idle loop sleeps without input: timers without a deadline of their own (attract mode starting, the
// staff corner's hold, live updates arriving) act within a quarter of a second, and an idle kiosk wakes 4 times a
// second, which costs nothing measurable.
constexpr std::chrono::milliseconds kCap{250};
constexpr double kFramePeriod = 1.0 / 60;  // the display's refresh (see pacing_wait)
}  // namespace

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

std::chrono::milliseconds idle_sleep(std::chrono::milliseconds kiosk_wait, double now, double next_scripted,
                                     std::chrono::milliseconds cap) {
    std::chrono::milliseconds d = std::min(kiosk_wait, cap);
    const double until_script = next_scripted - now;
    if (until_script < static_cast<double>(d.count()) / 1000)
        d = std::chrono::milliseconds(static_cast<long>(std::max(0.0, std::ceil(until_script * 1000))));
    return std::max(d, std::chrono::milliseconds(0));
}

std::chrono::milliseconds pacing_wait(double last_drawn, double now, bool input) {
    if (input || last_drawn < 0) return std::chrono::milliseconds(0);
    const double early = last_drawn + kFramePeriod - now;
    if (early <= 0.0005) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(static_cast<long>(std::ceil(early * 1000)));
}

void run_frames(Kiosk& kiosk, FrameClock& clock, InputGatherer& input, const Surface& surface, DrawPolicy policy,
                const FrameHooks& hooks) {
    FrameInput in;
    double last = clock.now();
    double last_drawn = -1;
    for (;;) {
        const double now = clock.next();
        const double dt = std::min(now - last, 0.05);  // after a long idle sleep, no jump to the end of animations
        last = now;
        input.gather(now, in);
        if (in.resized) kiosk.resize(in.resized->x, in.resized->y);
        if (in.focus_lost) kiosk.focus_lost();
        if (in.focus_gained) kiosk.window_exposed();
        kiosk.handle(in.events);
        kiosk.update(now, dt);
        if (hooks.between_frames) hooks.between_frames(now);
        if (kiosk.quit() || (hooks.stop && hooks.stop(now))) break;

        const bool draw = policy != DrawPolicy::OnDemand || kiosk.wants_frame() || kiosk.idle_wait().count() <= 0;
        if (!draw) {
            // Nothing changes until the next input, the banner's next tick or the map's sharp frame: sleep.
            if (surface.wait) {
                surface.wait(idle_sleep(kiosk.idle_wait(), clock.now(), input.next_scripted(), kCap));
            } else {
                clock.sleep(std::min(kiosk.idle_wait(), std::chrono::milliseconds(16)));
            }
            continue;
        }
        const bool input = !in.events.empty() || in.resized || in.focus_gained;
        if (policy == DrawPolicy::OnDemand && surface.wait) {
            if (const std::chrono::milliseconds d = pacing_wait(last_drawn, clock.now(), input); d.count() > 0) {
                surface.wait(d);
                continue;
            }
        }
        last_drawn = now;
        const bool paint = policy != DrawPolicy::Headless && surface.target;
        kiosk.build_frame(dt, paint && surface.back_buffer ? surface.back_buffer() : BackBuffer{});
        if (paint) {
            const render::Frame f = kiosk.render(*surface.target, surface.scroll);
            if (surface.present) surface.present(f);
            if (hooks.presented) hooks.presented(now, f);
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
