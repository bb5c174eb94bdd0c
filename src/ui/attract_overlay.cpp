#include "ui/attract_overlay.hpp"

#include <algorithm>
#include <cfloat>
#include <vector>

#include <imgui.h>

#include "ui/text_audit.hpp"

namespace qmi::ui {

AttractCard make_attract_card(const District& d, const Content& content, const UiText& text, Lang lang) {
    AttractCard c;
    c.district = d.commune;
    if (d.site_name && !d.site_name->in(lang).empty()) c.site = d.site_name->in(lang);
    if (const Promotion* p = content.find_promotion(d.promotion)) {
        c.promotion = p->name.in(lang);
        if (p->launched_year) c.promotion += " \xC2\xB7 " + std::to_string(*p->launched_year);
    }
    c.promotion_color = promotion_color(d.promotion);
    if (d.challenge && !d.challenge->in(lang).empty()) c.challenge = d.challenge->in(lang);
    c.hint = text.format("attract.call_to_action", lang, {{"commune", d.commune}});
    return c;
}

namespace {

const std::string kEllipsis = "\xE2\x80\xA6";  // U+2026, in the French glyph ranges

// The longest start of `s` that fits `max_width` with "…" after it, and the "…".
std::string cut_with_ellipsis(ImFont* font, float size, const std::string& s, float max_width) {
    const float budget = max_width - font->CalcTextSizeA(size, 1e9f, 0, kEllipsis.c_str()).x;
    // Binary search on code point boundaries (UTF-8 continuation bytes are 10xxxxxx).
    std::vector<size_t> cuts;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) cuts.push_back(i);
    size_t lo = 0, hi = cuts.size();  // number of code points kept
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        const size_t end = mid < cuts.size() ? cuts[mid] : s.size();
        if (font->CalcTextSizeA(size, 1e9f, 0, s.c_str(), s.c_str() + end).x <= budget)
            lo = mid;
        else
            hi = mid - 1;
    }
    std::string out = s.substr(0, lo < cuts.size() ? cuts[lo] : s.size());
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + kEllipsis;
}

}  // namespace

std::string fit_one_line(ImFont* font, float size, const std::string& s, float max_width) {
    if (!font || font->CalcTextSizeA(size, 1e9f, 0, s.c_str()).x <= max_width) return s;
    std::string out = cut_with_ellipsis(font, size, s, max_width);
    note_ellipsised(s, out);  // the proof sheet reports it: the end of this text is not on screen
    return out;
}

std::vector<std::string> fit_lines(ImFont* font, float size, const std::string& s, float max_width, int max_lines) {
    std::vector<std::string> lines;
    if (!font || s.empty() || max_lines < 1) return lines;
    const float scale = size / font->FontSize;
    const char* p = s.c_str();
    const char* const end = p + s.size();
    while (p < end) {
        if (static_cast<int>(lines.size()) == max_lines - 1) {
            // The last line takes the rest, cut if it is longer.
            std::string rest(p, end);
            std::replace(rest.begin(), rest.end(), '\n', ' ');
            if (font->CalcTextSizeA(size, 1e9f, 0, rest.c_str()).x > max_width) {
                rest = cut_with_ellipsis(font, size, rest, max_width);
                std::string shown;
                for (const std::string& l : lines) shown += l + " ";
                note_ellipsised(s, shown + rest);  // the proof sheet reports it
            }
            lines.push_back(std::move(rest));
            break;
        }
        const char* cut = font->CalcWordWrapPositionA(scale, p, end, max_width);
        if (cut == p) {  // not even one character fits: take one, never loop
            ++cut;
            while (cut < end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) ++cut;
        }
        std::string line(p, cut);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) line.pop_back();
        lines.push_back(std::move(line));
        p = cut;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    return lines;
}

Rect draw_attract_overlay(const AttractCard& card, const WidgetContext& ctx, const Rect* keep_visible) {
    const Layout& l = ctx.layout;
    const Rect& map = l.map_area;
    const float pad = l.padding;
    const float width = std::min(map.width() - 2 * l.margin, std::max(map.width() * 0.8f, 260.0f * l.px_per_mm));
    const float inner = width - 2 * pad;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    // Heights of the wrapped blocks, so that the card is exactly as tall as what it says.
    auto block = [&](ImFont* font, const std::string& s) {
        if (s.empty()) return 0.0f;
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, inner, s.c_str()).y + spacing;
    };
    const float height = 2 * pad + block(ctx.fonts.banner, card.hint) + block(ctx.fonts.title, card.site) +
                         block(ctx.fonts.body_bold, card.promotion) + block(ctx.fonts.body, card.challenge);
    Rect r;
    r.min = ImVec2(map.min.x + (map.width() - width) / 2, map.max.y - l.margin - std::min(height, map.height() - 2 * l.margin));
    r.max = ImVec2(r.min.x + width, map.max.y - l.margin);
    const bool hides = keep_visible && keep_visible->max.x > r.min.x && keep_visible->min.x < r.max.x &&
                       keep_visible->max.y > r.min.y && keep_visible->min.y < r.max.y;
    if (hides) {  // the district the card talks about must stay in view: move the card to the top
        const float h = r.height();
        r.min.y = map.min.y + l.margin;
        r.max.y = r.min.y + h;
    }
    next_window_on(r);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(ctx.theme.panel_bg));
    ImGui::PushStyleColor(ImGuiCol_Border, to_vec4(ctx.theme.accent));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f * l.scale);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ctx.theme.rounding);
    // Not focusable, no inputs: the Kiosk decides what a touch on it does (opens the district it presents).
    ImGui::Begin("##qmi_attract", nullptr,
                 kOverlayWindowFlags | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    // The call to action first and largest: it is what a passer-by must read from two metres.
    ImGui::PushFont(ctx.fonts.banner);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.accent));
    ImGui::TextUnformatted(card.hint.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text));
    if (!card.site.empty()) {  // the commune is in the call to action already: its site, when known, as a title
        ImGui::PushFont(ctx.fonts.title);
        ImGui::TextUnformatted(card.site.c_str());
        ImGui::PopFont();
    }
    if (!card.promotion.empty()) {
        ImGui::PushFont(ctx.fonts.body_bold);
        const float chip = ImGui::GetTextLineHeight() * 0.7f;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float cy = p.y + ImGui::GetTextLineHeight() * 0.5f;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, cy - chip / 2), ImVec2(p.x + chip, cy + chip / 2),
                                                  to_u32(card.promotion_color), chip * 0.2f);
        ImGui::SetCursorScreenPos(ImVec2(p.x + chip * 1.5f, p.y));
        ImGui::TextUnformatted(card.promotion.c_str());
        ImGui::PopFont();
    }
    if (!card.challenge.empty()) {
        ImGui::PushFont(ctx.fonts.body);
        ImGui::TextUnformatted(card.challenge.c_str());
        ImGui::PopFont();
    }
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::End();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
    return r;
}

void draw_toast(const std::string& text, ImVec2 at, float alpha, const WidgetContext& ctx) {
    const Layout& l = ctx.layout;
    const Rect& map = l.map_area;
    ImGui::PushFont(ctx.fonts.body_bold);
    const float wrap = std::min(map.width() - 2 * l.margin, 700.0f * l.scale);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap - 2 * l.padding);
    const ImVec2 box(size.x + 2 * l.padding, size.y + l.padding);
    // Above the finger (which hides what is under it), kept inside the map area.
    Rect r;
    r.min.x = std::clamp(at.x - box.x / 2, map.min.x + l.margin, map.max.x - l.margin - box.x);
    r.min.y = std::clamp(at.y - box.y - 14.0f * l.px_per_mm, map.min.y + l.margin, map.max.y - l.margin - box.y);
    r.max = ImVec2(r.min.x + box.x, r.min.y + box.y);
    next_window_on(r);
    ImGui::SetNextWindowBgAlpha(0.92f * alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(l.padding, l.padding * 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, box.y / 2);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(ctx.theme.text));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.panel_bg));
    ImGui::Begin("##qmi_toast", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoInputs);
    ImGui::PushTextWrapPos(wrap - l.padding);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(3);
    ImGui::PopFont();
}

}  // namespace qmi::ui
