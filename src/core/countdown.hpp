// The call-for-projects banner: which phase we are in, how long until the next change, and the sentence shown.
// All arithmetic is on instants (sys_seconds): "closes in 3 d 02 h" counts the seconds that will really elapse,
// so a daylight-saving change inside the countdown neither adds nor removes an hour.
//
// A CallWindow (content.hpp) is in Paris local time and inclusive: open from `opens` up to and including the
// second `closes` (23:59:59 on the last day), i.e. the instants [from_paris_local(opens),
// from_paris_local(closes) + 1 s). Month-precision windows only say "January 2025": the banner then names the
// month and never a day, and shows no d/h/min countdown, since the real opening day is not known.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/text.hpp"
#include "core/ui_text.hpp"

namespace qmi {

// Where the calls for projects stand at one instant. The banner, the QR card, the map highlight and the district
// cards all read this one value, so they can never disagree.
struct BannerState {
    enum Phase {
        None,     // no call window at all in the content
        Before,   // a window is announced and none has closed yet: count down to its opening
        Open,     // a window is open (not its last day)
        LastDay,  // a day-precision window is open and today (Paris) is its closing day: it must stand out
        Between,  // a window closed and a later one is announced: say both
        After,    // every window has closed: say what happened last, never promise a next one
    };
    Phase phase = None;
    const CallWindow* window = nullptr;    // Before/Between: the next window; Open/LastDay: the open one; else null
    const CallWindow* previous = nullptr;  // Between/After: the window that closed last before now; else null
    std::chrono::seconds remaining{0};     // to opening (Before, Between), to closing (Open, LastDay), else 0
};

// Open wins over everything: the first window (in list order) open now; on its closing day it is LastDay. Else the
// window opening soonest after now is the next one (Before, or Between when an earlier window has closed); else
// After (windows all in the past) or None (no windows). Windows need not be sorted, but are.
BannerState banner_state(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now);

// Counts down, truncating (a countdown never shows more time than is left):
//   < 1 min            "42 s"
//   < 1 h              "31 min 05 s"
//   < 1 day            "4 h 31 min"
//   < 60 days          "12 d 04 h 31 min"   (fr "12 j 04 h 31 min")
//   >= 60 days         "75 days"            (fr "75 jours": minutes two months away are noise)
// Negative durations count as 0.
std::string format_duration(std::chrono::seconds d, Lang lang);

// The banner sentence, from the banner.* texts of ui-text.json (see config/ui-text.json). It states only what the
// content says: no "next call will be announced" unless a later window is in the content. E.g.
//   None:              "No call for projects announced"
//   Before, day:       "Next call for projects opens in 12 d 04 h 31 min — 13 May 2024"
//   Open, day:         "Call for projects open — closes in 3 d 02 h 10 min (16 June 2024)"
//   LastDay:           "Last day: the call for projects closes today at 23:59 — 4 h 31 min left"
//   Between, day:      "Call for projects closed on 16 June 2024 — the next opens in 75 days (20 January 2025)"
//   After:             "The last call for projects closed on 23 February 2025"
//   Before, month:     "Call for projects planned in January 2025 (exact dates not published)"
//   Open, month, during the opening month:  "Call for projects planned this month (January 2025) ..."
//   Open, month, later months of the window: "Announced call for projects period: January 2025 – March 2025"
//   Between, month next: "Call for projects closed on 16 June 2024 — the next is planned in January 2025"
std::string banner_text(const BannerState& state, Lang lang, const UiText& text);

// How long banner_text stays the same from `now`: until the shown countdown ticks (every second under an hour,
// every minute under 60 days, every day beyond) or a window boundary changes the phase or the month text.
// The start of a window's last day is a boundary too (Open becomes LastDay).
// Always >= 1 s and capped at 1 h (a safety net: the app should also redraw when content or the clock changes).
std::chrono::seconds banner_next_change(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now);

}  // namespace qmi
