// The frame every card of the panel area shares (district card, introduction, sources): the fixed window on
// Layout::panel, a title row with one big button, a scrolling body that a finger can drag, and a fixed footer row
// that never scrolls away. Drawing helpers only; the cards decide what goes in them.
#pragma once
#include <string>
#include <vector>

#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui::panel {

// The panel's fixed window ("##qmi_panel"); end it with ImGui::End().
void begin(const WidgetContext& ctx);

// Title (wrapped, in `title_font`) with a big button to its right (none when `button_label` is empty: the title
// then has the whole width). Returns true when the button is released.
bool title_row(const std::string& title, ImFont* title_font, const std::string& button_label,
               const WidgetContext& ctx);

// Height the footer row needs: spacing, a separator, then the wrapped `note` beside a button of touch size (or
// the note alone when `button_label` is empty).
float footer_height(const std::string& note, const std::string& button_label, const WidgetContext& ctx);

// The scrolling body takes the panel's height minus the footer, so the footer never scrolls out of sight.
void begin_body(float footer_h);
void end_body(const WidgetContext& ctx);

// The fixed footer: `note` (small, muted, wrapped) and, at its right, a button. Returns true when the button is
// released.
bool footer(const std::string& note, const std::string& button_label, const WidgetContext& ctx);

// The same with several buttons side by side at the right (empty labels are skipped). When they leave the note
// less than a third of the width, the note takes its own line above them. Returns the index of the button
// released, or -1; `rects` (optional) receives where each button was drawn (empty for a skipped one).
float footer_height(const std::string& note, const std::vector<std::string>& buttons, const WidgetContext& ctx);
int footer(const std::string& note, const std::vector<std::string>& buttons, const WidgetContext& ctx,
           std::vector<Rect>* rects = nullptr);

// Text wrapped at the window's edge, optionally coloured.
void wrapped(const std::string& s);
void wrapped_colored(const std::string& s, Rgba8 color);

// A rounded colour square on the current line, vertically centred on a line of the current font.
void color_chip(Rgba8 color, float side, const Theme& theme);

}  // namespace qmi::ui::panel
