#include "ui/staff_menu.hpp"

#include <algorithm>
#include <cstdio>

#include <cfloat>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

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
    // Over every other window (header, banner, panel), not only the map: the whole kiosk is dimmed and inert.
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
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
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
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

void draw_corner_hold_ring(ImVec2 finger, float fraction, const WidgetContext& ctx) {
    const Layout& l = ctx.layout;
    // 12 mm from the finger's centre: a fingertip (~10 mm wide) never covers the ring.
    const float r = 12.0f * l.px_per_mm;
    const float thickness = std::max(3.0f, 2.0f * l.px_per_mm);
    // The corner is at the screen's edge: a ring centred on the finger would be mostly off screen, so it sits
    // beside the finger, towards the middle of the screen, whole.
    finger.x = std::min(std::max(finger.x, r + thickness), l.display.x - r - thickness);
    finger.y = std::min(std::max(finger.y, r + thickness), l.display.y - r - thickness);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddCircle(finger, r, to_u32(with_alpha(ctx.theme.text_muted, 110)), 48, thickness);
    const float a0 = -IM_PI / 2, a1 = a0 + 2 * IM_PI * std::clamp(fraction, 0.0f, 1.0f);
    dl->PathArcTo(finger, r, a0, a1, 48);
    dl->PathStroke(to_u32(ctx.theme.accent), 0, thickness * 1.6f);
}

PinPadResult draw_pin_pad(size_t digit_count, const PinPadView& view, const WidgetContext& ctx) {
    const Layout& l = ctx.layout;
    // Keys: 1.4x the minimum touch target, never under it.
    const float key = std::max(l.touch_min * 1.4f, 90.0f * l.scale);
    const float gap = std::max(l.margin * 0.5f, 8.0f);
    const float width = 3 * key + 2 * gap + 2 * l.padding;
    // Two lines for the message ("Code PIN incorrect, 2 essai(s) restant(s)" wraps at the pad's width).
    const float height = 2 * l.padding + ctx.fonts.sizes.title + ctx.fonts.sizes.banner +
                         2 * ctx.fonts.sizes.body * 1.2f + 5 * key + 8 * gap;
    begin_card("##qmi_pin_pad", ImVec2(width, height), ctx);
    PinPadResult result;

    heading(ctx.text.get("staff.pin", ctx.lang), ctx);
    ImGui::PushFont(ctx.fonts.banner);
    std::string dots;
    for (size_t i = 0; i < digit_count; ++i) dots += "\xE2\x97\x8F ";  // U+25CF: not in every font, see below
    if (!ctx.fonts.banner || !ctx.fonts.banner->FindGlyphNoFallback(0x25CF)) dots = std::string(digit_count, '*');
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
        if (ImGui::Button(labels[i], ImVec2(key, key)))
            result = is_digit ? PinPadResult{PinPadResult::Digit, labels[i][0]} : PinPadResult{PinPadResult::Erase};
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();

    ImGui::PushFont(ctx.fonts.body_bold);
    const float half = (3 * key + gap) / 2;
    if (ImGui::Button(ctx.text.get("staff.cancel", ctx.lang).c_str(), ImVec2(half, key))) result = {PinPadResult::Cancel};
    ImGui::SameLine(0, gap);
    ImGui::BeginDisabled(view.locked || digit_count == 0);
    if (ImGui::Button(ctx.text.get("staff.ok", ctx.lang).c_str(), ImVec2(half, key))) result = {PinPadResult::Submit};
    ImGui::EndDisabled();
    ImGui::PopFont();
    end_card();
    return result;
}

StaffMenuResult draw_staff_menu(const StaffStatus& s, const WidgetContext& ctx, StaffMenuPlaces* places) {
    const Layout& l = ctx.layout;
    const float button_h = l.touch_min;  // >= 18 mm: staff use fingers too
    const float width = 900.0f * l.scale;
    // The district buttons: as many columns as the longest name allows, so that no name is cut.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float longest = 0;
    for (const std::string& d : s.districts) {
        ImFont* f = ctx.fonts.body_bold ? ctx.fonts.body_bold : ImGui::GetFont();
        longest = std::max(longest, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, d.c_str()).x);
    }
    const float inner = width - 2 * l.padding;
    const float cell = longest + 2 * ImGui::GetStyle().FramePadding.x;
    const size_t columns = std::clamp<size_t>(static_cast<size_t>((inner + gap) / (cell + gap)), 1, 5);
    const float district_rows = static_cast<float>((s.districts.size() + columns - 1) / columns);
    const float height = 2 * l.padding + ctx.fonts.sizes.title * 2 +
                         (s.to_review.empty() ? 13 : 15) * (ctx.fonts.sizes.body * 1.4f) +
                         (5 + district_rows) * button_h + 8 * l.margin;
    begin_card("##qmi_staff_menu", ImVec2(width, height), ctx);
    StaffMenuResult result;
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
    if (s.content_old) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(palette::warning));
    row("staff.content_published", or_none(s.content_published));
    if (s.content_old) ImGui::PopStyleColor();
    row("staff.kiosk_time", or_none(s.kiosk_time));
    row("staff.touch", or_none(s.touch));
    row("staff.content_source", or_none(s.content_source));
    row("staff.live_updates", or_none(s.live_updates));
    row("staff.fps", fps);
    row("staff.last_error", or_none(s.last_error));
    if (!s.usage_today.empty()) row("staff.usage_today", s.usage_today);
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
    const float bw = (width - 2 * l.padding - gap) / 2;
    auto button = [&](const char* key, StaffMenuResult::Kind kind) {
        if (ImGui::Button(ctx.text.get(key, ctx.lang).c_str(), ImVec2(bw, button_h))) result = {kind};
    };
    // What staff come for at an event first: walk the audience through the programme, or show its timeline.
    button("staff.present", StaffMenuResult::StartTour);
    if (places) places->present = Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    ImGui::SameLine();
    button("staff.timeline", StaffMenuResult::ShowTimeline);
    if (places) places->timeline = Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    button("staff.reload", StaffMenuResult::Reload);
    ImGui::SameLine();
    button(s.windowed ? "staff.fullscreen" : "staff.windowed", StaffMenuResult::ToggleWindowed);
    button("staff.start_attract", StaffMenuResult::StartAttract);
    ImGui::SameLine();
    button("staff.exit", StaffMenuResult::Exit);
    button("staff.close", StaffMenuResult::Close);
    if (!s.districts.empty()) {
        // Jump to a district: the menu closes and its card opens (a presenter answering a question).
        ImGui::Dummy(ImVec2(1, l.margin * 0.25f));
        ImGui::TextUnformatted(ctx.text.get("staff.show_district", ctx.lang).c_str());
        const float dw = (inner - (columns - 1) * gap) / columns;
        for (size_t i = 0; i < s.districts.size(); ++i) {
            if (i % columns) ImGui::SameLine();
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Button(s.districts[i].c_str(), ImVec2(dw, button_h))) result = {StaffMenuResult::ShowDistrict, static_cast<int>(i)};
            ImGui::PopID();
        }
    }
    ImGui::PopFont();
    end_card();
    return result;
}

}  // namespace qmi::ui
