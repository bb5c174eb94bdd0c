#include "ui/imgui_glue.hpp"

#include <algorithm>
#include <cfloat>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

namespace qmi::ui {

namespace {

// ImGui mouse button index for an SFML button, -1 for buttons ImGui does not use.
int imgui_button(sf::Mouse::Button b) {
    switch (b) {
        case sf::Mouse::Left: return 0;
        case sf::Mouse::Right: return 1;
        case sf::Mouse::Middle: return 2;
        default: return -1;
    }
}

}  // namespace

void ImGuiGlue::attach(ImGuiIO& io) {
    io.BackendPlatformName = "qmi_imgui_sfml";
    // The few keys a staff member might use on a keyboard; visitors only touch.
    io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
    io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
    io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
    io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
    io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
    io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
    io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
    io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
    io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
    io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
    io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
    io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
    io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
}

bool ImGuiGlue::process_event(ImGuiIO& io, const sf::Event& e) {
    switch (e.type) {
        case sf::Event::MouseMoved:
            mouse_x_ = static_cast<float>(e.mouseMove.x);
            mouse_y_ = static_cast<float>(e.mouseMove.y);
            return true;
        case sf::Event::MouseButtonPressed:
        case sf::Event::MouseButtonReleased: {
            const int b = imgui_button(e.mouseButton.button);
            if (b < 0) return false;
            mouse_x_ = static_cast<float>(e.mouseButton.x);
            mouse_y_ = static_cast<float>(e.mouseButton.y);
            queued_.push_back({b, e.type == sf::Event::MouseButtonPressed, mouse_x_, mouse_y_});
            return true;
        }
        case sf::Event::MouseWheelScrolled:
            if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel)
                io.MouseWheel += e.mouseWheelScroll.delta;
            else
                io.MouseWheelH += e.mouseWheelScroll.delta;
            return true;
        case sf::Event::MouseLeft:
            mouse_x_ = mouse_y_ = -FLT_MAX;
            return true;
        case sf::Event::TextEntered:
            if (e.text.unicode >= 32 && e.text.unicode != 127) io.AddInputCharacter(e.text.unicode);
            return true;
        case sf::Event::KeyPressed:
        case sf::Event::KeyReleased: {
            const bool down = e.type == sf::Event::KeyPressed;
            const int code = e.key.code;
            if (code >= 0 && code < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) io.KeysDown[code] = down;
            io.KeyCtrl = e.key.control;
            io.KeyShift = e.key.shift;
            io.KeyAlt = e.key.alt;
            io.KeySuper = e.key.system;
            return true;
        }
        case sf::Event::LostFocus:
            std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
            return true;
        default:
            return false;
    }
}

void ImGuiGlue::new_frame(ImGuiIO& io, float width, float height, float dt_s) {
    io.DisplaySize = ImVec2(width, height);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = std::max(dt_s, 1e-4f);  // ImGui asserts on a zero time step
    if (!queued_.empty()) {
        // One transition per frame: the press is seen in this frame, the release in the next.
        const ButtonChange c = queued_.front();
        queued_.pop_front();
        io.MousePos = ImVec2(c.x, c.y);
        io.MouseDown[c.button] = c.down;
    } else {
        io.MousePos = ImVec2(mouse_x_, mouse_y_);
    }
}

bool imgui_gl_init() { return ImGui_ImplOpenGL3_Init("#version 130"); }
void imgui_gl_new_frame() { ImGui_ImplOpenGL3_NewFrame(); }
void imgui_gl_render() {
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}
void imgui_gl_render_draw_data() { ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData()); }
void imgui_gl_reload_fonts() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}
void imgui_gl_shutdown() { ImGui_ImplOpenGL3_Shutdown(); }

}  // namespace qmi::ui
