// What qmi-kiosk proof found, gathered over every frame it drew and written for staff: one line per problem, with
// where it shows (screen size, language, which card or attract step, in which banner states) and the text itself.
//   ERROR 1366x768 en · attract card · cut with an ellipsis: "Strengthen the…" (whole text: "...") · attract 4/10
//         94033 Fontenay-sous-Bois
//   NOTE  1366x768 fr · card body scrolls: 1.6x its height (230 px more than 380 px) · card 94033 ... (open, after)
// The same problem in several banner states of one card is one line that lists the states; a problem of a part of
// the screen every frame shows (legend, district list) is one line saying "every frame".
#pragma once
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/text.hpp"
#include "ui/text_audit.hpp"

namespace qmi::app {

// "card body" for "##qmi_panel/##qmi_panel_body_1A2B3C4D", "attract card" for "##qmi_attract", ...
std::string window_label(const std::string& imgui_window);

class ProofReport {
public:
    // One audited frame: `screen` ("1366x768"), its language, `subject` ("card 94033 Fontenay-sous-Bois",
    // "overview", "attract 3/10 94033 Fontenay-sous-Bois") and `state` ("open", "now (after)").
    void add(const std::string& screen, Lang lang, const std::string& subject, const std::string& state,
             const std::vector<ui::TextFinding>& findings);

    int errors() const;  // problems (lines), not occurrences
    int notes() const;
    int frames() const { return frames_; }
    // ERROR lines first, then NOTE lines, each in the order of their first occurrence.
    std::vector<std::string> lines() const;

private:
    struct Where {
        std::string subject;
        std::vector<std::string> states;
    };
    struct Entry {
        ui::TextFinding finding;  // the first occurrence; overflow_px kept at its largest
        std::vector<Where> where;
        int order = 0;
    };
    using Key = std::tuple<std::string, int, int, std::string, std::string>;  // screen, lang, kind, window, text
    std::map<Key, Entry> errors_;
    using NoteKey = std::tuple<std::string, int, std::string, std::string>;   // screen, lang, window, subject
    std::map<NoteKey, Entry> notes_;
    std::map<std::pair<std::string, int>, std::vector<std::string>> subjects_;  // per screen and language
    std::map<std::tuple<std::string, int, std::string>, std::vector<std::string>> states_;  // per subject
    int frames_ = 0;
    int next_order_ = 0;
};

}  // namespace qmi::app
