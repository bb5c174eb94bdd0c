#include "ui/language_button.hpp"

#include <imgui.h>

#include "ui/touch_button.hpp"

namespace qmi::ui {

bool draw_language_button(const WidgetContext& ctx) {
    const Rect& r = ctx.layout.language;
    begin_button_window("##qmi_language", r);
    const TouchButton b = touch_button("##lang", r, ctx);
    button_text(ctx.text.get("lang.switch", ctx.lang), ctx.fonts.body_bold, b.inner, b.ink, true);
    ImGui::End();
    return b.released;
}

}  // namespace qmi::ui
