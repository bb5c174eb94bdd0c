// What each frame paints again, and how. On a software rasteriser (Mesa llvmpipe: thin clients, virtual machines,
// kiosk PCs without a usable GPU) a frame costs its pixels, so a frame repaints only what differs from the frame the
// window's back buffer still holds (render/screen_damage.hpp): the map area when the view moved or the map's content
// changed, the widgets whose draw lists changed (render/widget_damage.hpp). While the view moves the map is drawn at
// Moving quality and once it rests, one Full frame (render/map_redraw.hpp). A map dragged by whole pixels over a
// window that shows exactly the last frame is scrolled by the X server instead, and only the uncovered strip is
// painted (render/presenter.hpp).
//
// Per frame, around the widgets' ImGui frame:
//     quality = painter.begin(map, screen, back, now)    before the widgets: the map labels follow the quality
//     ... widgets build their frame, ImGui::Render() ...
//     frame = painter.paint(target, map, widgets, scroll) the rectangles, each painted whole (clear, map, widgets)
//     presenter.present(window, frame)
// A capture or a first frame passes BackBuffer{} (content unknown, a still picture): everything, at Full quality.
#pragma once
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <SFML/Graphics/RenderTarget.hpp>

#include "core/camera.hpp"
#include "render/map_redraw.hpp"
#include "render/phase_times.hpp"
#include "render/screen_damage.hpp"
#include "render/widget_damage.hpp"

namespace qmi::app {

class MapView;
class Widgets;

// True when the labels `now` are the labels `before` moved by (dx, dy) screen pixels, in the same order.
bool labels_moved_by(const std::vector<std::pair<size_t, ScreenRect>>& before,
                     const std::vector<std::pair<size_t, ScreenRect>>& now, int dx, int dy);

// What the target holds when a frame starts.
struct BackBuffer {
    unsigned age = 0;         // frames since that content was presented: 1 = the last one, 0 = unknown
    bool can_scroll = false;  // the window shows exactly the last frame presented and its pixels can be moved
    bool live = false;        // a screen: the map moving is drawn at Moving quality; false (a picture): Full
};

class FramePainter {
public:
    using Scroll = std::function<void(const render::Frame&)>;

    // Before the widgets of a frame are built: how the map will be drawn.
    render::MapQuality begin(const MapView& map, const render::PixelRect& screen, const BackBuffer& back, double now);
    // After ImGui::Render(): paints into `target` (GL context active) what differs from what it holds, and returns
    // the rectangles painted (and the scroll sent through `scroll` before painting, if any). An empty frame: the
    // target already shows this frame, nothing was touched.
    render::Frame paint(sf::RenderTarget& target, MapView& map, Widgets& widgets, const Scroll& scroll,
                        render::PhaseTimes* times);
    // When the map needs a frame by itself (its Full frame once the view rests), seconds from `now`.
    std::optional<double> rest_due(double now) const { return map_redraw_.rest_due(now); }
    // The target's content is unknown (a new window, a staff reload): the next frame is painted whole.
    void forget();

private:
    void paint_rect(sf::RenderTarget& target, MapView& map, Widgets& widgets, const render::PixelRect& rect,
                    render::PhaseTimes* times);

    render::MapRedraw map_redraw_;
    render::ScreenDamage damage_;
    render::WidgetDamage widget_damage_;
    render::PixelRect screen_;  // the target size damage_ tracks
    render::PixelRect stale_;   // back buffer pixels that differ from the window's since a scroll
    // Decided by begin() for paint().
    BackBuffer back_;
    double now_ = 0;
    render::PixelRect map_px_;
    bool map_changed_ = false;
    std::optional<std::pair<int, int>> shift_;
    render::MapQuality quality_ = render::MapQuality::Full;
    // The map's labels (commune, screen box) this frame and in the last frame that drew the map: a scroll moves
    // the old labels' pixels, so it is only right when every label simply moved with the map (none appeared at
    // the area's edge, none vanished there, the selected one was not slid inside).
    std::vector<std::pair<size_t, ScreenRect>> labels_now_, labels_drawn_;
};

}  // namespace qmi::app
