// The language button ("English" in French, "Français" in English), in Layout::language: within reach on a
// portrait totem, beside the QR code in landscape. Returns true on the frame it is tapped; the view switches the
// language. Replaces the switch drawn inside the header (Banner::draw_header(ctx, false)).
#pragma once
#include "ui/widget_context.hpp"

namespace qmi::ui {

bool draw_language_button(const WidgetContext& ctx);

}  // namespace qmi::ui
