#include "ui/language_button.hpp"

#include <imgui.h>

#include "ui/touch_button.hpp"

namespace qmi::ui {

bool draw_language_button(const WidgetContext& ctx) {
    const Rect& r = ctx.layout.language;
    next_window_on(r);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##qmi_language", nullptr,
                 kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    const TouchButton b = touch_button("##lang", r, ctx);
    button_text(ctx.text.get("lang.switch", ctx.lang), ctx.fonts.body_bold, b.inner, b.ink, true);
    ImGui::End();
    return b.released;
}

}  // namespace qmi::ui
