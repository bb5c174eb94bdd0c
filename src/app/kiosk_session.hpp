// The interactive kiosk (issue 3, "touch-first"): one KioskView driven by touch, mouse and replayed input through
// attract mode, staff access and the kiosk lock-down, with the systemd watchdog. Two loops share the dispatch:
//   - on screen (full screen or --windowed, optionally with --replay / --record): real clock, render on demand;
//   - --replay FILE --screenshot OUT.png: offscreen, a virtual clock advancing 1/60 s per frame, the whole script
//     played, then one frame captured (and --state-out FILE.json written): deterministic end-to-end tests.
// Per frame: gather (src/app/touch_input) -> staff.on_pointer -> attract.on_pointer -> view (ImGui bridge + map)
// -> staff.update, attract.update -> attract actions -> draw.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <SFML/Graphics/RenderWindow.hpp>

#include "app/kiosk_view.hpp"
#include "app/options.hpp"

namespace qmi::app {

// The kiosk's clock: the system clock, or the fixed start given by --now (one log line and nullopt when it does
// not parse).
std::optional<KioskClock> make_clock(const Options& o);

// The kiosk on screen (also serves --replay without --screenshot). Exit code.
int run_interactive(const Options& o, std::chrono::steady_clock::time_point process_start);
// --replay with --screenshot: offscreen, virtual clock. Exit code.
int run_replay_screenshot(const Options& o);

// --bench: median time from a synthetic input event's timestamp to the end of the display() of the frame that
// reflects it (a one-finger drag on the map, `samples` frames). Milliseconds.
double measure_input_latency_ms(KioskView& view, sf::RenderWindow& window, int samples);

}  // namespace qmi::app
