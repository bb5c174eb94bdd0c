#include "app/widgets.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/spdlog.h>

#include "core/paris_time.hpp"


namespace qmi::app {

Widgets::Widgets(const KioskData& data) : data_(data) {}

Widgets::~Widgets() {
    if (!imgui_) return;
    ImGui::SetCurrentContext(imgui_);
    if (gpu_ready_) ui::imgui_gl_shutdown();
    ImGui::DestroyContext(imgui_);
}

// Every entry point makes this kiosk's ImGui context current: a staff reload builds a second one beside it.
void Widgets::use() const { ImGui::SetCurrentContext(imgui_); }

void Widgets::prepare(const ScreenGeometry& screen, const Mounting& mounting) {
    if (!imgui_) {
        imgui_ = ImGui::CreateContext();
        glue_.attach(ImGui::GetIO());
    }
    use();
    static const float cap_ratio = ui::measured_cap_ratio();  // the font files' own metric, read once
    layout_ = ui::make_layout(screen, mounting, cap_ratio);
    theme_ = ui::make_theme(layout_);
    ImGui::GetStyle() = ImGuiStyle();
    ui::apply_theme(theme_, layout_.touch_min, ImGui::GetStyle());
    if (!fonts_loaded_ || !(fonts_sizes_ == layout_.fonts)) {
        // Fonts are rasterised at their final pixel size (crisp at 4K), so new sizes mean a new atlas.
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        atlas.Clear();
        fonts_ = ui::load_fonts(atlas, layout_.fonts);
        unsigned char* pixels;
        int w, h;
        atlas.GetTexDataAsRGBA32(&pixels, &w, &h);  // rasterise now, on the CPU, before any frame
        fonts_sizes_ = layout_.fonts;
        fonts_loaded_ = true;
        fonts_dirty_ = gpu_ready_;
    }
    presenter_ = ui::make_presenter_layout(layout_);
    timeline_.reset();  // measured for the old sizes
    settle_frames_ = std::max(settle_frames_, 2);
}

void Widgets::set_presenting(bool on) {
    presenting_ = on;
    timeline_drawn_.reset();
    settle_frames_ = std::max(settle_frames_, 2);
}

bool Widgets::init_gpu() {
    use();
    if (!gpu_ready_ && !ui::imgui_gl_init()) {
        spdlog::error("imgui: OpenGL 3 renderer init failed");
        return false;
    }
    gpu_ready_ = true;
    fonts_dirty_ = false;
    return true;
}

void Widgets::set_content(ui::IntroModel intro, ui::LegendModel legend, ui::DistrictListModel districts,
                          const CommuneSearch* search) {
    intro_ = std::move(intro);
    legend_ = std::move(legend);
    districts_ = std::move(districts);
    keyboard_.set_index(search);
    banner_.invalidate();  // the same Content object may hold new facts: its version check alone is not enough
    ++content_generation_;  // the timeline is rebuilt from it when next shown
    settle_frames_ = std::max(settle_frames_, 2);
}

bool Widgets::on_pointer(const PointerEvent& e) {
    const bool changed = glue_.on_pointer(e);
    if (changed) settle_frames_ = std::max(settle_frames_, 2);
    return changed;
}

void Widgets::on_wheel(const WheelEvent& e) {
    glue_.on_wheel(e);
    settle_frames_ = std::max(settle_frames_, 2);
}

void Widgets::release_pointer() {
    glue_.release();
    settle_frames_ = std::max(settle_frames_, 2);
}

bool Widgets::covers(ScreenPos p) const {
    if (!imgui_) return false;
    const ImGuiContext& g = *imgui_;
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || w->ParentWindow || (w->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        if (w->Rect().Contains(ImVec2(p.x, p.y))) return true;
    }
    return false;
}

void Widgets::drop_uploaded_font_pixels() {
    // Once the backend has the atlas on the GPU (it set TexID), ImGui's two CPU copies of it (RGBA32 and alpha,
    // 5 MB at 1080p, more at 4K) serve no purpose. Called between frames (the atlas is locked inside one), and not
    // while a re-rasterised atlas still waits for its upload. A later upload without them rasterises again.
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (atlas.TexID && !fonts_dirty_ && (atlas.TexPixelsAlpha8 || atlas.TexPixelsRGBA32)) atlas.ClearTexData();
}

void Widgets::begin_frame(float dt_s) {
    use();
    glue_.new_frame(ImGui::GetIO(), layout_.display.x, layout_.display.y, dt_s);
    if (gpu_ready_) {
        if (fonts_dirty_) {
            ui::imgui_gl_reload_fonts();
            fonts_dirty_ = false;
        }
        ui::imgui_gl_new_frame();
        drop_uploaded_font_pixels();
    }
    ImGui::NewFrame();
}

ImDrawList* Widgets::background() const {
    use();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    // Everything around the map area is the interface's own ground: the map never shows between the cards, the
    // list and the strips (the renderer also clips it to its area).
    const ui::Rect& m = map_area();
    const ImVec2 d = layout_.display;
    const ImU32 ground = ui::to_u32(theme_.banner_bg);
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(d.x, m.min.y), ground);
    dl->AddRectFilled(ImVec2(0, m.max.y), d, ground);
    dl->AddRectFilled(ImVec2(0, m.min.y), ImVec2(m.min.x, m.max.y), ground);
    dl->AddRectFilled(ImVec2(m.max.x, m.min.y), ImVec2(d.x, m.max.y), ground);
    return dl;
}

const ui::TimelineViewModel& Widgets::timeline_for(const ScreenState& s, const ui::Rect& area, bool closable) {
    const date::local_days today = date::floor<date::days>(to_paris_local(s.now));
    const bool stale = !timeline_ || timeline_generation_ != content_generation_ || timeline_content_ != s.content ||
                       timeline_->closable != closable || timeline_->today != today ||
                       timeline_->area.min.x != area.min.x || timeline_->area.min.y != area.min.y ||
                       timeline_->area.max.x != area.max.x || timeline_->area.max.y != area.max.y;
    if (stale && s.content) {
        timeline_ = ui::make_timeline_view(*s.content, data_.text, s.now, area, closable, layout_, fonts_);
        timeline_generation_ = content_generation_;
        timeline_content_ = s.content;
    }
    return *timeline_;
}

// Presenter mode: the step's title, its card (or the district's own card, or the timeline), the bar; the visitor's
// controls are not drawn, so nothing but the presenter's buttons answers a finger.
void Widgets::draw_presenter(const ScreenState& s, std::vector<UiAction>& actions) {
    const ui::WidgetContext ctx{presenter_.screen, theme_, fonts_, data_.text, s.lang};
    auto act = [&actions](UiAction::Kind k) { actions.push_back({k}); };
    const ui::PresenterStepModel& step = *s.presenter;
    ui::draw_presenter_title(step.in(s.lang), presenter_, ctx);
    if (ui::draw_language_button(ctx)) act(UiAction::SwitchLanguage);
    ui::PanelResult panel = ui::PanelResult::None;
    if (s.sources) {
        if (ui::draw_sources_view(*s.sources, ctx) == ui::SourcesResult::Close) act(UiAction::CloseSources);
    } else if (step.step.kind == TourStep::Kind::Timeline) {
        if (s.content) timeline_drawn_ = ui::draw_timeline_view(timeline_for(s, presenter_.wide, false), ctx);
    } else if (step.step.kind == TourStep::Kind::District) {
        if (s.panel) panel = ui::draw_district_panel(*s.panel, ctx, nullptr, false);
    } else {
        panel = ui::draw_presenter_card(step, ctx);
    }
    if (panel == ui::PanelResult::ShowSources) act(UiAction::ShowSources);
    switch (ui::draw_presenter_bar(step, presenter_, ctx)) {
        case ui::PresenterBarResult::None: break;
        case ui::PresenterBarResult::Exit: act(UiAction::PresenterExit); break;
        case ui::PresenterBarResult::Previous: act(UiAction::PresenterPrevious); break;
        case ui::PresenterBarResult::Next: act(UiAction::PresenterNext); break;
    }
    ui::draw_attribution(legend_, ctx);
    if (s.blackout && ui::draw_blackout(ctx)) act(UiAction::PresenterUnblank);
}

std::vector<UiAction> Widgets::draw(const ScreenState& s) {
    use();
    std::vector<UiAction> actions;
    const ui::WidgetContext ctx{layout_, theme_, fonts_, data_.text, s.lang};
    timeline_button_ = ui::Rect{};
    if (!s.presenter && !s.timeline_open) timeline_drawn_.reset();
    if (s.presenter) {
        attract_rect_.reset();
        draw_presenter(s, actions);
    } else {
        draw_visitor(s, ctx, actions);
    }
    draw_staff(s, ctx, actions);
    if (!actions.empty()) settle_frames_ = std::max(settle_frames_, 2);
    return actions;
}

void Widgets::draw_visitor(const ScreenState& s, const ui::WidgetContext& ctx, std::vector<UiAction>& actions) {
    auto act = [&actions](UiAction::Kind k) { actions.push_back({k}); };
    if (s.content) banner_.update(*s.content, data_.text, s.lang, s.now);
    banner_.draw_header(ctx, false);
    banner_.draw(ctx);
    banner_.draw_qr_card(ctx);
    if (ui::draw_language_button(ctx)) act(UiAction::SwitchLanguage);
    if (ui::draw_search_button(ctx)) act(s.search_open ? UiAction::CloseSearch : UiAction::OpenSearch);
    if (const ui::DistrictListResult r = ui::draw_district_list(districts_, ctx, s.selected_insee); r.chosen) {
        UiAction a{UiAction::ChooseCommune};
        a.insee = *r.chosen;
        actions.push_back(a);
    }
    switch (ui::draw_map_controls(ctx, s.can_zoom_in, s.can_zoom_out)) {
        case ui::MapControl::None: break;
        case ui::MapControl::Home: act(UiAction::Home); break;
        case ui::MapControl::ZoomIn: act(UiAction::ZoomIn); break;
        case ui::MapControl::ZoomOut: act(UiAction::ZoomOut); break;
    }
    ui::PanelResult panel = ui::PanelResult::None;
    nearby_rects_.clear();
    if (s.sources) {
        if (ui::draw_sources_view(*s.sources, ctx) == ui::SourcesResult::Close)
            actions.push_back({UiAction::CloseSources});
    } else if (s.panel) {
        ui::PanelOutput out;
        panel = ui::draw_district_panel(*s.panel, ctx, &out);
        nearby_rects_ = std::move(out.nearby);
        if (panel == ui::PanelResult::ShowNearby) {
            UiAction a{UiAction::ChooseCommune};
            a.insee = out.nearby_insee;
            actions.push_back(a);
        }
    } else {
        panel = ui::draw_intro_panel(intro_, ctx, &timeline_button_);
    }
    if (panel == ui::PanelResult::Close) actions.push_back({UiAction::ClosePanel});
    if (panel == ui::PanelResult::ShowSources) actions.push_back({UiAction::ShowSources});
    if (panel == ui::PanelResult::ShowTimeline) actions.push_back({UiAction::OpenTimeline});
    if (!layout_.legend.empty()) ui::draw_legend(legend_, ctx);
    ui::draw_attribution(legend_, ctx);
    ui::draw_gesture_hint(ctx, s.hint_opacity);
    if (s.search_open) {
        const ui::SearchKeyboardResult r = keyboard_.draw(ctx);
        switch (r.kind) {
            case ui::SearchKeyboardResult::Kind::None: break;
            case ui::SearchKeyboardResult::Kind::Typed: act(UiAction::SearchTyped); break;
            case ui::SearchKeyboardResult::Kind::Close: act(UiAction::CloseSearch); break;
            case ui::SearchKeyboardResult::Kind::Chosen: {
                UiAction a{UiAction::ChooseCommune};
                a.insee = r.insee;
                a.from_search = true;
                actions.push_back(a);
                break;
            }
        }
    } else if (!keyboard_.query().empty()) {
        keyboard_.clear();  // closed: the next visitor starts with an empty field
    }
    // The visitors' timeline: over the map and the card, until "Fermer" (the district list, the header and the
    // language button stay usable beside it).
    if (s.timeline_open && s.content) {
        timeline_drawn_ = ui::draw_timeline_view(timeline_for(s, ui::timeline_area(layout_), true), ctx);
        if (timeline_drawn_->close) act(UiAction::CloseTimeline);
    }
    attract_rect_.reset();
    if (s.attract)
        attract_rect_ =
            ui::draw_attract_overlay(*s.attract, ctx, s.attract_keep_visible ? &*s.attract_keep_visible : nullptr);
}

void Widgets::draw_staff(const ScreenState& s, const ui::WidgetContext& ctx, std::vector<UiAction>& actions) {
    staff_places_ = {};
    switch (s.staff) {
        case StaffScreen::None: break;
        case StaffScreen::PinPad: {
            const ui::PinPadResult r = ui::draw_pin_pad(s.pin_digits, s.pin, ctx);
            switch (r.kind) {
                case ui::PinPadResult::None: break;
                case ui::PinPadResult::Digit: actions.push_back({UiAction::PinDigit, r.digit}); break;
                case ui::PinPadResult::Erase: actions.push_back({UiAction::PinErase}); break;
                case ui::PinPadResult::Submit: actions.push_back({UiAction::PinSubmit}); break;
                case ui::PinPadResult::Cancel: actions.push_back({UiAction::PinCancel}); break;
            }
            break;
        }
        case StaffScreen::Menu:
            if (!s.status) break;
            switch (const ui::StaffMenuResult r = ui::draw_staff_menu(*s.status, ctx, &staff_places_); r.kind) {
                case ui::StaffMenuResult::None: break;
                case ui::StaffMenuResult::Exit: actions.push_back({UiAction::StaffExit}); break;
                case ui::StaffMenuResult::Reload: actions.push_back({UiAction::StaffReload}); break;
                case ui::StaffMenuResult::ToggleWindowed: actions.push_back({UiAction::StaffToggleWindowed}); break;
                case ui::StaffMenuResult::Close: actions.push_back({UiAction::StaffClose}); break;
                case ui::StaffMenuResult::StartAttract: actions.push_back({UiAction::StaffStartAttract}); break;
                case ui::StaffMenuResult::ShowDistrict:
                    actions.push_back({UiAction::StaffShowDistrict, 0, r.district});
                    break;
                case ui::StaffMenuResult::StartTour: actions.push_back({UiAction::StaffStartTour}); break;
                case ui::StaffMenuResult::ShowTimeline: actions.push_back({UiAction::StaffShowTimeline}); break;
            }
            break;
    }
    if (s.toast) ui::draw_toast(s.toast->text, ImVec2(s.toast->at.x, s.toast->at.y), s.toast->alpha, ctx);
    if (s.corner_hold)
        ui::draw_corner_hold_ring(ImVec2(s.corner_hold->pos.x, s.corner_hold->pos.y), s.corner_hold->fraction, ctx);
}

void Widgets::end_frame() {
    use();
    ImGui::Render();
    if (settle_frames_ > 0) --settle_frames_;
}

void Widgets::render(render::PhaseTimes* times) {
    use();
    if (times)
        render::render_imgui_timed(*times);
    else
        ui::imgui_gl_render();
}

bool Widgets::search_key(const KeyChord& k, std::string& chosen) {
    if (k.ctrl || k.alt || k.system) return false;
    if (k.key.size() == 1 && k.key[0] >= 'A' && k.key[0] <= 'Z') {
        keyboard_.type(k.key);
    } else if (k.key == "Space") {
        keyboard_.type(" ");
    } else if (k.key == "Backspace") {
        keyboard_.backspace();
    } else if (k.key == "Enter") {
        if (!keyboard_.matches().empty()) chosen = keyboard_.matches().front().insee;
    } else {
        return false;
    }
    return true;
}

bool Widgets::wants_frame() const { return glue_.has_pending_input() || settle_frames_ > 0; }

std::chrono::milliseconds Widgets::idle_wait(std::chrono::system_clock::time_point now) const {
    // A few ms past the instant, so that the whole-second clock the banner reads has really moved on.
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(banner_.model().valid_until - now) +
                    std::chrono::milliseconds(5);
    return std::clamp(ms, std::chrono::milliseconds(0), std::chrono::milliseconds(3600 * 1000));
}

int Widgets::overlay_vertices() const {
    use();
    return ImGui::GetDrawData() ? ImGui::GetDrawData()->TotalVtxCount : -1;
}

}  // namespace qmi::app
