// The presenter's tour: the steps staff walk an audience through (content.json `tour`, or a default built from the
// programme when the content has none), where the presenter is in it, and what a key of a keyboard or of a
// presenter clicker asks for.
//
// Clickers are keyboards: they send Page Down / Page Up for next / previous (some send the arrows), "B" or "."
// to black the screen out, Escape to end the show and F5 to (re)start it. The whole mapping is one table in
// presenter_tour.cpp, so it can be read at a glance.
//
// Pure; no time, no I/O.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/pointer_event.hpp"

namespace qmi {

// What the programme's own order gives when content.json has no tour: the programme, its timeline (when there is
// one), each promotion followed by its districts (in the order of content.json), then the calls (when there are
// any). Every step names something that exists in `content`.
std::vector<TourStep> default_tour(const Content& content);

// content.tour when staff wrote one, else default_tour().
std::vector<TourStep> tour_of(const Content& content);

// "programme", "promotion", "district", "calls", "timeline": the kinds as content.json spells them.
const char* tour_step_kind_key(TourStep::Kind kind);

bool same_step(const TourStep& a, const TourStep& b);

// Where the presenter is in a tour. Never past either end: "next" on the last step stays there (the presenter
// ends the show with Exit, never by falling off the end into the kiosk).
class PresenterTour {
public:
    PresenterTour() = default;
    explicit PresenterTour(std::vector<TourStep> steps) : steps_(std::move(steps)) {}

    bool empty() const { return steps_.empty(); }
    size_t size() const { return steps_.size(); }
    size_t index() const { return index_; }
    const TourStep& current() const { return steps_.at(index_); }
    const std::vector<TourStep>& steps() const { return steps_; }
    bool at_first() const { return index_ == 0; }
    bool at_last() const { return steps_.empty() || index_ + 1 == steps_.size(); }

    // Each returns true when the step changed.
    bool next();
    bool previous();
    bool first();
    bool last();
    bool go_to(size_t index);

    // New content (live feed, staff reload): the new tour, staying on the same step when it is still in it, else
    // on the same position (clamped). Returns true when the step shown changed.
    bool replace_steps(std::vector<TourStep> steps);

private:
    std::vector<TourStep> steps_;
    size_t index_ = 0;
};

// What a key press means in presenter mode.
enum class PresenterKey {
    None,      // not a presenter key: the kiosk's usual handling applies
    Next,      // Page Down, Right, Down, Space, Enter, N
    Previous,  // Page Up, Left, Up, Backspace, P
    First,     // Home, F5 (a clicker's "start slide show"; Shift+F5, "from the current slide", does nothing)
    Last,      // End
    Blank,     // B or "." (black screen; again, or any step key, brings the screen back)
    Exit,      // Escape (a clicker's "end show"): leaves presenter mode, never the kiosk
};
// Keys with Ctrl, Alt or Super held are never presenter keys (Alt+F4 stays the kiosk's business); Shift is
// ignored but for F5.
PresenterKey presenter_key(const KeyChord& key);

}  // namespace qmi
