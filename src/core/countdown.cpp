#include "core/countdown.hpp"

#include <algorithm>

#include "core/paris_time.hpp"
#include "core/partial_date.hpp"

namespace qmi {

namespace {

using std::chrono::seconds;
constexpr seconds kMinute{60};
constexpr seconds kHour{3600};
constexpr seconds kDay{86400};
constexpr seconds kDaysOnlyFrom = 60 * kDay;  // from here on the countdown shows whole days only
constexpr seconds kMaxDelay = kHour;

date::sys_seconds opens_at(const CallWindow& w) { return from_paris_local(w.opens); }
// `closes` is the last open second (23:59:59): the window ends one second later.
date::sys_seconds ends_at(const CallWindow& w) { return from_paris_local(w.closes) + seconds{1}; }
bool usable(const CallWindow& w) { return ends_at(w) > opens_at(w); }

date::year_month month_of(date::local_seconds t) {
    const date::year_month_day ymd{date::floor<date::days>(t)};
    return ymd.year() / ymd.month();
}

// End of the opening month of a month-precision window: where "expected this month" becomes "planned period".
date::sys_seconds opening_month_end(const CallWindow& w) {
    const date::year_month next = month_of(w.opens) + date::months{1};
    return std::min(from_paris_local(date::local_days{next / 1}), ends_at(w));
}

std::string pad2(long long v) { return v < 10 ? "0" + std::to_string(v) : std::to_string(v); }

// The unit in which format_duration shows `r`: the text changes each time r crosses a multiple of it.
seconds display_step(seconds r) {
    if (r < kHour) return seconds{1};
    if (r < kDaysOnlyFrom) return kMinute;
    return kDay;
}

// Midnight (Paris) starting the closing day of a day-precision window: from then on it is its last day.
date::sys_seconds last_day_starts(const CallWindow& w) {
    return std::max(opens_at(w), from_paris_local(date::local_seconds(date::floor<date::days>(w.closes))));
}

}  // namespace

BannerState banner_state(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now) {
    BannerState state;
    for (const CallWindow& w : windows_sorted) {
        if (!usable(w)) continue;
        const date::sys_seconds opens = opens_at(w), ends = ends_at(w);
        if (opens <= now && now < ends) {
            const bool last_day = w.precision == DatePrecision::Day && now >= last_day_starts(w);
            state.phase = last_day ? BannerState::LastDay : BannerState::Open;
            state.window = &w;
            state.remaining = ends - now;
            return state;
        }
    }
    for (const CallWindow& w : windows_sorted) {
        if (!usable(w)) continue;
        const date::sys_seconds opens = opens_at(w), ends = ends_at(w);
        if (opens > now && (!state.window || opens - now < state.remaining)) {
            state.window = &w;
            state.remaining = opens - now;
        }
        if (ends <= now && (!state.previous || ends > ends_at(*state.previous))) state.previous = &w;
    }
    if (state.window) state.phase = state.previous ? BannerState::Between : BannerState::Before;
    else state.phase = state.previous ? BannerState::After : BannerState::None;
    return state;
}

std::string format_duration(seconds d, Lang lang) {
    const long long total = std::max<long long>(0, d.count());
    const long long days = total / 86400, hours = (total / 3600) % 24, minutes = (total / 60) % 60, secs = total % 60;
    const bool fr = lang == Lang::Fr;
    if (seconds{total} >= kDaysOnlyFrom) return std::to_string(days) + (fr ? " jours" : " days");
    if (days > 0) return std::to_string(days) + (fr ? " j " : " d ") + pad2(hours) + " h " + pad2(minutes) + " min";
    if (hours > 0) return std::to_string(hours) + " h " + pad2(minutes) + " min";
    if (minutes > 0) return std::to_string(minutes) + " min " + pad2(secs) + " s";
    return std::to_string(secs) + " s";
}

std::string banner_text(const BannerState& state, Lang lang, const UiText& text) {
    const CallWindow* w = state.window;
    const CallWindow* prev = state.previous;
    switch (state.phase) {
        case BannerState::None: return text.get("banner.none", lang);
        case BannerState::After:
            if (!prev) return text.get("banner.none", lang);
            return text.format("banner.after", lang, {{"closed", format_partial_date_when(prev->closes_date(), lang)}});
        case BannerState::Between:
            if (!w || !prev) break;
            if (w->precision == DatePrecision::Month)
                return text.format("banner.between_month", lang,
                                   {{"closed", format_partial_date_when(prev->closes_date(), lang)},
                                    {"month", format_month(month_of(w->opens), lang)}});
            return text.format("banner.between", lang,
                               {{"closed", format_partial_date_when(prev->closes_date(), lang)},
                                {"remaining", format_duration(state.remaining, lang)},
                                {"date", format_date(date::floor<date::days>(w->opens), lang)}});
        case BannerState::Before:
        case BannerState::Open:
        case BannerState::LastDay: break;
    }
    if (!w) return text.get("banner.none", lang);

    if (w->precision == DatePrecision::Month) {
        const std::string opening_month = format_month(month_of(w->opens), lang);
        if (state.phase == BannerState::Before || state.phase == BannerState::Between)
            return text.format("banner.month_before", lang, {{"month", opening_month}});
        // The state gives the time left to the end; `now` follows exactly from it.
        const date::sys_seconds now = ends_at(*w) - state.remaining;
        if (now < opening_month_end(*w)) return text.format("banner.month_this_month", lang, {{"month", opening_month}});
        return text.format("banner.month_period", lang,
                           {{"from", opening_month}, {"to", format_month(month_of(w->closes), lang)}});
    }

    if (state.phase == BannerState::Before)
        return text.format("banner.before", lang,
                           {{"remaining", format_duration(state.remaining, lang)},
                            {"date", format_date(date::floor<date::days>(w->opens), lang)}});
    if (state.phase == BannerState::LastDay)
        return text.format("banner.last_day", lang,
                           {{"remaining", format_duration(state.remaining, lang)}, {"time", format_time(w->closes)}});
    return text.format("banner.open", lang,
                       {{"remaining", format_duration(state.remaining, lang)},
                        {"date", format_date(date::floor<date::days>(w->closes), lang)}});
}

seconds banner_next_change(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now) {
    seconds delay = kMaxDelay;
    auto consider = [&](date::sys_seconds event) {
        if (event > now) delay = std::min(delay, event - now);
    };
    // Any window boundary may change the phase or which window is shown.
    for (const CallWindow& w : windows_sorted) {
        if (!usable(w)) continue;
        consider(opens_at(w));
        consider(ends_at(w));
        if (w.precision == DatePrecision::Month) consider(opening_month_end(w));
        else consider(last_day_starts(w));
    }
    // Within a phase, a day-precision countdown changes when the truncated value drops: with r = k*step + m
    // seconds left, "k" is shown until m + 1 seconds have passed.
    const BannerState state = banner_state(windows_sorted, now);
    if (state.window && state.window->precision == DatePrecision::Day && state.remaining > seconds{0}) {
        const seconds step = display_step(state.remaining);
        delay = std::min(delay, state.remaining % step + seconds{1});
    }
    return std::max(delay, seconds{1});
}

}  // namespace qmi
