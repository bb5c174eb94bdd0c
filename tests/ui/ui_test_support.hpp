// Shared by the tests/ui/*.cpp files: the real repository data (membership, content, ui text), loaded
// once, and a headless ImGui context (fonts built on the CPU, nothing rendered) that runs one frame at a time and
// captures the text the widgets drew through ImGui's log.
#pragma once
#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include "../support/repo_data.hpp"
#include "../support/test_time.hpp"
#include "core/content_loader.hpp"
#include "core/membership.hpp"
#include "core/ui_text.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::test {

// The repository's data (tests/support/repo_data.hpp) under one name: the widgets draw the real files.
struct RepoData {
    const Membership& membership;
    const Content& content;
    const UiText& text;

    static const RepoData& get() {
        static const RepoData data{testdata::membership(), testdata::bundled_content(), testdata::bundled_text()};
        return data;
    }
};

// A 43-inch 16:9 screen: 952 mm wide whatever its resolution.
inline float px_per_mm_43in(float width_px) { return width_px / 952.0f; }

class HeadlessUi {
public:
    explicit HeadlessUi(ImVec2 display, float px_per_mm = 0, Lang lang = Lang::Fr)
        : HeadlessUi(ui::make_layout(display, px_per_mm), lang) {}
    // A screen known by its millimetres (tests/support/target_screens.hpp).
    explicit HeadlessUi(const ScreenGeometry& screen, Lang lang = Lang::Fr, Mounting mounting = {})
        : HeadlessUi(ui::make_layout(screen, mounting), lang) {}
    explicit HeadlessUi(const ui::Layout& layout, Lang lang)
        : layout_(layout), theme_(ui::make_theme(layout_)), lang_(lang) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = layout_.display;
        io.DeltaTime = 1.0f / 60.0f;
        ui::apply_theme(theme_, layout_.touch_min, ImGui::GetStyle());
        fonts_ = ui::load_fonts(*io.Fonts, layout_.fonts);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // what the GL backend would upload
        // Text capture: ImGui's log writes what widgets render, and hands it to the "clipboard" when a top-level
        // window ends. The clipboard here is a string.
        io.SetClipboardTextFn = [](void* user, const char* text) {
            static_cast<std::string*>(user)->append(text).append("\n");
        };
        io.ClipboardUserData = &captured_;
    }
    ~HeadlessUi() { ImGui::DestroyContext(); }
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    ui::WidgetContext ctx() const { return ui::WidgetContext{layout_, theme_, fonts_, RepoData::get().text, lang_}; }
    const ui::Layout& layout() const { return layout_; }
    const ui::Fonts& fonts() const { return fonts_; }
    void set_lang(Lang lang) { lang_ = lang; }

    // One frame: NewFrame, `draw()`, Render. Returns the text drawn through ImGui widgets during the frame.
    // ImGui stops logging at the end of each top-level window: a `draw` that draws several windows calls
    // capture() before each one.
    template <class Draw>
    std::string frame(Draw&& draw) {
        captured_.clear();
        ImGui::NewFrame();
        capture();
        draw();
        if (GImGui->LogEnabled) ImGui::LogFinish();
        ImGui::Render();
        return captured_;
    }
    static void capture() {
        if (!GImGui->LogEnabled) ImGui::LogToClipboard();
    }

    // A finger tap at `p`: down for one frame, up the next (ImGui clicks on release). Returns the frames' results
    // through `draw`, which is called for both frames.
    template <class Draw>
    void tap(ImVec2 p, Draw&& draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = p;
        io.MouseDown[0] = true;
        frame(draw);
        io.MouseDown[0] = false;
        frame(draw);
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        frame(draw);
    }

    static ImGuiWindow* window(const char* name) { return ImGui::FindWindowByName(name); }

    // Vertices of `color` drawn by `window` in the last frame (e.g. QR modules in pure black).
    static int vertices_of_color(ImGuiWindow* window, ImU32 color) {
        if (!window || !window->DrawList) return 0;
        int n = 0;
        for (const ImDrawVert& v : window->DrawList->VtxBuffer)
            if (v.col == color) ++n;
        return n;
    }

private:
    ui::Layout layout_;
    ui::Theme theme_;
    ui::Fonts fonts_;
    Lang lang_;
    std::string captured_;
};

}  // namespace qmi::test
