#include "core/presenter_tour.hpp"

#include <algorithm>
#include <string_view>

namespace qmi {

std::vector<TourStep> default_tour(const Content& content) {
    std::vector<TourStep> steps;
    steps.push_back({TourStep::Kind::Programme, 0, ""});
    if (!content.timeline.empty()) steps.push_back({TourStep::Kind::Timeline, 0, ""});
    for (const Promotion& p : content.programme.promotions) {
        steps.push_back({TourStep::Kind::Promotion, p.number, ""});
        for (const District& d : content.districts)
            if (d.promotion == p.number) steps.push_back({TourStep::Kind::District, 0, d.insee});
    }
    // Districts of a promotion the programme does not list (validation refuses them today) still get their step.
    for (const District& d : content.districts)
        if (!content.find_promotion(d.promotion)) steps.push_back({TourStep::Kind::District, 0, d.insee});
    if (!content.call_windows.empty()) steps.push_back({TourStep::Kind::Calls, 0, ""});
    return steps;
}

std::vector<TourStep> tour_of(const Content& content) {
    return content.tour.empty() ? default_tour(content) : content.tour;
}

const char* tour_step_kind_key(TourStep::Kind kind) {
    switch (kind) {
        case TourStep::Kind::Programme: return "programme";
        case TourStep::Kind::Promotion: return "promotion";
        case TourStep::Kind::District: return "district";
        case TourStep::Kind::Calls: return "calls";
        case TourStep::Kind::Timeline: return "timeline";
    }
    return "programme";
}

bool same_step(const TourStep& a, const TourStep& b) {
    if (a.kind != b.kind) return false;
    if (a.kind == TourStep::Kind::Promotion) return a.promotion == b.promotion;
    if (a.kind == TourStep::Kind::District) return a.insee == b.insee;
    return true;
}

bool PresenterTour::go_to(size_t index) {
    if (index >= steps_.size() || index == index_) return false;
    index_ = index;
    return true;
}

bool PresenterTour::next() { return go_to(index_ + 1); }
bool PresenterTour::previous() { return index_ > 0 && go_to(index_ - 1); }
bool PresenterTour::first() { return go_to(0); }
bool PresenterTour::last() { return !steps_.empty() && go_to(steps_.size() - 1); }

bool PresenterTour::replace_steps(std::vector<TourStep> steps) {
    const std::optional<TourStep> was = steps_.empty() ? std::nullopt : std::optional<TourStep>(current());
    const size_t old_index = index_;
    steps_ = std::move(steps);
    index_ = 0;
    if (steps_.empty()) return was.has_value();
    if (was) {
        for (size_t i = 0; i < steps_.size(); ++i)
            if (same_step(steps_[i], *was)) {
                index_ = i;
                return false;
            }
    }
    index_ = std::min(old_index, steps_.size() - 1);
    return true;
}

namespace {

struct KeyBinding {
    const char* key;
    PresenterKey action;
};
// The whole mapping. Names are those of core KeyChord (app/input_gatherer maps SFML's keys to them).
constexpr KeyBinding kBindings[] = {
    {"PageDown", PresenterKey::Next},      // clickers' "next"
    {"Right", PresenterKey::Next},
    {"Down", PresenterKey::Next},
    {"Space", PresenterKey::Next},
    {"Enter", PresenterKey::Next},
    {"N", PresenterKey::Next},
    {"PageUp", PresenterKey::Previous},    // clickers' "previous"
    {"Left", PresenterKey::Previous},
    {"Up", PresenterKey::Previous},
    {"Backspace", PresenterKey::Previous},
    {"P", PresenterKey::Previous},
    {"Home", PresenterKey::First},
    {"F5", PresenterKey::First},           // clickers' "start show"
    {"End", PresenterKey::Last},
    {"B", PresenterKey::Blank},            // clickers' "black screen" (PowerPoint's B and ".")
    {"Period", PresenterKey::Blank},
    {"Escape", PresenterKey::Exit},        // clickers' "end show"
};

}  // namespace

PresenterKey presenter_key(const KeyChord& key) {
    if (key.ctrl || key.alt || key.system) return PresenterKey::None;
    if (key.shift && key.key == "F5") return PresenterKey::None;
    for (const KeyBinding& b : kBindings)
        if (key.key == b.key) return b.action;
    return PresenterKey::None;
}

}  // namespace qmi
