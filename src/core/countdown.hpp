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

struct BannerState {
    enum Phase { Before, Open, Closed };
    Phase phase = Closed;
    const CallWindow* window = nullptr;  // the next window (Before) or the open one (Open); null when Closed
    std::chrono::seconds remaining{0};   // to opening (Before), to closing (Open), 0 (Closed)
};

// Open wins over Before: if a window is open now, that one (the first open in list order); else the window
// opening soonest after now; else Closed (no windows, or all in the past). Windows need not be sorted, but are.
BannerState banner_state(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now);

// Counts down, truncating (a countdown never shows more time than is left):
//   < 1 min            "42 s"
//   < 1 h              "31 min 05 s"
//   < 1 day            "4 h 31 min"
//   < 60 days          "12 d 04 h 31 min"   (fr "12 j 04 h 31 min")
//   >= 60 days         "75 days"            (fr "75 jours": minutes two months away are noise)
// Negative durations count as 0.
std::string format_duration(std::chrono::seconds d, Lang lang);

// The banner sentence, from the banner.* texts of ui-text.json (see config/ui-text.json), e.g.
//   Before, day:      "Next call for projects opens in 12 d 04 h 31 min — 13 May 2024"
//   Open, day:        "Call for projects open — closes in 3 d 02 h 10 min (16 June 2024)"
//   Closed:           "Applications closed — next call to be announced"
//   Before, month:    "Next call for projects opens in January 2025"
//   Open, month, during the opening month:  "Call for projects expected this month (January 2025)"
//   Open, month, later months of the window: "Planned call for projects period: January 2025 – March 2025"
// {url} in any banner text is replaced by the window's url, else `call_url`.
std::string banner_text(const BannerState& state, Lang lang, const UiText& text, const std::string& call_url);

// How long banner_text stays the same from `now`: until the shown countdown ticks (every second under an hour,
// every minute under 60 days, every day beyond) or a window boundary changes the phase or the month text.
// Always >= 1 s and capped at 1 h (a safety net: the app should also redraw when content or the clock changes).
std::chrono::seconds banner_next_change(const std::vector<CallWindow>& windows_sorted, date::sys_seconds now);

}  // namespace qmi
