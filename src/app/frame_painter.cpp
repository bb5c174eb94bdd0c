#include "app/frame_painter.hpp"

#include <cmath>
#include <cstdlib>
#include <vector>

#include <SFML/OpenGL.hpp>
#include <imgui.h>

#include "app/map_view.hpp"
#include "app/widgets.hpp"
#include "render/map_renderer.hpp"

namespace qmi::app {

bool labels_moved_by(const std::vector<std::pair<size_t, ScreenRect>>& before,
                     const std::vector<std::pair<size_t, ScreenRect>>& now, int dx, int dy) {
    if (before.size() != now.size()) return false;
    for (size_t i = 0; i < now.size(); ++i) {
        const ScreenRect& a = before[i].second;
        const ScreenRect& b = now[i].second;
        if (before[i].first != now[i].first || std::abs(a.x + dx - b.x) > 1e-3 || std::abs(a.y + dy - b.y) > 1e-3 ||
            std::abs(a.w - b.w) > 1e-3 || std::abs(a.h - b.h) > 1e-3)
            return false;
    }
    return true;
}

void FramePainter::forget() {
    screen_ = {};  // the next begin() resets everything for its screen
}

render::MapQuality FramePainter::begin(const MapView& map, const render::PixelRect& screen, const BackBuffer& back,
                                       double now) {
    if (!(screen == screen_)) {
        screen_ = screen;
        damage_.reset(screen);
        damage_.add_all();  // whatever age the presenter reports, nothing of the target is known
        widget_damage_.forget();
        map_redraw_.forget();
        stale_ = {};
    }
    back_ = back;
    now_ = now;
    map_px_ = render::PixelRect::covering(map.area()).intersected(screen);
    const uint64_t generation = map.generation();
    map_changed_ = map_redraw_.changed(map.camera(), generation, now);

    // A whole-pixel pan of at most half the map area, over a window that shows the last frame: scroll.
    shift_.reset();
    labels_now_.clear();
    if (back.live && back.can_scroll && back.age == 1 && map_changed_) {
        shift_ = map_redraw_.whole_pixel_shift(map.camera(), generation);
        if (shift_ && shift_->first == 0 && shift_->second == 0) shift_.reset();
        if (shift_ && (std::abs(shift_->first) * 2 > map_px_.width() || std::abs(shift_->second) * 2 > map_px_.height()))
            shift_.reset();
        if (shift_) {
            labels_now_ = map.visible_labels();
            if (!labels_moved_by(labels_drawn_, labels_now_, shift_->first, shift_->second)) shift_.reset();
        }
    }
    // A scrolled frame keeps the quality of the pixels it moves, so that the uncovered strip matches them. A still
    // picture (a capture) is always drawn at rest.
    if (!back.live) quality_ = render::MapQuality::Full;
    else if (shift_) quality_ = map_redraw_.last_quality();
    else quality_ = map_redraw_.quality(map.camera(), now);
    return quality_;
}

render::Frame FramePainter::paint(sf::RenderTarget& target, MapView& map, Widgets& widgets, const Scroll& scroll,
                                  render::PhaseTimes* times) {
    ImDrawData* data = ImGui::GetDrawData();
    render::Frame frame;
    if (!data) return frame;
    // What differs from the frame the target holds: the map area when the map changed, the widgets that changed.
    // The labels (ImGui's background list) change exactly when the map does: the map's damage covers them.
    const ImDrawList* labels = ImGui::GetBackgroundDrawList();
    if (shift_ && scroll) {
        const auto [dx, dy] = *shift_;
        const render::PixelRect& m = map_px_;
        frame.scroll_area = m;
        frame.dx = dx;
        frame.dy = dy;
        // Uncovered: a column on the side the map moved away from, a row likewise.
        std::vector<render::PixelRect> rects;
        if (dx > 0) rects.push_back({m.x0, m.y0, m.x0 + dx, m.y1});
        if (dx < 0) rects.push_back({m.x1 + dx, m.y0, m.x1, m.y1});
        if (dy > 0) rects.push_back({m.x0, m.y0, m.x1, m.y0 + dy});
        if (dy < 0) rects.push_back({m.x0, m.y1 + dy, m.x1, m.y1});
        // Widgets over the map area were moved with it: where they are and where their pixels went.
        for (const render::PixelRect& e : widget_damage_.extents_meeting(m, labels)) {
            const render::PixelRect in = e.intersected(m);
            rects.push_back(in);
            rects.push_back(render::PixelRect{in.x0 + dx, in.y0 + dy, in.x1 + dx, in.y1 + dy}.intersected(m));
        }
        render::ScreenDamage changed_widgets(screen_);
        widget_damage_.compare(*data, changed_widgets, labels);
        if (!changed_widgets.current().empty()) rects.push_back(changed_widgets.current());
        for (const render::PixelRect& r : rects)
            if (!r.empty()) frame.rects.push_back(r);
        render::merge_close(frame.rects);
        stale_ = stale_.united(m);
        scroll(frame);  // the moved map reaches the screen now; the strips follow
        frame.scroll_sent = true;
    } else {
        shift_.reset();
        if (map_changed_) damage_.add(map_px_);
        widget_damage_.compare(*data, damage_, labels);
        render::PixelRect repaint = damage_.repaint(back_.age);
        // Presenting any of the back buffer's stale pixels (since a scroll) would show the map where it was: a
        // repaint that reaches them takes all of them.
        if (!repaint.intersected(stale_).empty()) {
            damage_.add(stale_);
            repaint = damage_.repaint(back_.age);
            stale_ = {};
        }
        if (!repaint.empty()) frame.rects.push_back(repaint);
    }
    if (times) times->map_rendered = false;
    if (!frame.rects.empty()) {
        target.setActive(true);
        target.resetGLStates();  // ImGui's GL calls of the previous frame bypassed SFML's state cache
        // Each rectangle is painted whole again, in order (clear, map, widgets); nothing outside it is touched.
        // clip_draw_data narrows the commands' clips to one rectangle: the next one starts from the originals.
        std::vector<ImVec4> clips;
        for (int i = 0; i < data->CmdListsCount; ++i)
            for (const ImDrawCmd& c : data->CmdLists[i]->CmdBuffer) clips.push_back(c.ClipRect);
        for (const render::PixelRect& r : frame.rects) {
            size_t k = 0;
            for (int i = 0; i < data->CmdListsCount; ++i)
                for (ImDrawCmd& c : data->CmdLists[i]->CmdBuffer) c.ClipRect = clips[k++];
            render::clip_draw_data(*data, r);
            paint_rect(target, map, widgets, r, times);
        }
        if (!frame.bounds().intersected(map_px_).empty()) {
            map_redraw_.drawn(map.camera(), map.generation(),
                              shift_ ? render::MapQuality::Moving : quality_, now_);
            if (back_.can_scroll) labels_drawn_ = labels_now_.empty() ? map.visible_labels() : labels_now_;
        }
    }
    if (!shift_) damage_.presented();
    return frame;
}

void FramePainter::paint_rect(sf::RenderTarget& target, MapView& map, Widgets& widgets, const render::PixelRect& r,
                              render::PhaseTimes* times) {
    const sf::Vector2u size = target.getSize();
    glEnable(GL_SCISSOR_TEST);
    glScissor(r.x0, static_cast<GLint>(size.y) - r.y1, r.width(), r.height());
    target.clear(render::clear_color());
    glDisable(GL_SCISSOR_TEST);
    // The map stays inside its own area: around it, the interface's ground (drawn by the widgets).
    const render::PixelRect map_clip = r.intersected(map_px_);
    if (!map_clip.empty()) map.draw(target, map_clip, quality_, times);
    target.setActive(true);  // ImGui draws into whatever framebuffer is bound: the target's
    widgets.render(times);
}

}  // namespace qmi::app
