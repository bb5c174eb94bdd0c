#include "ui/legend.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <imgui.h>

namespace qmi::ui {

namespace {

LegendText make_text(const Content& content, const Membership& membership, const UiText& text, Lang lang,
                     ArrondissementSource arrondissements) {
    LegendText t;
    for (const Promotion& p : content.programme.promotions) {
        LegendEntry e;
        e.swatch = LegendEntry::Swatch::Fill;
        e.color = promotion_color(p.number);
        if (p.number == 1) e.label = text.get("legend.promotion_first", lang);
        else if (p.number == 2) e.label = text.get("legend.promotion_second", lang);
        else e.label = p.name.in(lang);
        t.entries.push_back(std::move(e));
    }
    t.entries.push_back({LegendEntry::Swatch::Fill, palette::other_commune, 0, text.get("legend.metropole", lang)});
    t.entries.push_back({LegendEntry::Swatch::Fill, palette::outside_commune, 0, text.get("legend.outside", lang)});
    t.entries.push_back({LegendEntry::Swatch::SolidLine, palette::territory_border, palette::territory_border_width,
                         text.get("legend.territory_border", lang)});
    t.entries.push_back({LegendEntry::Swatch::DashedLine, palette::department_border,
                         palette::department_border_width, text.get("legend.department_border", lang)});

    t.contours = text.get("attribution.contours", lang);
    const std::string source = membership.dataset();
    if (!source.empty()) t.membership = text.format("attribution.membership", lang, {{"source", source}});
    t.arrondissements = arrondissements_attribution(arrondissements, text, lang);
    const std::string maps = t.arrondissements.empty() ? t.contours : t.contours + "  ·  " + t.arrondissements;
    t.one_line = t.membership.empty() ? maps : maps + "  ·  " + t.membership;
    return t;
}

// Swatch of `e` in the box [p, p + (w, h)].
void draw_swatch(ImDrawList* dl, const LegendEntry& e, ImVec2 p, float w, float h, const Theme& theme) {
    const float s = theme.scale;
    switch (e.swatch) {
        case LegendEntry::Swatch::Fill:
            dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), to_u32(e.color), 4.0f * s);
            // An outline in the control border colour so the pale fills (other / outside communes, 1.1:1 on white)
            // still read as swatches on a white card (3:1 for graphics that carry meaning).
            dl->AddRect(p, ImVec2(p.x + w, p.y + h), to_u32(theme.control_border), 4.0f * s, 0, theme.border);
            break;
        case LegendEntry::Swatch::SolidLine: {
            const float y = std::round(p.y + h * 0.5f);
            dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + w, y), to_u32(e.color), e.line_width * s);
            break;
        }
        case LegendEntry::Swatch::Ring: {
            // As on the map: a district's fill, its white casing, the ring in the state's colour.
            const ImVec2 q(p.x + w, p.y + h);
            dl->AddRectFilled(p, q, to_u32(palette::promotion_2), 4.0f * s);
            const float inset = palette::call_casing_width * 0.5f * s;
            dl->AddRect(ImVec2(p.x + inset * 0.5f, p.y + inset * 0.5f), ImVec2(q.x - inset * 0.5f, q.y - inset * 0.5f),
                        to_u32(palette::selection_casing), 4.0f * s, 0, palette::call_casing_width * 0.5f * s);
            dl->AddRect(ImVec2(p.x + inset * 0.5f, p.y + inset * 0.5f), ImVec2(q.x - inset * 0.5f, q.y - inset * 0.5f),
                        to_u32(e.color), 4.0f * s, 0, e.line_width * 0.5f * s);
            break;
        }
        case LegendEntry::Swatch::DashedLine: {
            const float y = std::round(p.y + h * 0.5f);
            const float dash = palette::department_dash_length * s;
            for (float x = p.x; x < p.x + w; x += 2 * dash)
                dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, p.x + w), y), to_u32(e.color), e.line_width * s);
            break;
        }
    }
}

}  // namespace

LegendModel make_legend_model(const Content& content, const Membership& membership, const UiText& text,
                              ArrondissementSource arrondissements) {
    LegendModel m;
    m.fr = make_text(content, membership, text, Lang::Fr, arrondissements);
    m.en = make_text(content, membership, text, Lang::En, arrondissements);
    return m;
}

std::string arrondissements_attribution(ArrondissementSource source, const UiText& text, Lang lang) {
    switch (source) {
        case ArrondissementSource::None: return {};
        case ArrondissementSource::IgnAdminExpress: return text.get("attribution.arrondissements_ign", lang);
        case ArrondissementSource::VilleDeParis: return text.get("attribution.arrondissements_ville_de_paris", lang);
    }
    return {};
}

void draw_legend(const LegendModel& model, const WidgetContext& ctx) {
    const LegendText& t = model.in(ctx.lang);
    const Rect& r = ctx.layout.legend;
    const float s = ctx.theme.scale;
    const bool strip = ctx.layout.orientation == Orientation::Portrait;
    next_window_on(r);
    // Landscape: a card in the right column. Portrait: a flat full-width strip on top of the bottom sheet (the
    // layout puts it flush against the map area), in the banner's colour so it reads as part of the frame.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(strip ? ctx.theme.banner_bg : ctx.theme.legend_bg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        strip ? ImVec2(ctx.layout.padding, ctx.layout.padding * 0.75f)
                              : ImVec2(ctx.layout.padding, ctx.layout.padding));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, strip ? 0.0f : ctx.theme.rounding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, strip ? 0.0f : ctx.theme.border);
    ImGui::Begin("##qmi_legend", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
    if (strip)
        ImGui::GetWindowDrawList()->AddLine(ImVec2(r.min.x, r.min.y + ctx.theme.border * 0.5f),
                                            ImVec2(r.max.x, r.min.y + ctx.theme.border * 0.5f),
                                            to_u32(ctx.theme.card_border), ctx.theme.border);

    const int columns = ctx.layout.orientation == Orientation::Portrait ? 2 : 1;
    const int rows = (static_cast<int>(t.entries.size()) + columns - 1) / columns;
    const float inner_w = ImGui::GetContentRegionAvail().x;
    const float col_w = (inner_w - (columns - 1) * ctx.layout.margin) / columns;
    const float swatch_w = 40.0f * s, swatch_h = ctx.theme.chip;
    const float text_w = col_w - swatch_w - 12.0f * s;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    // Each entry as tall as its wrapped label. When the body size does not fit the card (a 19" screen, where a
    // 7 mm capital leaves ~20 characters a line), the key drops to fine print rather than overlap itself.
    ImFont* font = ctx.fonts.body;
    std::vector<float> heights(t.entries.size());
    for (ImFont* f : {ctx.fonts.body, ctx.fonts.small}) {
        font = f;
        ImGui::PushFont(f);
        float tallest_column = 0;
        for (int col = 0; col < columns; ++col) {
            float h = 0;
            for (size_t i = static_cast<size_t>(col * rows); i < t.entries.size() && i < static_cast<size_t>((col + 1) * rows); ++i) {
                const std::string& l = t.entries[i].label;
                heights[i] = std::max(ImGui::CalcTextSize(l.c_str(), l.c_str() + l.size(), false, text_w).y, swatch_h);
                h += heights[i];
            }
            tallest_column = std::max(tallest_column, h);
        }
        ImGui::PopFont();
        if (tallest_column <= avail_h) break;
    }
    ImGui::PushFont(font);
    const ImVec2 origin = ImGui::GetCursorPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int col = 0; col < columns; ++col) {
        const size_t first = static_cast<size_t>(col * rows);
        const size_t last = std::min(t.entries.size(), static_cast<size_t>((col + 1) * rows));
        float used = 0;
        for (size_t i = first; i < last; ++i) used += heights[i];
        // The spare height shared evenly between the entries of the column.
        const float spare = last > first ? std::max(0.0f, avail_h - used) / static_cast<float>(last - first) : 0;
        float y = origin.y;
        for (size_t i = first; i < last; ++i) {  // fill column by column: promotions stay together
            const LegendEntry& e = t.entries[i];
            const float row_h = heights[i] + spare;
            const ImVec2 cell(origin.x + col * (col_w + ctx.layout.margin), y);
            const ImVec2 screen(r.min.x + cell.x, r.min.y + cell.y);
            draw_swatch(dl, e, ImVec2(screen.x, screen.y + (row_h - swatch_h) * 0.5f), swatch_w, swatch_h, ctx.theme);
            const float text_x = cell.x + swatch_w + 12.0f * s;
            ImGui::SetCursorPos(ImVec2(text_x, cell.y + (row_h - heights[i]) * 0.5f));
            ImGui::PushTextWrapPos(cell.x + col_w);
            ImGui::TextUnformatted(e.label.c_str(), e.label.c_str() + e.label.size());
            ImGui::PopTextWrapPos();
            y += row_h;
        }
    }
    ImGui::PopFont();
    ImGui::End();
}

void draw_attribution(const LegendModel& model, const WidgetContext& ctx) {
    const LegendText& t = model.in(ctx.lang);
    const Rect& r = ctx.layout.attribution;
    next_window_on(r);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(ctx.theme.banner_bg));
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(ctx.theme.text_muted));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    // Vertical padding and line spacing as layout.cpp's attribution_height reserves them.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.layout.padding, 4.0f * ctx.theme.scale));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ctx.layout.margin, 2.0f * ctx.theme.scale));
    ImGui::Begin("##qmi_attribution", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(ctx.fonts.small);
    // One line where it fits the width, else wrapped onto the lines layout.cpp reserves (attribution_height).
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t.one_line.c_str(), t.one_line.c_str() + t.one_line.size());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleVar(4);
    ImGui::PopStyleColor(2);
}

}  // namespace qmi::ui
