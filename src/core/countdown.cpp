#include "core/countdown.hpp"

#include <algorithm>

#include "core/paris_time.hpp"

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

}  // namespace

BannerState banner_state(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now) {
    BannerState state;
    for (const CallWindow& w : windows_sorted) {
        if (!usable(w)) continue;
        const date::sys_seconds opens = opens_at(w), ends = ends_at(w);
        if (opens <= now && now < ends) {
            state.phase = BannerState::Open;
            state.window = &w;
            state.remaining = ends - now;
            return state;
        }
    }
    for (const CallWindow& w : windows_sorted) {
        if (!usable(w)) continue;
        const date::sys_seconds opens = opens_at(w);
        if (opens > now && (!state.window || opens - now < state.remaining)) {
            state.phase = BannerState::Before;
            state.window = &w;
            state.remaining = opens - now;
        }
    }
    return state;  // Closed unless a future window was found
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

std::string banner_text(const BannerState& state, Lang lang, const UiText& text, const std::string& call_url) {
    const CallWindow* w = state.window;
    if (state.phase == BannerState::Closed || !w) return text.format("banner.closed", lang, {{"url", call_url}});
    const std::string url = w->url.value_or(call_url);

    if (w->precision == DatePrecision::Month) {
        const std::string opening_month = format_month(month_of(w->opens), lang);
        if (state.phase == BannerState::Before)
            return text.format("banner.month_before", lang, {{"month", opening_month}, {"url", url}});
        // The state gives the time left to the end; `now` follows exactly from it.
        const date::sys_seconds now = ends_at(*w) - state.remaining;
        if (now < opening_month_end(*w))
            return text.format("banner.month_this_month", lang, {{"month", opening_month}, {"url", url}});
        return text.format("banner.month_period", lang,
                           {{"from", opening_month}, {"to", format_month(month_of(w->closes), lang)}, {"url", url}});
    }

    if (state.phase == BannerState::Before)
        return text.format("banner.before", lang,
                           {{"remaining", format_duration(state.remaining, lang)},
                            {"date", format_date(date::floor<date::days>(w->opens), lang)},
                            {"url", url}});
    return text.format("banner.open", lang,
                       {{"remaining", format_duration(state.remaining, lang)},
                        {"date", format_date(date::floor<date::days>(w->closes), lang)},
                        {"url", url}});
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
