// Which pixels a frame must repaint. A frame that only moves the map changes the map area and nothing else; a banner
// that ticks once a minute changes its own strip. When the window's back buffer still holds an earlier frame (its
// "age", see render/presenter.hpp), repainting what changed since THAT frame gives the same picture as repainting
// everything, at a fraction of the cost on a software rasteriser. Pure arithmetic, no GL.
#pragma once
#include <array>
#include <cstddef>
#include <vector>

#include "core/camera.hpp"

namespace qmi::render {

// Whole pixels [x0, x1) x [y0, y1), y down (screen coordinates, as ImGui and the camera use).
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    bool contains(const PixelRect& r) const {
        return r.empty() || (x0 <= r.x0 && y0 <= r.y0 && r.x1 <= x1 && r.y1 <= y1);
    }
    bool operator==(const PixelRect& o) const { return x0 == o.x0 && y0 == o.y0 && x1 == o.x1 && y1 == o.y1; }
    // The smallest rectangle holding both (an empty one adds nothing).
    PixelRect united(const PixelRect& o) const;
    PixelRect intersected(const PixelRect& o) const;
    // Every pixel the rectangle touches, even partly.
    static PixelRect covering(double x0, double y0, double x1, double y1);
    static PixelRect covering(const ScreenRect& r) { return covering(r.x, r.y, r.x + r.w, r.y + r.h); }
};

// What a frame gives the presenter: the rectangles it repainted in the back buffer, and before them, optionally, an
// area of the window's pixels to move by (dx, dy) (a map dragged by whole pixels, see render/presenter.hpp).
struct Frame {
    std::vector<PixelRect> rects;
    PixelRect scroll_area;  // where the moved pixels come from
    int dx = 0, dy = 0;
    bool scroll_sent = false;  // the presenter already moved them (Presenter::scroll, before the painting)
    bool scrolls() const { return (dx != 0 || dy != 0) && !scroll_area.empty(); }
    bool empty() const { return rects.empty() && !scrolls(); }
    PixelRect bounds() const {
        PixelRect b;
        for (const PixelRect& r : rects) b = b.united(r);
        return b;
    }
};

// Merges rectangles that touch or overlap into their union when that covers few more pixels than they do: each
// rectangle is painted separately (map chunks, ImGui lists), so a handful of thin neighbours cost more than one.
void merge_close(std::vector<PixelRect>& rects);

// The damage of the frame being built and of the last few presented ones.
class ScreenDamage {
public:
    // How many presented frames are remembered: back buffers older than this are repainted whole.
    static constexpr size_t kHistory = 4;

    explicit ScreenDamage(PixelRect screen = {}) : screen_(screen) {}
    // A new screen size: nothing on screen can be trusted.
    void reset(PixelRect screen);
    // Pixels this frame changes.
    void add(const PixelRect& r) { current_ = current_.united(r.intersected(screen_)); }
    void add_all() { current_ = screen_; }
    const PixelRect& current() const { return current_; }
    // What to repaint in a back buffer that holds the frame presented `age` frames ago: this frame's damage and that
    // of the age - 1 frames after that one. age 0 (content unknown) or older than the history: the whole screen.
    PixelRect repaint(unsigned age) const;
    // This frame was presented: its damage joins the history, the next frame starts clean.
    void presented();

private:
    PixelRect screen_;
    PixelRect current_;
    std::array<PixelRect, kHistory> history_{};  // [0]: the last presented frame's damage
    size_t known_ = 0;                           // presented frames in the history since the last reset
};

}  // namespace qmi::render
