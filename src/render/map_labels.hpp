// Commune names on the map, drawn into ImGui's background draw list (under every widget, over the map) with the
// Open Sans label font. Placement is decided once at load by core/label_layout (no overlaps at any zoom); a frame
// only tests each label's min_scale against the camera and culls what is off the map area.
#pragma once
#include <optional>

#include <imgui.h>

#include "core/camera.hpp"
#include "core/label_layout.hpp"
#include "core/map_model.hpp"

namespace qmi::render {

// Text size in pixels, with the same font and size the drawing uses: pass it to layout_labels().
Vec2 measure_label(ImFont* font, float size_px, std::string_view text);

// Draws the visible labels clipped to `clip` (the map area). The selected commune's label is always shown.
// `moving` (the view changes this frame): the text without its halo, a fifth of the glyphs, while the map is panned
// or zoomed (the eye follows the motion, not the letters); at rest the full halo is drawn.
void draw_map_labels(ImDrawList* draw_list, const LabelLayout& layout, const MapModel& map, const Camera& camera,
                     ImFont* font, float size_px, const ScreenRect& clip, std::optional<size_t> selected,
                     bool moving = false);

}  // namespace qmi::render
