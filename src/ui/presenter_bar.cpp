#include "ui/presenter_bar.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/attract_overlay.hpp"
#include "ui/touch_button.hpp"

namespace qmi::ui {


void draw_presenter_title(const PresenterStepText& t, const PresenterLayout& P, const WidgetContext& ctx) {
    // The window covers the title's place only, not the language button beside it (a window made later is drawn
    // over earlier ones); the strip's ground is the interface's, painted around the map, and its hairline goes
    // under every window.
    const Rect& r = P.screen.header;
    next_window_on(P.title);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##qmi_present_title", nullptr,
                 kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();
    ImGui::GetBackgroundDrawList()->AddLine(ImVec2(r.min.x, r.max.y - ctx.theme.border * 0.5f),
                                            ImVec2(r.max.x, r.max.y - ctx.theme.border * 0.5f),
                                            to_u32(ctx.theme.card_border), ctx.theme.border);
    const Layout& L = ctx.layout;
    const float x = P.title.min.x + L.padding, w = std::max(1.0f, P.title.max.x - x - L.padding);
    // The title wraps onto the lines the layout gave it (the programme's name takes two on a narrow screen); the
    // line under it is cut with an ellipsis rather than leave the strip.
    ImFont* head = ctx.fonts.headline ? ctx.fonts.headline : ctx.fonts.title;
    const float head_size = head ? head->FontSize : L.fonts.headline;
    const float title_h = head ? head->CalcTextSizeA(head_size, FLT_MAX, w, t.title.c_str()).y : head_size;
    const float lines_h = std::min(title_h, P.title_lines * head_size);
    const float y = r.min.y + std::max(0.0f, (r.height() - lines_h - L.fonts.body) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushFont(head);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text));
    ImGui::PushTextWrapPos(x + w);
    ImGui::TextUnformatted(t.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(x, y + lines_h));
    ImGui::PushFont(ctx.fonts.body);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text_muted));
    ImGui::TextUnformatted(fit_one_line(ctx.fonts.body, L.fonts.body, t.subtitle, w).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::End();
}

PresenterBarResult draw_presenter_bar(const PresenterStepModel& model, const PresenterLayout& P,
                                      const WidgetContext& ctx) {
    const PresenterStepText& t = model.in(ctx.lang);
    const Layout& L = ctx.layout;
    begin_strip("##qmi_present_bar", P.bar, ctx.theme, ImVec2(0, 0));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddLine(ImVec2(P.bar.min.x, P.bar.min.y + ctx.theme.border * 0.5f),
                ImVec2(P.bar.max.x, P.bar.min.y + ctx.theme.border * 0.5f), to_u32(ctx.theme.card_border),
                ctx.theme.border);
    PresenterBarResult result = PresenterBarResult::None;
    const bool can_back = model.index > 0, can_on = model.index + 1 < model.total;
    const ImU32 faded = to_u32(with_alpha(ctx.theme.text, 90));

    const TouchButton exit = touch_button("##present_exit", P.exit, ctx);
    button_text(ctx.text.get("present.exit", ctx.lang), ctx.fonts.body_bold, exit.inner, exit.ink, true);
    if (exit.released) result = PresenterBarResult::Exit;
    // The arrows are the bar's, not the words': U+2190 / U+2192, merged into the fonts from DejaVu Sans.
    const TouchButton back = touch_button("##present_previous", P.previous, ctx);
    button_text("\u2190 " + ctx.text.get("present.previous", ctx.lang), ctx.fonts.body_bold, back.inner,
                can_back ? back.ink : faded, true);
    if (back.released && can_back) result = PresenterBarResult::Previous;
    // "Next" is the button pressed most: the accent fill, as a chosen button.
    const TouchButton on = touch_button("##present_next", P.next, ctx, can_on);
    button_text(ctx.text.get("present.next", ctx.lang) + " \u2192", ctx.fonts.body_bold, on.inner,
                can_on ? on.ink : faded, true);
    if (on.released && can_on) result = PresenterBarResult::Next;

    // Where the tour is: "Étape 4 sur 15", then a dot a step (the current one filled) when they fit.
    const Rect& pr = P.progress;
    ImGui::PushFont(ctx.fonts.body_bold);
    const ImVec2 ts = ImGui::CalcTextSize(t.progress.c_str());
    const float dot = std::max(4.0f, std::round(1.6f * L.px_per_mm));  // 3.2 mm across
    const float pitch = 3 * dot;
    const float dots_w = model.total > 0 ? (static_cast<float>(model.total) - 1) * pitch + 2 * dot : 0;
    const bool with_dots = ts.x + L.margin + dots_w <= pr.width();
    const float total_w = ts.x + (with_dots ? L.margin + dots_w : 0);
    float x = pr.min.x + std::max(0.0f, (pr.width() - total_w) * 0.5f);
    const float cy = pr.center().y;
    ImGui::SetCursorScreenPos(ImVec2(x, cy - ts.y * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text));
    ImGui::TextUnformatted(t.progress.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (with_dots) {
        x += ts.x + L.margin + dot;
        for (size_t i = 0; i < model.total; ++i, x += pitch) {
            if (i == model.index) dl->AddCircleFilled(ImVec2(x, cy), dot, to_u32(ctx.theme.accent));
            else dl->AddCircle(ImVec2(x, cy), dot * 0.8f, to_u32(ctx.theme.control_border), 0, std::max(1.0f, 0.6f * ctx.theme.scale * 2));
        }
    }
    ImGui::End();
    return result;
}

bool draw_blackout(const WidgetContext& ctx) {
    Rect full;
    full.max = ctx.layout.display;
    next_window_on(full);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("##qmi_blackout", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::SetCursorScreenPos(full.min);
    const bool tapped = ImGui::InvisibleButton("##blackout_tap", full.size());
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return tapped;
}

}  // namespace qmi::ui
