// What the calls for projects mean for each part of the screen, derived from one BannerState (countdown.hpp):
// which districts the map highlights, what the QR card invites to and where it leads, and what a district's card
// says about calls. Pure functions of the content and the time: the banner, the map and the cards never disagree.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/countdown.hpp"
#include "core/ui_text.hpp"

namespace qmi {

// INSEE codes of the districts the state's window recruits for (Before, Open, LastDay, Between: the open or next
// window); empty when no window is open or announced (None, After). The map highlights these; the banner names them.
std::vector<std::string> districts_in_call(const Content& content, const BannerState& state);

// "Athis-Mons, Aubervilliers et Fontenay-sous-Bois": the communes of `insee_codes` (content order of the list,
// names from the content), joined with the language's "and" (ui-text "list.and").
std::string commune_list(const Content& content, const std::vector<std::string>& insee_codes, const UiText& text,
                         Lang lang);

// The QR card beside the banner. It may invite to apply only while a window that has an application page (a
// source with a URL) is open or announced; otherwise it opens the programme's page (a source too), or there is no
// card at all. No URL ever reaches it that no source gives.
struct QrCard {
    enum class Kind {
        None,       // no card
        Apply,      // day-precision window open (or on its last day) with an application page: "Scan to apply"
        CallPage,   // window announced (or month-precision "open") with an application page: "Scan to see the call"
        Programme,  // no such window: the programme's public page, "Scan to learn more"
    };
    Kind kind = Kind::None;
    std::string url;          // "" when kind is None
    std::string source_id;    // the source whose URL this is
    const char* caption_key = nullptr;  // ui-text key of the invitation; null when kind is None
};
QrCard qr_card(const Content& content, const BannerState& state);

// What a district's card says about calls, considering every window (not only the banner's):
struct CallConcern {
    enum class Kind {
        Open,        // a window for this district is open: closes on ...
        LastDay,     // ... and today is its last day
        Announced,   // no open one, but one for this district is announced: opens on / in ... (and when another
                     // town's call is open meanwhile, the card says first that that one is not theirs)
        Other,       // no window for this district is open or announced, but a window for others is
        LastClosed,  // no window is open or announced; the last one for this district closed on ...
        Never,       // no window is open or announced, and none ever concerned this district
    };
    Kind kind = Kind::Never;
    const CallWindow* window = nullptr;  // the window the sentence is about (null for Never)
    const CallWindow* open_other = nullptr;  // Announced: a window for other towns open now, if any
};
CallConcern call_concerning(const Content& content, std::string_view insee, date::sys_seconds now);

// The card's sentence for `c`, from the panel.call_* texts, e.g. "Appel à projets ouvert pour cette commune
// jusqu'au 16 juin 2024" or "Dernier appel à projets pour cette commune : clos le 23 février 2025".
std::string call_concern_text(const CallConcern& c, const UiText& text, Lang lang);

// The next instant after `now` at which any window opens, starts its last day or closes: a card built at `now`
// stays right until then. nullopt when nothing is ahead.
std::optional<date::sys_seconds> next_window_boundary(const std::vector<CallWindow>& windows,
                                                      date::sys_seconds now);

// What the top of the screen says at `now`, as text (qmi-kiosk --countdown): the banner sentence on the first
// line, then "state: ...", the window and its communes, and the QR card's invitation and URL (or "qr: none").
std::string call_summary(const Content& content, const UiText& text, Lang lang, date::sys_seconds now);

// "before", "open", "last_day", "between", "after", "none".
const char* phase_key(BannerState::Phase phase);

// Where one window stands at `now`, whatever the others do (the presenter's list of every call, the timeline):
// Upcoming (day precision, not open yet), Planned (month precision, not closed: never "open", since its real days
// are not known), Open, LastDay (day precision, its closing day), Closed.
enum class WindowStatus { Upcoming, Planned, Open, LastDay, Closed };
WindowStatus window_status(const CallWindow& window, date::sys_seconds now);
// The state badge's ui-text key for it: "badge.upcoming", "badge.planned", "badge.open", "badge.last_day",
// "badge.closed".
const char* window_status_badge_key(WindowStatus status);

}  // namespace qmi
