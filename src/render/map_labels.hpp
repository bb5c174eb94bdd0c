// Commune names on the map, drawn into ImGui's background draw list (under every widget, over the map) with the
// Open Sans label font. Placement is decided once at load by core/label_layout (no overlaps at any zoom); a frame
// only tests each label's min_scale against the camera and culls what is off the map area.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/camera.hpp"
#include "core/label_layout.hpp"
#include "core/map_model.hpp"

namespace qmi::render {

// Text size in pixels, with the same font and size the drawing uses: pass it to layout_labels().
Vec2 measure_label(ImFont* font, float size_px, std::string_view text);

// Draws the labels core::for_each_visible_label gives for `clip` (the map area): only whole labels, never one cut
// by the area's edge (the selected commune's is slid inside instead), so what is drawn is exactly what label_at()
// hit-tests. The selected commune's label is always shown.
// `moving` (the view changes this frame): the halo is one offset shadow instead of four copies, which halves the
// labels' cost while the map is panned or zoomed; at rest the full halo is drawn.
void draw_map_labels(ImDrawList* draw_list, const LabelLayout& layout, const MapModel& map, const Camera& camera,
                     ImFont* font, float size_px, const ScreenRect& clip, std::optional<size_t> selected,
                     bool moving = false);

// Paris's arrondissement numbers as core::layout_arrondissement_labels placed them; `texts` are theirs in the
// language on screen ("8e" or "8th", by index into MapModel::arrondissements, made once at load), each centred in
// its box (sized for the wider language), in the muted ink of the commune names with the same halo. Drawn before
// the commune labels (they never overlap them).
void draw_arrondissement_labels(ImDrawList* draw_list, const LabelLayout& layout, const std::vector<std::string>& texts,
                                const Camera& camera, ImFont* font, float size_px, const ScreenRect& clip,
                                bool moving = false);

}  // namespace qmi::render
