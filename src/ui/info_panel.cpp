#include "ui/info_panel.hpp"

#include <algorithm>

#include <imgui.h>

namespace qmi::ui {

namespace {

std::string department_label(const Membership& membership, const std::string& code) {
    if (code.empty()) return {};
    if (const Department* d = membership.find_department(code)) return d->name + " (" + code + ")";
    return code;  // the name is unknown: the code alone, never a guess
}

std::string territory_label(const Membership& membership, const std::string& code) {
    if (const Territory* t = membership.find_territory(code)) return t->name;
    return {};
}

std::string promotion_text(const Content& content, int number, Lang lang, const UiText& text) {
    std::string label;
    const Promotion* p = content.find_promotion(number);
    if (p && !p->name.empty()) label = p->name.in(lang);
    else if (number == 1) label = text.get("panel.promotion_first", lang);
    else if (number == 2) label = text.get("panel.promotion_second", lang);
    else label = text.get("panel.promotion", lang) + " " + std::to_string(number);
    if (p && p->launched_year) label += " · " + std::to_string(*p->launched_year);
    return label;
}

PanelLine line(const UiText& text, Lang lang, const char* label_key, const std::string& value,
               const char* missing_key) {
    PanelLine l;
    l.label = text.get(label_key, lang);
    if (!value.empty()) {
        l.value = value;
    } else {
        l.value = text.get(missing_key, lang);
        l.missing = true;
    }
    return l;
}

PanelText make_text(const PanelModel& m, const Content& content, const UiText& text, Lang lang) {
    PanelText t;
    t.title = m.commune;
    t.close = text.get("panel.close", lang);
    if (m.kind == PanelModel::Kind::District) {
        t.promotion = promotion_text(content, m.promotion, lang, text);
        t.lines.push_back(line(text, lang, "panel.mayor", m.mayor.value_or(""), "panel.unknown"));
    }
    t.lines.push_back(line(text, lang, "panel.department", m.department, "panel.unknown"));
    if (m.kind != PanelModel::Kind::OutsideCommune)
        t.lines.push_back(line(text, lang, "panel.territory", m.territory, "panel.unknown"));
    if (m.kind == PanelModel::Kind::District) {
        const std::string challenge = m.challenge ? m.challenge->in(lang) : std::string();
        t.lines.push_back(line(text, lang, "panel.challenge", challenge, "panel.challenge_unpublished"));
        // The site: its name (bold) over its description. A description without a name still tells the visitor
        // what the district is about, so it stands alone under the heading; only when both are absent does the
        // panel say that the site is not published yet.
        const std::string site = m.site_name ? m.site_name->in(lang) : std::string();
        const std::string about = m.site_description ? m.site_description->in(lang) : std::string();
        PanelLine s;
        if (!site.empty() || about.empty()) {
            s = line(text, lang, "panel.innovation_district", site, "panel.site_unpublished");
        } else {
            s.label = text.get("panel.innovation_district", lang);
        }
        s.detail = about;
        t.lines.push_back(std::move(s));
        const std::string& as_of = content.programme.as_of_label.in(lang);
        if (!as_of.empty()) t.as_of = text.format("panel.as_of", lang, {{"date", as_of}});
    } else if (m.kind == PanelModel::Kind::MetropoleCommune) {
        t.note = text.get("panel.not_qmi", lang);
    } else {
        t.note = text.get("panel.outside_metropole", lang);
    }
    return t;
}

}  // namespace

std::optional<PanelModel> make_panel_model(std::string_view insee, const Content& content,
                                           const Membership& membership, const UiText& text, const MapModel* map) {
    const std::string code = membership.current_code(insee);
    PanelModel m;
    m.insee = code;
    if (const District* d = content.find_district(code)) {
        m.kind = PanelModel::Kind::District;
        m.commune = d->commune;
        m.department = department_label(membership, d->department);
        m.territory = territory_label(membership, d->territory);
        m.promotion = d->promotion;
        m.promotion_color = promotion_color(d->promotion);
        m.mayor = d->mayor;
        m.challenge = d->challenge;
        m.site_name = d->site_name;
        m.site_description = d->site_description;
        // Empty strings in the config are no more informative than absent ones.
        if (m.mayor && m.mayor->empty()) m.mayor.reset();
        if (m.challenge && m.challenge->empty()) m.challenge.reset();
        if (m.site_name && m.site_name->empty()) m.site_name.reset();
        if (m.site_description && m.site_description->empty()) m.site_description.reset();
        if (m.commune.empty())
            if (const MemberCommune* c = membership.find_commune(code)) m.commune = c->name;
    } else if (const MemberCommune* c = membership.find_commune(code)) {
        m.kind = PanelModel::Kind::MetropoleCommune;
        m.commune = c->name;
        m.department = department_label(membership, c->department);
        m.territory = territory_label(membership, c->territory);
    } else if (map) {
        const std::optional<size_t> i = map->find(code);
        if (!i) return std::nullopt;
        const CommuneShape& shape = map->communes[*i];
        m.kind = PanelModel::Kind::OutsideCommune;
        m.commune = shape.name;
        m.department = department_label(membership, shape.department);
    } else {
        return std::nullopt;
    }
    m.fr = make_text(m, content, text, Lang::Fr);
    m.en = make_text(m, content, text, Lang::En);
    return m;
}

IntroModel make_intro_model(const Content& content, const UiText& text) {
    IntroModel model;
    for (Lang lang : {Lang::Fr, Lang::En}) {
        IntroText& t = lang == Lang::En ? model.en : model.fr;
        const Programme& p = content.programme;
        t.hint = text.get("map.touch_hint", lang);
        t.description = p.description.in(lang);
        for (const Promotion& promo : p.promotions) {
            IntroText::Promo out;
            out.color = promotion_color(promo.number);
            out.name = promotion_text(content, promo.number, lang, text);
            out.summary = promo.summary.in(lang);
            t.promotions.push_back(std::move(out));
        }
        if (!p.as_of_label.empty()) t.as_of = text.format("panel.as_of", lang, {{"date", p.as_of_label.in(lang)}});
    }
    return model;
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

namespace {

// Lets a finger scroll the current (child) window by dragging its content, as on a phone: ImGui only scrolls with
// a wheel or the scrollbar.
void drag_to_scroll() {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseDragging(0, 4.0f) &&
        io.MouseDelta.y != 0.0f)
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void wrapped(const std::string& s) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size());
    ImGui::PopTextWrapPos();
}

void wrapped_colored(const std::string& s, Rgba8 color) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
    wrapped(s);
    ImGui::PopStyleColor();
}

// A rounded colour square on the current line, vertically centred on a line of the current font.
void color_chip(Rgba8 color, float side, const Theme& theme) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float y = p.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + side, y + side), to_u32(color), side * 0.25f);
    dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + side, y + side), to_u32(with_alpha(theme.text, 80)), side * 0.25f);
    ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
}

// Title (wrapped, bold) with the big close button to its right. Returns true when the button is released.
bool title_row(const std::string& title, const std::string& close_label, const WidgetContext& ctx) {
    const Layout& L = ctx.layout;
    ImGui::PushFont(ctx.fonts.body_bold);
    const float label_w = ImGui::CalcTextSize(close_label.c_str()).x;
    ImGui::PopFont();
    const float button_w = std::max(L.touch_min, label_w + 2 * ImGui::GetStyle().FramePadding.x);
    const float button_h = L.touch_min;
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorPos();

    // Title in the space left of the button.
    ImGui::PushFont(ctx.fonts.title);
    ImGui::PushTextWrapPos(start.x + std::max(avail - button_w - L.padding, avail * 0.4f));
    ImGui::TextUnformatted(title.c_str(), title.c_str() + title.size());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const float after_title_y = ImGui::GetCursorPosY();

    ImGui::SetCursorPos(ImVec2(start.x + avail - button_w, start.y));
    ImGui::PushFont(ctx.fonts.body_bold);
    const bool pressed = ImGui::Button(close_label.c_str(), ImVec2(button_w, button_h));
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(after_title_y, start.y + button_h + ImGui::GetStyle().ItemSpacing.y));
    return pressed;
}

void field(const PanelLine& l, const WidgetContext& ctx) {
    ImGui::PushFont(ctx.fonts.small);
    wrapped_colored(l.label, ctx.theme.text_muted);
    ImGui::PopFont();
    if (l.missing) {
        wrapped_colored(l.value, ctx.theme.text_muted);
    } else if (!l.value.empty()) {
        ImGui::PushFont(ctx.fonts.body_bold);
        wrapped(l.value);
        ImGui::PopFont();
    }
    if (!l.detail.empty()) wrapped(l.detail);
    ImGui::Dummy(ImVec2(0, 4.0f * ctx.theme.scale));
}

// The panel's fixed window, with a scrollable body below the title row (long descriptions in portrait).
// In portrait the panel is a full-width sheet between the legend strip and the attribution: square corners and no
// side borders, so the three read as one block under the map.
void begin_panel(const WidgetContext& ctx) {
    const bool sheet = ctx.layout.orientation == Orientation::Portrait;
    next_window_on(ctx.layout.panel);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.layout.padding, ctx.layout.padding));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, sheet ? 0.0f : ctx.theme.rounding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, sheet ? 0.0f : ctx.theme.border);
    ImGui::Begin("##qmi_panel", nullptr, kOverlayWindowFlags);
    ImGui::PopStyleVar(3);
    if (sheet) {
        const Rect& r = ctx.layout.panel;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(r.min.x, r.min.y + ctx.theme.border * 0.5f),
                                            ImVec2(r.max.x, r.min.y + ctx.theme.border * 0.5f),
                                            to_u32(ctx.theme.card_border), ctx.theme.border);
    }
}

// Height the "information as of" footer needs under the body: spacing, a separator, the wrapped line.
float footer_height(const std::string& as_of, const WidgetContext& ctx) {
    if (as_of.empty()) return 0;
    ImGui::PushFont(ctx.fonts.small);
    const float h = ImGui::CalcTextSize(as_of.c_str(), as_of.c_str() + as_of.size(), false,
                                        ImGui::GetContentRegionAvail().x)
                        .y;
    ImGui::PopFont();
    return h + 2 * ImGui::GetStyle().ItemSpacing.y + 1.0f;
}

// The scrolling body takes the panel's height minus the fixed footer, so the footer never scrolls out of sight.
void begin_body(float footer_h) {
    ImGui::BeginChild("##qmi_panel_body", ImVec2(0, -footer_h), false, ImGuiWindowFlags_NoSavedSettings);
}

void end_body(const WidgetContext& ctx) {
    drag_to_scroll();
    // More text below the fold: the body's last lines fade into the card, so the visitor sees there is more to
    // read (the scrollbar alone is easy to miss on a touchscreen).
    if (ImGui::GetScrollY() + 1.0f < ImGui::GetScrollMaxY()) {
        const ImVec2 p = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        const float fade = 36.0f * ctx.theme.scale;
        const float right = p.x + size.x - ImGui::GetStyle().ScrollbarSize;
        const ImU32 clear = to_u32(with_alpha(ctx.theme.panel_bg, 0)), solid = to_u32(ctx.theme.panel_bg);
        ImGui::GetWindowDrawList()->AddRectFilledMultiColor(ImVec2(p.x, p.y + size.y - fade),
                                                            ImVec2(right, p.y + size.y), clear, clear, solid, solid);
    }
    ImGui::EndChild();
}

// The fixed footer: "Informations à jour en février 2024", always visible at the bottom of the card.
void footer(const std::string& as_of, const WidgetContext& ctx) {
    if (as_of.empty()) return;
    ImGui::Separator();
    ImGui::PushFont(ctx.fonts.small);
    wrapped_colored(as_of, ctx.theme.text_muted);
    ImGui::PopFont();
}

}  // namespace

PanelResult draw_district_panel(const PanelModel& model, const WidgetContext& ctx) {
    const PanelText& t = model.in(ctx.lang);
    begin_panel(ctx);
    const bool close = title_row(t.title, t.close, ctx);
    if (model.kind == PanelModel::Kind::District) {
        ImGui::PushFont(ctx.fonts.body_bold);
        color_chip(model.promotion_color, ctx.theme.chip, ctx.theme);
        wrapped(t.promotion);
        ImGui::PopFont();
    }
    ImGui::Separator();
    begin_body(footer_height(t.as_of, ctx));
    for (const PanelLine& l : t.lines) field(l, ctx);
    if (!t.note.empty()) wrapped_colored(t.note, ctx.theme.text_muted);
    end_body(ctx);
    footer(t.as_of, ctx);
    ImGui::End();
    return close ? PanelResult::Close : PanelResult::None;
}

void draw_intro_panel(const IntroModel& model, const WidgetContext& ctx) {
    const IntroText& t = model.in(ctx.lang);
    begin_panel(ctx);
    ImGui::PushFont(ctx.fonts.title);
    wrapped(t.hint);
    ImGui::PopFont();
    ImGui::Separator();
    begin_body(footer_height(t.as_of, ctx));
    if (!t.description.empty()) {
        wrapped(t.description);
        ImGui::Spacing();
    }
    for (const IntroText::Promo& promo : t.promotions) {
        ImGui::PushFont(ctx.fonts.body_bold);
        color_chip(promo.color, ctx.theme.chip, ctx.theme);
        wrapped(promo.name);
        ImGui::PopFont();
        if (!promo.summary.empty()) wrapped_colored(promo.summary, ctx.theme.text_muted);
        ImGui::Spacing();
    }
    end_body(ctx);
    footer(t.as_of, ctx);
    ImGui::End();
}

}  // namespace qmi::ui
