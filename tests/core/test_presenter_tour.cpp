// The presenter's tour: the bundled tour as staff wrote it, the default one when content.json has none, moving
// through it without ever falling off an end, staying on the same step when the content changes, and what each
// key of a keyboard or a presenter clicker does.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
#include "core/facts.hpp"
#include "core/presenter_tour.hpp"
#include "core/text.hpp"

using namespace qmi;
using qmi::testdata::bundled_content;

namespace {

std::string describe(const TourStep& s) {
    std::string d = tour_step_kind_key(s.kind);
    if (s.kind == TourStep::Kind::Promotion) d += " " + std::to_string(s.promotion);
    if (s.kind == TourStep::Kind::District) d += " " + s.insee;
    return d;
}

std::vector<std::string> describe(const std::vector<TourStep>& steps) {
    std::vector<std::string> out;
    for (const TourStep& s : steps) out.push_back(describe(s));
    return out;
}

KeyChord key(const char* name, bool shift = false, bool ctrl = false, bool alt = false) {
    KeyChord k;
    k.key = name;
    k.shift = shift;
    k.ctrl = ctrl;
    k.alt = alt;
    return k;
}

}  // namespace

TEST_CASE("the tour is content.json's when staff wrote one, in their order", "[tour]") {
    const std::vector<TourStep> steps = tour_of(bundled_content());
    REQUIRE(steps.size() == bundled_content().tour.size());
    CHECK(describe(steps) == std::vector<std::string>{"programme", "timeline", "promotion 1", "district 93005",
                                                      "district 92048", "district 93051", "district 92071",
                                                      "promotion 2", "district 91027", "district 93001",
                                                      "district 94033", "district 95018", "district 92040",
                                                      "district 94071", "calls"});
}

TEST_CASE("without a tour in content.json: programme, timeline, each promotion and its districts, calls", "[tour]") {
    Content c = bundled_content();
    c.tour.clear();
    CHECK(describe(tour_of(c)) == std::vector<std::string>{"programme", "timeline", "promotion 1", "district 92071",
                                                           "district 92048", "district 93005", "district 93051",
                                                           "promotion 2", "district 91027", "district 93001",
                                                           "district 94033", "district 94071", "district 92040",
                                                           "district 95018", "calls"});
    // No timeline and no calls in the content: no step shows an empty view.
    c.timeline.clear();
    c.call_windows.clear();
    const std::vector<std::string> lean = describe(tour_of(c));
    CHECK(lean.front() == "programme");
    CHECK(std::count(lean.begin(), lean.end(), "timeline") == 0);
    CHECK(std::count(lean.begin(), lean.end(), "calls") == 0);
    CHECK(lean.size() == 1 + 2 + 10);
    // Every step of a default tour names something that exists.
    for (const TourStep& s : default_tour(bundled_content())) {
        if (s.kind == TourStep::Kind::Promotion) CHECK(bundled_content().find_promotion(s.promotion));
        if (s.kind == TourStep::Kind::District) CHECK(bundled_content().find_district(s.insee));
    }
}

TEST_CASE("next and previous stop at the ends of the tour", "[tour]") {
    PresenterTour t(tour_of(bundled_content()));
    CHECK(t.index() == 0);
    CHECK(t.at_first());
    CHECK_FALSE(t.previous());  // before the first step there is nothing: it stays
    CHECK(t.index() == 0);
    size_t moves = 0;
    while (t.next()) ++moves;
    CHECK(moves == t.size() - 1);
    CHECK(t.at_last());
    CHECK(t.current().kind == TourStep::Kind::Calls);
    CHECK_FALSE(t.next());  // the last step stays: the show ends with Exit, not by running off the end
    CHECK(t.previous());
    CHECK(describe(t.current()) == "district 94071");
    CHECK(t.first());
    CHECK(t.index() == 0);
    CHECK_FALSE(t.first());
    CHECK(t.last());
    CHECK(t.index() == t.size() - 1);
    CHECK_FALSE(t.go_to(t.size()));

    PresenterTour none;
    CHECK(none.empty());
    CHECK_FALSE(none.next());
    CHECK_FALSE(none.previous());
    CHECK_FALSE(none.last());
}

TEST_CASE("new content keeps the presenter on the same step, wherever it moved", "[tour]") {
    PresenterTour t(tour_of(bundled_content()));
    for (int i = 0; i < 9; ++i) t.next();
    REQUIRE(describe(t.current()) == "district 93001");
    std::vector<TourStep> reordered = tour_of(bundled_content());
    std::reverse(reordered.begin(), reordered.end());
    CHECK_FALSE(t.replace_steps(reordered));  // same step shown
    CHECK(describe(t.current()) == "district 93001");
    CHECK(t.index() == reordered.size() - 1 - 9);
    // The step is gone: the same position, or the last step when the tour got shorter.
    std::vector<TourStep> without;
    for (const TourStep& s : reordered)
        if (describe(s) != "district 93001") without.push_back(s);
    const size_t at = t.index();
    CHECK(t.replace_steps(without));
    CHECK(t.index() == at);
    CHECK(t.replace_steps({TourStep{TourStep::Kind::Programme, 0, ""}}));
    CHECK(t.index() == 0);
    CHECK(t.replace_steps({}));
    CHECK(t.empty());
}

TEST_CASE("presenter keys: clickers' Page Down / Page Up, arrows, B, Escape, never with Ctrl or Alt", "[tour]") {
    CHECK(presenter_key(key("PageDown")) == PresenterKey::Next);
    CHECK(presenter_key(key("Right")) == PresenterKey::Next);
    CHECK(presenter_key(key("Down")) == PresenterKey::Next);
    CHECK(presenter_key(key("Space")) == PresenterKey::Next);
    CHECK(presenter_key(key("PageUp")) == PresenterKey::Previous);
    CHECK(presenter_key(key("Left")) == PresenterKey::Previous);
    CHECK(presenter_key(key("Up")) == PresenterKey::Previous);
    CHECK(presenter_key(key("Backspace")) == PresenterKey::Previous);
    CHECK(presenter_key(key("Home")) == PresenterKey::First);
    CHECK(presenter_key(key("F5")) == PresenterKey::First);
    CHECK(presenter_key(key("F5", true)) == PresenterKey::None);  // "from the current slide": already there
    CHECK(presenter_key(key("End")) == PresenterKey::Last);
    CHECK(presenter_key(key("B")) == PresenterKey::Blank);
    CHECK(presenter_key(key("Period")) == PresenterKey::Blank);
    CHECK(presenter_key(key("Escape")) == PresenterKey::Exit);
    CHECK(presenter_key(key("PageDown", true)) == PresenterKey::Next);  // Shift does not matter
    // The kiosk's lock-down keys stay the kiosk's.
    CHECK(presenter_key(key("F4", false, false, true)) == PresenterKey::None);
    CHECK(presenter_key(key("Escape", false, false, true)) == PresenterKey::None);
    CHECK(presenter_key(key("Right", false, true)) == PresenterKey::None);
    CHECK(presenter_key(key("Q", false, true)) == PresenterKey::None);
    CHECK(presenter_key(key("Other")) == PresenterKey::None);
    CHECK(presenter_key(key("A")) == PresenterKey::None);
}

TEST_CASE("the programme in one sentence: the description's first, in both languages", "[tour]") {
    CHECK(first_sentence(bundled_content().programme.description.in(Lang::Fr)) ==
          "Le dispositif métropolitain d'expérimentation urbaine, mené avec l'appui de l'agence d'innovation Paris&Co.");
    CHECK(first_sentence(bundled_content().programme.description.in(Lang::En)) ==
          "The metropolitan urban experimentation scheme, run with the support of the Paris&Co innovation agency.");
    CHECK(first_sentence("  One sentence only.  ") == "One sentence only.");
    CHECK(first_sentence("No full stop at all") == "No full stop at all");
    CHECK(first_sentence("It grew 1.5 times. Then it stopped.") == "It grew 1.5 times.");
    CHECK(first_sentence("See www.example.org, then call. Or not.") == "See www.example.org, then call.");
    CHECK(first_sentence("Lancé en 2022. Élargi en 2024.") == "Lancé en 2022.");
    CHECK(first_sentence("Vraiment ? « Oui », dit-il.") == "Vraiment ?");
    CHECK(first_sentence("Il a dit… 22 villes ont répondu.") == "Il a dit…");
    CHECK(first_sentence("") == "");
}

TEST_CASE("what a presenter's card lists under Sources: a promotion's facts, every call, the timeline's events", "[tour]") {
    const Content& c = bundled_content();
    const std::vector<FactRef> second = facts_of_promotion(c, 2);
    // The promotion itself, its three summary paragraphs, its six districts' place in it; nothing of the first.
    CHECK(second.size() == 1 + 3 + 6);
    for (const FactRef& f : second) CHECK(f.subject != "1re promotion");
    CHECK(std::count_if(second.begin(), second.end(), [](const FactRef& f) { return f.kind == FactKind::District; }) == 6);
    CHECK(facts_of_promotion(c, 9).empty());
    const std::vector<FactRef> calls = facts_of_calls(c);
    REQUIRE(calls.size() == c.call_windows.size());
    CHECK(calls[0].subject == "2024-phase-1");
    // The timeline: its own events, and each window it references once, as the window's fact.
    const std::vector<FactRef> timeline = facts_of_timeline(c);
    CHECK(std::count_if(timeline.begin(), timeline.end(), [](const FactRef& f) { return f.kind == FactKind::Timeline; }) == 6);
    CHECK(std::count_if(timeline.begin(), timeline.end(), [](const FactRef& f) { return f.kind == FactKind::CallWindow; }) == 2);
    std::vector<std::string> sources;
    for (const SourceUse& u : sources_used(c, timeline)) sources.push_back(u.source->id);
    CHECK(sources == std::vector<std::string>{"announcement-2024-02", "traitsurbains-facilitatrice", "mgp-phase-2-launch",
                                              "mgp-first-edition", "smartcitymag-closing"});
}
