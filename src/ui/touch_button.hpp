// The kiosk's touch button, shared by the district list, the map controls, the language and search buttons and the
// keyboard: a rounded frame with the control outline (>= 4.5:1 against every surface, ui/theme), a darker fill
// while held, the accent fill with white text when it is the chosen one. Plus the few icons those buttons carry,
// drawn as strokes (no glyph to miss in a font): they scale with the button, crisp at any size.
//
// Call inside an ImGui window, between NewFrame and Render. Text goes through ImGui::TextUnformatted so that it
// is logged (the widget tests read it) and clipped like any ImGui text.
#pragma once
#include <string>

#include <imgui.h>

#include "ui/layout.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

struct TouchButton {
    bool released = false;  // tapped: the finger lifted inside it this frame (ImGui's click)
    bool held = false;      // a finger is on it now
    ImU32 ink = 0;          // colour for what is drawn on it
    Rect inner;             // the button minus its padding: where its label or icon goes
};

// A button exactly on `r` (screen coordinates). `id` must be unique within the window.
TouchButton touch_button(const char* id, const Rect& r, const WidgetContext& ctx, bool chosen = false);

enum class Icon { Home, Plus, Minus, Magnifier, Backspace, Close };
// `icon` centred in `box`, in a square of the box's smaller side, strokes `stroke` px wide.
void draw_icon(ImDrawList* dl, Icon icon, const Rect& box, ImU32 color, float stroke);

// One line of `text` in `font`, vertically centred in `box`, left-aligned (`centred` = false) or centred; cut with
// an ellipsis when it is wider than the box. Returns the width drawn.
float button_text(const std::string& text, ImFont* font, const Rect& box, ImU32 color, bool centred);

}  // namespace qmi::ui
