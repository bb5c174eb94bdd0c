// The map's own buttons: Home (the whole Métropole again), zoom in, zoom out. For visitors who do not pinch, and
// for everybody who got lost. Big square buttons with drawn icons, in Layout::map_controls (a column beside the
// map in landscape, a row within reach in portrait). Draws, then returns what was tapped; the view does the rest
// (Home: Camera::ease_to_show of the Métropole; zoom: Camera::zoom_at the map area's centre, x2 and x0.5, eased).
#pragma once
#include <array>

#include "ui/layout.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

enum class MapControl { None, Home, ZoomIn, ZoomOut };

// The three buttons' squares (Home, +, -), screen px: a column at the bottom of the strip in landscape (nearest
// the hand), a row from the left in portrait. Pure.
std::array<Rect, 3> map_control_rects(const Layout& layout);

// `can_zoom_in` / `can_zoom_out`: false at the camera's limits; that button is then drawn faded and does nothing.
MapControl draw_map_controls(const WidgetContext& ctx, bool can_zoom_in = true, bool can_zoom_out = true);

}  // namespace qmi::ui
