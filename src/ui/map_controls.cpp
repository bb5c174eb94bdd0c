#include "ui/map_controls.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/theme.hpp"
#include "ui/touch_button.hpp"

namespace qmi::ui {

std::array<Rect, 3> map_control_rects(const Layout& L) {
    const Rect& r = L.map_controls;
    const bool column = r.height() > r.width();
    const float b = L.button, g = L.gap;
    std::array<Rect, 3> cells;
    for (int i = 0; i < 3; ++i) {
        if (column) {
            const float x0 = r.min.x + (r.width() - b) / 2, y0 = r.max.y - (3 - i) * b - (2 - i) * g;
            cells[i] = Rect{{x0, y0}, {x0 + b, y0 + b}};
        } else {
            const float x0 = r.min.x + i * (b + g);
            cells[i] = Rect{{x0, r.min.y}, {x0 + b, r.min.y + b}};
        }
    }
    return cells;
}

MapControl draw_map_controls(const WidgetContext& ctx, bool can_zoom_in, bool can_zoom_out) {
    const Layout& L = ctx.layout;
    begin_button_window("##qmi_map_controls", L.map_controls);

    const std::array<Rect, 3> cells = map_control_rects(L);
    const struct {
        const char* id;
        Icon icon;
        MapControl action;
        bool enabled;
    } buttons[3] = {{"##home", Icon::Home, MapControl::Home, true},
                    {"##zoom_in", Icon::Plus, MapControl::ZoomIn, can_zoom_in},
                    {"##zoom_out", Icon::Minus, MapControl::ZoomOut, can_zoom_out}};
    MapControl result = MapControl::None;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float b = L.button;
    const float stroke = std::max(2.0f, std::round(0.09f * b));
    for (int i = 0; i < 3; ++i) {
        const TouchButton t = touch_button(buttons[i].id, cells[i], ctx);
        // A button that would do nothing says so: its icon fades.
        const ImU32 ink = buttons[i].enabled ? t.ink : to_u32(with_alpha(ctx.theme.text, 90));
        const float inset = 0.22f * b;
        draw_icon(dl, buttons[i].icon,
                  Rect{{cells[i].min.x + inset, cells[i].min.y + inset}, {cells[i].max.x - inset, cells[i].max.y - inset}},
                  ink, stroke);
        if (t.released && buttons[i].enabled) result = buttons[i].action;
    }
    ImGui::End();
    return result;
}

}  // namespace qmi::ui
