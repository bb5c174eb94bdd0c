#include "ui/presenter_cards.hpp"

#include <algorithm>

#include <imgui.h>

#include "core/call_state.hpp"
#include "core/paris_time.hpp"
#include "core/staleness.hpp"
#include "core/text.hpp"
#include "ui/panel_frame.hpp"

namespace qmi::ui {

namespace {

// "Source : Annonce « ... »" / "Sources : A ; B": the sources' own titles, as the Sources view names them.
std::string source_line(const Content& content, const Provenance& p, const UiText& text, Lang lang) {
    std::string titles;
    for (const std::string& id : p.sources)
        if (const Source* s = content.find_source(id)) titles += (titles.empty() ? "" : " ; ") + s->title.in(lang);
    if (titles.empty()) return "";
    return text.format(p.sources.size() > 1 ? "present.sources" : "present.source", lang, {{"sources", titles}});
}

std::string as_of_of(const std::vector<FactRef>& facts, const UiText& text, Lang lang) {
    std::optional<PartialDate> oldest, newest;
    for (const FactRef& f : facts) {
        const PartialDate& d = f.provenance->as_of;
        if (!oldest || earlier(d, *oldest)) oldest = d;
        if (!newest || earlier(*newest, d)) newest = d;
    }
    return oldest ? as_of_text(*oldest, *newest, text, lang) : std::string();
}

std::vector<std::string> districts_of(const Content& content, int promotion) {
    std::vector<std::string> codes;
    for (const District& d : content.districts)
        if (d.promotion == promotion) codes.push_back(d.insee);
    return codes;
}

PresenterStepText::Promo promo_text(const Content& content, const Promotion& p, const UiText& text, Lang lang,
                                    date::sys_seconds now, bool with_summary) {
    PresenterStepText::Promo out;
    out.color = promotion_color(p.number);
    out.name = promotion_label(content, p.number, lang, text);
    if (p.status) {
        out.status = promotion_status_text(*p.status, text, lang);
        if (is_stale(content, FactKind::Promotion, p.status->provenance, now))
            out.to_confirm = text.format("panel.to_confirm", lang,
                                         {{"date", format_partial_date(p.status->provenance.as_of, lang)}});
    }
    out.districts = commune_list(content, districts_of(content, p.number), text, lang);
    if (with_summary)
        for (const SourcedText& s : p.summary) out.summary.push_back(s.in(lang));
    return out;
}

PresenterStepText step_text(const PresenterStepModel& m, const Content& content, const Membership& membership,
                            const UiText& text, Lang lang, date::sys_seconds now) {
    PresenterStepText t;
    t.progress = text.format("present.progress", lang,
                             {{"n", std::to_string(m.index + 1)}, {"total", std::to_string(m.total)}});
    t.sources = text.get("panel.sources", lang);
    const Programme& programme = content.programme;
    switch (m.step.kind) {
        case TourStep::Kind::Programme:
            t.title = !programme.name.empty() ? programme.name.in(lang) : text.get("app.title", lang);
            t.subtitle = programme.operators.in(lang);
            t.lead = first_sentence(programme.description.in(lang));
            for (const Promotion& p : programme.promotions)
                t.promotions.push_back(promo_text(content, p, text, lang, now, false));
            break;
        case TourStep::Kind::Promotion:
            if (const Promotion* p = content.find_promotion(m.step.promotion)) {
                t.promotions.push_back(promo_text(content, *p, text, lang, now, true));
                t.title = t.promotions.back().name;
            } else {
                t.title = promotion_label(content, m.step.promotion, lang, text);
            }
            t.subtitle = text.format("present.promotion_districts", lang, {{"count", std::to_string(m.communes.size())}});
            break;
        case TourStep::Kind::District: {
            // The kiosk's own card says everything; the title strip names the commune, its promotion and department.
            const std::optional<PanelModel> card = make_panel_model(m.step.insee, content, membership, text, now);
            t.title = card ? card->commune : m.step.insee;
            if (card) {
                t.subtitle = card->in(lang).promotion;
                if (!card->department.empty()) t.subtitle += (t.subtitle.empty() ? "" : " \u00b7 ") + card->department;
            }
            break;
        }
        case TourStep::Kind::Calls: {
            t.title = text.get("present.calls_title", lang);
            const date::year_month_day today{date::floor<date::days>(to_paris_local(now))};
            t.subtitle = text.format("present.calls_subtitle", lang, {{"date", format_date(today, lang)}});
            for (const CallWindow& w : content.call_windows) {
                PresenterStepText::Window out;
                const WindowStatus status = window_status(w, now);
                out.badge = text.get(window_status_badge_key(status), lang);
                out.badge_color = window_status_color(status);
                out.name = w.name.in(lang);
                out.dates = format_partial_date(w.opens_date(), lang) + " \u2013 " + format_partial_date(w.closes_date(), lang);
                out.communes = text.format("present.communes", lang, {{"communes", commune_list(content, w.districts, text, lang)}});
                out.source = source_line(content, w.provenance, text, lang);
                t.windows.push_back(std::move(out));
            }
            break;
        }
        case TourStep::Kind::Timeline:
            t.title = text.get("timeline.title", lang);
            t.subtitle = text.get("timeline.subtitle", lang);
            break;
    }
    t.as_of = as_of_of(m.facts, text, lang);
    return t;
}

}  // namespace

PresenterStepModel make_presenter_step(const Content& content, const Membership& membership, const UiText& text,
                                       const TourStep& step, size_t index, size_t total, date::sys_seconds now) {
    PresenterStepModel m;
    m.step = step;
    m.index = index;
    m.total = total;
    switch (step.kind) {
        case TourStep::Kind::Programme: m.facts = facts_of_programme(content); break;
        case TourStep::Kind::Promotion:
            m.communes = districts_of(content, step.promotion);
            m.facts = facts_of_promotion(content, step.promotion);
            break;
        case TourStep::Kind::District:
            m.communes = {membership.current_code(step.insee)};
            if (const District* d = content.find_district(m.communes.front())) m.facts = facts_of_district(content, *d);
            break;
        case TourStep::Kind::Calls:
            for (const CallWindow& w : content.call_windows)
                for (const std::string& code : w.districts)
                    if (std::find(m.communes.begin(), m.communes.end(), code) == m.communes.end())
                        m.communes.push_back(code);
            m.facts = facts_of_calls(content);
            break;
        case TourStep::Kind::Timeline: m.facts = facts_of_timeline(content); break;
    }
    m.fr = step_text(m, content, membership, text, Lang::Fr, now);
    m.en = step_text(m, content, membership, text, Lang::En, now);
    const auto boundary = next_window_boundary(content.call_windows, now);
    const auto review = next_review_start(content, now);
    if (boundary && review) m.valid_until = std::min(*boundary, *review);
    else m.valid_until = boundary ? boundary : review;
    return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

namespace {

// A coloured pill with the state in white (as the banner's badge), on the current line.
void badge(const std::string& label, Rgba8 color, const WidgetContext& ctx) {
    ImGui::PushFont(ctx.fonts.body_bold);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float pad_x = 0.5f * ctx.fonts.sizes.body, pad_y = 0.12f * ctx.fonts.sizes.body;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 q(p.x + size.x + 2 * pad_x, p.y + size.y + 2 * pad_y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, q, to_u32(color), (q.y - p.y) * 0.5f);
    dl->AddText(ImVec2(p.x + pad_x, p.y + pad_y), to_u32(palette::on_accent), label.c_str());
    ImGui::Dummy(ImVec2(q.x - p.x, q.y - p.y));
    ImGui::PopFont();
}

void promotion_block(const PresenterStepText::Promo& promo, const WidgetContext& ctx, bool big) {
    ImGui::PushFont(big ? ctx.fonts.title : ctx.fonts.body_bold);
    panel::color_chip(promo.color, big ? 1.4f * ctx.theme.chip : ctx.theme.chip, ctx.theme);
    panel::wrapped(promo.name);
    ImGui::PopFont();
    if (!promo.status.empty()) panel::wrapped_colored(promo.status, ctx.theme.text_muted);
    if (!promo.to_confirm.empty()) {
        ImGui::PushFont(ctx.fonts.small);
        panel::wrapped_colored(promo.to_confirm, palette::warning);
        ImGui::PopFont();
    }
    if (!promo.districts.empty()) {
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::wrapped(promo.districts);
        ImGui::PopFont();
    }
    for (const std::string& s : promo.summary) {
        ImGui::Dummy(ImVec2(0, 4.0f * ctx.theme.scale));
        panel::wrapped(s);
    }
    ImGui::Dummy(ImVec2(0, 8.0f * ctx.theme.scale));
}

}  // namespace

PanelResult draw_presenter_card(const PresenterStepModel& model, const WidgetContext& ctx) {
    const PresenterStepText& t = model.in(ctx.lang);
    panel::begin(ctx);
    panel::begin_body(panel::footer_height(t.as_of, t.sources, ctx));
    switch (model.step.kind) {
        case TourStep::Kind::Programme:
            // The programme in one sentence, large: what the audience should remember.
            ImGui::PushFont(ctx.fonts.title);
            panel::wrapped(t.lead);
            ImGui::PopFont();
            ImGui::Dummy(ImVec2(0, 12.0f * ctx.theme.scale));
            for (const auto& p : t.promotions) promotion_block(p, ctx, true);
            break;
        case TourStep::Kind::Promotion:
            for (const auto& p : t.promotions) promotion_block(p, ctx, true);
            break;
        case TourStep::Kind::Calls:
            for (const auto& w : t.windows) {
                badge(w.badge, w.badge_color, ctx);
                ImGui::PushFont(ctx.fonts.title);
                panel::wrapped(w.name);
                ImGui::PopFont();
                ImGui::PushFont(ctx.fonts.body_bold);
                panel::wrapped(w.dates);
                ImGui::PopFont();
                panel::wrapped(w.communes);
                if (!w.source.empty()) {
                    ImGui::PushFont(ctx.fonts.small);
                    panel::wrapped_colored(w.source, ctx.theme.text_muted);
                    ImGui::PopFont();
                }
                ImGui::Dummy(ImVec2(0, 12.0f * ctx.theme.scale));
            }
            break;
        case TourStep::Kind::District:
        case TourStep::Kind::Timeline: break;  // drawn by their own widgets
    }
    panel::end_body(ctx);
    const bool sources = panel::footer(t.as_of, t.sources, ctx);
    ImGui::End();
    return sources ? PanelResult::ShowSources : PanelResult::None;
}

}  // namespace qmi::ui
