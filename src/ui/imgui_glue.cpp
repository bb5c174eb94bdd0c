#include "ui/imgui_glue.hpp"

#include <algorithm>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

namespace qmi::ui {

void ImGuiGlue::attach(ImGuiIO& io) {
    io.BackendPlatformName = "qmi_imgui_pointer";
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
}

bool ImGuiGlue::on_pointer(const PointerEvent& e) {
    if (e.kind == PointerEvent::Down && !primary_) primary_ = e.who();
    const bool hover = e.source == PointerEvent::Mouse && e.kind == PointerEvent::Move && !primary_;
    if (!hover && primary_ != e.who()) return false;
    mouse_x_ = e.pos.x;
    mouse_y_ = e.pos.y;
    if (e.kind == PointerEvent::Down || e.kind == PointerEvent::Up || e.kind == PointerEvent::Cancel) {
        queued_.push_back({e.kind == PointerEvent::Down, mouse_x_, mouse_y_});
        if (e.kind != PointerEvent::Down) primary_.reset();
    }
    return true;
}

void ImGuiGlue::on_wheel(const WheelEvent& e) {
    mouse_x_ = e.pos.x;
    mouse_y_ = e.pos.y;
    wheel_ += e.delta;
}

void ImGuiGlue::release() {
    if (!primary_) return;
    primary_.reset();
    queued_.push_back({false, -100000.0f, -100000.0f});
}

void ImGuiGlue::new_frame(ImGuiIO& io, float width, float height, float dt_s) {
    io.DisplaySize = ImVec2(width, height);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = std::max(dt_s, 1e-4f);  // ImGui asserts on a zero time step
    io.MouseWheel += wheel_;
    wheel_ = 0;
    if (!queued_.empty()) {
        // One transition per frame: the press is seen in this frame, the release in the next.
        const ButtonChange c = queued_.front();
        queued_.pop_front();
        io.MousePos = ImVec2(c.x, c.y);
        io.MouseDown[0] = c.down;
    } else {
        io.MousePos = ImVec2(mouse_x_, mouse_y_);
    }
}

bool imgui_gl_init() { return ImGui_ImplOpenGL3_Init("#version 130"); }
void imgui_gl_new_frame() { ImGui_ImplOpenGL3_NewFrame(); }
void imgui_gl_render() { ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData()); }
void imgui_gl_reload_fonts() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}
void imgui_gl_shutdown() { ImGui_ImplOpenGL3_Shutdown(); }

}  // namespace qmi::ui
