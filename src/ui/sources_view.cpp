#include "ui/sources_view.hpp"

#include "ui/legend.hpp"

#include <algorithm>

#include <imgui.h>

#include "core/call_state.hpp"
#include "core/facts.hpp"
#include "ui/panel_frame.hpp"

namespace qmi::ui {

namespace {

SourcesText make_text(const Content& content, const Membership& membership, const UiText& text, Lang lang,
                      const std::vector<SourceUse>& uses, const std::string& qr_source,
                      ArrondissementSource arrondissements) {
    SourcesText t;
    t.title = text.get("sources.title", lang);
    t.back = text.get("sources.close", lang);
    bool qr_listed = false;
    for (const SourceUse& u : uses) {
        const Source& s = *u.source;
        SourceEntry e;
        e.id = s.id;
        e.title = s.title.in(lang);
        std::string meta = s.publisher.value_or("");
        if (s.published) {
            if (!meta.empty()) meta += " · ";
            meta += text.format("sources.published", lang, {{"date", format_partial_date(*s.published, lang)}});
        }
        e.publisher = meta;
        e.location = s.url ? *s.url : s.document ? s.document->in(lang) : std::string();
        std::string facts;
        for (FactKind k : u.kinds) {
            if (!facts.empty()) facts += ", ";
            facts += text.get(std::string("fact.") + fact_kind_key(k), lang);
        }
        if (s.id == qr_source) {
            facts += (facts.empty() ? "" : ", ") + text.get("sources.qr", lang);
            qr_listed = true;
        }
        e.used_for = text.format("sources.used_for", lang, {{"facts", facts}});
        e.as_of = text.format("sources.as_of", lang, {{"date", format_partial_date(u.newest_as_of, lang)}});
        t.entries.push_back(std::move(e));
    }
    // The page the QR code opens is a source even when no fact on the card comes from it.
    if (!qr_listed && !qr_source.empty())
        if (const Source* s = content.find_source(qr_source)) {
            SourceEntry e;
            e.id = s->id;
            e.title = s->title.in(lang);
            e.publisher = s->publisher.value_or("");
            e.location = s->url.value_or("");
            e.used_for = text.format("sources.used_for", lang, {{"facts", text.get("sources.qr", lang)}});
            t.entries.push_back(std::move(e));
        }
    // Department, territory and the map itself.
    const std::string membership_source = membership.dataset();
    if (!membership_source.empty())
        t.entries.push_back({"", text.format("attribution.membership", lang, {{"source", membership_source}}), "", "",
                             "", ""});
    t.entries.push_back({"", text.get("attribution.contours", lang), "", "", "", ""});
    if (const std::string a = arrondissements_attribution(arrondissements, text, lang); !a.empty())
        t.entries.push_back({"", a, "", "", "", ""});
    return t;
}

}  // namespace

SourcesModel make_sources_model(const Content& content, const Membership& membership, const UiText& text,
                                std::string_view insee, date::sys_seconds now, ArrondissementSource arrondissements) {
    SourcesModel m;
    std::vector<FactRef> facts;
    if (const District* d = insee.empty() ? nullptr : content.find_district(membership.current_code(insee))) {
        m.insee = d->insee;
        facts = facts_of_district(content, *d);
    } else if (insee.empty()) {
        facts = facts_of_programme(content);
    } else {
        m.insee = membership.current_code(insee);
    }
    // The banner is always on screen: the window it talks about is sourced here too.
    const BannerState state = banner_state(content.call_windows, now);
    if (const CallWindow* w = state.window ? state.window : state.previous) {
        const auto more = facts_of_window(content, *w);
        facts.insert(facts.end(), more.begin(), more.end());
    }
    const std::vector<SourceUse> uses = sources_used(content, facts);
    const QrCard qr = qr_card(content, state);
    m.fr = make_text(content, membership, text, Lang::Fr, uses, qr.source_id, arrondissements);
    m.en = make_text(content, membership, text, Lang::En, uses, qr.source_id, arrondissements);
    return m;
}

SourcesModel make_sources_model(const Content& content, const Membership& membership, const UiText& text,
                                const std::vector<FactRef>& facts) {
    SourcesModel m;
    const std::vector<SourceUse> uses = sources_used(content, facts);
    m.fr = make_text(content, membership, text, Lang::Fr, uses, "", ArrondissementSource::None);
    m.en = make_text(content, membership, text, Lang::En, uses, "", ArrondissementSource::None);
    return m;
}

SourcesResult draw_sources_view(const SourcesModel& model, const WidgetContext& ctx) {
    const SourcesText& t = model.in(ctx.lang);
    panel::begin(ctx);
    const bool back = panel::title_row(t.title, ctx.fonts.body_bold, t.back, ctx);
    ImGui::Separator();
    panel::begin_body(0);
    for (const SourceEntry& e : t.entries) {
        ImGui::PushFont(ctx.fonts.body_bold);
        panel::wrapped(e.title);
        ImGui::PopFont();
        ImGui::PushFont(ctx.fonts.small);
        if (!e.publisher.empty()) panel::wrapped_colored(e.publisher, ctx.theme.text_muted);
        if (!e.location.empty()) panel::wrapped_colored(e.location, ctx.theme.accent);
        if (!e.used_for.empty()) panel::wrapped_colored(e.used_for, ctx.theme.text_muted);
        if (!e.as_of.empty()) panel::wrapped_colored(e.as_of, ctx.theme.text_muted);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, 6.0f * ctx.theme.scale));
    }
    panel::end_body(ctx);
    ImGui::End();
    return back ? SourcesResult::Close : SourcesResult::None;
}

}  // namespace qmi::ui
