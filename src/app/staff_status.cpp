#include "app/staff_status.hpp"

#include <chrono>

#include "core/content_store.hpp"
#include "core/paris_time.hpp"

namespace qmi::app {

std::string people_time(date::sys_seconds t, const UiText& text, Lang lang) {
    const date::local_seconds local = to_paris_local(t);
    return text.format("staff.date_time", lang,
                       {{"date", format_date(date::floor<date::days>(local), lang)}, {"time", format_time(local)}});
}

std::optional<std::string> content_age(const Content& content, date::sys_seconds now, const UiText& text, Lang lang,
                                       bool* too_old) {
    const std::optional<date::sys_seconds> published = parse_publication_time(content.published);
    if (!published) return std::nullopt;
    const long days = std::chrono::floor<date::days>(now - *published).count();
    if (too_old) *too_old = days > kContentAgeWarningDays;
    if (days < 1) return text.get("staff.age_today", lang);
    return text.format("staff.age_days", lang, {{"days", std::to_string(days)}});
}

std::string live_updates_text(const LiveStatus& s, const UiText& text, Lang lang) {
    const net::FeedStatus& f = s.feed;
    auto when = [&](const std::optional<std::chrono::system_clock::time_point>& t) {
        return people_time(std::chrono::floor<std::chrono::seconds>(*t), text, lang);
    };
    std::string line;
    if (!s.feed_configured) {
        line = text.get("staff.feed_none", lang);
    } else if (!f.last_attempt) {
        line = text.get("staff.feed_waiting", lang);
    } else if (f.last_error.empty()) {
        line = text.format("staff.feed_ok", lang, {{"when", when(f.last_attempt)}});
    } else {
        line = text.format("staff.feed_failed", lang, {{"when", when(f.last_attempt)}, {"error", f.last_error}});
    }
    if (!s.maps_repairing.empty()) {
        std::string depts;
        for (const std::string& d : s.maps_repairing) depts += (depts.empty() ? "" : ", ") + d;
        line += " · " + text.format("staff.maps_repairing", lang, {{"departments", depts}});
    }
    return line;
}

}  // namespace qmi::app
