// The staff status screen in plain words, in the screen's language: dates as people write them ("6 décembre 2026 à
// 12:00"), how old the content is (with a warning when it is old enough to be doubted), the kiosk's own time (the
// countdown depends on it), the touch screen found, and how the last update went. Never a raw ISO string.
#pragma once
#include <optional>
#include <string>

#include <date/date.h>

#include "app/live_updates.hpp"
#include "core/content.hpp"
#include "core/ui_text.hpp"

namespace qmi::app {

// Content older than this is flagged on the staff screen: a kiosk left months without an update is worth a look.
inline constexpr int kContentAgeWarningDays = 180;

// "6 décembre 2026 à 12:00" / "6 December 2026, 12:00" (Paris time) for an instant.
std::string people_time(date::sys_seconds t, const UiText& text, Lang lang);

// "publié il y a 3 jours" / "published 3 days ago" ("aujourd'hui" / "today" under a day); nullopt for a content
// whose publication time does not parse (the loader refuses such content anyway).
std::optional<std::string> content_age(const Content& content, date::sys_seconds now, const UiText& text, Lang lang,
                                       bool* too_old = nullptr);

// The last content update, one line: not configured / no check yet / checked <when>: OK / failed <when>: <error>,
// then damaged contour files being refetched, if any.
std::string live_updates_text(const LiveStatus& s, const UiText& text, Lang lang);

}  // namespace qmi::app
