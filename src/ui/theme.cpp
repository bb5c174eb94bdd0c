#include "ui/theme.hpp"

#include <algorithm>

namespace qmi::ui {

ImU32 to_u32(Rgba8 c) { return IM_COL32(c.r, c.g, c.b, c.a); }

ImVec4 to_vec4(Rgba8 c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f); }

Rgba8 with_alpha(Rgba8 c, std::uint8_t a) {
    c.a = a;
    return c;
}

Rgba8 promotion_color(int promotion_number) {
    switch (promotion_number) {
        case 1: return palette::promotion_1;
        case 2: return palette::promotion_2;
        default: return palette::promotion_unknown;
    }
}

Theme make_theme(float ui_scale) {
    Theme t;
    t.scale = ui_scale > 0 ? ui_scale : 1.0f;
    t.rounding = 14.0f * t.scale;
    t.frame_rounding = 12.0f * t.scale;
    t.border = std::max(1.0f, 1.0f * t.scale);
    t.chip = 22.0f * t.scale;
    return t;
}

void apply_theme(const Theme& theme, float touch_min_px, ImGuiStyle& style) {
    // Start from ImGui's light style so that every colour we do not set stays readable on white.
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    const float s = theme.scale;

    style.WindowPadding = ImVec2(20 * s, 18 * s);
    style.WindowRounding = theme.rounding;
    style.WindowBorderSize = theme.border;
    style.ChildRounding = theme.rounding;
    style.ChildBorderSize = 0;
    style.PopupRounding = theme.rounding;
    style.FramePadding = ImVec2(18 * s, 12 * s);
    style.FrameRounding = theme.frame_rounding;
    style.FrameBorderSize = 0;
    style.ItemSpacing = ImVec2(14 * s, 10 * s);
    style.ItemInnerSpacing = ImVec2(10 * s, 8 * s);
    style.IndentSpacing = 24 * s;
    // A finger, not a mouse: scrollbars and grabs at least ~2/3 of the touch target, never under 20 px at scale 1.
    style.ScrollbarSize = std::max(20 * s, 0.66f * touch_min_px);
    style.ScrollbarRounding = style.ScrollbarSize * 0.5f;
    style.GrabMinSize = std::max(28 * s, touch_min_px);
    style.GrabRounding = theme.frame_rounding;
    style.TouchExtraPadding = ImVec2(4 * s, 4 * s);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;
    style.WindowMenuButtonPosition = ImGuiDir_None;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = to_vec4(theme.text);
    c[ImGuiCol_TextDisabled] = to_vec4(theme.text_muted);
    c[ImGuiCol_WindowBg] = to_vec4(theme.panel_bg);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = to_vec4(theme.panel_bg);
    c[ImGuiCol_Border] = to_vec4(theme.card_border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Button] = to_vec4(theme.button);
    // A touchscreen has no hover: a hovered button looks like a resting one, only a press changes it.
    c[ImGuiCol_ButtonHovered] = to_vec4(theme.button);
    c[ImGuiCol_ButtonActive] = to_vec4(theme.button_pressed);
    c[ImGuiCol_Separator] = to_vec4(theme.card_border);
    c[ImGuiCol_ScrollbarBg] = to_vec4(palette::surface_alt);
    c[ImGuiCol_ScrollbarGrab] = to_vec4(palette::hairline);
    c[ImGuiCol_ScrollbarGrabHovered] = to_vec4(palette::ink_muted);
    c[ImGuiCol_ScrollbarGrabActive] = to_vec4(palette::ink);
}

}  // namespace qmi::ui
