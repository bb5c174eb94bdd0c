#include "render/presenter.hpp"

#include <cstring>

#include <spdlog/spdlog.h>

// After SFML: Xlib's macros (None, Status, ...) would break SFML's headers.
#include <GL/glx.h>

namespace qmi::render {

namespace {

constexpr int kBackBufferAgeExt = 0x20F4;  // GLX_BACK_BUFFER_AGE_EXT
using CopySubBuffer = void (*)(Display*, GLXDrawable, int, int, int, int);

bool has_extension(const char* list, const char* name) {
    if (!list) return false;
    const size_t n = std::strlen(name);
    for (const char* p = list; (p = std::strstr(p, name)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

}  // namespace

Presenter::~Presenter() {
    if (gc_) XFreeGC(static_cast<Display*>(gc_display_), static_cast<GC>(gc_));
}

void Presenter::attach(sf::RenderWindow& window, bool allow_copy) {
    window_ = &window;
    method_ = Method::Swap;
    copy_sub_buffer_ = nullptr;
    if (!window.setActive(true)) return;
    Display* dpy = glXGetCurrentDisplay();
    if (!dpy || !glXGetCurrentDrawable()) return;
    const char* ext = glXQueryExtensionsString(dpy, DefaultScreen(dpy));
    if (has_extension(ext, "GLX_EXT_buffer_age")) {
        method_ = Method::SwapWithAge;
    } else if (allow_copy && has_extension(ext, "GLX_MESA_copy_sub_buffer")) {
        copy_sub_buffer_ = reinterpret_cast<void*>(
            glXGetProcAddressARB(reinterpret_cast<const GLubyte*>("glXCopySubBufferMESA")));
        if (copy_sub_buffer_) method_ = Method::CopyRegion;
    }
    spdlog::info("present: {}", describe());
}

unsigned Presenter::buffer_age() const {
    switch (method_) {
        case Method::CopyRegion: return 1;  // never swapped: it holds exactly what was drawn last
        case Method::SwapWithAge: {
            if (!window_ || !window_->setActive(true)) return 0;
            unsigned age = 0;
            glXQueryDrawable(glXGetCurrentDisplay(), glXGetCurrentDrawable(), kBackBufferAgeExt, &age);
            return age;
        }
        case Method::Swap: return 0;
    }
    return 0;
}

void Presenter::present(sf::RenderWindow& window, const PixelRect& region) {
    if (method_ != Method::CopyRegion) {
        window.display();
        return;
    }
    if (region.empty() || !window.setActive(true)) return;
    // GL rows count from the bottom; the copy flushes the frame's drawing first.
    const int h = static_cast<int>(window.getSize().y);
    reinterpret_cast<CopySubBuffer>(copy_sub_buffer_)(glXGetCurrentDisplay(), glXGetCurrentDrawable(), region.x0,
                                                      h - region.y1, region.width(), region.height());
}

void Presenter::finish(sf::RenderWindow& window) {
    if (!window.setActive(true)) return;
    glFinish();
    if (Display* dpy = glXGetCurrentDisplay()) XSync(dpy, False);
}

int Presenter::x_connection_fd() const {
    if (!window_ || !window_->setActive(true)) return -1;
    Display* dpy = glXGetCurrentDisplay();
    return dpy ? ConnectionNumber(dpy) : -1;
}

int Presenter::x_events_queued() const {
    if (!window_ || !window_->setActive(true)) return 0;
    Display* dpy = glXGetCurrentDisplay();
    return dpy ? XEventsQueued(dpy, QueuedAfterFlush) : 0;
}

void Presenter::present(sf::RenderWindow& window, const Frame& frame) {
    if (method_ != Method::CopyRegion) {
        window.display();
        return;
    }
    if (!frame.scroll_sent) scroll(window, frame);
    for (const PixelRect& r : frame.rects) present(window, r);
}

void Presenter::scroll(sf::RenderWindow& window, const Frame& frame) {
    if (method_ == Method::CopyRegion && frame.scrolls() && window.setActive(true)) {
        Display* dpy = glXGetCurrentDisplay();
        const auto win = static_cast< ::Window>(window.getSystemHandle());
        if (!gc_ || gc_window_ != win) {
            if (gc_) XFreeGC(static_cast<Display*>(gc_display_), static_cast<GC>(gc_));
            XGCValues values{};
            values.graphics_exposures = False;  // the kiosk window is never covered: nothing to re-expose
            gc_ = XCreateGC(dpy, win, GCGraphicsExposures, &values);
            gc_window_ = win;
            gc_display_ = dpy;
        }
        // The part of the area that stays inside it once moved.
        const PixelRect& a = frame.scroll_area;
        const PixelRect src = a.intersected({a.x0 - frame.dx, a.y0 - frame.dy, a.x1 - frame.dx, a.y1 - frame.dy});
        if (!src.empty())
            XCopyArea(dpy, win, win, static_cast<GC>(gc_), src.x0, src.y0, static_cast<unsigned>(src.width()),
                      static_cast<unsigned>(src.height()), src.x0 + frame.dx, src.y0 + frame.dy);
        XFlush(dpy);
    }
}

std::string Presenter::describe() const {
    switch (method_) {
        case Method::CopyRegion: return "copying the repainted region (GLX_MESA_copy_sub_buffer), no swap";
        case Method::SwapWithAge: return "swapping buffers, repainting what changed since the buffer's frame "
                                         "(GLX_EXT_buffer_age)";
        case Method::Swap: return "swapping buffers, repainting every frame whole";
    }
    return "";
}

}  // namespace qmi::render
