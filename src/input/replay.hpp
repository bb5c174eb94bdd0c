// --replay / --record: feeds a recorded or hand-written input script (core/input_script.hpp) into the main loop at
// its timestamps, and records live input into the same format.
//
// Replay, once per frame, before the gesture recognizer:
//     InputReplay replay(script.events, loop_start_t);
//     for (const InputEvent& e : replay.poll(now)) dispatch(e);   // e.t, e.pointer.t, e.wheel.t on the loop clock
//     if (replay.finished() && now > replay.end_time() + linger) quit (the e2e test then inspects the screenshot)
// With a VirtualClock (fixed step per frame) the run is deterministic and as fast as the machine can draw.
//
// Record: InputRecorder rec(now); rec.add(event, now) for every input event; rec.save(path) on exit.
#pragma once
#include <string>
#include <vector>

#include "core/input_script.hpp"

namespace qmi {

// Reads (at most 64 MiB) and parses a script file. A missing or unreadable file is one ConfigError (path "").
InputScript load_input_script(const std::string& path);

class InputReplay {
public:
    // start_t: loop time at which script time 0 happens.
    InputReplay(std::vector<InputEvent> events, double start_t);

    // Events whose script time is <= now - start_t, each returned once, in file order (a line whose time goes
    // backwards is replayed right after its predecessor, as written), with times moved onto the loop clock.
    std::vector<InputEvent> poll(double now);
    bool finished() const { return next_ >= events_.size(); }
    // Loop time of the last event.
    double end_time() const;
    // Loop time of the next event poll() will deliver (an idle loop sleeps until then); +infinity when finished.
    double next_time() const;
    size_t delivered() const { return next_; }

private:
    std::vector<InputEvent> events_;
    double start_t_;
    size_t next_ = 0;
};

// A clock that advances by a fixed step per frame: replays run identically on any machine.
class VirtualClock {
public:
    explicit VirtualClock(double step_s = 1.0 / 60, double start_s = 0) : step_(step_s), start_(start_s) {}
    double now() const { return start_ + static_cast<double>(frames_) * step_; }  // no drift from summing
    double tick() {
        ++frames_;
        return now();
    }

private:
    double step_;
    double start_;
    long long frames_ = 0;
};

class InputRecorder {
public:
    explicit InputRecorder(double start_t) : start_t_(start_t) {}
    // Stores e with its time made relative to the start (loop_t - start_t); later times never go backwards.
    void add(InputEvent e, double loop_t);
    const std::vector<InputEvent>& events() const { return events_; }
    std::string text() const { return serialise_input_script(events_); }
    // Atomic write; returns "" on success, else one line for the log.
    std::string save(const std::string& path) const;

private:
    double start_t_;
    double last_t_ = 0;
    std::vector<InputEvent> events_;
};

}  // namespace qmi
