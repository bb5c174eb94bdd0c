#include "app/proof_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace qmi::app {

namespace {

std::string px(float v) { return std::to_string(static_cast<int>(std::lround(v))) + " px"; }

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string describe(const ui::TextFinding& f) {
    using K = ui::TextFinding::Kind;
    switch (f.kind) {
        case K::Ellipsised:
            return "cut with an ellipsis: " + quoted(f.shown) + " (whole text: " + quoted(f.text) + ")";
        case K::Clipped:
            return std::string("clipped past the ") + (f.horizontal ? "side" : "top or bottom") + " of its box by " +
                   px(f.overflow_px) + ": " + quoted(f.text);
        case K::Hidden: {
            std::string s = f.horizontal ? "content " + px(f.overflow_px) + " wider than its " + px(f.box_px) +
                                               " box, the rest hidden"
                                         : px(f.overflow_px) + " of content below its " + px(f.box_px) +
                                               " box, hidden";
            if (!f.text.empty()) s += std::string(" (") + (f.horizontal ? "widest" : "last") + " line shown: " +
                                      quoted(f.text) + ")";
            return s;
        }
        case K::MissingGlyph: return "a character the fonts lack, drawn as \"?\": " + quoted(f.text);
        case K::Scrolls: {
            char ratio[32];
            std::snprintf(ratio, sizeof ratio, "%.1fx", (f.box_px + f.overflow_px) / std::max(1.0f, f.box_px));
            return std::string("scrolls: content ") + ratio + " its height (" + px(f.overflow_px) + " more than " +
                   px(f.box_px) + ")";
        }
    }
    return "";
}

}  // namespace

std::string window_label(const std::string& imgui_window) {
    std::string n = imgui_window.substr(imgui_window.rfind('/') == std::string::npos ? 0 : imgui_window.rfind('/') + 1);
    // A child window's name ends with "_" and its id in 8 hex digits.
    if (n.size() > 9 && n[n.size() - 9] == '_' &&
        std::all_of(n.end() - 8, n.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
        n.resize(n.size() - 9);
    if (n.rfind("##qmi_", 0) == 0) n = n.substr(6);
    static const std::pair<const char*, const char*> kNames[] = {
        {"panel", "card"},           {"panel_body", "card body"}, {"attract", "attract card"},
        {"qr", "QR card"},           {"banner", "banner"},        {"header", "header"},
        {"district_list", "district list"}, {"legend", "legend"}, {"attribution", "attribution"},
    };
    for (const auto& [from, to] : kNames)
        if (n == from) return to;
    std::replace(n.begin(), n.end(), '_', ' ');
    return n.empty() ? "map labels" : n;
}

void ProofReport::add(const std::string& screen, Lang lang, const std::string& subject, const std::string& state,
                      const std::vector<ui::TextFinding>& findings) {
    ++frames_;
    std::vector<std::string>& subjects = subjects_[{screen, static_cast<int>(lang)}];
    if (std::find(subjects.begin(), subjects.end(), subject) == subjects.end()) subjects.push_back(subject);
    std::vector<std::string>& states = states_[{screen, static_cast<int>(lang), subject}];
    if (std::find(states.begin(), states.end(), state) == states.end()) states.push_back(state);
    auto note = [&](Entry& e, const ui::TextFinding& f) {
        if (e.where.empty()) {
            e.finding = f;
            e.order = next_order_++;
        }
        e.finding.overflow_px = std::max(e.finding.overflow_px, f.overflow_px);
        auto w = std::find_if(e.where.begin(), e.where.end(), [&](const Where& x) { return x.subject == subject; });
        if (w == e.where.end()) w = e.where.insert(e.where.end(), Where{subject, {}});
        if (std::find(w->states.begin(), w->states.end(), state) == w->states.end()) w->states.push_back(state);
    };
    for (const ui::TextFinding& f : findings) {
        const std::string window = window_label(f.window);
        if (f.error()) {
            note(errors_[{screen, static_cast<int>(lang), static_cast<int>(f.kind), window, f.text}], f);
        } else {
            note(notes_[{screen, static_cast<int>(lang), window, subject}], f);
        }
    }
}

int ProofReport::errors() const { return static_cast<int>(errors_.size()); }
int ProofReport::notes() const { return static_cast<int>(notes_.size()); }

std::vector<std::string> ProofReport::lines() const {
    auto where = [this](const std::string& screen, int lang, const Entry& e) {
        const auto all = subjects_.find({screen, lang});
        if (all != subjects_.end() && all->second.size() > 1 && e.where.size() == all->second.size())
            return std::string("every frame");
        std::string s;
        for (const Where& w : e.where) {
            if (!s.empty()) s += "; ";
            s += w.subject;
            // In every state the subject was drawn in: the states say nothing.
            const auto drawn = states_.find({screen, lang, w.subject});
            if (w.states.empty() || (drawn != states_.end() && drawn->second.size() == w.states.size())) continue;
            s += " (";
            for (size_t i = 0; i < w.states.size(); ++i) s += (i ? ", " : "") + w.states[i];
            s += ")";
        }
        return s;
    };
    struct Line {
        std::string screen;
        int lang, order;
        std::string text;
    };
    std::vector<Line> errors, notes;
    for (const auto& [k, e] : errors_) {
        const auto& [screen, lang, kind, window, text] = k;
        errors.push_back({screen, lang, e.order,
                          "ERROR " + screen + " " + lang_code(static_cast<Lang>(lang)) + " · " + window + " · " +
                              describe(e.finding) + " · " + where(screen, lang, e)});
    }
    for (const auto& [k, e] : notes_) {
        const auto& [screen, lang, window, subject] = k;
        notes.push_back({screen, lang, e.order,
                         "NOTE  " + screen + " " + lang_code(static_cast<Lang>(lang)) + " · " + window + " " +
                             describe(e.finding) + " · " + where(screen, lang, e)});
    }
    std::vector<std::string> out;
    for (std::vector<Line>* v : {&errors, &notes}) {
        std::stable_sort(v->begin(), v->end(), [](const Line& a, const Line& b) {
            return a.order < b.order;  // the order the frames were drawn in: screen, language, state, card
        });
        for (Line& l : *v) out.push_back(std::move(l.text));
    }
    return out;
}

}  // namespace qmi::app
