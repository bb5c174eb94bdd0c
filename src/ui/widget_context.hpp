// What every overlay widget needs to draw itself, bundled so that a frame passes one thing per call.
// All members are references to objects that live as long as the app (or until a reload rebuilds them).
#pragma once
#include "core/text.hpp"
#include "core/ui_text.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

namespace qmi::ui {

struct WidgetContext {
    const Layout& layout;
    const Theme& theme;
    const Fonts& fonts;
    const UiText& text;
    Lang lang = Lang::Fr;
};

// ImGui window flags shared by the fixed overlay windows: no title bar, no moving or resizing, no ini file, never
// brought in front of another overlay by a touch (they do not overlap anyway).
inline constexpr ImGuiWindowFlags kOverlayWindowFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing |
    ImGuiWindowFlags_NoNav;

// Places the next window exactly on `r`.
inline void next_window_on(const Rect& r) {
    ImGui::SetNextWindowPos(r.min, ImGuiCond_Always);
    ImGui::SetNextWindowSize(r.size(), ImGuiCond_Always);
}

// Begins a window exactly on `r` with no padding and no background, for touch buttons that draw themselves (the
// language and search buttons, Home / + / −).
inline void begin_button_window(const char* id, const Rect& r) {
    next_window_on(r);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(id, nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
}

// Begins a flat strip on `r` in the interface's ground colour (no rounding, no border): the kiosk's header and
// banner, the presenter's title and bar.
inline void begin_strip(const char* id, const Rect& r, const Theme& theme, ImVec2 padding) {
    next_window_on(r);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(theme.banner_bg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::Begin(id, nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
}

}  // namespace qmi::ui
