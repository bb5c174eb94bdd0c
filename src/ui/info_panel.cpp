#include "ui/info_panel.hpp"

#include "core/arrondissements.hpp"
#include "core/nearest_districts.hpp"

#include <algorithm>
#include <cmath>
#include <cfloat>

#include <imgui.h>

#include "core/facts.hpp"
#include "core/staleness.hpp"
#include "ui/panel_frame.hpp"

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


std::string to_confirm_text(bool stale, const Provenance& p, const UiText& text, Lang lang) {
    if (!stale) return "";
    return text.format("panel.to_confirm", lang, {{"date", format_partial_date(p.as_of, lang)}});
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

// The oldest and newest dates among `facts`.
struct DateSpan {
    std::optional<PartialDate> oldest, newest;
    void add(const Provenance& p) {
        if (!oldest || earlier(p.as_of, *oldest)) oldest = p.as_of;
        if (!newest || earlier(*newest, p.as_of)) newest = p.as_of;
    }
    std::string text(const UiText& t, Lang lang) const {
        return oldest ? as_of_text(*oldest, *newest, t, lang) : std::string();
    }
};

// The date the list of districts holds for: a commune is "not a QMI district" as of then.
std::optional<PartialDate> district_list_as_of(const Content& content) {
    std::optional<PartialDate> newest;
    for (const District& d : content.districts)
        if (!newest || earlier(*newest, d.provenance.as_of)) newest = d.provenance.as_of;
    return newest;
}

PanelText make_text(const PanelModel& m, const Content& content, const UiText& text, Lang lang, date::sys_seconds now,
                    const CallConcern& concern, const Arrondissement* arrondissement) {
    PanelText t;
    t.title = m.commune;
    t.close = text.get("panel.close", lang);
    t.sources = text.get("panel.sources", lang);
    const District* d = m.kind == PanelModel::Kind::District ? content.find_district(m.insee) : nullptr;
    DateSpan span;
    if (d) {
        span.add(d->provenance);
        t.promotion = promotion_label(content, m.promotion, lang, text);
        if (const Promotion* p = content.find_promotion(d->promotion); p && p->status) {
            t.promotion_status = promotion_status_text(*p->status, text, lang);
            t.promotion_to_confirm = to_confirm_text(is_stale(content, FactKind::Promotion, p->status->provenance, now),
                                                     p->status->provenance, text, lang);
            span.add(p->status->provenance);
        }
        PanelLine mayor = line(text, lang, "panel.mayor", m.mayor.value_or(""), "panel.unknown");
        if (d->mayor) {
            mayor.to_confirm = to_confirm_text(m.mayor_to_confirm, d->mayor->provenance, text, lang);
            span.add(d->mayor->provenance);
        }
        t.lines.push_back(std::move(mayor));
    }
    t.lines.push_back(line(text, lang, "panel.department", m.department, "panel.unknown"));
    if (m.kind != PanelModel::Kind::OutsideCommune)
        t.lines.push_back(line(text, lang, "panel.territory", m.territory, "panel.unknown"));
    if (arrondissement) {
        PanelLine a;
        a.label = text.get("panel.arrondissement", lang);
        a.value = arrondissement_text(*arrondissement, lang);
        t.lines.push_back(std::move(a));
    }
    if (d) {
        const std::string challenge = m.challenge ? m.challenge->in(lang) : std::string();
        PanelLine c = line(text, lang, "panel.challenge", challenge, "panel.challenge_unpublished");
        if (d->challenge) {
            c.to_confirm = to_confirm_text(is_stale(content, FactKind::Challenge, d->challenge->provenance, now),
                                           d->challenge->provenance, text, lang);
            span.add(d->challenge->provenance);
        }
        t.lines.push_back(std::move(c));
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
        if (const SourcedText* fact = d->site_name ? &*d->site_name : d->site_description ? &*d->site_description : nullptr) {
            s.to_confirm = to_confirm_text(is_stale(content, FactKind::Site, fact->provenance, now), fact->provenance,
                                           text, lang);
            span.add(fact->provenance);
        }
        t.lines.push_back(std::move(s));
        if (!d->experiments.empty()) {
            PanelLine e;
            e.label = text.get("panel.experiments", lang);
            bool stale = false;
            const Provenance* oldest = nullptr;
            for (const SourcedText& x : d->experiments) {
                e.items.push_back(x.in(lang));
                span.add(x.provenance);
                if (is_stale(content, FactKind::Experiment, x.provenance, now)) {
                    stale = true;
                    if (!oldest || earlier(x.provenance.as_of, oldest->as_of)) oldest = &x.provenance;
                }
            }
            if (stale) e.to_confirm = to_confirm_text(true, *oldest, text, lang);
            t.lines.push_back(std::move(e));
        }
        t.call.label = text.get("panel.call", lang);
        t.call.value = call_concern_text(concern, text, lang);
        t.call.missing = concern.kind == CallConcern::Kind::Never || concern.kind == CallConcern::Kind::Other ||
                         concern.kind == CallConcern::Kind::LastClosed;
        if (concern.window) span.add(concern.window->provenance);
        t.as_of = span.text(text, lang);
    } else {
        t.note = text.get(m.kind == PanelModel::Kind::MetropoleCommune ? "panel.not_qmi" : "panel.outside_metropole", lang);
        if (!m.nearby.empty()) t.nearby_title = text.get("panel.nearby", lang);
        if (const auto as_of = district_list_as_of(content)) t.as_of = as_of_text(*as_of, *as_of, text, lang);
    }
    return t;
}

}  // namespace

std::string promotion_label(const Content& content, int number, Lang lang, const UiText& text) {
    std::string label;
    const Promotion* p = content.find_promotion(number);
    if (p && !p->name.empty()) label = p->name.in(lang);
    else if (number == 1) label = text.get("panel.promotion_first", lang);
    else if (number == 2) label = text.get("panel.promotion_second", lang);
    else label = text.get("panel.promotion", lang) + " " + std::to_string(number);
    if (p && p->launched_year) label += " · " + std::to_string(*p->launched_year);
    return label;
}

std::string promotion_status_text(const PromotionStatus& s, const UiText& text, Lang lang) {
    if (s.state == PromotionStatus::State::Running) return text.get("panel.promotion_running", lang);
    if (s.date) return text.format("panel.promotion_ended", lang, {{"when", format_partial_date_when(*s.date, lang)}});
    return text.get("panel.promotion_ended_undated", lang);
}

std::string as_of_text(const PartialDate& oldest, const PartialDate& newest, const UiText& text, Lang lang) {
    const std::string from = format_partial_date(oldest, lang), to = format_partial_date(newest, lang);
    if (from == to) return text.format("panel.as_of", lang, {{"date", from}});
    return text.format("panel.as_of_range", lang, {{"from", from}, {"to", to}});
}

std::string arrondissement_text(const Arrondissement& a, Lang lang) {
    std::string s = ordinal(a.number, lang);
    if (!a.usage_name.empty()) s += " \xE2\x80\x94 " + a.usage_name;  // em dash
    return s;
}

std::optional<PanelModel> make_panel_model(std::string_view insee, const Content& content,
                                           const Membership& membership, const UiText& text, date::sys_seconds now,
                                           const MapModel* map, std::optional<size_t> arrondissement) {
    const std::string code = membership.current_code(insee);
    PanelModel m;
    m.insee = code;
    CallConcern concern;
    if (const District* d = content.find_district(code)) {
        m.kind = PanelModel::Kind::District;
        m.commune = d->commune;
        m.department = department_label(membership, d->department);
        m.territory = territory_label(membership, d->territory);
        m.promotion = d->promotion;
        m.promotion_color = promotion_color(d->promotion);
        if (d->mayor && !d->mayor->name.empty()) {
            m.mayor = d->mayor->name;
            m.mayor_to_confirm = is_stale(content, FactKind::Mayor, d->mayor->provenance, now);
        }
        // Empty strings in the config are no more informative than absent ones.
        if (d->challenge && !d->challenge->empty()) m.challenge = *d->challenge;
        if (d->site_name && !d->site_name->empty()) m.site_name = *d->site_name;
        if (d->site_description && !d->site_description->empty()) m.site_description = *d->site_description;
        if (m.commune.empty())
            if (const MemberCommune* c = membership.find_commune(code)) m.commune = c->name;
        concern = call_concerning(content, code, now);
        m.call = concern.kind;
    } else if (const MemberCommune* c = membership.find_commune(code)) {
        m.kind = PanelModel::Kind::MetropoleCommune;
        m.commune = c->name;
        m.department = department_label(membership, c->department);
        m.territory = territory_label(membership, c->territory);
        if (map)
            if (const std::optional<size_t> from = map->find(code)) {
                std::vector<size_t> districts;
                for (const District& d : content.districts)
                    if (const std::optional<size_t> i = map->find(d.insee)) districts.push_back(*i);
                for (const NearbyDistrict& n : nearest_districts(*map, *from, districts, 3)) {
                    const District* d = content.find_district(n.insee);
                    PanelModel::Nearby b;
                    b.insee = n.insee;
                    b.color = promotion_color(d ? d->promotion : 0);
                    char km[32];
                    std::snprintf(km, sizeof km, "%.0f km", std::max(1.0, n.distance_km));
                    for (Lang lang : {Lang::Fr, Lang::En})
                        (lang == Lang::Fr ? b.fr : b.en) =
                            n.name + " \xC2\xB7 " + (n.adjacent ? text.get("panel.nearby_adjacent", lang) : std::string(km));
                    m.nearby.push_back(std::move(b));
                }
            }
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
    // Only Paris has arrondissements; an index for any other commune (a stale tap) is ignored.
    const Arrondissement* arr = nullptr;
    if (map && arrondissement && *arrondissement < map->arrondissements.size() && code == "75056") {
        arr = &map->arrondissements[*arrondissement];
        m.arrondissement = arr->insee;
    }
    m.fr = make_text(m, content, text, Lang::Fr, now, concern, arr);
    m.en = make_text(m, content, text, Lang::En, now, concern, arr);
    const auto boundary = next_window_boundary(content.call_windows, now);
    const auto review = next_review_start(content, now);
    if (boundary && review) m.valid_until = std::min(*boundary, *review);
    else m.valid_until = boundary ? boundary : review;
    return m;
}

IntroModel make_intro_model(const Content& content, const UiText& text, date::sys_seconds now) {
    IntroModel model;
    for (Lang lang : {Lang::Fr, Lang::En}) {
        IntroText& t = lang == Lang::En ? model.en : model.fr;
        const Programme& p = content.programme;
        t.hint = text.get("map.touch_hint", lang);
        t.how = text.get("intro.how", lang);
        t.description = p.description.in(lang);
        t.sources = text.get("panel.sources", lang);
        if (!content.timeline.empty()) t.timeline = text.get("timeline.open", lang);
        DateSpan span;
        span.add(p.description.provenance);
        span.add(p.operators.provenance);
        for (const Promotion& promo : p.promotions) {
            IntroText::Promo out;
            out.color = promotion_color(promo.number);
            out.name = promotion_label(content, promo.number, lang, text);
            span.add(promo.provenance);
            if (promo.status) {
                out.status = promotion_status_text(*promo.status, text, lang);
                out.to_confirm = to_confirm_text(is_stale(content, FactKind::Promotion, promo.status->provenance, now),
                                                 promo.status->provenance, text, lang);
                span.add(promo.status->provenance);
            }
            for (const SourcedText& s : promo.summary) {
                out.summary.push_back(s.in(lang));
                span.add(s.provenance);
            }
            t.promotions.push_back(std::move(out));
        }
        t.as_of = span.text(text, lang);
    }
    return model;
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

namespace {

void field(const PanelLine& l, const WidgetContext& ctx) {
    if (l.label.empty()) return;
    ImGui::PushFont(ctx.fonts.small);
    panel::wrapped_colored(l.label, ctx.theme.text_muted);
    ImGui::PopFont();
    if (l.missing) {
        panel::wrapped_colored(l.value, ctx.theme.text_muted);
    } else if (!l.value.empty()) {
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::wrapped(l.value);
        ImGui::PopFont();
    }
    if (!l.detail.empty()) panel::wrapped(l.detail);
    for (const std::string& item : l.items) panel::wrapped(item);
    if (!l.to_confirm.empty()) {
        ImGui::PushFont(ctx.fonts.small);
        panel::wrapped_colored(l.to_confirm, palette::warning);
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(0, 4.0f * ctx.theme.scale));
}

}  // namespace

PanelResult draw_district_panel(const PanelModel& model, const WidgetContext& ctx, PanelOutput* out, bool closable) {
    const PanelText& t = model.in(ctx.lang);
    panel::begin(ctx);
    const bool close = panel::title_row(t.title, ctx.fonts.title, closable ? t.close : std::string(), ctx);
    if (model.kind == PanelModel::Kind::District) {
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::color_chip(model.promotion_color, ctx.theme.chip, ctx.theme);
        panel::wrapped(t.promotion);
        ImGui::PopFont();
        if (!t.promotion_status.empty()) panel::wrapped_colored(t.promotion_status, ctx.theme.text_muted);
        if (!t.promotion_to_confirm.empty()) {
            ImGui::PushFont(ctx.fonts.small);
            panel::wrapped_colored(t.promotion_to_confirm, palette::warning);
            ImGui::PopFont();
        }
    }
    ImGui::Separator();
    panel::begin_body(panel::footer_height(t.as_of, t.sources, ctx));
    // Whether a call concerns the town comes first: it is what changes, and what a local visitor asks.
    field(t.call, ctx);
    for (const PanelLine& l : t.lines) field(l, ctx);
    if (!t.note.empty()) panel::wrapped_colored(t.note, ctx.theme.text_muted);
    std::optional<std::string> chosen;
    if (!model.nearby.empty()) {
        ImGui::Spacing();
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::wrapped(t.nearby_title);
        const float w = ImGui::GetContentRegionAvail().x;
        const float chip = ImGui::GetTextLineHeight() * 0.6f;
        const float text_x = ctx.layout.padding * 0.5f + chip * 1.6f;
        const float text_w = w - text_x - ctx.layout.padding * 0.5f;
        for (const PanelModel::Nearby& n : model.nearby) {
            ImGui::PushID(n.insee.c_str());
            // A long name ("Saint-Maur-des-Fossés · 12 km") can be wider than a narrow panel in semibold: regular type first
            // (narrower), then two lines in a taller button, never a cut word.
            const char* label = n.in(ctx.lang).c_str();  // n outlives the frame: a reference, not a copy
            ImFont* font = ctx.fonts.body_bold;
            if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label).x > text_w) font = ctx.fonts.body;
            const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, text_w, label);
            const float h = std::max(ctx.layout.button, std::ceil(size.y + ctx.layout.padding));
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (ImGui::Button("##nearby", ImVec2(w, h))) chosen = n.insee;
            if (out) out->nearby.push_back({n.insee, Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}});
            // The promotion's colour chip, then the name and distance, on the button.
            const float cy = p.y + h * 0.5f;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(ImVec2(p.x + ctx.layout.padding * 0.5f, cy - chip / 2),
                              ImVec2(p.x + ctx.layout.padding * 0.5f + chip, cy + chip / 2), to_u32(n.color), chip * 0.2f);
            dl->AddText(font, font->FontSize, ImVec2(p.x + text_x, cy - size.y * 0.5f), to_u32(ctx.theme.text), label,
                        nullptr, text_w);
            ImGui::PopID();
        }
        ImGui::PopFont();
    }
    panel::end_body(ctx);
    const bool sources = panel::footer(t.as_of, t.sources, ctx);
    ImGui::End();
    if (close) return PanelResult::Close;
    if (chosen) {
        if (out) out->nearby_insee = *chosen;
        return PanelResult::ShowNearby;
    }
    return sources ? PanelResult::ShowSources : PanelResult::None;
}

PanelResult draw_intro_panel(const IntroModel& model, const WidgetContext& ctx, Rect* timeline_button) {
    const IntroText& t = model.in(ctx.lang);
    panel::begin(ctx);
    ImGui::PushFont(ctx.fonts.title);
    panel::wrapped(t.hint);
    ImGui::PopFont();
    ImGui::Separator();
    // The timeline beside the sources: both tell where the facts come from, one in time, one in documents.
    const std::vector<std::string> buttons = {t.timeline, t.sources};
    panel::begin_body(panel::footer_height(t.as_of, buttons, ctx));
    // Short and scannable first (what to do, the two promotions and where they stand); the programme's story after
    // them, for whoever keeps reading.
    if (!t.how.empty()) {
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::wrapped(t.how);
        ImGui::PopFont();
        ImGui::Spacing();
    }
    for (const IntroText::Promo& promo : t.promotions) {
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::color_chip(promo.color, ctx.theme.chip, ctx.theme);
        panel::wrapped(promo.name);
        ImGui::PopFont();
        if (!promo.status.empty()) panel::wrapped(promo.status);
        if (!promo.to_confirm.empty()) {
            ImGui::PushFont(ctx.fonts.small);
            panel::wrapped_colored(promo.to_confirm, palette::warning);
            ImGui::PopFont();
        }
        ImGui::Spacing();
    }
    if (!t.description.empty()) {
        panel::wrapped(t.description);
        ImGui::Spacing();
    }
    for (const IntroText::Promo& promo : t.promotions)
        for (const std::string& s : promo.summary) panel::wrapped_colored(s, ctx.theme.text_muted);
    panel::end_body(ctx);
    std::vector<Rect> rects;
    const int pressed = panel::footer(t.as_of, buttons, ctx, &rects);
    ImGui::End();
    if (timeline_button) *timeline_button = rects[0];
    if (pressed == 0) return PanelResult::ShowTimeline;
    return pressed == 1 ? PanelResult::ShowSources : PanelResult::None;
}

}  // namespace qmi::ui
