#include "ui/panel_frame.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/text_audit.hpp"

namespace qmi::ui::panel {

namespace {

// Lets a finger scroll the current (child) window by dragging its content, as on a phone: ImGui only scrolls with
// a wheel or the scrollbar.
void drag_to_scroll() {
    note_finger_scroll();  // what does not fit is reached by scrolling: the proof sheet lists it, not as a cut
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseDragging(0, 4.0f) &&
        io.MouseDelta.y != 0.0f)
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

float button_width(const std::string& label, const WidgetContext& ctx) {
    if (label.empty()) return 0;
    ImGui::PushFont(ctx.fonts.body_bold);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    ImGui::PopFont();
    return std::max(ctx.layout.touch_min, w + 2 * ImGui::GetStyle().FramePadding.x);
}

}  // namespace

void wrapped(const std::string& s) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
    ImGui::PopTextWrapPos();
}

void wrapped_colored(const std::string& s, Rgba8 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
    wrapped(s);
    ImGui::PopStyleColor();
}

void color_chip(Rgba8 color, float side, const Theme& theme) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float y = p.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + side, y + side), to_u32(color), side * 0.25f);
    dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + side, y + side), to_u32(with_alpha(theme.text, 80)), side * 0.25f);
    ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
}

bool title_row(const std::string& title, ImFont* title_font, const std::string& button_label,
               const WidgetContext& ctx) {
    const Layout& L = ctx.layout;
    const float button_w = button_width(button_label, ctx);
    const float button_h = L.touch_min;
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorPos();
    if (button_label.empty()) {
        ImGui::PushFont(title_font);
        wrapped(title);
        ImGui::PopFont();
        return false;
    }

    // Title in the space left of the button.
    ImGui::PushFont(title_font);
    ImGui::PushTextWrapPos(start.x + std::max(avail - button_w - L.padding, avail * 0.4f));
    ImGui::TextUnformatted(title.c_str(), title.c_str() + title.size());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const float after_title_y = ImGui::GetCursorPosY();

    ImGui::SetCursorPos(ImVec2(start.x + avail - button_w, start.y));
    ImGui::PushFont(ctx.fonts.body_bold);
    const bool pressed = ImGui::Button(button_label.c_str(), ImVec2(button_w, button_h));
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(after_title_y, start.y + button_h + ImGui::GetStyle().ItemSpacing.y));
    return pressed;
}

// In portrait the panel is a full-width sheet between the legend strip and the attribution: square corners and no
// side borders, so the three read as one block under the map.
void begin(const WidgetContext& ctx) {
    const bool sheet = ctx.layout.orientation == Orientation::Portrait;
    next_window_on(ctx.layout.panel);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.layout.padding, ctx.layout.padding));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, sheet ? 0.0f : ctx.theme.rounding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, sheet ? 0.0f : ctx.theme.border);
    ImGui::Begin("##qmi_panel", nullptr, kOverlayWindowFlags);
    ImGui::PopStyleVar(3);
    if (sheet) {
        const Rect& r = ctx.layout.panel;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(r.min.x, r.min.y + ctx.theme.border * 0.5f),
                                            ImVec2(r.max.x, r.min.y + ctx.theme.border * 0.5f),
                                            to_u32(ctx.theme.card_border), ctx.theme.border);
    }
}

float footer_height(const std::string& note, const std::string& button_label, const WidgetContext& ctx) {
    return footer_height(note, std::vector<std::string>{button_label}, ctx);
}

void begin_body(float footer_h) {
    // Glyphs such as "J" and "j" reach left of where their line starts; a borderless child clips at its very edge
    // and would cut their tails ("Jean-Jacques", "janvier"). The body starts that much further left, with as much
    // padding inside, so its text stays aligned with the title and is drawn whole.
    const float bleed = std::ceil(0.12f * ImGui::GetFontSize());
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() - bleed);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(bleed, 0));
    ImGui::BeginChild("##qmi_panel_body", ImVec2(0, -footer_h), false,
                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
}

void end_body(const WidgetContext& ctx) {
    drag_to_scroll();
    // More text below the fold: the body's last lines fade into the card, so the visitor sees there is more to
    // read (the scrollbar alone is easy to miss on a touchscreen).
    if (ImGui::GetScrollY() + 1.0f < ImGui::GetScrollMaxY()) {
        const ImVec2 p = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        const float fade = 36.0f * ctx.theme.scale;
        const float right = p.x + size.x - ImGui::GetStyle().ScrollbarSize;
        const ImU32 clear = to_u32(with_alpha(ctx.theme.panel_bg, 0)), solid = to_u32(ctx.theme.panel_bg);
        ImGui::GetWindowDrawList()->AddRectFilledMultiColor(ImVec2(p.x, p.y + size.y - fade),
                                                            ImVec2(right, p.y + size.y), clear, clear, solid, solid);
    }
    ImGui::EndChild();
}

bool footer(const std::string& note, const std::string& button_label, const WidgetContext& ctx) {
    return footer(note, std::vector<std::string>{button_label}, ctx) == 0;
}

namespace {

// Where the footer's parts go: the buttons' total width, and whether the note has a line of its own above them.
struct FooterShape {
    float buttons_w = 0;
    bool note_above = false;
    float text_w = 0;
};

FooterShape footer_shape(const std::string& note, const std::vector<std::string>& buttons, const WidgetContext& ctx) {
    FooterShape f;
    const float avail = ImGui::GetContentRegionAvail().x;
    int n = 0;
    for (const std::string& b : buttons)
        if (!b.empty()) {
            f.buttons_w += button_width(b, ctx);
            ++n;
        }
    if (n > 1) f.buttons_w += (n - 1) * ctx.layout.gap;
    const float beside = avail - (f.buttons_w > 0 ? f.buttons_w + ctx.layout.margin : 0);
    f.note_above = !note.empty() && f.buttons_w > 0 && beside < avail / 3;
    f.text_w = std::max(1.0f, f.note_above ? avail : beside);
    return f;
}

}  // namespace

float footer_height(const std::string& note, const std::vector<std::string>& buttons, const WidgetContext& ctx) {
    const FooterShape f = footer_shape(note, buttons, ctx);
    if (note.empty() && f.buttons_w <= 0) return 0;
    ImGui::PushFont(ctx.fonts.small);
    const float text_h = note.empty() ? 0 : ImGui::CalcTextSize(note.c_str(), note.c_str() + note.size(), false, f.text_w).y;
    ImGui::PopFont();
    const float button_h = f.buttons_w > 0 ? ctx.layout.touch_min : 0.0f;
    const float row_h = f.note_above ? text_h + ImGui::GetStyle().ItemSpacing.y + button_h : std::max(text_h, button_h);
    return row_h + 2 * ImGui::GetStyle().ItemSpacing.y + 1.0f;
}

int footer(const std::string& note, const std::vector<std::string>& buttons, const WidgetContext& ctx,
           std::vector<Rect>* rects) {
    if (rects) rects->assign(buttons.size(), Rect{});
    const FooterShape f = footer_shape(note, buttons, ctx);
    if (note.empty() && f.buttons_w <= 0) return -1;
    ImGui::Separator();
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorPos();
    const float touch = ctx.layout.touch_min;
    float text_h = 0;
    if (!note.empty()) {
        ImGui::PushFont(ctx.fonts.small);
        text_h = ImGui::CalcTextSize(note.c_str(), note.c_str() + note.size(), false, f.text_w).y;
        const float row_h = f.note_above ? text_h : std::max(text_h, f.buttons_w > 0 ? touch : 0.0f);
        ImGui::SetCursorPos(ImVec2(start.x, start.y + (row_h - text_h) * 0.5f));
        ImGui::PushTextWrapPos(start.x + f.text_w);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text_muted));
        ImGui::TextUnformatted(note.c_str(), note.c_str() + note.size());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
    }
    if (f.buttons_w <= 0) return -1;
    const float y = f.note_above ? start.y + text_h + ImGui::GetStyle().ItemSpacing.y
                                 : start.y + std::max(0.0f, (text_h - touch) * 0.5f);
    float x = start.x + avail - f.buttons_w;
    int pressed = -1;
    ImGui::PushFont(ctx.fonts.body_bold);
    for (size_t i = 0; i < buttons.size(); ++i) {
        if (buttons[i].empty()) continue;
        const float w = button_width(buttons[i], ctx);
        ImGui::SetCursorPos(ImVec2(x, y));
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button(buttons[i].c_str(), ImVec2(w, touch))) pressed = static_cast<int>(i);
        ImGui::PopID();
        if (rects) (*rects)[i] = Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
        x += w + ctx.layout.gap;
    }
    ImGui::PopFont();
    return pressed;
}

}  // namespace qmi::ui::panel
