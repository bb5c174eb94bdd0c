// Pointer events -> ImGui, without a display: ImGui runs headless (fonts built on the CPU, nothing rendered), events
// are the kiosk's own PointerEvents. What a visitor would notice: a quick tap on a button is a click, a drag is not,
// the button under the finger is the one pressed, a second finger does not click.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "ui/imgui_glue.hpp"
#include "ui_test_support.hpp"

namespace {

// The kiosk's widgets' headless ImGui (ui_test_support.hpp), fed by the glue as the main loop feeds it.
struct HeadlessImGui {
    HeadlessImGui() { glue.attach(ImGui::GetIO()); }

    // One frame with a single button at a known place; returns whether ImGui reported it clicked.
    bool frame() {
        glue.new_frame(ImGui::GetIO(), 800, 600, 1.0f / 60);
        bool clicked = false;
        ui.frame([&] {
            ImGui::SetNextWindowPos(ImVec2(100, 100));
            ImGui::SetNextWindowSize(ImVec2(300, 200));
            ImGui::Begin("panel", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
            ImGui::SetCursorScreenPos(ImVec2(150, 150));
            clicked = ImGui::Button("Fermer", ImVec2(100, 50));  // covers (150,150)-(250,200)
            ImGui::End();
        });
        return clicked;
    }

    // Run frames the way the main loop does: as long as input is still queued, plus one.
    int clicks_until_settled() {
        int clicks = 0;
        for (int i = 0; i < 10; ++i) {
            const bool pending = glue.has_pending_input();
            clicks += frame() ? 1 : 0;
            if (!pending && !glue.has_pending_input()) break;
        }
        return clicks;
    }

    void feed(const qmi::PointerEvent& e) { glue.on_pointer(e); }

    qmi::test::HeadlessUi ui{ImVec2(800, 600)};  // declared first: the glue attaches to its context
    qmi::ui::ImGuiGlue glue;
};

using qmi::PointerEvent;

PointerEvent finger(PointerEvent::Kind kind, int x, int y, int id = 1) {
    return {id, kind, {static_cast<float>(x), static_cast<float>(y)}, 0.0, PointerEvent::Touch};
}

PointerEvent mouse(PointerEvent::Kind kind, int x, int y) {
    return {0, kind, {static_cast<float>(x), static_cast<float>(y)}, 0.0, PointerEvent::Mouse};
}

}  // namespace

TEST_CASE("a tap whose press and release arrive in the same frame still clicks the button") {
    HeadlessImGui im;
    im.frame();  // the window exists before the tap, as on screen
    im.feed(finger(PointerEvent::Down, 200, 170));
    im.feed(finger(PointerEvent::Up, 200, 170));
    CHECK(im.glue.has_pending_input());
    CHECK(im.clicks_until_settled() == 1);
    CHECK_FALSE(im.glue.has_pending_input());
}

TEST_CASE("a tap outside the button does not click it") {
    HeadlessImGui im;
    im.frame();
    im.feed(finger(PointerEvent::Down, 500, 500));
    im.feed(finger(PointerEvent::Up, 500, 500));
    CHECK(im.clicks_until_settled() == 0);
}

TEST_CASE("pressing on the button then sliding off before release is not a click") {
    HeadlessImGui im;
    im.frame();
    im.feed(mouse(PointerEvent::Down, 200, 170));
    im.frame();
    im.feed(mouse(PointerEvent::Move, 600, 500));
    im.frame();
    im.feed(mouse(PointerEvent::Up, 600, 500));
    CHECK(im.clicks_until_settled() == 0);
}

TEST_CASE("mouse position and wheel reach ImGui, display size and time step are set every frame") {
    HeadlessImGui im;
    ImGuiIO& io = ImGui::GetIO();
    im.feed(mouse(PointerEvent::Move, 321, 123));
    im.glue.on_wheel({{321, 123}, 2.0f, 0.0});
    im.glue.new_frame(io, 1920, 1080, 0.0f);
    CHECK(io.MousePos.x == 321.0f);
    CHECK(io.MousePos.y == 123.0f);
    CHECK(io.MouseWheel == 2.0f);
    CHECK(io.DisplaySize.x == 1920.0f);
    CHECK(io.DisplaySize.y == 1080.0f);
    CHECK(io.DeltaTime > 0.0f);  // ImGui would assert on zero
}

TEST_CASE("a second finger on the button does not click it while the first finger drives ImGui elsewhere") {
    HeadlessImGui im;
    im.frame();
    im.feed(finger(PointerEvent::Down, 500, 500, 1));  // first finger on the map, not on the button
    im.feed(finger(PointerEvent::Down, 200, 170, 2));  // second finger of a pinch lands on the button
    im.feed(finger(PointerEvent::Up, 200, 170, 2));
    im.feed(finger(PointerEvent::Up, 500, 500, 1));
    CHECK(im.clicks_until_settled() == 0);
}

TEST_CASE("finger 0 and the left mouse button are different pointers") {
    HeadlessImGui im;
    im.frame();
    im.feed(finger(PointerEvent::Down, 500, 500, 0));  // touch id 0 drives ImGui
    im.feed(mouse(PointerEvent::Down, 200, 170));      // the mouse (button 0) is not that finger
    im.feed(mouse(PointerEvent::Up, 200, 170));
    CHECK(im.clicks_until_settled() == 0);
    im.feed(finger(PointerEvent::Up, 500, 500, 0));
    im.clicks_until_settled();
    im.feed(mouse(PointerEvent::Down, 200, 170));      // once the finger is up, the mouse clicks
    im.feed(mouse(PointerEvent::Up, 200, 170));
    CHECK(im.clicks_until_settled() == 1);
}

TEST_CASE("release() lets go of a held finger so that the next tap clicks") {
    HeadlessImGui im;
    im.frame();
    im.feed(finger(PointerEvent::Down, 10, 10, 7));  // held, e.g. the staff corner finger
    im.frame();
    im.glue.release();
    im.clicks_until_settled();
    im.feed(finger(PointerEvent::Down, 200, 170, 8));
    im.feed(finger(PointerEvent::Up, 200, 170, 8));
    CHECK(im.clicks_until_settled() == 1);
}
