// Staff screens drawn over the kiosk: the PIN pad (after the hidden corner hold, core/staff_access) and the staff
// menu (exit, reload content, status, windowed mode). Pure drawing: the app owns StaffAccess and acts on the
// results. Every button is at least Layout::touch_min (>= 9 mm on the glass) square, digits are big.
#pragma once
#include <string>

#include "ui/widget_context.hpp"

namespace qmi::ui {

// What the PIN pad shows besides the digits typed so far.
struct PinPadView {
    std::string message;          // "" or "Code PIN incorrect" / "Réessayez dans 42 s"
    bool locked = false;          // lockout running: digit buttons disabled
};

enum class PinPadResult { None, Submit, Cancel };

// `digits` is edited in place by the digit and erase buttons (at most 12 digits, shown as dots).
PinPadResult draw_pin_pad(std::string& digits, const PinPadView& view, const WidgetContext& ctx);

// The status screen's facts, gathered by the app once per second at most (never computed here).
struct StaffStatus {
    std::string app_version;        // "0.1.0"
    std::string content_version;    // Content::version
    std::string content_published;  // Content::published
    std::string content_source;     // "bundled" | "cache" | "feed"
    std::string live_updates;       // live content feed status, one line; "" = not available in this build
    float fps = 0;                  // frames drawn per second over the last second
    std::string last_error;         // "" = none
    std::string reload_result;      // outcome of the last "reload" press, "" = none yet
    std::string to_review;          // facts past their review date (core/staleness review_warning), drawn in red;
                                    // "" = none
    bool windowed = false;
};

enum class StaffMenuResult { None, Exit, Reload, ToggleWindowed, Close };

StaffMenuResult draw_staff_menu(const StaffStatus& status, const WidgetContext& ctx);

}  // namespace qmi::ui
