// Finding a town by name: the search button (Layout::search) opens an on-screen AZERTY keyboard (Layout::keyboard,
// drawn OVER the map and panel while open) with the typed name, the best matches as big buttons, and the keys.
// A visitor taps a few letters, then a town: draw() returns it, and the view selects it like a tap on the map.
//
// The matching is core/commune_search (accents, case, "st"/"saint", hyphens and apostrophes do not matter); this
// widget only keeps the typed text and the matches of that text, recomputed when a key changes it, never per frame.
// While the keyboard is open the view must send touches inside Layout::keyboard to ImGui only, not to the map.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commune_search.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

// The search button: magnifier icon, and "Chercher" / "Search" when the region is wide enough. True when tapped.
bool draw_search_button(const WidgetContext& ctx);

struct SearchKeyboardResult {
    enum class Kind {
        None,
        Typed,   // a key changed the text: `key` is the key's text ("A", " ", "-", "'"), "\b" backspace, "" clear
        Chosen,  // a result was tapped: `insee`
        Close,   // the close button: the view hides the keyboard (and may clear() it)
    };
    Kind kind = Kind::None;
    std::string key;
    std::string insee;
};

// Where SearchKeyboard::draw puts things in Layout::keyboard, screen px. Pure: the tests tap these.
struct KeyboardKey {
    enum class Kind { Char, Backspace, Clear, Space };
    Kind kind = Kind::Char;
    std::string text;  // Char: "A" .. "Z", "'", "-"
    Rect rect;
};
struct KeyboardGeometry {
    Rect field;                  // the typed text
    Rect close;                  // the close button, right of the field
    std::vector<Rect> results;   // Layout::keyboard_results rows
    std::vector<KeyboardKey> keys;  // AZERTYUIOP / QSDFGHJKLM / WXCVBN'- backspace / clear, space
};
KeyboardGeometry keyboard_geometry(const Layout& layout);

class SearchKeyboard {
public:
    static constexpr size_t kMaxQueryBytes = 48;  // longer than any commune name; more is a stuck finger

    explicit SearchKeyboard(const CommuneSearch* index = nullptr) : index_(index) {}
    void set_index(const CommuneSearch* index);  // new membership / content: matches are recomputed

    // Editing, also reachable from a physical keyboard. Each recomputes the matches.
    void type(std::string_view text);
    void backspace();  // removes the last character (a whole UTF-8 sequence)
    void clear();
    const std::string& query() const { return query_; }
    const std::vector<CommuneMatch>& matches() const { return matches_; }

    // Draws in Layout::keyboard, with up to Layout::keyboard_results matches. Key taps edit the text here and are
    // also returned (Typed), so the view can restart its idle timer.
    SearchKeyboardResult draw(const WidgetContext& ctx);

private:
    void refresh();
    const CommuneSearch* index_ = nullptr;
    std::string query_;
    std::vector<CommuneMatch> matches_;
};

}  // namespace qmi::ui
