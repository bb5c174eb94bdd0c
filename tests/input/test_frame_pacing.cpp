// The frame loop's timing decisions, without a display: how long an idle kiosk sleeps, and how an animation alone
// is held to the display's 60 Hz while input is always drawn at once.
#include <catch2/catch.hpp>

#include "app/frame_loop.hpp"

using namespace std::chrono_literals;
using qmi::app::idle_sleep;
using qmi::app::pacing_wait;

TEST_CASE("an animation alone is drawn at 60 frames a second, not as fast as the CPU allows") {
    // 2 ms after the last frame, nothing new from the visitor: wait for the rest of the 16.7 ms period.
    CHECK(pacing_wait(10.000, 10.002, false) == 15ms);
    // A second's worth of such frames: at most 60 of them.
    int drawn = 0;
    double last = -1;
    for (double t = 0; t < 1.0; t += 0.001)  // a loop that could run 1,000 times a second
        if (pacing_wait(last, t, false).count() == 0) {
            ++drawn;
            last = t;
        }
    CHECK(drawn >= 59);
    CHECK(drawn <= 60);
}

TEST_CASE("a frame that carries input is drawn at once, however recent the last one") {
    CHECK(pacing_wait(10.000, 10.001, true) == 0ms);
    CHECK(pacing_wait(-1, 0.0, false) == 0ms);       // the first frame
    CHECK(pacing_wait(10.000, 10.020, false) == 0ms);  // a period has gone by
}

TEST_CASE("an idle kiosk sleeps until its next change, the next scripted event, or a quarter of a second") {
    CHECK(idle_sleep(60000ms, 5.0, 1e9, 250ms) == 250ms);
    CHECK(idle_sleep(40ms, 5.0, 1e9, 250ms) == 40ms);
    CHECK(idle_sleep(60000ms, 5.0, 5.1, 250ms) == 100ms);
    CHECK(idle_sleep(60000ms, 5.0, 4.0, 250ms) == 0ms);  // an event already due
}
