// The SFML -> ImGui glue, without a display: ImGui runs headless (fonts built on the CPU, nothing rendered), events
// are plain sf::Event values. What a visitor would notice: a quick tap on a button is a click, a drag is not, the
// button under the finger is the one pressed.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "ui/imgui_glue.hpp"

namespace {

struct HeadlessImGui {
    HeadlessImGui() {
        ImGui::CreateContext();
        unsigned char* pixels;
        int w, h;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // NewFrame needs a built atlas, not a GPU
        glue.attach(ImGui::GetIO());
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }

    // One frame with a single button at a known place; returns whether ImGui reported it clicked.
    bool frame() {
        glue.new_frame(ImGui::GetIO(), 800, 600, 1.0f / 60);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(100, 100));
        ImGui::SetNextWindowSize(ImVec2(300, 200));
        ImGui::Begin("panel", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        ImGui::SetCursorScreenPos(ImVec2(150, 150));
        const bool clicked = ImGui::Button("Fermer", ImVec2(100, 50));  // covers (150,150)-(250,200)
        ImGui::End();
        ImGui::EndFrame();
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

    void feed(const sf::Event& e) { glue.process_event(ImGui::GetIO(), e); }

    qmi::ui::ImGuiGlue glue;
};

sf::Event button(sf::Event::EventType type, int x, int y) {
    sf::Event e;
    e.type = type;
    e.mouseButton.button = sf::Mouse::Left;
    e.mouseButton.x = x;
    e.mouseButton.y = y;
    return e;
}

sf::Event move(int x, int y) {
    sf::Event e;
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = x;
    e.mouseMove.y = y;
    return e;
}

}  // namespace

TEST_CASE("a tap whose press and release arrive in the same frame still clicks the button") {
    HeadlessImGui im;
    im.frame();  // the window exists before the tap, as on screen
    im.feed(button(sf::Event::MouseButtonPressed, 200, 170));
    im.feed(button(sf::Event::MouseButtonReleased, 200, 170));
    CHECK(im.glue.has_pending_input());
    CHECK(im.clicks_until_settled() == 1);
    CHECK_FALSE(im.glue.has_pending_input());
}

TEST_CASE("a tap outside the button does not click it") {
    HeadlessImGui im;
    im.frame();
    im.feed(button(sf::Event::MouseButtonPressed, 500, 500));
    im.feed(button(sf::Event::MouseButtonReleased, 500, 500));
    CHECK(im.clicks_until_settled() == 0);
}

TEST_CASE("pressing on the button then sliding off before release is not a click") {
    HeadlessImGui im;
    im.frame();
    im.feed(button(sf::Event::MouseButtonPressed, 200, 170));
    im.frame();
    im.feed(move(600, 500));
    im.frame();
    im.feed(button(sf::Event::MouseButtonReleased, 600, 500));
    CHECK(im.clicks_until_settled() == 0);
}

TEST_CASE("mouse position and wheel reach ImGui, display size and time step are set every frame") {
    HeadlessImGui im;
    ImGuiIO& io = ImGui::GetIO();
    im.feed(move(321, 123));
    sf::Event wheel;
    wheel.type = sf::Event::MouseWheelScrolled;
    wheel.mouseWheelScroll.wheel = sf::Mouse::VerticalWheel;
    wheel.mouseWheelScroll.delta = 2.0f;
    wheel.mouseWheelScroll.x = 321;
    wheel.mouseWheelScroll.y = 123;
    im.feed(wheel);
    im.glue.new_frame(io, 1920, 1080, 0.0f);
    CHECK(io.MousePos.x == 321.0f);
    CHECK(io.MousePos.y == 123.0f);
    CHECK(io.MouseWheel == 2.0f);
    CHECK(io.DisplaySize.x == 1920.0f);
    CHECK(io.DisplaySize.y == 1080.0f);
    CHECK(io.DeltaTime > 0.0f);  // ImGui would assert on zero
}
