// Staff access: the hidden corner hold, the PIN check with rate limiting, and which keys kiosk mode swallows.
#include <catch2/catch.hpp>

#include <cstring>

#include <sodium.h>

#include "core/staff_access.hpp"

using namespace qmi;

namespace {
// Cheapest libsodium cost so the tests stay fast; verification reads the cost from the string.
std::string quick_hash(const char* pin) {
    REQUIRE(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str(out, pin, std::strlen(pin), crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) ==
            0);
    return out;
}
Settings::Staff staff(const std::string& hash) {
    Settings::Staff s;
    s.pin_hash = hash;
    s.corner_hold_s = 5;
    s.max_pin_attempts = 3;
    s.lockout_s = 60;
    return s;
}
PointerEvent ev(PointerEvent::Kind k, int id, float x, float y, double t) {
    PointerEvent e;
    e.kind = k;
    e.id = id;
    e.pos = {x, y};
    e.t = t;
    return e;
}
}  // namespace

TEST_CASE("holding the top-left 15 mm corner for 5 s opens the PIN pad", "[staff]") {
    StaffAccess s(staff(quick_hash("2468")), 4.0f);  // 4 px/mm: corner is 60 px
    CHECK(s.corner_px() == Approx(60));
    s.on_pointer(ev(PointerEvent::Down, 1, 20, 30, 100));
    s.update(104.9);
    CHECK_FALSE(s.pin_pad_open());
    s.on_pointer(ev(PointerEvent::Move, 1, 25, 35, 104.95));  // small wobble inside the square is fine
    s.update(105.0);
    CHECK(s.pin_pad_open());
    CHECK(s.take_pin_pad_opened());
    CHECK_FALSE(s.take_pin_pad_opened());
    // Nobody touches the pad: it closes by itself after 30 s so visitors never find it open.
    s.update(134.9);
    CHECK(s.pin_pad_open());
    s.pin_pad_activity(134.9);
    s.update(164.8);
    CHECK(s.pin_pad_open());
    s.update(164.9);
    CHECK_FALSE(s.pin_pad_open());
}

TEST_CASE("the hold does not count when outside the corner, moved out, lifted early or with two fingers", "[staff]") {
    StaffAccess s(staff(quick_hash("2468")), 4.0f);
    s.on_pointer(ev(PointerEvent::Down, 1, 61, 10, 0));  // just outside the 60 px square
    s.update(10);
    CHECK_FALSE(s.pin_pad_open());
    s.on_pointer(ev(PointerEvent::Up, 1, 61, 10, 10));

    s.on_pointer(ev(PointerEvent::Down, 1, 10, 10, 20));
    s.on_pointer(ev(PointerEvent::Move, 1, 10, 80, 22));  // slides out
    s.on_pointer(ev(PointerEvent::Move, 1, 10, 10, 23));  // and back: the hold does not resume
    s.update(30);
    CHECK_FALSE(s.pin_pad_open());
    s.on_pointer(ev(PointerEvent::Up, 1, 10, 10, 30));

    s.on_pointer(ev(PointerEvent::Down, 1, 10, 10, 40));
    s.on_pointer(ev(PointerEvent::Up, 1, 10, 10, 44));
    s.update(50);
    CHECK_FALSE(s.pin_pad_open());

    s.on_pointer(ev(PointerEvent::Down, 1, 10, 10, 60));
    s.on_pointer(ev(PointerEvent::Down, 2, 500, 500, 60.5));
    s.update(70);
    CHECK_FALSE(s.pin_pad_open());
}

TEST_CASE("no pin_hash: no staff menu at all", "[staff]") {
    StaffAccess s(staff(""), 4.0f);
    CHECK_FALSE(s.enabled());
    s.on_pointer(ev(PointerEvent::Down, 1, 10, 10, 0));
    s.update(60);
    CHECK_FALSE(s.pin_pad_open());
    CHECK(s.submit_pin("0000", 61) == PinResult::Disabled);
    CHECK_FALSE(s.unlocked());
}

TEST_CASE("the right PIN unlocks, a wrong one does not", "[staff]") {
    StaffAccess s(staff(quick_hash("2468")), 4.0f);
    CHECK(s.submit_pin("1357", 1) == PinResult::Wrong);
    CHECK(s.attempts_left() == 2);
    CHECK_FALSE(s.unlocked());
    CHECK(s.submit_pin("", 2) == PinResult::Malformed);
    CHECK(s.submit_pin("24a8", 2) == PinResult::Malformed);
    CHECK(s.submit_pin(std::string(100, '1'), 2) == PinResult::Malformed);
    CHECK(s.attempts_left() == 2);  // malformed input is not checked and not counted
    CHECK(s.submit_pin("2468", 3) == PinResult::Accepted);
    CHECK(s.unlocked());
    CHECK(s.attempts_left() == 3);
    s.lock();
    CHECK_FALSE(s.unlocked());
}

TEST_CASE("three wrong PINs lock the pad, and each further lockout doubles", "[staff]") {
    StaffAccess s(staff(quick_hash("2468")), 4.0f);
    CHECK(s.submit_pin("1111", 10) == PinResult::Wrong);
    CHECK(s.submit_pin("2222", 11) == PinResult::Wrong);
    CHECK(s.submit_pin("3333", 12) == PinResult::Wrong);
    CHECK(s.lockout_remaining(12) == Approx(60));
    // Even the right PIN is refused during the lockout, without being checked.
    CHECK(s.submit_pin("2468", 50) == PinResult::LockedOut);
    CHECK_FALSE(s.unlocked());
    CHECK(s.lockout_remaining(50) == Approx(22));

    CHECK(s.submit_pin("4444", 72) == PinResult::Wrong);
    CHECK(s.submit_pin("5555", 73) == PinResult::Wrong);
    CHECK(s.submit_pin("6666", 74) == PinResult::Wrong);
    CHECK(s.lockout_remaining(74) == Approx(120));
    CHECK(s.submit_pin("2468", 193) == PinResult::LockedOut);
    CHECK(s.submit_pin("2468", 194) == PinResult::Accepted);

    // Success resets the doubling: the next lockout is 60 s again.
    s.lock();
    s.submit_pin("1", 200);
    s.submit_pin("2", 201);
    s.submit_pin("3", 202);
    CHECK(s.lockout_remaining(202) == Approx(60));
}

TEST_CASE("hash_staff_pin produces a string that verifies the PIN", "[staff]") {
    const auto h = hash_staff_pin("97531");
    REQUIRE(h);
    CHECK(h->rfind("$argon2id$", 0) == 0);
    StaffAccess s(staff(*h), 4.0f);
    CHECK(s.submit_pin("97530", 1) == PinResult::Wrong);
    CHECK(s.submit_pin("97531", 2) == PinResult::Accepted);
}

TEST_CASE("kiosk mode swallows the exit shortcuts, windowed mode quits on them", "[staff]") {
    auto k = [](const char* key, bool ctrl = false, bool alt = false) {
        KeyChord c;
        c.key = key;
        c.ctrl = ctrl;
        c.alt = alt;
        return c;
    };
    for (bool kiosk : {true, false}) {
        const KeyAction exit = kiosk ? KeyAction::Ignore : KeyAction::Quit;
        CHECK(kiosk_key_action(k("Escape"), kiosk) == exit);
        CHECK(kiosk_key_action(k("F4", false, true), kiosk) == exit);
        CHECK(kiosk_key_action(k("Q", true), kiosk) == exit);
        CHECK(kiosk_key_action(k("W", true), kiosk) == exit);
        CHECK(kiosk_key_action(k("F4"), kiosk) == KeyAction::Pass);        // plain F4
        CHECK(kiosk_key_action(k("Q"), kiosk) == KeyAction::Pass);         // typing a Q
        CHECK(kiosk_key_action(k("Q", true, true), kiosk) == KeyAction::Pass);
        CHECK(kiosk_key_action(k("Return"), kiosk) == KeyAction::Pass);
    }
    CHECK(kiosk_key_action(k("Tab", false, true), true) == KeyAction::Ignore);
    CHECK(kiosk_key_action(k("Tab", false, true), false) == KeyAction::Pass);
    KeyChord super = k("LSystem");
    CHECK(kiosk_key_action(super, true) == KeyAction::Ignore);
    CHECK(kiosk_allows_window_close(false));
    CHECK_FALSE(kiosk_allows_window_close(true));
}

TEST_CASE("the corner hold reports its progress under the finger, but not for a brief touch") {
    Settings::Staff staff;
    staff.pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA";  // never checked here
    staff.corner_hold_s = 5;
    StaffAccess s(staff, 4.0f);  // 15 mm corner = 60 px
    s.on_pointer(PointerEvent{1, PointerEvent::Down, {10, 12}, 1.0, PointerEvent::Touch});
    CHECK_FALSE(s.corner_hold(1.5));  // a brief touch: no sign of a hidden gesture
    auto h = s.corner_hold(3.5);
    REQUIRE(h);
    CHECK(h->fraction == Approx(0.5));
    CHECK(h->pos.x == 10);
    s.on_pointer(PointerEvent{1, PointerEvent::Move, {14, 20}, 4.0, PointerEvent::Touch});
    h = s.corner_hold(4.0);
    REQUIRE(h);
    CHECK(h->pos.y == 20);
    s.on_pointer(PointerEvent{1, PointerEvent::Up, {14, 20}, 4.5, PointerEvent::Touch});
    CHECK_FALSE(s.corner_hold(4.6));  // lifted: the ring goes
    // Another finger outside the corner never shows it.
    s.on_pointer(PointerEvent{2, PointerEvent::Down, {500, 500}, 6.0, PointerEvent::Touch});
    CHECK_FALSE(s.corner_hold(8.0));
}
