// Staff screens drawn over the kiosk: the PIN pad (after the hidden corner hold, core/staff_access) and the staff
// menu (guided tour, timeline, exit, reload content, status, windowed mode). Pure drawing: the app owns StaffAccess and acts on the
// results. Every button is at least Layout::touch_min (>= 9 mm on the glass) square, digits are big.
#pragma once
#include <string>
#include <vector>

#include "ui/widget_context.hpp"

namespace qmi::ui {

// A ring that fills under the finger holding the staff corner (StaffAccess::corner_hold): the gesture answers before
// it completes. `fraction` 0..1. Drawn over everything.
void draw_corner_hold_ring(ImVec2 finger, float fraction, const WidgetContext& ctx);


// What the PIN pad shows besides the digits typed so far.
struct PinPadView {
    std::string message;          // "" or "Code PIN incorrect" / "Réessayez dans 42 s"
    bool locked = false;          // lockout running: digit buttons disabled
};

// What a finger did on the pad this frame; the app keeps the digits and edits them.
struct PinPadResult {
    enum Kind { None, Digit, Erase, Submit, Cancel };
    Kind kind = None;
    char digit = 0;  // Digit: '0'..'9'
};

// `digit_count` digits typed so far, shown as dots.
PinPadResult draw_pin_pad(size_t digit_count, const PinPadView& view, const WidgetContext& ctx);

// The status screen's facts, gathered by the app once per second at most (never computed here).
struct StaffStatus {
    std::string app_version;        // "0.1.0"
    std::string content_version;    // Content::version
    std::string content_published;  // when the content was published, for people, with its age
    bool content_old = false;       // published long ago: shown in red
    std::string kiosk_time;         // the kiosk's own time (the countdown depends on it), Paris
    std::string touch;              // the touch screen found, or that the mouse is used
    std::string content_source;     // "bundled" | "cache" | "feed"
    std::string live_updates;       // live content feed status, one line; "" = not available in this build
    float fps = 0;                  // frames drawn per second over the last second
    std::string last_error;         // "" = none
    std::string reload_result;      // outcome of the last "reload" press, "" = none yet
    std::string usage_today;        // today's visitor figures, one line; "" = statistics off
    std::vector<std::string> districts;  // commune names of the districts, for "show on the map" buttons
    std::string to_review;          // facts past their review date (core/staleness review_warning), drawn in red;
                                    // "" = none
    bool windowed = false;
};

struct StaffMenuResult {
    enum Kind { None, Exit, Reload, ToggleWindowed, Close, StartAttract, ShowDistrict, StartTour, ShowTimeline };
    Kind kind = None;
    int district = -1;  // ShowDistrict: index into StaffStatus::districts
};

// Where the menu drew the buttons that start something for an audience (--state-out reports them).
struct StaffMenuPlaces {
    Rect present;   // "Présentation guidée"
    Rect timeline;  // "Chronologie"
};
StaffMenuResult draw_staff_menu(const StaffStatus& status, const WidgetContext& ctx, StaffMenuPlaces* places = nullptr);

}  // namespace qmi::ui
