// A short hint over the map that it moves under the fingers: "Deux doigts pour zoomer, un doigt pour déplacer la
// carte", with a drawn two-finger pinch. Shown when the kiosk comes back to the overview (start, after the attract
// loop), gone after kShowS seconds or at the first drag or pinch, whichever comes first. It takes no touch: a
// finger on it reaches the map beneath.
//
// GestureHint is the pure timing (no ImGui): the view calls show(now) / dismiss() and draws with opacity(now).
#pragma once
#include "ui/widget_context.hpp"

namespace qmi::ui {

class GestureHint {
public:
    static constexpr double kShowS = 8.0;  // long enough to read twice at arm's length
    static constexpr double kFadeS = 0.6;

    void show(double now_s) {
        shown_at_ = now_s;
        hide_at_ = 1e18;
    }
    void dismiss(double now_s);  // fades out from now
    // 0 (hidden) .. 1 (fully shown); the view keeps drawing frames while it is strictly between.
    float opacity(double now_s) const;
    bool visible(double now_s) const { return opacity(now_s) > 0; }

private:
    double shown_at_ = -1e9;
    double hide_at_ = 1e18;
};

// Draws the hint in Layout::hint at `opacity` (nothing at 0).
void draw_gesture_hint(const WidgetContext& ctx, float opacity);

}  // namespace qmi::ui
