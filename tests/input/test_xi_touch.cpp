// XInput2 touch source. Without touch hardware this checks what can be checked: the XI event conversion and the
// X-time mapping on synthetic input, and, on a private Xvfb (no touch device there), that the source initialises,
// says "no touch device" cleanly, polls nothing and survives a bad window id or a missing display.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/extensions/XInput2.h>

#include "input/xi_touch.hpp"

using namespace qmi;

namespace {

// A private Xvfb on a free display number (-displayfd), killed at the end of the test case.
struct PrivateXvfb {
    pid_t pid = -1;
    std::string display;
    PrivateXvfb() {
        int fds[2];
        if (pipe(fds) != 0) return;
        pid = fork();
        if (pid == 0) {
            close(fds[0]);
            const std::string fd = std::to_string(fds[1]);
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "640x480x24", "-nolisten", "tcp",
                   static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        char buf[32] = {};
        ssize_t n = 0, got = 0;
        while (got < static_cast<ssize_t>(sizeof buf) - 1 && (n = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0) {
            got += n;
            if (buf[got - 1] == '\n') break;
        }
        close(fds[0]);
        if (got > 0) display = ":" + std::string(buf, buf + got - (buf[got - 1] == '\n' ? 1 : 0));
    }
    ~PrivateXvfb() {
        if (pid > 0) {
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
        }
    }
};

}  // namespace

TEST_CASE("XI touch events become touch PointerEvents, other XI events are ignored", "[xi_touch]") {
    PointerEvent e;
    REQUIRE(xi_touch_to_pointer(XI_TouchBegin, 17, 960.5, 540.25, 0, 3.5, e));
    CHECK(e.kind == PointerEvent::Down);
    CHECK(e.id == 17);
    CHECK(e.source == PointerEvent::Touch);
    CHECK(e.pos.x == 960.5f);
    CHECK(e.pos.y == 540.25f);
    CHECK(e.t == 3.5);
    REQUIRE(xi_touch_to_pointer(XI_TouchUpdate, 17, 970, 540, 0, 3.6, e));
    CHECK(e.kind == PointerEvent::Move);
    REQUIRE(xi_touch_to_pointer(XI_TouchEnd, 17, 970, 540, 0, 3.7, e));
    CHECK(e.kind == PointerEvent::Up);
    CHECK_FALSE(xi_touch_to_pointer(XI_ButtonPress, 1, 0, 0, 0, 3.8, e));
    CHECK_FALSE(xi_touch_to_pointer(XI_Motion, 1, 0, 0, 0, 3.8, e));
}

TEST_CASE("X server milliseconds map onto the loop clock with exact spacing, across the 32-bit wrap", "[xi_touch]") {
    XTimeMapper m;
    CHECK(m.map(1000, 50.0) == 50.0);             // anchored on the first event
    CHECK(m.map(1016, 50.02) == Approx(50.016));  // spacing kept, not the poll time
    CHECK(m.map(1040, 50.05) == Approx(50.040));
    XTimeMapper w;
    w.map(0xFFFFFFF0ul, 10.0);
    CHECK(w.map(0x00000010ul, 10.05) == Approx(10.032));  // 32 ms later, through the wrap
    // Server restarted (time jumps back) or clocks drifted: re-anchored on the loop clock.
    CHECK(w.map(5, 20.0) == 20.0);
    CHECK(w.map(10, 20.01) == Approx(20.005));
}

TEST_CASE("under Xvfb: initialises, reports no touch device, polls nothing, does not crash", "[xi_touch]") {
    PrivateXvfb xvfb;
    if (xvfb.display.empty()) {
        WARN("Xvfb could not be started (package xvfb): X part not tested");
        return;
    }
    Display* dpy = XOpenDisplay(xvfb.display.c_str());
    REQUIRE(dpy);
    const Window win = XCreateSimpleWindow(dpy, DefaultRootWindow(dpy), 0, 0, 640, 480, 0, 0, 0);
    XMapWindow(dpy, win);
    XSync(dpy, False);

    XiTouchSource touch(win, xvfb.display.c_str());
    CHECK(touch.status() == XiTouchSource::TouchStatus::NoTouchDevice);
    CHECK_FALSE(touch.has_touch_device());
    CHECK(touch.description().find("no touch device") != std::string::npos);
    CHECK(touch.description().find("XI 2.") != std::string::npos);
    std::vector<PointerEvent> events;
    // Mouse activity on the window (from the app's own connection) must not come out as touch.
    XWarpPointer(dpy, None, win, 0, 0, 0, 0, 100, 100);
    XSync(dpy, False);
    for (int i = 0; i < 5; ++i) touch.poll(events, i * 0.016);
    CHECK(events.empty());
    CHECK(touch.fingers_down() == 0);
    CHECK_FALSE(touch.suppress_mouse(10.0));

    // A second source on the same window: XI allows one touch client per window -> refused cleanly.
    XiTouchSource second(win, xvfb.display.c_str());
    CHECK(second.status() == XiTouchSource::TouchStatus::WindowRefused);
    CHECK(second.description().find("BadAccess") != std::string::npos);

    // A window id that does not exist: refused, reported, no exit from Xlib's default error handler.
    XiTouchSource bogus(0x7ffffff, xvfb.display.c_str());
    CHECK(bogus.status() == XiTouchSource::TouchStatus::WindowRefused);
    bogus.poll(events, 1.0);
    CHECK(events.empty());

    XDestroyWindow(dpy, win);
    XCloseDisplay(dpy);
}

TEST_CASE("no X display: reported, mouse only", "[xi_touch]") {
    XiTouchSource touch(0, ":4242");  // nothing listens there
    CHECK(touch.status() == XiTouchSource::TouchStatus::NoDisplay);
    CHECK(std::string(to_string(touch.status())) == "no X display");
    std::vector<PointerEvent> events;
    touch.poll(events, 0);
    CHECK(events.empty());
}
