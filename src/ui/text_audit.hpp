// Does every text of a frame show whole? The proof sheet (qmi-kiosk proof) asks this of every card, attract step
// and banner state before staff publish content, so that a challenge too long for its card is found on a desk, not
// by a visitor.
//
// The audit reads what ImGui actually produced for the frame, not what the widgets meant to draw:
//   - the draw lists: every glyph quad is decoded back to its character through the font atlas (each glyph has its
//     own place in the atlas texture, so the quad's texture corners name it), grouped into lines, and compared with
//     the clip rectangle it is drawn in. A glyph that crosses its clip rectangle is cut off on screen;
//   - the windows: a window whose content reaches past its box hides that content, unless a finger can scroll it
//     (the card body, the district list: they say so with note_finger_scroll());
//   - the widgets that shorten a text to fit a box with "…" (attract card, touch buttons) report it with
//     note_ellipsised(): the end of that text is not shown;
//   - missing glyphs: while the audit lives, each font's fallback glyph (the "?" ImGui draws for a character the
//     font lacks) is replaced by a copy whose texture corner differs by one float step: it looks the same on
//     screen, but its quads can be told from those of a real "?".
//
// Usage, around one frame of the current ImGui context (after its fonts are built):
//     ui::TextAudit audit;                      // marks the fallback glyphs, starts collecting notes
//     ...NewFrame, widgets, Render...
//     std::vector<ui::TextFinding> found = audit.inspect();
// One audit at a time (per thread); the notes cost nothing when no audit is running.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "ui/layout.hpp"

struct ImGuiContext;
struct ImFont;
struct ImFontGlyph;

namespace qmi::ui {

struct TextFinding {
    enum class Kind {
        Ellipsised,    // a widget shortened the text with "…" to fit its box: its end is not shown
        Clipped,       // glyphs cross the edge of the box they are drawn in: part of the text is cut off
        Hidden,        // the window's content reaches past its box and no finger can scroll it: content unseen
        MissingGlyph,  // a character the font lacks, drawn as the fallback "?"
        Scrolls,       // a window a finger scrolls holds more than it shows: by design, not an error
    };
    Kind kind = Kind::Clipped;
    std::string window;   // the ImGui window ("##qmi_attract", "##qmi_panel/##qmi_panel_body_1A2B3C4D")
    std::string text;     // Ellipsised: the whole text; Clipped, MissingGlyph: the line as drawn; Hidden: the last
                          // line shown before the edge (the hidden lines were never drawn)
    std::string shown;    // Ellipsised: what was drawn instead
    float overflow_px = 0;  // Hidden, Scrolls: how far the content reaches past the box; Clipped: past the edge
    float box_px = 0;       // Hidden, Scrolls: the box's height (or width when the overflow is horizontal)
    bool horizontal = false;  // Hidden, Clipped: past the right or left edge rather than the bottom or top
    Rect box;             // on screen: the line (Clipped, MissingGlyph), else the window

    bool error() const { return kind != Kind::Scrolls; }
};

const char* finding_kind_name(TextFinding::Kind kind);  // "cut with an ellipsis", "clipped", ...

// One line of text as the frame drew it, decoded from the draw lists.
struct DrawnLine {
    std::string window;  // ImGui window; "" for the background list (map labels)
    std::string text;    // UTF-8; spaces restored from the gaps between glyphs; "?" for a missing glyph
    Rect box;            // union of the glyph quads
    Rect clip;           // the clip rectangle it was drawn with
    bool missing_glyph = false;
    float clipped_px = 0;      // how far its glyphs reach past `clip` (0: whole)
    bool clipped_horizontally = false;
};

class TextAudit {
public:
    // Marks the fallback glyph of every font of the current ImGui context's atlas, which must be built.
    TextAudit();
    ~TextAudit();  // puts the fallback glyphs back
    TextAudit(const TextAudit&) = delete;
    TextAudit& operator=(const TextAudit&) = delete;

    // After ImGui::Render(): what the last frame shows that is not whole, one finding per problem (a text
    // shortened in both builds of a frame is reported once).
    std::vector<TextFinding> inspect() const;
    // After ImGui::Render(): every line of text the last frame drew (windows first, then the map labels).
    std::vector<DrawnLine> drawn_lines() const;

    // Used by the note_* functions below.
    void add_ellipsised(std::string_view window, std::string_view full, std::string_view shown);
    void add_finger_scroll(std::string_view window);

private:
    ImGuiContext* ctx_ = nullptr;
    struct Marked {
        ImFont* font;
        const ImFontGlyph* original;
    };
    std::vector<Marked> marked_;
    std::vector<ImFontGlyph*> copies_;  // the marked fallback glyphs (stable addresses)
    struct Shortened {
        std::string window, full, shown;
    };
    std::vector<Shortened> ellipsised_;
    std::vector<std::string> finger_scrolled_;
};

// Called by a widget that draws `shown` instead of `full` (cut to its box, ending with "…"), inside its window.
void note_ellipsised(std::string_view full, std::string_view shown);
// Called inside a window that a finger scrolls by design: its overflow is reported as Scrolls, not Hidden.
void note_finger_scroll();

}  // namespace qmi::ui
