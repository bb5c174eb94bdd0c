// The one frame loop. Every mode that shows the kiosk runs it: the kiosk on screen, --replay/--tap/--select
// captures (offscreen, on a virtual clock) and --bench (on screen, every frame drawn). A frame is:
//     input.gather(now) -> kiosk.handle(...) -> kiosk.update(now, dt) -> hooks.between_frames(now)
//     -> [stop?] -> kiosk.build_frame() -> kiosk.render(target) + present -> hooks.presented -> kiosk.apply_actions()
// What differs between modes is only the clock, where frames go, and when to draw:
#pragma once
#include <chrono>
#include <functional>

#include <SFML/Graphics/RenderTarget.hpp>

#include "app/input_gatherer.hpp"
#include "app/kiosk.hpp"

namespace qmi::app {

// The time frames run on, in seconds from the start of the run.
class FrameClock {
public:
    // The steady clock: the kiosk on screen, --bench.
    static FrameClock real();
    // Exactly `step` seconds per frame, whatever the machine's speed: captures are deterministic.
    static FrameClock fixed_step(double step = 1.0 / 60);

    double next();      // the time of the frame about to start
    double now() const;
    // Nothing to draw for a while: sleep (real clock, at most `d`); a fixed-step clock moves on to the next frame.
    void sleep(std::chrono::milliseconds d);

private:
    FrameClock(bool fixed, double step) : fixed_(fixed), step_(step) {}
    bool fixed_;
    double step_;
    long long frames_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

enum class DrawPolicy {
    OnDemand,    // the screen: a frame only when something changed or moves, else sleep until the next change
    EveryFrame,  // --bench: draw and present every frame
    Headless,    // captures: ImGui frames only (widgets measure themselves and react to taps); the caller renders
};

// Where presented frames go (OnDemand, EveryFrame).
struct Surface {
    sf::RenderTarget* target = nullptr;
    // What the target holds when a frame starts (the screen: render::Presenter's answer). Empty: unknown, every
    // frame painted whole.
    std::function<BackBuffer()> back_buffer;
    // Moves the window's pixels before a frame is painted (a map dragged by whole pixels). Empty: never.
    FramePainter::Scroll scroll;
    // Shows what the frame painted (an empty frame: nothing changed).
    std::function<void(const render::Frame&)> present;
    // Sleeps at most `d`, waking as soon as input may have arrived. Empty: the clock sleeps, 16 ms at a time.
    std::function<void(std::chrono::milliseconds d)> wait;
};

struct FrameHooks {
    std::function<void(double now)> between_frames;  // live content, watchdog, window changes
    std::function<bool(double now)> stop;            // leave the loop (end of a script, a stop signal)
    std::function<void(double now, const render::Frame& f)> presented;  // after present (figures)
};

void run_frames(Kiosk& kiosk, FrameClock& clock, InputGatherer& input, const Surface& surface, DrawPolicy policy,
                const FrameHooks& hooks);

// How long an idle loop may sleep: until the kiosk's next change by itself, the next scripted event, and at most
// `cap` (timers that have no deadline of their own: attract mode's start, the staff corner, live updates).
std::chrono::milliseconds idle_sleep(std::chrono::milliseconds kiosk_wait, double now, double next_scripted,
                                     std::chrono::milliseconds cap);

// Without vsync (Mesa's software path, Xvfb, some drivers) nothing holds the loop to the display's rate: an animation
// alone (the camera flying to a district, a glide, a fade) would be drawn as fast as the CPU allows, 120 frames a
// second and more that no screen shows. A frame without input waits until 1/60 s after the last one drawn (the
// wait wakes at once if input arrives); a frame with input (or the first) is drawn at once, so a touch still
// reaches the screen in the next frame. Returns how long to wait; 0: draw now.
std::chrono::milliseconds pacing_wait(double last_drawn, double now, bool input);

// One frame that shows everything at once, rendered into `target` (not presented): an ImGui window measures itself
// in the first frame it appears, so the widgets run twice before the frame is rendered. First frames, captures.
void draw_complete_frame(Kiosk& kiosk, sf::RenderTarget& target);

}  // namespace qmi::app
