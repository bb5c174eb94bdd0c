#include "ui/district_list.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/text_audit.hpp"
#include "ui/touch_button.hpp"

namespace qmi::ui {

namespace {

LocalizedText heading(const Content& content, int number, const UiText& text) {
    LocalizedText h;
    for (Lang lang : {Lang::Fr, Lang::En}) {
        std::string s;
        const Promotion* p = content.find_promotion(number);
        if (p && !p->name.empty()) s = p->name.in(lang);
        else if (number == 1) s = text.get("panel.promotion_first", lang);
        else if (number == 2) s = text.get("panel.promotion_second", lang);
        else s = text.get("panel.promotion", lang) + " " + std::to_string(number);
        if (p && p->launched_year) s += " \xC2\xB7 " + std::to_string(*p->launched_year);
        (lang == Lang::Fr ? h.fr : h.en) = s;
    }
    return h;
}

int rows_for(size_t n, int columns) { return static_cast<int>((n + columns - 1) / static_cast<size_t>(columns)); }

}  // namespace

size_t DistrictListModel::size() const {
    size_t n = 0;
    for (const DistrictGroup& g : groups) n += g.districts.size();
    return n;
}

DistrictListModel make_district_list_model(const Content& content, const UiText& text) {
    DistrictListModel m;
    std::vector<int> order;
    for (const Promotion& p : content.programme.promotions) order.push_back(p.number);
    for (const District& d : content.districts)
        if (std::find(order.begin(), order.end(), d.promotion) == order.end()) order.push_back(d.promotion);
    for (int number : order) {
        DistrictGroup g;
        g.promotion = number;
        g.color = promotion_color(number);
        g.heading = heading(content, number, text);
        for (const District& d : content.districts)
            if (d.promotion == number) g.districts.push_back({d.insee, d.commune});
        if (!g.districts.empty()) m.groups.push_back(std::move(g));
    }
    return m;
}

DistrictListGeometry district_list_geometry(const DistrictListModel& model, const Layout& L, float scroll_y) {
    DistrictListGeometry geo;
    const Rect& r = L.district_list;
    const int columns = std::max(1, L.district_columns);
    const float col_w = (r.width() - (columns - 1) * L.gap) / columns;
    float y = r.min.y - scroll_y;
    for (size_t gi = 0; gi < model.groups.size(); ++gi) {
        const DistrictGroup& g = model.groups[gi];
        if (gi > 0) y += L.gap;
        geo.headings.push_back(Rect{{r.min.x, y}, {r.max.x, y + L.fonts.body}});
        y += L.fonts.body + L.gap;
        for (size_t i = 0; i < g.districts.size(); ++i) {
            const int col = static_cast<int>(i % static_cast<size_t>(columns));
            const int row = static_cast<int>(i / static_cast<size_t>(columns));
            const float x0 = r.min.x + col * (col_w + L.gap);
            const float y0 = y + row * (L.button + L.gap);
            geo.buttons.emplace_back(g.districts[i].insee, Rect{{x0, y0}, {x0 + col_w, y0 + L.button}});
        }
        y += rows_for(g.districts.size(), columns) * (L.button + L.gap);
    }
    geo.content_height = geo.buttons.empty() ? 0 : geo.buttons.back().second.max.y + scroll_y - r.min.y;
    return geo;
}

DistrictListResult draw_district_list(const DistrictListModel& model, const WidgetContext& ctx,
                                      std::string_view selected_insee) {
    DistrictListResult result;
    const Layout& L = ctx.layout;
    const Rect& r = L.district_list;
    next_window_on(r);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
    // Scrolls (drag) only when the screen is too short for the list; never a scrollbar to aim at.
    ImGui::Begin("##qmi_district_list", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);

    const DistrictListGeometry geo = district_list_geometry(model, L, ImGui::GetScrollY());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float chip = std::round(0.6f * L.fonts.body);
    size_t k = 0;
    for (size_t gi = 0; gi < model.groups.size(); ++gi) {
        const DistrictGroup& g = model.groups[gi];
        // Heading: the promotion's colour chip and name, in the list's text colour.
        const Rect& h = geo.headings[gi];
        const float cy = (h.min.y + h.max.y) / 2;
        dl->AddRectFilled(ImVec2(h.min.x, cy - chip / 2), ImVec2(h.min.x + chip, cy + chip / 2), to_u32(g.color),
                          chip * 0.25f);
        const Rect head{{h.min.x + chip + L.gap, h.min.y}, h.max};
        button_text(g.heading.in(ctx.lang), ctx.fonts.body_bold, head, to_u32(ctx.theme.text), false);
        for (size_t i = 0; i < g.districts.size(); ++i, ++k) {
            const DistrictListEntry& d = g.districts[i];
            const Rect& br = geo.buttons[k].second;
            ImGui::PushID(d.insee.c_str());
            const bool chosen = !selected_insee.empty() && d.insee == selected_insee;
            const TouchButton b = touch_button("##district", br, ctx, chosen);
            // Promotion chip at the left of each button too: the colour on the map, next to the name.
            const float bcy = (br.min.y + br.max.y) / 2;
            const float bchip = std::round(0.45f * L.fonts.body);
            dl->AddRectFilled(ImVec2(b.inner.min.x, bcy - bchip / 2), ImVec2(b.inner.min.x + bchip, bcy + bchip / 2),
                              to_u32(g.color), bchip * 0.25f);
            if (chosen)
                dl->AddRect(ImVec2(b.inner.min.x, bcy - bchip / 2), ImVec2(b.inner.min.x + bchip, bcy + bchip / 2),
                            to_u32(ctx.theme.on_accent), bchip * 0.25f, 0, std::max(1.0f, ctx.theme.scale));
            Rect label = b.inner;
            label.min.x += bchip + L.gap;
            button_text(d.name, ctx.fonts.body_bold, label, b.ink, false);
            if (b.released) result.chosen = d.insee;
            ImGui::PopID();
        }
    }
    // Content height for ImGui's scrolling, and finger-drag scrolling when it overflows.
    ImGui::SetCursorScreenPos(ImVec2(r.min.x, r.min.y - ImGui::GetScrollY() + geo.content_height));
    ImGui::Dummy(ImVec2(1, 1));
    const ImGuiIO& io = ImGui::GetIO();
    note_finger_scroll();  // a list longer than its place is reached by scrolling (proof sheet: not a cut)
    if (ImGui::GetScrollMaxY() > 0 && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(0, L.gap) && io.MouseDelta.y != 0.0f)
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    // A finger that travelled more than a gap while down was scrolling, not choosing.
    if (result.chosen && io.MouseDragMaxDistanceSqr[0] > L.gap * L.gap) result.chosen.reset();
    ImGui::End();
    return result;
}

}  // namespace qmi::ui
