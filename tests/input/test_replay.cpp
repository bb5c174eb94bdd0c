// Replay and record: a script drives the loop at its timestamps on a virtual clock, and a recording replays as made.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/gestures.hpp"
#include "input/replay.hpp"

using namespace qmi;

TEST_CASE("replay delivers each event once, at its time, on the loop clock", "[replay]") {
    const char* text =
        "{\"t\":0.00,\"type\":\"down\",\"id\":1,\"x\":500,\"y\":500}\n"
        "{\"t\":0.05,\"type\":\"up\",\"id\":1,\"x\":500,\"y\":500}\n"
        "{\"t\":0.20,\"type\":\"down\",\"id\":1,\"x\":505,\"y\":500}\n"
        "{\"t\":0.25,\"type\":\"up\",\"id\":1,\"x\":505,\"y\":500}\n"
        "{\"t\":1.00,\"type\":\"key\",\"key\":\"Escape\"}\n";
    InputScript s = parse_input_script(text, "tap.jsonl");
    REQUIRE(s.errors.empty());
    VirtualClock clock(1.0 / 60, 100.0);
    InputReplay replay(s.events, clock.now());
    CHECK(replay.end_time() == Approx(101.0));

    GestureRecognizer g;
    std::vector<int> frame_of_event;
    std::vector<GestureAction> actions;
    int keys = 0;
    for (int frame = 0; frame < 120 && !replay.finished(); ++frame) {
        for (const InputEvent& e : replay.poll(clock.now())) {
            frame_of_event.push_back(frame);
            if (e.kind == InputEvent::Pointer) {
                CHECK(e.pointer.t == e.t);
                CHECK(e.t <= clock.now());
                g.on_pointer(e.pointer);
            }
            if (e.kind == InputEvent::Key) ++keys;
        }
        g.update(clock.now());
        for (auto& a : g.take_actions()) actions.push_back(a);
        clock.tick();
    }
    CHECK(replay.finished());
    CHECK(replay.delivered() == 5);
    REQUIRE(frame_of_event.size() == 5);
    CHECK(frame_of_event[0] == 0);
    CHECK(frame_of_event[1] == 3);   // 0.05 s = frame 3 at 60 Hz
    CHECK(frame_of_event[2] == 12);
    CHECK(frame_of_event[4] == 60);
    CHECK(keys == 1);
    // The user-visible result: the two taps are a double tap.
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].kind == GestureAction::Tap);
    CHECK(actions[1].kind == GestureAction::DoubleTap);
    CHECK(replay.poll(clock.now() + 100).empty());
}

TEST_CASE("a recording saved to disk replays the same events", "[replay]") {
    const auto dir = std::filesystem::temp_directory_path() / ("qmi-replay-test-" + std::to_string(::getpid()));
    const auto file = (dir / "session.jsonl").string();
    InputRecorder rec(50.0);
    InputEvent e;
    e.kind = InputEvent::Pointer;
    e.pointer = {4, PointerEvent::Down, {10, 20}, 0, PointerEvent::Touch};
    rec.add(e, 50.5);
    e.pointer = {4, PointerEvent::Up, {12, 22}, 0, PointerEvent::Touch};
    rec.add(e, 50.4);  // clock hiccup: recorded time never goes backwards
    InputEvent w;
    w.kind = InputEvent::Wheel;
    w.wheel = {{300, 200}, 1, 0};
    rec.add(w, 52.0);
    REQUIRE(rec.save(file) == "");

    InputScript back = load_input_script(file);
    CHECK(back.errors.empty());
    REQUIRE(back.events.size() == 3);
    CHECK(back.events[0].t == Approx(0.5));
    CHECK(back.events[1].t == Approx(0.5));
    CHECK(back.events[1].pointer.pos.x == 12);
    CHECK(back.events[2].kind == InputEvent::Wheel);
    CHECK(back.events[2].t == Approx(2.0));
    std::filesystem::remove_all(dir);

    InputScript missing = load_input_script((dir / "nope.jsonl").string());
    CHECK(missing.events.empty());
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].message().find("nope.jsonl") != std::string::npos);
}
