#include "core/call_state.hpp"

#include <algorithm>

#include "core/paris_time.hpp"

namespace qmi {

namespace {

date::sys_seconds opens_at(const CallWindow& w) { return from_paris_local(w.opens); }
date::sys_seconds ends_at(const CallWindow& w) { return from_paris_local(w.closes) + std::chrono::seconds{1}; }
date::sys_seconds last_day_at(const CallWindow& w) {
    return std::max(opens_at(w), from_paris_local(date::local_seconds(date::floor<date::days>(w.closes))));
}
bool usable(const CallWindow& w) { return ends_at(w) > opens_at(w); }
bool concerns(const CallWindow& w, std::string_view insee) {
    return std::find(w.districts.begin(), w.districts.end(), insee) != w.districts.end();
}

}  // namespace

const char* phase_key(BannerState::Phase phase) {
    switch (phase) {
        case BannerState::None: return "none";
        case BannerState::Before: return "before";
        case BannerState::Open: return "open";
        case BannerState::LastDay: return "last_day";
        case BannerState::Between: return "between";
        case BannerState::After: return "after";
    }
    return "?";
}

std::vector<std::string> districts_in_call(const Content&, const BannerState& state) {
    if (!state.window) return {};
    return state.window->districts;
}

std::string commune_list(const Content& content, const std::vector<std::string>& insee_codes, const UiText& text,
                         Lang lang) {
    std::vector<std::string> names;
    for (const std::string& code : insee_codes) {
        const District* d = content.find_district(code);
        names.push_back(d && !d->commune.empty() ? d->commune : code);
    }
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? text.get("list.and", lang) : ", ";
        out += names[i];
    }
    return out;
}

QrCard qr_card(const Content& content, const BannerState& state) {
    QrCard card;
    const CallWindow* w = state.window;
    if (w && w->url && w->apply_page && state.phase != BannerState::None && state.phase != BannerState::After) {
        const bool open = state.phase == BannerState::Open || state.phase == BannerState::LastDay;
        // A month-precision window is only "planned": nobody knows whether applications are open yet.
        const bool apply = open && w->precision == DatePrecision::Day;
        card.kind = apply ? QrCard::Kind::Apply : QrCard::Kind::CallPage;
        card.url = *w->url;
        card.source_id = *w->apply_page;
        card.caption_key = apply ? "qr.scan_to_apply" : "qr.scan_call_page";
        return card;
    }
    if (content.programme.page && content.programme.page_url) {
        card.kind = QrCard::Kind::Programme;
        card.url = *content.programme.page_url;
        card.source_id = *content.programme.page;
        card.caption_key = "qr.scan_programme_page";
    }
    return card;
}

CallConcern call_concerning(const Content& content, std::string_view insee, date::sys_seconds now) {
    CallConcern out;
    const CallWindow* open_other = nullptr;
    const CallWindow* announced_other = nullptr;
    const CallWindow* next_ours = nullptr;
    const CallWindow* last_ours = nullptr;
    for (const CallWindow& w : content.call_windows) {
        if (!usable(w)) continue;
        const bool ours = concerns(w, insee);
        const bool open = opens_at(w) <= now && now < ends_at(w);
        const bool ahead = opens_at(w) > now;
        if (open && ours) {
            const bool last = w.precision == DatePrecision::Day && now >= last_day_at(w);
            return {last ? CallConcern::Kind::LastDay : CallConcern::Kind::Open, &w};
        }
        if (open && !ours && !open_other) open_other = &w;
        if (ahead && !ours && !announced_other) announced_other = &w;
        if (ahead && ours && (!next_ours || opens_at(w) < opens_at(*next_ours))) next_ours = &w;
        if (!open && !ahead && ours && (!last_ours || ends_at(w) > ends_at(*last_ours))) last_ours = &w;
    }
    if (next_ours) return {CallConcern::Kind::Announced, next_ours, open_other};
    if (open_other) return {CallConcern::Kind::Other, open_other};
    if (announced_other) return {CallConcern::Kind::Other, announced_other};
    if (last_ours) return {CallConcern::Kind::LastClosed, last_ours};
    return out;
}

std::string call_concern_text(const CallConcern& c, const UiText& text, Lang lang) {
    const CallWindow* w = c.window;
    switch (c.kind) {
        case CallConcern::Kind::Open:
            if (w->precision == DatePrecision::Month)
                return text.format("panel.call_planned", lang, {{"when", format_partial_date_when(w->opens_date(), lang)}});
            return text.format("panel.call_open", lang, {{"date", format_partial_date(w->closes_date(), lang)}});
        case CallConcern::Kind::LastDay: return text.format("panel.call_last_day", lang, {{"time", format_time(w->closes)}});
        case CallConcern::Kind::Announced: {
            const char* key = w->precision == DatePrecision::Month ? "panel.call_planned" : "panel.call_announced";
            const std::string own = text.format(key, lang, {{"when", format_partial_date_when(w->opens_date(), lang)}});
            if (!c.open_other) return own;
            return text.format("panel.call_other_then", lang, {{"then", own}});
        }
        case CallConcern::Kind::Other: return text.get("panel.call_other", lang);
        case CallConcern::Kind::LastClosed:
            return text.format("panel.call_last_closed", lang,
                               {{"closed", format_partial_date_when(w->closes_date(), lang)}, {"window", w->name.in(lang)}});
        case CallConcern::Kind::Never: break;
    }
    return text.get("panel.call_never", lang);
}

std::optional<date::sys_seconds> next_window_boundary(const std::vector<CallWindow>& windows, date::sys_seconds now) {
    std::optional<date::sys_seconds> next;
    auto consider = [&](date::sys_seconds t) {
        if (t > now && (!next || t < *next)) next = t;
    };
    for (const CallWindow& w : windows) {
        if (!usable(w)) continue;
        consider(opens_at(w));
        consider(ends_at(w));
        if (w.precision == DatePrecision::Day) consider(last_day_at(w));
    }
    return next;
}

std::string call_summary(const Content& content, const UiText& text, Lang lang, date::sys_seconds now) {
    const BannerState state = banner_state(content.call_windows, now);
    std::string out = banner_text(state, lang, text) + "\n";
    out += std::string("state: ") + phase_key(state.phase) + "\n";
    if (const CallWindow* w = state.window ? state.window : state.previous) {
        out += "window: " + w->name.in(lang) + " (" + w->id + ")\n";
        out += "communes: " + commune_list(content, w->districts, text, lang) + "\n";
    }
    const std::vector<std::string> highlighted = districts_in_call(content, state);
    out += "highlighted:";
    for (const std::string& code : highlighted) out += " " + code;
    out += "\n";
    const QrCard qr = qr_card(content, state);
    if (qr.kind == QrCard::Kind::None) out += "qr: none\n";
    else out += "qr: " + text.get(qr.caption_key, lang) + " -> " + qr.url + "\n";
    return out;
}

WindowStatus window_status(const CallWindow& w, date::sys_seconds now) {
    if (now >= ends_at(w)) return WindowStatus::Closed;
    if (w.precision != DatePrecision::Day) return WindowStatus::Planned;
    if (now < opens_at(w)) return WindowStatus::Upcoming;
    return now >= last_day_at(w) ? WindowStatus::LastDay : WindowStatus::Open;
}

const char* window_status_badge_key(WindowStatus status) {
    switch (status) {
        case WindowStatus::Upcoming: return "badge.upcoming";
        case WindowStatus::Planned: return "badge.planned";
        case WindowStatus::Open: return "badge.open";
        case WindowStatus::LastDay: return "badge.last_day";
        case WindowStatus::Closed: return "badge.closed";
    }
    return "badge.closed";
}

}  // namespace qmi
