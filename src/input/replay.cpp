#include "input/replay.hpp"

#include <cmath>
#include <limits>

#include "core/atomic_file.hpp"

namespace qmi {

InputScript load_input_script(const std::string& path) {
    FileRead read = read_file_capped(path, kMaxInputScriptBytes);
    if (!read.bytes) {
        InputScript s;
        s.errors.push_back({path, "", read.error});
        s.complete = false;
        return s;
    }
    return parse_input_script(*read.bytes, path);
}

InputReplay::InputReplay(std::vector<InputEvent> events, double start_t)
    : events_(std::move(events)), start_t_(start_t) {}

std::vector<InputEvent> InputReplay::poll(double now) {
    std::vector<InputEvent> due;
    // Scripts are written to the microsecond; the same tolerance absorbs the rounding of now - start_t
    // (100 + 3/60 - 100 is 0.0499999...), so an event at 0.05 s plays on frame 3 at 60 Hz, not frame 4.
    const double script_t = now - start_t_ + 1e-6;
    while (next_ < events_.size() && events_[next_].t <= script_t) {
        InputEvent e = events_[next_++];
        e.t += start_t_;
        e.pointer.t = e.t;
        e.wheel.t = e.t;
        due.push_back(e);
    }
    return due;
}

double InputReplay::end_time() const { return start_t_ + (events_.empty() ? 0.0 : events_.back().t); }

void InputRecorder::add(InputEvent e, double loop_t) {
    double t = loop_t - start_t_;
    if (!std::isfinite(t) || t < last_t_) t = last_t_;
    last_t_ = t;
    e.t = t;
    e.pointer.t = t;
    e.wheel.t = t;
    events_.push_back(e);
}

std::string InputRecorder::save(const std::string& path) const { return write_file_atomically(path, text()); }

double InputReplay::next_time() const {
    if (finished()) return std::numeric_limits<double>::infinity();
    return start_t_ + events_[next_].t;
}

}  // namespace qmi
