// Input scripts (--replay / --record): what a tester writes by hand must parse, and every mistake must name its line.
#include <catch2/catch.hpp>

#include "core/input_script.hpp"

using namespace qmi;

namespace {
bool has_error(const InputScript& s, const std::string& path, const std::string& words) {
    for (const ConfigError& e : s.errors)
        if (e.path == path && e.reason.find(words) != std::string::npos && e.file == "demo.jsonl") return true;
    return false;
}
}  // namespace

TEST_CASE("a hand-written script parses into timed events", "[input_script]") {
    const char* text =
        "# tap on Paris, then zoom\n"
        "{\"t\":0.00,\"type\":\"down\",\"id\":1,\"x\":960,\"y\":540}\n"
        "\n"
        "{\"t\":0.05,\"type\":\"move\",\"id\":1,\"x\":962.5,\"y\":541}\r\n"
        "{\"t\":0.10,\"type\":\"up\",\"id\":1,\"x\":962.5,\"y\":541}\n"
        "{\"t\":1.00,\"type\":\"wheel\",\"x\":100,\"y\":200,\"delta\":-2}\n"
        "{\"t\":1.50,\"type\":\"mouse\",\"action\":\"down\",\"x\":10,\"y\":20}\n"
        "{\"t\":1.60,\"type\":\"mouse\",\"action\":\"up\",\"x\":10,\"y\":20}\n"
        "{\"t\":2.00,\"type\":\"key\",\"key\":\"F4\",\"alt\":true}\n"
        "{\"t\":3.00,\"type\":\"close\"}";  // no final newline
    InputScript s = parse_input_script(text, "demo.jsonl");
    INFO((s.errors.empty() ? "" : s.errors[0].message()));
    CHECK(s.errors.empty());
    REQUIRE(s.events.size() == 8);
    CHECK(s.events[0].kind == InputEvent::Pointer);
    CHECK(s.events[0].pointer.kind == PointerEvent::Down);
    CHECK(s.events[0].pointer.source == PointerEvent::Touch);
    CHECK(s.events[1].pointer.pos.x == 962.5f);
    CHECK(s.events[1].pointer.t == 0.05);
    CHECK(s.events[2].pointer.kind == PointerEvent::Up);
    CHECK(s.events[3].kind == InputEvent::Wheel);
    CHECK(s.events[3].wheel.delta == -2);
    CHECK(s.events[4].pointer.source == PointerEvent::Mouse);
    CHECK(s.events[4].pointer.kind == PointerEvent::Down);
    CHECK(s.events[6].kind == InputEvent::Key);
    CHECK(s.events[6].key.key == "F4");
    CHECK(s.events[6].key.alt);
    CHECK_FALSE(s.events[6].key.ctrl);
    CHECK(s.events[7].kind == InputEvent::Close);
    CHECK(s.events[7].t == 3.0);
}

TEST_CASE("malformed lines are dropped with an error naming the line and the field", "[input_script]") {
    const char* text =
        "{\"t\":0,\"type\":\"down\",\"id\":1,\"x\":1,\"y\":1}\n"      // 1 ok
        "{\"t\":0.1,\"type\":\"down\",\"id\":2,\"x\":1\n"               // 2 truncated JSON
        "[1,2,3]\n"                                                     // 3 not an object
        "{\"t\":\"soon\",\"type\":\"up\",\"id\":1,\"x\":1,\"y\":1}\n"  // 4 t not a number
        "{\"t\":0.2,\"type\":\"jump\",\"id\":1}\n"                     // 5 unknown type
        "{\"t\":0.3,\"type\":\"move\",\"id\":1.5,\"x\":1,\"y\":1}\n"   // 6 id not an integer
        "{\"t\":0.4,\"type\":\"move\",\"id\":1,\"x\":1e300,\"y\":1}\n" // 7 absurd x
        "{\"t\":0.5,\"type\":\"wheel\",\"x\":1,\"y\":1}\n"             // 8 missing delta
        "{\"t\":0.6,\"type\":\"mouse\",\"action\":\"cancel\",\"x\":1,\"y\":1}\n"  // 9 bad mouse action
        "{\"t\":0.7,\"type\":\"up\",\"id\":1,\"x\":1,\"y\":1}\n";     // 10 ok
    InputScript s = parse_input_script(text, "demo.jsonl");
    CHECK(s.events.size() == 2);
    CHECK(has_error(s, "line 2", "not valid JSON"));
    CHECK(has_error(s, "line 3", "expected an object, got an array"));
    CHECK(has_error(s, "line 4 /t", "expected a number, got a string"));
    CHECK(has_error(s, "line 5 /type", "unknown event type \"jump\""));
    CHECK(has_error(s, "line 6 /id", "expected an integer"));
    CHECK(has_error(s, "line 7 /x", "must be between"));
    CHECK(has_error(s, "line 8 /delta", "missing"));
    CHECK(has_error(s, "line 9 /action", "expected \"down\", \"move\" or \"up\""));
    CHECK(s.errors.size() == 8);
    CHECK(s.errors[0].message() == "demo.jsonl: line 2: not valid JSON");
    CHECK_FALSE(s.complete);  // events are missing: --replay refuses it
}

TEST_CASE("impossible sequences are reported but kept for robustness replays", "[input_script]") {
    const char* text =
        "{\"t\":1,\"type\":\"up\",\"id\":4,\"x\":1,\"y\":1}\n"     // up without down
        "{\"t\":2,\"type\":\"down\",\"id\":1,\"x\":1,\"y\":1}\n"
        "{\"t\":2.1,\"type\":\"down\",\"id\":1,\"x\":1,\"y\":1}\n" // already down
        "{\"t\":1.5,\"type\":\"move\",\"id\":9,\"x\":1,\"y\":1}\n" // back in time and unknown finger
        "{\"t\":3,\"type\":\"mouse\",\"action\":\"move\",\"x\":5,\"y\":5}\n";  // hover: fine
    InputScript s = parse_input_script(text, "demo.jsonl");
    CHECK(s.events.size() == 5);
    CHECK(has_error(s, "line 1 /id", "finger 4 goes up but is not down"));
    CHECK(has_error(s, "line 3 /id", "finger 1 is already down (line 2)"));
    CHECK(has_error(s, "line 4 /t", "time goes backwards"));
    CHECK(has_error(s, "line 4 /id", "finger 9 moves but is not down"));
    CHECK(has_error(s, "line 3", "finger 1 never goes up"));
    CHECK(s.errors.size() == 5);
    CHECK(s.complete);  // nothing missing: --replay plays it (with a warning)
}

TEST_CASE("hostile input: huge lines, binary, empty", "[input_script]") {
    std::string big = "{\"t\":0,\"type\":\"close\",\"pad\":\"" + std::string(5000, 'x') + "\"}\n";
    InputScript s = parse_input_script(big, "demo.jsonl");
    CHECK(s.events.empty());
    CHECK(has_error(s, "line 1", "longer than 4096"));

    std::string binary("\x00\xff\xfe{\n\x01\x02", 7);
    InputScript b = parse_input_script(binary, "demo.jsonl");
    CHECK(b.events.empty());
    CHECK(b.errors.size() == 2);

    InputScript e = parse_input_script("", "demo.jsonl");
    CHECK(e.events.empty());
    CHECK(e.errors.empty());

    std::string deep(3000, '[');
    InputScript d = parse_input_script(deep, "demo.jsonl");
    CHECK(d.events.empty());
    CHECK(d.errors.size() == 1);
}

TEST_CASE("serialise then parse gives the same events back", "[input_script]") {
    std::vector<InputEvent> in;
    InputEvent e;
    e.kind = InputEvent::Pointer;
    e.t = 0.016667;
    e.pointer = {3, PointerEvent::Down, {960.5f, 540.25f}, 0.016667, PointerEvent::Touch};
    in.push_back(e);
    e.t = 0.5;
    e.pointer = {3, PointerEvent::Up, {961, 541}, 0.5, PointerEvent::Touch};
    in.push_back(e);
    e.t = 0.75;
    e.pointer = {2, PointerEvent::Down, {10, 20}, 0.75, PointerEvent::Mouse};
    in.push_back(e);
    e.t = 0.8;
    e.pointer = {2, PointerEvent::Up, {10, 20}, 0.8, PointerEvent::Mouse};
    in.push_back(e);
    InputEvent w;
    w.kind = InputEvent::Wheel;
    w.t = 1.25;
    w.wheel = {{100, 200}, -1.5f, 1.25};
    in.push_back(w);
    InputEvent k;
    k.kind = InputEvent::Key;
    k.t = 2;
    k.key.key = "Q";
    k.key.ctrl = true;
    in.push_back(k);
    InputEvent c;
    c.kind = InputEvent::Close;
    c.t = 3;
    in.push_back(c);

    const std::string text = serialise_input_script(in);
    CHECK(text.substr(0, text.find('\n')) == "{\"t\":0.016667,\"type\":\"down\",\"id\":3,\"x\":960.5,\"y\":540.25}");
    InputScript out = parse_input_script(text, "demo.jsonl");
    CHECK(out.errors.empty());
    REQUIRE(out.events.size() == in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        CHECK(out.events[i].kind == in[i].kind);
        CHECK(out.events[i].t == Approx(in[i].t).margin(1e-6));
    }
    CHECK(out.events[0].pointer.pos.x == 960.5f);
    CHECK(out.events[0].pointer.id == 3);
    CHECK(out.events[2].pointer.source == PointerEvent::Mouse);
    CHECK(out.events[2].pointer.id == 2);
    CHECK(out.events[4].wheel.delta == -1.5f);
    CHECK(out.events[5].key.key == "Q");
    CHECK(out.events[5].key.ctrl);
}
