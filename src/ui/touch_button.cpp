#include "ui/touch_button.hpp"

#include <algorithm>
#include <cmath>

#include "ui/text_audit.hpp"
#include "ui/theme.hpp"

namespace qmi::ui {

TouchButton touch_button(const char* id, const Rect& r, const WidgetContext& ctx, bool chosen) {
    TouchButton b;
    ImGui::SetCursorScreenPos(r.min);
    b.released = ImGui::InvisibleButton(id, r.size());
    b.held = ImGui::IsItemActive();
    const Theme& t = ctx.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Rgba8 fill = chosen ? t.accent : (b.held ? t.button_pressed : t.button);
    const float round = std::min(t.frame_rounding, 0.25f * std::min(r.width(), r.height()));
    dl->AddRectFilled(r.min, r.max, to_u32(fill), round);
    const float w = t.control_border_width;
    dl->AddRect(ImVec2(r.min.x + w / 2, r.min.y + w / 2), ImVec2(r.max.x - w / 2, r.max.y - w / 2),
                to_u32(chosen ? t.accent : t.control_border), round, 0, w);
    b.ink = to_u32(chosen ? t.on_accent : t.text);
    const float pad_x = std::ceil(0.35f * ctx.layout.fonts.body);
    b.inner.min = ImVec2(r.min.x + pad_x, r.min.y + w);
    b.inner.max = ImVec2(r.max.x - pad_x, r.max.y - w);
    return b;
}

void draw_icon(ImDrawList* dl, Icon icon, const Rect& box, ImU32 col, float stroke) {
    const float side = std::min(box.width(), box.height());
    const ImVec2 c = box.center();
    const float h = side * 0.5f;  // half side of the icon's square
    auto P = [&](float x, float y) { return ImVec2(c.x + x * h, c.y + y * h); };  // x, y in -1 .. 1
    switch (icon) {
        case Icon::Plus:
            dl->AddLine(P(-0.7f, 0), P(0.7f, 0), col, stroke);
            dl->AddLine(P(0, -0.7f), P(0, 0.7f), col, stroke);
            break;
        case Icon::Minus: dl->AddLine(P(-0.7f, 0), P(0.7f, 0), col, stroke); break;
        case Icon::Close:
            dl->AddLine(P(-0.55f, -0.55f), P(0.55f, 0.55f), col, stroke);
            dl->AddLine(P(-0.55f, 0.55f), P(0.55f, -0.55f), col, stroke);
            break;
        case Icon::Home: {
            // A house: roof, walls, door.
            const ImVec2 roof[] = {P(-0.8f, -0.05f), P(0, -0.8f), P(0.8f, -0.05f)};
            dl->AddPolyline(roof, 3, col, 0, stroke);
            const ImVec2 walls[] = {P(-0.55f, -0.25f), P(-0.55f, 0.75f), P(0.55f, 0.75f), P(0.55f, -0.25f)};
            dl->AddPolyline(walls, 4, col, 0, stroke);
            dl->AddRectFilled(P(-0.15f, 0.25f), P(0.15f, 0.75f), col);
            break;
        }
        case Icon::Magnifier:
            dl->AddCircle(P(-0.15f, -0.15f), 0.5f * h, col, 0, stroke);
            dl->AddLine(P(0.22f, 0.22f), P(0.75f, 0.75f), col, stroke * 1.3f);
            break;
        case Icon::Backspace: {
            const ImVec2 tag[] = {P(-0.85f, 0), P(-0.4f, -0.55f), P(0.8f, -0.55f), P(0.8f, 0.55f), P(-0.4f, 0.55f)};
            dl->AddPolyline(tag, 5, col, ImDrawFlags_Closed, stroke);
            dl->AddLine(P(-0.05f, -0.25f), P(0.45f, 0.25f), col, stroke);
            dl->AddLine(P(-0.05f, 0.25f), P(0.45f, -0.25f), col, stroke);
            break;
        }
    }
}

float button_text(const std::string& text, ImFont* font, const Rect& box, ImU32 color, bool centred) {
    if (!font || text.empty()) return 0;
    ImGui::PushFont(font);
    const float size = font->FontSize;
    std::string shown = text;
    float w = ImGui::CalcTextSize(shown.c_str()).x;
    if (w > box.width()) {
        // Cut at a character boundary and add an ellipsis: better a visibly cut name than one cut silently.
        const std::string ellipsis = "\xE2\x80\xA6";
        while (!shown.empty() && ImGui::CalcTextSize((shown + ellipsis).c_str()).x > box.width()) {
            shown.pop_back();
            while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
            if (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0xC0) shown.pop_back();
        }
        shown += ellipsis;
        w = ImGui::CalcTextSize(shown.c_str()).x;
        note_ellipsised(text, shown);  // the proof sheet reports it
    }
    const float x = centred ? box.min.x + (box.width() - w) / 2 : box.min.x;
    ImGui::SetCursorScreenPos(ImVec2(std::round(x), std::round(box.min.y + (box.height() - size) / 2)));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    return w;
}

}  // namespace qmi::ui
