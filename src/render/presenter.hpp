// Puts a drawn frame on the screen, and says what the window's back buffer holds afterwards, so that the next frame
// repaints only what changed (render/screen_damage.hpp).
//
// Drivers differ. Mesa's software rasteriser on X (llvmpipe, Xvfb, virtual machines, thin clients) copies the back
// buffer to the window on every swap, 8 MB at 1080p, and keeps it; it reports nothing about it, but offers
// GLX_MESA_copy_sub_buffer, which copies only a rectangle: the kiosk presents the repainted rectangle alone and
// the back buffer always holds the last frame (age 1). A GPU driver that reports GLX_EXT_buffer_age swaps
// (tear-free, synchronised with the display) and says how old the new back buffer is. Any other driver swaps with
// age 0: every frame is repainted whole, as before.
#pragma once
#include <string>

#include <SFML/Graphics/RenderWindow.hpp>

#include "render/screen_damage.hpp"

namespace qmi::render {

class Presenter {
public:
    Presenter() = default;
    ~Presenter();
    Presenter(const Presenter&) = delete;
    Presenter& operator=(const Presenter&) = delete;
    enum class Method { Swap, SwapWithAge, CopyRegion };

    // Picks the method for `window`, whose GL context must be active. Cheap; call again after re-creating the
    // window. `allow_copy`: false keeps the plain swap (diagnosis, or a display where vsync matters more).
    void attach(sf::RenderWindow& window, bool allow_copy = true);
    // Frames old the back buffer's content is when the next frame starts drawing: 1 = the last presented frame,
    // 0 = unknown (repaint everything).
    unsigned buffer_age() const;
    // Presents `region` of the back buffer (the window's context must be active). An empty region presents
    // nothing; with a plain swap the whole buffer is presented whatever the region.
    void present(sf::RenderWindow& window, const PixelRect& region);
    // Presents a frame: first its scroll unless already sent (the X server moves those pixels of the window, a
    // copy of a millisecond or two that reaches the screen at once), then its rectangles. With a swap, the whole
    // buffer.
    void present(sf::RenderWindow& window, const Frame& frame);
    // Sends the frame's scroll alone, before the frame is painted (KioskView::draw_frame calls it through its
    // `scroll` argument), so that the moved map is on screen while the uncovered strip is drawn.
    void scroll(sf::RenderWindow& window, const Frame& frame);
    // True when the window shows exactly the last frame presented and the presenter can move its pixels: frames may
    // then scroll (KioskView::draw_frame).
    bool can_scroll() const { return method_ == Method::CopyRegion; }
    Method method() const { return method_; }
    // Waits until everything presented so far is on the screen (GL finished, X server done): for benchmarks.
    void finish(sf::RenderWindow& window);
    // The X connection of the window's GL context, for a loop that sleeps in poll() until input arrives (-1: none),
    // and how many events Xlib holds read from it (poll() does not wake for those; reading them is the window's).
    int x_connection_fd() const;
    int x_events_queued() const;
    std::string describe() const;

private:
    Method method_ = Method::Swap;
    sf::RenderWindow* window_ = nullptr;
    void* copy_sub_buffer_ = nullptr;  // glXCopySubBufferMESA
    unsigned long gc_window_ = 0;     // the window gc_ was made for
    void* gc_ = nullptr;              // X graphics context of the scrolls
    void* gc_display_ = nullptr;
};

}  // namespace qmi::render
