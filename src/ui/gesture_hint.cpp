#include "ui/gesture_hint.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/theme.hpp"
#include "ui/touch_button.hpp"

namespace qmi::ui {

void GestureHint::dismiss(double now_s) { hide_at_ = std::min(hide_at_, now_s); }

float GestureHint::opacity(double now_s) const {
    const double start = shown_at_;
    const double end = std::min(start + kShowS, std::max(hide_at_, start));
    if (now_s < start) return 0;
    if (now_s <= end) return static_cast<float>(std::min(1.0, (now_s - start) / kFadeS));
    const double out = 1.0 - (now_s - end) / kFadeS;
    const float in = static_cast<float>(std::min(1.0, (end - start) / kFadeS));
    return out > 0 ? static_cast<float>(out) * in : 0.0f;
}

void draw_gesture_hint(const WidgetContext& ctx, float opacity) {
    if (!(opacity > 0)) return;
    const Layout& L = ctx.layout;
    const Rect& r = L.hint;
    const auto alpha = static_cast<std::uint8_t>(std::lround(255 * std::clamp(opacity, 0.0f, 1.0f)));
    next_window_on(r);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, std::clamp(opacity, 0.0f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("##qmi_gesture_hint", nullptr,
                 kOverlayWindowFlags | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoScrollbar |
                     ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar(3);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Theme& t = ctx.theme;
    // A dark card (ink, 16:1 with the white text) so that it reads over any fill of the map.
    dl->AddRectFilled(r.min, r.max, to_u32(with_alpha(t.text, static_cast<std::uint8_t>(alpha * 0.92f))),
                      t.rounding);
    // The pinch: two fingertips moving apart, arrows outward. Beside the text, or above it on a narrow map.
    const float h = r.height();
    const float side = std::min(0.7f * h, 2.0f * L.fonts.body);
    const Rect icon = L.hint_stacked
                          ? Rect{{r.center().x - side / 2, r.min.y + L.padding / 2}, {r.center().x + side / 2, r.min.y + L.padding / 2 + side}}
                          : Rect{{r.min.x + L.padding, r.min.y + (h - side) / 2}, {r.min.x + L.padding + side, r.min.y + (h + side) / 2}};
    const ImU32 white = to_u32(with_alpha(t.on_accent, alpha));
    const ImVec2 c = icon.center();
    const float s = icon.height() / 2;
    const float stroke = std::max(2.0f, std::round(0.06f * side));
    dl->AddCircleFilled(ImVec2(c.x - 0.35f * s, c.y + 0.3f * s), 0.22f * s, white);
    dl->AddCircleFilled(ImVec2(c.x + 0.35f * s, c.y - 0.3f * s), 0.22f * s, white);
    dl->AddLine(ImVec2(c.x - 0.6f * s, c.y + 0.55f * s), ImVec2(c.x - 0.95f * s, c.y + 0.9f * s), white, stroke);
    dl->AddLine(ImVec2(c.x + 0.6f * s, c.y - 0.55f * s), ImVec2(c.x + 0.95f * s, c.y - 0.9f * s), white, stroke);
    // The sentence, wrapped in the lines the layout gave it.
    const std::string& text = ctx.text.get("map.gesture_hint", ctx.lang);
    const float x0 = L.hint_stacked ? r.min.x + L.padding : icon.max.x + L.padding, x1 = r.max.x - L.padding;
    const float top = L.hint_stacked ? icon.max.y : r.min.y, bottom = r.max.y;
    ImGui::PushFont(ctx.fonts.body_bold);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, x1 - x0);
    ImGui::SetCursorScreenPos(ImVec2(x0, std::round(top + (bottom - top - size.y) / 2)));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(to_u32(t.on_accent)));
    ImGui::PushTextWrapPos(x1 - r.min.x);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace qmi::ui
