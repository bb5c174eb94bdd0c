#include "render/phase_times.hpp"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

namespace qmi::render {

void render_imgui_timed(PhaseTimes& t) {
    ImDrawData* all = ImGui::GetDrawData();
    if (!all || all->CmdListsCount == 0) return;
    PhaseClock clock(true);
    ImDrawList* background = ImGui::GetBackgroundDrawList();
    // Two views of the same draw data: the background list (drawn first by ImGui as well), then the rest.
    ImDrawData part = *all;
    int first = 0;
    if (all->CmdLists[0] == background) {
        part.CmdListsCount = 1;
        part.TotalVtxCount = background->VtxBuffer.Size;
        part.TotalIdxCount = background->IdxBuffer.Size;
        ImGui_ImplOpenGL3_RenderDrawData(&part);
        first = 1;
    }
    t.labels_gl_ms = clock.lap();
    part = *all;
    part.CmdLists = all->CmdLists + first;
    part.CmdListsCount = all->CmdListsCount - first;
    part.TotalVtxCount = all->TotalVtxCount - (first ? background->VtxBuffer.Size : 0);
    part.TotalIdxCount = all->TotalIdxCount - (first ? background->IdxBuffer.Size : 0);
    if (part.CmdListsCount > 0) ImGui_ImplOpenGL3_RenderDrawData(&part);
    t.widgets_gl_ms = clock.lap();
}

}  // namespace qmi::render
