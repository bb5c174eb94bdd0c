// Which parts of the widget layer changed since the previous frame. Dear ImGui rebuilds every draw list from
// scratch each frame, so nothing tells whether the banner, the panel or the legend look different from the frame
// before; but a draw list whose vertices, indices and commands are byte for byte the previous frame's draws the same
// pixels. Comparing a hash of each list finds the few that differ (a pressed button, the countdown's next minute,
// the map labels when the view moves) and their old and new extents are the damage. Hashing the ~8,000 vertices of
// a frame costs about 0.05 ms; drawing them all again costs a software rasteriser several milliseconds.
#pragma once
#include <cstdint>
#include <vector>

#include "render/screen_damage.hpp"

struct ImDrawData;
struct ImDrawList;

namespace qmi::render {

class WidgetDamage {
public:
    // Compares `data` (after ImGui::Render(), before clip_draw_data()) with the previous call's and adds the extents
    // of every list that differs, appeared, disappeared or changed places in the drawing order to `damage`.
    // `follows_map`: a list drawn over the map that changes only when the map does (the map labels), whose
    // changes the map's own damage already covers; nullptr: none.
    void compare(const ImDrawData& data, ScreenDamage& damage, const ImDrawList* follows_map = nullptr);
    // Extents, in the last compared frame, of the lists other than `except` that meet `r`.
    std::vector<PixelRect> extents_meeting(const PixelRect& r, const ImDrawList* except) const;
    // The next compare() takes every list as new (after a resize, a new ImGui context).
    void forget() { previous_.clear(); }

private:
    struct ListState {
        const ImDrawList* list = nullptr;
        uint64_t hash = 0;
        PixelRect extent;
    };
    std::vector<ListState> previous_;
};

// Restricts every draw command of `data` to `region` (a command entirely outside gets an empty clip rectangle,
// which the OpenGL backend skips), so that rendering it repaints that region only and leaves the rest of the
// target as it was.
void clip_draw_data(ImDrawData& data, const PixelRect& region);

}  // namespace qmi::render
