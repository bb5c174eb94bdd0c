#include "ui/staff_menu.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

namespace qmi::ui {

namespace {

// A modal card centred on the screen; a dimmed backdrop swallows touches outside it (ImGui windows under the
// mouse take it, and the app sends no pointer to the map while a staff screen is open).
void begin_card(const char* id, ImVec2 size, const WidgetContext& ctx) {
    const Layout& l = ctx.layout;
    Rect full;
    full.max = l.display;
    next_window_on(full);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.45f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin((std::string(id) + "_backdrop").c_str(), nullptr, kOverlayWindowFlags);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();

    size.x = std::min(size.x, l.display.x - 2 * l.margin);
    size.y = std::min(size.y, l.display.y - 2 * l.margin);
    Rect r;
    r.min = ImVec2((l.display.x - size.x) / 2, (l.display.y - size.y) / 2);
    r.max = ImVec2(r.min.x + size.x, r.min.y + size.y);
    next_window_on(r);
    ImGui::SetNextWindowFocus();  // above the backdrop
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(ctx.theme.panel_bg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(l.padding, l.padding));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoNav);
}

void end_card() {
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void heading(const std::string& s, const WidgetContext& ctx) {
    ImGui::PushFont(ctx.fonts.title);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text));
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace

PinPadResult draw_pin_pad(std::string& digits, const PinPadView& view, const WidgetContext& ctx) {
    const Layout& l = ctx.layout;
    // Keys: 1.4x the minimum touch target, never under it.
    const float key = std::max(l.touch_min * 1.4f, 90.0f * l.scale);
    const float gap = std::max(l.margin * 0.5f, 8.0f);
    const float width = 3 * key + 2 * gap + 2 * l.padding;
    // Two lines for the message ("Code PIN incorrect, 2 essai(s) restant(s)" wraps at the pad's width).
    const float height = 2 * l.padding + ctx.fonts.sizes.title + ctx.fonts.sizes.banner +
                         2 * ctx.fonts.sizes.body * 1.2f + 5 * key + 8 * gap;
    begin_card("##qmi_pin_pad", ImVec2(width, height), ctx);
    PinPadResult result = PinPadResult::None;

    heading(ctx.text.get("staff.pin", ctx.lang), ctx);
    ImGui::PushFont(ctx.fonts.banner);
    std::string dots;
    for (size_t i = 0; i < digits.size(); ++i) dots += "\xE2\x97\x8F ";  // U+25CF: not in every font, see below
    if (!ctx.fonts.banner || !ctx.fonts.banner->FindGlyphNoFallback(0x25CF)) dots = std::string(digits.size(), '*');
    ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
    ImGui::PopFont();
    ImGui::PushFont(ctx.fonts.body_bold);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.70f, 0.10f, 0.10f, 1));  // the message must not be missed
    ImGui::PushTextWrapPos(0.0f);  // wrap at the card's edge: the message must be read whole
    ImGui::TextUnformatted(view.message.empty() ? " \n " : view.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();

    ImGui::PushFont(ctx.fonts.title);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "\xE2\x8C\xAB", "0", ""};
    // U+232B (erase) may be missing from the fonts: fall back to a plain left arrow (U+2190, merged from DejaVu).
    if (!ctx.fonts.title || !ctx.fonts.title->FindGlyphNoFallback(0x232B)) labels[9] = "\xE2\x86\x90";
    for (int i = 0; i < 12; ++i) {
        if (i % 3) ImGui::SameLine();
        if (i == 11) {
            ImGui::Dummy(ImVec2(key, key));
            continue;
        }
        ImGui::PushID(i);
        const bool is_digit = i != 9;
        ImGui::BeginDisabled(view.locked && is_digit);
        if (ImGui::Button(labels[i], ImVec2(key, key))) {
            if (!is_digit) {
                if (!digits.empty()) digits.pop_back();
            } else if (digits.size() < 12) {
                digits += labels[i];
            }
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();

    ImGui::PushFont(ctx.fonts.body_bold);
    const float half = (3 * key + gap) / 2;
    if (ImGui::Button(ctx.text.get("staff.cancel", ctx.lang).c_str(), ImVec2(half, key))) result = PinPadResult::Cancel;
    ImGui::SameLine(0, gap);
    ImGui::BeginDisabled(view.locked || digits.empty());
    if (ImGui::Button(ctx.text.get("staff.ok", ctx.lang).c_str(), ImVec2(half, key))) result = PinPadResult::Submit;
    ImGui::EndDisabled();
    ImGui::PopFont();
    end_card();
    return result;
}

StaffMenuResult draw_staff_menu(const StaffStatus& s, const WidgetContext& ctx) {
    const Layout& l = ctx.layout;
    const float button_h = std::max(l.touch_min, 72.0f * l.scale);
    const float width = 900.0f * l.scale;
    const float height = 2 * l.padding + ctx.fonts.sizes.title * 2 +
                         (s.to_review.empty() ? 8 : 10) * (ctx.fonts.sizes.body * 1.4f) + 3 * button_h + 6 * l.margin;
    begin_card("##qmi_staff_menu", ImVec2(width, height), ctx);
    StaffMenuResult result = StaffMenuResult::None;
    const std::string& none = ctx.text.get("staff.none", ctx.lang);
    auto or_none = [&](const std::string& v) -> const std::string& { return v.empty() ? none : v; };

    heading(ctx.text.get("staff.title", ctx.lang), ctx);
    ImGui::PushFont(ctx.fonts.body);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text));
    auto row = [&](const char* key, const std::string& value) {
        ImGui::PushFont(ctx.fonts.body_bold);
        ImGui::TextUnformatted(ctx.text.get(key, ctx.lang).c_str());
        ImGui::PopFont();
        ImGui::SameLine(width * 0.38f);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(value.c_str());
        ImGui::PopTextWrapPos();
    };
    char fps[32];
    std::snprintf(fps, sizeof fps, "%.0f", s.fps);
    ImGui::PushFont(ctx.fonts.body_bold);
    ImGui::TextUnformatted(ctx.text.get("staff.status", ctx.lang).c_str());
    ImGui::PopFont();
    ImGui::Separator();
    row("staff.version", s.app_version);
    row("staff.content_version", or_none(s.content_version));
    row("staff.content_published", or_none(s.content_published));
    row("staff.content_source", or_none(s.content_source));
    row("staff.live_updates", or_none(s.live_updates));
    row("staff.fps", fps);
    row("staff.last_error", or_none(s.last_error));
    if (!s.reload_result.empty()) row("staff.reload", s.reload_result);
    ImGui::PopStyleColor();
    if (!s.to_review.empty()) {
        // Facts on screen past their review date (mayors after the municipal elections...): staff must act.
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(palette::warning));
        ImGui::PushFont(ctx.fonts.body_bold);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(s.to_review.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        ImGui::PopStyleColor();
    }
    ImGui::PopFont();

    ImGui::Dummy(ImVec2(1, l.margin * 0.5f));
    ImGui::PushFont(ctx.fonts.body_bold);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float bw = (width - 2 * l.padding - gap) / 2;
    if (ImGui::Button(ctx.text.get("staff.reload", ctx.lang).c_str(), ImVec2(bw, button_h))) result = StaffMenuResult::Reload;
    ImGui::SameLine();
    const char* wkey = s.windowed ? "staff.fullscreen" : "staff.windowed";
    if (ImGui::Button(ctx.text.get(wkey, ctx.lang).c_str(), ImVec2(bw, button_h))) result = StaffMenuResult::ToggleWindowed;
    if (ImGui::Button(ctx.text.get("staff.exit", ctx.lang).c_str(), ImVec2(bw, button_h))) result = StaffMenuResult::Exit;
    ImGui::SameLine();
    if (ImGui::Button(ctx.text.get("staff.close", ctx.lang).c_str(), ImVec2(bw, button_h))) result = StaffMenuResult::Close;
    ImGui::PopFont();
    end_card();
    return result;
}

}  // namespace qmi::ui
