// Pointer input -> Dear ImGui, and ImGui's OpenGL renderer. Debian's libimgui has no SFML backend; the platform half
// lives here and takes the kiosk's own pointer events (core/pointer_event.hpp), never SFML events, so touch, mouse
// and replayed input reach the widgets through one path. The renderer half is imgui's own OpenGL3 backend
// (ImGui_ImplOpenGL3_*, compiled into libimgui.a), which draws into whatever SFML target is active.
//
// One pointer drives ImGui's mouse: the first finger down (or the mouse). Later fingers of a multi-touch gesture are
// not a mouse and are left to the map. A mouse without a pressed button still moves ImGui's cursor (hover).
//
// Dear ImGui 1.86 reads the mouse as a state (io.MouseDown), not as a queue of events. A tap on a touchscreen often
// delivers press and release within one frame, which ImGui would never see as a click. The glue therefore applies at
// most one button transition per frame and keeps the rest queued; has_pending_input() tells the main loop to draw
// another frame so the queued release is delivered.
#pragma once
#include <deque>
#include <optional>

#include "core/pointer_event.hpp"

struct ImGuiIO;

namespace qmi::ui {

class ImGuiGlue {
public:
    // Sets the backend name and turns off ImGui's files on the current context (which the caller created).
    void attach(ImGuiIO& io);
    // Feeds one pointer event. Returns true when ImGui may react to it (the caller should redraw).
    bool on_pointer(const PointerEvent& e);
    // Mouse wheel notches, applied to ImGui's scrolling at the next frame.
    void on_wheel(const WheelEvent& e);
    // Lets go of ImGui's mouse when a modal screen opens or attract mode starts under a finger that is still down:
    // a button release off screen (it clicks nothing), so the next finger starts with a fresh press. Merely
    // forgetting the finger would leave ImGui's button held, and the next tap on the PIN pad would not click.
    void release();
    // Before ImGui::NewFrame(): display size in pixels, seconds since the previous frame, one queued button change.
    void new_frame(ImGuiIO& io, float width, float height, float dt_s);
    // True while a queued mouse transition still waits for a frame.
    bool has_pending_input() const { return !queued_.empty(); }

private:
    struct ButtonChange {
        bool down;
        float x, y;
    };
    std::deque<ButtonChange> queued_;
    std::optional<PointerId> primary_;  // the pointer driving ImGui's mouse
    float mouse_x_ = -1e30f, mouse_y_ = -1e30f;
    float wheel_ = 0;
};

// GL side, a thin wrapper over imgui_impl_opengl3 so the app never includes the backend header.
// Needs a current OpenGL context (SFML target setActive(true)).
bool imgui_gl_init();          // picks the GLSL version; shaders and font texture are created on the first frame
void imgui_gl_new_frame();     // before ImGui::NewFrame()
void imgui_gl_render();        // draws the draw data of the last ImGui::Render() into the active target
void imgui_gl_reload_fonts();  // after the font atlas was rebuilt (new ui scale)
void imgui_gl_shutdown();

}  // namespace qmi::ui
