// One instant in each state the call-for-projects banner can be in for a content's call windows: the proof sheet
// (qmi-kiosk proof) draws the screen at each, so that staff see every sentence, badge and card the calls will
// produce before they publish the content, not only today's.
#pragma once
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/countdown.hpp"

namespace qmi {

struct BannerInstant {
    BannerState::Phase phase = BannerState::None;
    date::sys_seconds at;
};

// For each phase the windows go through (before, open, last day, between, after, in that order), one instant in
// it: noon (Paris) of a day inside the phase where the phase lasts that long, else its middle. "Before" is ten days
// before the first opening, so that the countdown shows days, hours and minutes, its longest form. No windows: one
// instant, `fallback`, in phase None. Windows that end before they open are ignored, as the banner ignores them.
std::vector<BannerInstant> banner_instants(const std::vector<CallWindow>& windows_sorted, date::sys_seconds fallback);

}  // namespace qmi
