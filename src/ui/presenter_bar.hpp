// The presenter's own widgets: the title strip (the step's title at headline size, what the step is under it), the
// bar at the bottom (exit, where the tour is, previous, next: main buttons, >= 18 mm), and the black screen a
// clicker's "B" asks for. Each draws, then returns what was tapped; the kiosk moves through the tour.
#pragma once
#include <cstddef>

#include "ui/presenter_cards.hpp"
#include "ui/presenter_layout.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

void draw_presenter_title(const PresenterStepText& text, const PresenterLayout& layout, const WidgetContext& ctx);

enum class PresenterBarResult { None, Exit, Previous, Next };

// "Previous" fades on the first step and "next" on the last (they do nothing there).
PresenterBarResult draw_presenter_bar(const PresenterStepModel& model, const PresenterLayout& layout,
                                      const WidgetContext& ctx);

// Black over everything but the staff screens. Returns true on the frame a finger lifts from it: a tap brings the
// tour back, as a key does.
bool draw_blackout(const WidgetContext& ctx);

}  // namespace qmi::ui
