#include "input/xi_touch.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include <X11/Xlib.h>
#include <X11/extensions/XInput2.h>

namespace qmi {

// ---- time ----------------------------------------------------------------------------------------------------

double XTimeMapper::map(unsigned long x_time_ms, double now_s) {
    if (anchored_) {
        // X server time is 32-bit milliseconds: unsigned 32-bit subtraction survives the wrap.
        const std::uint32_t delta_ms = static_cast<std::uint32_t>(x_time_ms) - static_cast<std::uint32_t>(base_x_);
        const double t = base_s_ + delta_ms / 1000.0;
        // Events are always a little in the past; far in the past or in the future means the clocks drifted or
        // the server restarted: re-anchor on the caller's clock.
        if (t <= now_s + 0.05 && t >= now_s - 2.0) return t;
    }
    anchored_ = true;
    base_x_ = x_time_ms;
    base_s_ = now_s;
    return now_s;
}

bool xi_touch_to_pointer(int evtype, int detail, double event_x, double event_y, int /*flags*/, double t,
                         PointerEvent& out) {
    switch (evtype) {
        case XI_TouchBegin: out.kind = PointerEvent::Down; break;
        case XI_TouchUpdate: out.kind = PointerEvent::Move; break;
        case XI_TouchEnd: out.kind = PointerEvent::Up; break;
        default: return false;
    }
    out.id = detail;
    out.source = PointerEvent::Touch;
    out.pos = {static_cast<float>(event_x), static_cast<float>(event_y)};
    out.t = t;
    return true;
}

// ---- X connection --------------------------------------------------------------------------------------------

struct XiTouchSource::Impl {
    Display* dpy = nullptr;
    Window window = 0;
    int xi_opcode = 0;
    int xi_major = 0, xi_minor = 0;
};

namespace {
// Xlib's default error handler exits the process. While selecting events we install this one, synchronously
// (XSync) collect the error, and put the previous handler back.
int g_x_error = 0;
int record_x_error(Display*, XErrorEvent* e) {
    g_x_error = e->error_code;
    return 0;
}
constexpr int kMaxEventsPerPoll = 10000;  // an event storm cannot freeze a frame
}  // namespace

const char* to_string(XiTouchSource::TouchStatus s) {
    switch (s) {
        case XiTouchSource::TouchStatus::Ok: return "ok";
        case XiTouchSource::TouchStatus::NoTouchDevice: return "no touch device";
        case XiTouchSource::TouchStatus::NoDisplay: return "no X display";
        case XiTouchSource::TouchStatus::NoXInput2: return "no XInput 2.2";
        case XiTouchSource::TouchStatus::WindowRefused: return "window refused";
    }
    return "?";
}

XiTouchSource::XiTouchSource(unsigned long window, const char* display_name) : impl_(std::make_unique<Impl>()) {
    impl_->dpy = XOpenDisplay(display_name);
    if (!impl_->dpy) {
        status_ = TouchStatus::NoDisplay;
        description_ = "touch: cannot open the X display, mouse only";
        return;
    }
    Display* dpy = impl_->dpy;
    int event_base = 0, error_base = 0;
    int major = 2, minor = 2;
    if (!XQueryExtension(dpy, "XInputExtension", &impl_->xi_opcode, &event_base, &error_base) ||
        XIQueryVersion(dpy, &major, &minor) != Success || major < 2 || (major == 2 && minor < 2)) {
        status_ = TouchStatus::NoXInput2;
        description_ = "touch: the X server has no XInput 2.2, mouse only";
        return;
    }
    impl_->xi_major = major;
    impl_->xi_minor = minor;
    impl_->window = window ? static_cast<Window>(window) : DefaultRootWindow(dpy);

    unsigned char touch_bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(touch_bits, XI_TouchBegin);
    XISetMask(touch_bits, XI_TouchUpdate);
    XISetMask(touch_bits, XI_TouchEnd);
    XIEventMask touch_mask{XIAllMasterDevices, static_cast<int>(sizeof touch_bits), touch_bits};

    unsigned char hier_bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(hier_bits, XI_HierarchyChanged);
    XIEventMask hier_mask{XIAllDevices, static_cast<int>(sizeof hier_bits), hier_bits};

    XSync(dpy, False);
    g_x_error = 0;
    XErrorHandler previous = XSetErrorHandler(record_x_error);
    XISelectEvents(dpy, impl_->window, &touch_mask, 1);
    XSync(dpy, False);
    const int touch_error = g_x_error;
    g_x_error = 0;
    // Touch screens plugged in later (or a USB reset) arrive as hierarchy changes on the root window.
    XISelectEvents(dpy, DefaultRootWindow(dpy), &hier_mask, 1);
    XSync(dpy, False);
    XSetErrorHandler(previous);

    if (touch_error) {
        char text[128] = "";
        XGetErrorText(dpy, touch_error, text, sizeof text);
        status_ = TouchStatus::WindowRefused;
        description_ = std::string("touch: cannot select touch events on window (") + text +
                       "; BadAccess means another client already has them), mouse only";
        return;
    }
    query_devices();
}

XiTouchSource::~XiTouchSource() {
    if (impl_ && impl_->dpy) XCloseDisplay(impl_->dpy);
}

void XiTouchSource::query_devices() {
    Display* dpy = impl_->dpy;
    int count = 0;
    XIDeviceInfo* devices = XIQueryDevice(dpy, XIAllDevices, &count);
    int touch_devices = 0;
    std::string names;
    for (int i = 0; devices && i < count; ++i) {
        const XIDeviceInfo& d = devices[i];
        if (d.use != XISlavePointer && d.use != XIFloatingSlave) continue;
        for (int c = 0; c < d.num_classes; ++c) {
            if (d.classes[c]->type != XITouchClass) continue;
            const auto* tc = reinterpret_cast<const XITouchClassInfo*>(d.classes[c]);
            // Only direct touch (a touch screen); touchpads (dependent touch) keep driving the mouse.
            if (tc->mode != XIDirectTouch) continue;
            ++touch_devices;
            char buf[200];
            std::snprintf(buf, sizeof buf, "%s%s (%d touches)", names.empty() ? "" : ", ", d.name ? d.name : "?",
                          tc->num_touches);
            names += buf;
        }
    }
    if (devices) XIFreeDeviceInfo(devices);
    char version[32];
    std::snprintf(version, sizeof version, "XI %d.%d", impl_->xi_major, impl_->xi_minor);
    if (touch_devices > 0) {
        status_ = TouchStatus::Ok;
        description_ = "touch: " + std::to_string(touch_devices) + " direct-touch device" +
                       (touch_devices > 1 ? "s: " : ": ") + names + ", " + version;
    } else {
        status_ = TouchStatus::NoTouchDevice;
        description_ = std::string("touch: no touch device (") + version + "), mouse only";
    }
}

void XiTouchSource::poll(std::vector<PointerEvent>& out, double now_s) {
    if (!impl_->dpy || status_ == TouchStatus::NoXInput2 || status_ == TouchStatus::WindowRefused) return;
    Display* dpy = impl_->dpy;
    for (int n = 0; n < kMaxEventsPerPoll && XPending(dpy) > 0; ++n) {
        XEvent ev;
        XNextEvent(dpy, &ev);
        XGenericEventCookie* cookie = &ev.xcookie;
        if (cookie->type != GenericEvent || cookie->extension != impl_->xi_opcode) continue;
        if (!XGetEventData(dpy, cookie)) continue;
        if (cookie->evtype == XI_HierarchyChanged) {
            query_devices();
        } else {
            const auto* de = static_cast<const XIDeviceEvent*>(cookie->data);
            PointerEvent pe;
            const double t = clock_.map(de->time, now_s);
            if (xi_touch_to_pointer(cookie->evtype, de->detail, de->event_x, de->event_y, de->flags, t, pe)) {
                out.push_back(pe);
                last_touch_s_ = std::max(last_touch_s_, t);
                if (pe.kind == PointerEvent::Down && down_.size() < 32) down_.push_back(pe.id);
                if (pe.kind == PointerEvent::Up) down_.erase(std::remove(down_.begin(), down_.end(), pe.id), down_.end());
            }
        }
        XFreeEventData(dpy, cookie);
    }
}

bool XiTouchSource::suppress_mouse(double now_s) const { return !down_.empty() || now_s - last_touch_s_ < 0.5; }

int XiTouchSource::connection_fd() const {
    if (!impl_->dpy || status_ == TouchStatus::NoXInput2 || status_ == TouchStatus::WindowRefused) return -1;
    return ConnectionNumber(impl_->dpy);
}

bool XiTouchSource::events_queued() const {
    return connection_fd() >= 0 && XEventsQueued(impl_->dpy, QueuedAlready) > 0;
}

}  // namespace qmi
