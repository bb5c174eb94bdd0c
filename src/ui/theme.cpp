#include "ui/theme.hpp"

#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>

namespace qmi::ui {

ImU32 to_u32(Rgba8 c) { return IM_COL32(c.r, c.g, c.b, c.a); }

ImVec4 to_vec4(Rgba8 c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f); }

Rgba8 with_alpha(Rgba8 c, std::uint8_t a) {
    c.a = a;
    return c;
}

Rgba8 over(Rgba8 top, Rgba8 bottom) {
    const double a = top.a / 255.0;
    auto mix = [a](std::uint8_t t, std::uint8_t b) {
        return static_cast<std::uint8_t>(std::lround(t * a + b * (1.0 - a)));
    };
    return Rgba8{mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b), 255};
}

double relative_luminance(Rgba8 c) {
    auto linear = [](std::uint8_t v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double contrast_ratio(Rgba8 a, Rgba8 b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgba8 commune_fill(bool in_metropole, int promotion) {
    if (promotion > 0) return promotion_color(promotion);
    return in_metropole ? palette::other_commune : palette::outside_commune;
}

Rgba8 dimmed(Rgba8 fill) { return over(palette::dim_veil, fill); }

const std::vector<ContrastPair>& contrast_pairs() {
    namespace p = palette;
    // The label halo (ui alpha 235 over the fill, see render/map_labels) is what map label text stands on.
    static const Rgba8 halo{0xFF, 0xFF, 0xFF, 235};
    static const std::vector<ContrastPair> pairs = {
        // Text, 4.5:1.
        {"body text on a card", p::ink, p::surface, 4.5},
        {"body text on the banner strip", p::ink, p::surface_alt, 4.5},
        {"secondary text on a card", p::ink_muted, p::surface, 4.5},
        {"secondary text on the banner strip", p::ink_muted, p::surface_alt, 4.5},
        {"button label on a button", p::ink, p::button, 4.5},
        {"button label on a pressed button", p::ink, p::button_pressed, 4.5},
        {"label on a chosen (accent) button", p::on_accent, p::accent, 4.5},
        {"heading rule and links (accent) on a card", p::accent, p::surface, 4.5},
        {"district label on its halo over blue", p::ink, over(halo, p::promotion_1), 4.5},
        {"district label on its halo over vermillion", p::ink, over(halo, p::promotion_2), 4.5},
        {"commune label on its halo over grey", p::ink_muted, over(halo, p::other_commune), 4.5},
        {"commune label on its halo over a dimmed district", p::ink_muted, over(halo, dimmed(p::promotion_1)), 4.5},
        // Controls, 3:1: the outline is what tells a button from the card it sits on.
        {"button outline against the button", p::control_border, p::button, 3.0},
        {"button outline against a pressed button", p::control_border, p::button_pressed, 3.0},
        {"button outline against a card", p::control_border, p::surface, 3.0},
        {"button outline against the banner strip", p::control_border, p::surface_alt, 3.0},
        {"chosen (accent) button against a card", p::accent, p::surface, 3.0},
        // District fills, 3:1 against their neighbours and the white lines between communes.
        {"first-promotion district against grey communes", p::promotion_1, p::other_commune, 3.0},
        {"second-promotion district against grey communes", p::promotion_2, p::other_commune, 3.0},
        {"first-promotion district against communes outside", p::promotion_1, p::outside_commune, 3.0},
        {"second-promotion district against communes outside", p::promotion_2, p::outside_commune, 3.0},
        {"first-promotion district against a commune border", p::promotion_1, p::commune_border, 3.0},
        {"second-promotion district against a commune border", p::promotion_2, p::commune_border, 3.0},
        {"unknown-promotion district against grey communes", p::promotion_unknown, p::other_commune, 3.0},
        {"legend swatch outline against the legend card", p::control_border, p::surface, 3.0},
        {"legend swatch outline against a pale swatch (communes outside)", p::control_border, p::outside_commune, 3.0},
        // Selection, 3:1: the outline against the selected fill and every dimmed neighbour.
        {"selection outline on a selected blue district", p::selection_outline, p::promotion_1, 3.0},
        {"selection outline on a selected vermillion district", p::selection_outline, p::promotion_2, 3.0},
        {"selection outline on a selected grey commune", p::selection_outline, p::other_commune, 3.0},
        {"selection outline against its casing", p::selection_outline, p::selection_casing, 3.0},
        {"selection outline against a dimmed blue neighbour", p::selection_outline, dimmed(p::promotion_1), 3.0},
        {"selection outline against a dimmed vermillion neighbour", p::selection_outline, dimmed(p::promotion_2), 3.0},
        {"selected blue district against dimmed grey communes", p::promotion_1, dimmed(p::other_commune), 3.0},
        {"selected vermillion district against dimmed grey communes", p::promotion_2, dimmed(p::other_commune), 3.0},
        {"selected blue district against a dimmed vermillion one", p::promotion_1, dimmed(p::promotion_2), 3.0},
    };
    return pairs;
}

Rgba8 promotion_color(int promotion_number) {
    switch (promotion_number) {
        case 1: return palette::promotion_1;
        case 2: return palette::promotion_2;
        default: return palette::promotion_unknown;
    }
}

Rgba8 window_status_color(WindowStatus status) {
    switch (status) {
        case WindowStatus::Upcoming:
        case WindowStatus::Planned: return palette::state_upcoming;
        case WindowStatus::Open: return palette::state_open;
        case WindowStatus::LastDay: return palette::state_last_day;
        case WindowStatus::Closed: break;
    }
    return palette::state_closed;
}

Theme make_theme(float ui_scale) {
    Theme t;
    t.scale = ui_scale > 0 ? ui_scale : 1.0f;
    t.rounding = 14.0f * t.scale;
    t.frame_rounding = 12.0f * t.scale;
    t.border = std::max(1.0f, 1.0f * t.scale);
    t.chip = 22.0f * t.scale;
    t.control_border_width = std::max(1.0f, std::round(palette::control_border_width * t.scale));
    t.frame_padding = ImVec2(18 * t.scale, 12 * t.scale);
    return t;
}

Theme make_theme(const Layout& layout) {
    Theme t = make_theme(layout.scale);
    t.frame_padding = ImVec2(std::ceil(0.5f * layout.fonts.body), layout.label_pad);
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
    style.FramePadding = theme.frame_padding;
    style.FrameRounding = theme.frame_rounding;
    // Every button carries a dark outline: a grey fill alone is 1.1:1 against the card it sits on.
    style.FrameBorderSize = theme.control_border_width;
    style.ItemSpacing = ImVec2(14 * s, 10 * s);
    style.ItemInnerSpacing = ImVec2(10 * s, 8 * s);
    style.IndentSpacing = 24 * s;
    // A finger, not a mouse: scrollbars and grabs at least ~2/3 of the touch target, never under 20 px at scale 1.
    style.ScrollbarSize = std::max(20 * s, 0.5f * touch_min_px);
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
    // ImGui draws window and button outlines in one colour: the control border (4.8:1 or more on every surface).
    // Cards keep a 1 px outline in it; widgets that want a hairline draw it themselves with Theme::card_border.
    c[ImGuiCol_Border] = to_vec4(theme.control_border);
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
