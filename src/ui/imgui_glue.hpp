// SFML <-> Dear ImGui glue. Debian's libimgui has no SFML backend, so this file is the platform half: it turns
// sf::Event into ImGuiIO state and sets the display size and time step. The renderer half is imgui's own OpenGL3
// backend (ImGui_ImplOpenGL3_*, compiled into libimgui.a), which draws into whatever SFML target is active.
//
// Dear ImGui 1.86 reads the mouse as a state (io.MouseDown), not as a queue of events. A tap on a touchscreen often
// delivers press and release within one frame, which ImGui would never see as a click. The glue therefore applies at
// most one button transition per frame and keeps the rest queued; has_pending_input() tells the main loop to draw
// another frame so the queued release is delivered.
#pragma once
#include <deque>

#include <SFML/Window/Event.hpp>

struct ImGuiIO;

namespace qmi::ui {

class ImGuiGlue {
public:
    // Sets key map and backend name on the current ImGui context (which the caller created). No GL needed.
    void attach(ImGuiIO& io);
    // Feeds one SFML event. Returns true when ImGui may react to it (the caller should redraw).
    bool process_event(ImGuiIO& io, const sf::Event& event);
    // Before ImGui::NewFrame(): display size in pixels, seconds since the previous frame, one queued button change.
    void new_frame(ImGuiIO& io, float width, float height, float dt_s);
    // True while a queued mouse transition still waits for a frame.
    bool has_pending_input() const { return !queued_.empty(); }

private:
    struct ButtonChange {
        int button;
        bool down;
        float x, y;
    };
    std::deque<ButtonChange> queued_;
    float mouse_x_ = -1e30f, mouse_y_ = -1e30f;
};

// GL side, a thin wrapper over imgui_impl_opengl3 so the app never includes the backend header.
// Needs a current OpenGL context (SFML target setActive(true)).
bool imgui_gl_init();          // picks the GLSL version; shaders and font texture are created on the first frame
void imgui_gl_new_frame();     // before ImGui::NewFrame()
void imgui_gl_render();        // ImGui::Render() then draws the draw data into the active target
void imgui_gl_render_draw_data();  // draws the draw data of the ImGui::Render() the caller already called
void imgui_gl_reload_fonts();  // after the font atlas was rebuilt (new ui scale)
void imgui_gl_shutdown();

}  // namespace qmi::ui
