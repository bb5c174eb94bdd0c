#include "app/kiosk_view.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <SFML/OpenGL.hpp>

#include <imgui.h>
#include <spdlog/spdlog.h>

#include "app/content_views.hpp"
#include "render/map_labels.hpp"

namespace qmi::app {

std::chrono::system_clock::time_point KioskClock::now_precise() const {
    if (!start_) return std::chrono::system_clock::now();
    const auto elapsed = std::chrono::steady_clock::now() - steady_start_;
    return std::chrono::system_clock::time_point(*start_) +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed);
}

date::sys_seconds KioskClock::now() const { return std::chrono::floor<std::chrono::seconds>(now_precise()); }

namespace {

std::string lower(std::string s) {
    // ASCII only: enough for "issy-les-moulineaux" vs "Issy-les-Moulineaux"; accented capitals are rare in names.
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

KioskView::KioskView(const KioskData& data, Lang lang, KioskClock clock)
    : data_(data), content_(data.content), lang_(lang), clock_(clock), hit_(data.map) {}

KioskView::~KioskView() {
    if (!imgui_) return;
    ImGui::SetCurrentContext(imgui_);
    if (gpu_ready_) ui::imgui_gl_shutdown();
    ImGui::DestroyContext(imgui_);
}

void KioskView::prepare(unsigned width, unsigned height) {
    if (!imgui_) {
        imgui_ = ImGui::CreateContext();
        ImGui::SetCurrentContext(imgui_);  // CreateContext keeps another view's context current if there is one
        glue_.attach(ImGui::GetIO());
        intro_ = ui::make_intro_model(content_, data_.text);
        legend_ = ui::make_legend_model(content_, data_.membership, data_.text);
    }
    ImGui::SetCurrentContext(imgui_);
    layout_for(width, height);
}

void KioskView::layout_for(unsigned width, unsigned height) {
    const float px_per_mm = data_.settings.dpi ? static_cast<float>(*data_.settings.dpi / 25.4) : 0.0f;
    layout_ = ui::make_layout(ImVec2(static_cast<float>(width), static_cast<float>(height)), 0.0f, px_per_mm);
    theme_ = ui::make_theme(layout_.scale);
    ImGui::GetStyle() = ImGuiStyle();
    ui::apply_theme(theme_, layout_.touch_min, ImGui::GetStyle());

    if (fonts_scale_ != layout_.scale) {
        // Fonts are rasterised at their final pixel size (crisp at 4K), so a new scale means a new atlas.
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        atlas.Clear();
        fonts_ = ui::load_fonts(atlas, layout_.scale);
        unsigned char* pixels;
        int w, h;
        atlas.GetTexDataAsRGBA32(&pixels, &w, &h);  // rasterise now, on the CPU, before any frame
        fonts_scale_ = layout_.scale;
        fonts_dirty_ = gpu_ready_;
    }
    map_dirty_ = gpu_ready_;

    camera_.set_viewport(width, height);
    // The Métropole plus a thin frame (3 % of its larger side): at the overview its outline never touches the
    // banner, the panel or the screen edge, and its outer communes stay easy to touch.
    bounds_ = data_.map.metropole_bbox;
    if (!bounds_.empty()) {
        const double m = 0.03 * std::max(bounds_.width(), bounds_.height());
        bounds_.add({bounds_.min.x - m, bounds_.min.y - m});
        bounds_.add({bounds_.max.x + m, bounds_.max.y + m});
    }
    const ScreenRect area = ui::to_screen_rect(layout_.map_area);
    camera_.set_bounds(bounds_, area);
    camera_.fit(bounds_, area);

    GestureConfig gc;
    gc.px_per_mm = layout_.px_per_mm;
    gestures_ = GestureRecognizer(gc);
    map_pointer_.reset();
    map_touches_.clear();
    build_labels();
    if (selected_) select(selected_, false);
}

void KioskView::build_labels() {
    std::vector<size_t> highlighted;
    for (size_t i = 0; i < data_.map.metropole_count && i < data_.map.communes.size(); ++i)
        if (content_.find_district(data_.map.communes[i].insee)) highlighted.push_back(i);
    LabelLayoutOptions opt;
    opt.overview_scale = camera_.min_scale();
    opt.padding_px = 4.0 * layout_.scale;
    ImFont* font = fonts_.label;
    const float size = fonts_.sizes.label;
    labels_ = layout_labels(
        data_.map, highlighted,
        [font, size](std::string_view t) { return font ? render::measure_label(font, size, t) : Vec2{0, 0}; }, opt);
}

bool KioskView::init_gpu() {
    ImGui::SetCurrentContext(imgui_);
    if (!renderer_.upload(data_.map, render::commune_fills(data_.map, content_), reachable_world())) return false;
    map_dirty_ = false;
    if (!gpu_ready_) {
        if (!ui::imgui_gl_init()) {
            spdlog::error("imgui: OpenGL 3 renderer init failed");
            return false;
        }
    }
    gpu_ready_ = true;
    fonts_dirty_ = false;
    renderer_.set_selection(data_.map, selected_);
    return true;
}

Box KioskView::reachable_world() const {
    // The overview is the widest view allowed; panning at that zoom only slides within the slack around the
    // Métropole, so half the view's size on each side is a safe margin.
    Camera overview = camera_;
    overview.fit(bounds_, ui::to_screen_rect(layout_.map_area));
    Box b = overview.visible_world();
    const double mx = b.width() / 2, my = b.height() / 2;
    b.add({b.min.x - mx, b.min.y - my});
    b.add({b.max.x + mx, b.max.y + my});
    return b;
}

void KioskView::resize(unsigned width, unsigned height) {
    ImGui::SetCurrentContext(imgui_);
    layout_for(width, height);
    settle_frames_ = std::max(settle_frames_, 2);
}

bool KioskView::handle_event(const sf::Event& e) {
    ImGui::SetCurrentContext(imgui_);
    const double t = input_time();
    bool changed = glue_.process_event(ImGui::GetIO(), e);
    const ui::Rect& map = layout_.map_area;
    switch (e.type) {
        case sf::Event::Resized:
            resize(e.size.width, e.size.height);
            return true;
        case sf::Event::MouseButtonPressed: {
            const ImVec2 p(static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y));
            // Only presses that start on the map drive the map; widgets never lie over the map area.
            if (e.mouseButton.button == sf::Mouse::Left && !map_pointer_ && map.contains(p)) {
                map_pointer_ = 0;
                gestures_.on_pointer({0, PointerEvent::Down, {p.x, p.y}, t, PointerEvent::Mouse});
            }
            break;
        }
        case sf::Event::MouseMoved:
            if (map_pointer_)
                gestures_.on_pointer({0, PointerEvent::Move,
                                      {static_cast<float>(e.mouseMove.x), static_cast<float>(e.mouseMove.y)}, t,
                                      PointerEvent::Mouse});
            break;
        case sf::Event::MouseButtonReleased:
            if (map_pointer_ && e.mouseButton.button == sf::Mouse::Left) {
                gestures_.on_pointer({0, PointerEvent::Up,
                                      {static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y)}, t,
                                      PointerEvent::Mouse});
                map_pointer_.reset();
            }
            break;
        case sf::Event::MouseWheelScrolled: {
            const ImVec2 p(static_cast<float>(e.mouseWheelScroll.x), static_cast<float>(e.mouseWheelScroll.y));
            if (e.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel && map.contains(p))
                gestures_.on_wheel({{p.x, p.y}, e.mouseWheelScroll.delta, t});
            break;
        }
        case sf::Event::LostFocus:
            gestures_.reset();
            map_pointer_.reset();
            map_touches_.clear();
            break;
        default:
            break;
    }
    if (changed) settle_frames_ = std::max(settle_frames_, 2);
    return changed;
}

bool KioskView::handle_ui_event(const sf::Event& e) {
    ImGui::SetCurrentContext(imgui_);
    const bool changed = glue_.process_event(ImGui::GetIO(), e);
    if (changed) settle_frames_ = std::max(settle_frames_, 2);
    return changed;
}

void KioskView::set_highlight(std::optional<size_t> commune) {
    if (commune && *commune >= data_.map.communes.size()) commune.reset();
    highlight_ = commune;
    if (gpu_ready_) renderer_.set_selection(data_.map, selected_ ? selected_ : highlight_);
    settle_frames_ = std::max(settle_frames_, 2);
}

void KioskView::show_overview() {
    select(std::nullopt, false);
    gestures_.reset();
    map_pointer_.reset();
    map_touches_.clear();
    camera_.ease_to_show(bounds_, ui::to_screen_rect(layout_.map_area), 1.0);
}

double KioskView::input_time() const {
    if (input_clock_) return input_clock_();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
}

void KioskView::handle_pointer(const PointerEvent& e) {
    auto tracked = std::find(map_touches_.begin(), map_touches_.end(), e.id);
    if (e.kind == PointerEvent::Down) {
        if (tracked != map_touches_.end() || !layout_.map_area.contains(ImVec2(e.pos.x, e.pos.y))) return;
        map_touches_.push_back(e.id);
    } else if (tracked == map_touches_.end()) {
        return;
    } else if (e.kind == PointerEvent::Up || e.kind == PointerEvent::Cancel) {
        map_touches_.erase(tracked);
    }
    gestures_.on_pointer(e);
    settle_frames_ = std::max(settle_frames_, 1);
}

bool KioskView::update(double dt_s) {
    const double t = input_time();
    gestures_.update(t);
    for (const GestureAction& a : gestures_.take_actions()) apply_action(a);
    for (const GestureAnomaly& x : gestures_.take_anomalies()) spdlog::warn("input: {}", x.describe());
    const bool moved = camera_.update(dt_s);
    return moved || camera_.animating() || gestures_.gliding();
}

void KioskView::apply_action(const GestureAction& a) {
    const Vec2 pos{a.pos.x, a.pos.y};
    switch (a.kind) {
        case GestureAction::Tap: {
            // A tap on a Métropole commune selects it; anywhere else on the map closes the card.
            const std::optional<size_t> hit = hit_.commune_at(camera_.screen_to_world(pos), true);
            select(hit, true);
            break;
        }
        case GestureAction::DoubleTap: camera_.zoom_at(pos, 2.0); break;
        case GestureAction::PanBy: camera_.pan_by({a.delta.x, a.delta.y}); break;
        case GestureAction::ZoomAt: camera_.zoom_at(pos, a.factor); break;
        default: break;
    }
    settle_frames_ = std::max(settle_frames_, 1);
}

void KioskView::select(std::optional<size_t> commune, bool animate) {
    if (commune && *commune >= data_.map.communes.size()) commune.reset();
    selected_ = commune;
    panel_.reset();
    if (commune) {
        const CommuneShape& c = data_.map.communes[*commune];
        panel_ = ui::make_panel_model(c.insee, content_, data_.membership, data_.text, &data_.map);
        camera_.ease_to_show(c.bbox, ui::to_screen_rect(layout_.map_area));
        if (!animate) camera_.finish_easing();
    }
    if (gpu_ready_) renderer_.set_selection(data_.map, selected_);
    settle_frames_ = std::max(settle_frames_, 2);
}

void KioskView::set_content(Content content) {
    content_ = std::move(content);
    if (!imgui_) return;  // prepare() builds everything from content_
    ImGui::SetCurrentContext(imgui_);
    ContentViews views = make_content_views(content_, data_, selected_);
    intro_ = std::move(views.intro);
    legend_ = std::move(views.legend);
    panel_ = std::move(views.panel);
    banner_.invalidate();  // same Content object, new facts: the banner must not trust its version check alone
    build_labels();        // districts may have come or gone
    map_dirty_ = gpu_ready_;  // district fills: re-uploaded by the next draw(), which has the GL context
    settle_frames_ = std::max(settle_frames_, 2);
}

bool KioskView::select_by_code_or_name(const std::string& what, bool animate) {
    const std::string code = data_.membership.current_code(what);
    std::optional<size_t> found = data_.map.find(code);
    if (!found) {
        const std::string want = lower(what);
        for (size_t i = 0; i < data_.map.communes.size(); ++i)
            if (lower(data_.map.communes[i].name) == want) {
                found = i;
                break;
            }
    }
    if (!found) return false;
    select(found, animate);
    return true;
}

void KioskView::draw_widgets(bool map_moving) {
    const ui::WidgetContext ctx{layout_, theme_, fonts_, data_.text, lang_};
    banner_.update(content_, data_.text, lang_, clock_.now());
    if (banner_.draw_header(ctx) == ui::HeaderResult::SwitchLanguage) {
        lang_ = lang_ == Lang::Fr ? Lang::En : Lang::Fr;
        settle_frames_ = std::max(settle_frames_, 2);
    }
    banner_.draw(ctx);
    if (panel_) {
        if (ui::draw_district_panel(*panel_, ctx) == ui::PanelResult::Close) select(std::nullopt, false);
    } else {
        ui::draw_intro_panel(intro_, ctx);
    }
    ui::draw_legend(legend_, ctx);
    ui::draw_attribution(legend_, ctx);
    const auto labels_start = std::chrono::steady_clock::now();
    render::draw_map_labels(ImGui::GetBackgroundDrawList(), labels_, data_.map, camera_, fonts_.label,
                            fonts_.sizes.label, ui::to_screen_rect(layout_.map_area), selected_, map_moving);
    if (phase_times_)
        phase_times_->labels_cpu_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - labels_start).count();
    if (overlay_) overlay_(ctx);
}

void KioskView::drop_uploaded_font_pixels() {
    // Once the backend has the atlas on the GPU (it set TexID), ImGui's two CPU copies of it (RGBA32 and alpha,
    // 5 MB at 1080p, more at 4K) serve no purpose. Called between frames (the atlas is locked inside one), and not
    // while a re-rasterised atlas still waits for its upload. A later upload without them rasterises again.
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (atlas.TexID && !fonts_dirty_ && (atlas.TexPixelsAlpha8 || atlas.TexPixelsRGBA32)) atlas.ClearTexData();
}

void KioskView::warm_up() {
    ImGui::SetCurrentContext(imgui_);
    glue_.new_frame(ImGui::GetIO(), layout_.display.x, layout_.display.y, 1.0f / 60);
    ui::imgui_gl_new_frame();
    drop_uploaded_font_pixels();
    ImGui::NewFrame();
    draw_widgets();
    ImGui::EndFrame();
}

render::Frame KioskView::draw_frame(sf::RenderTarget& target, double dt_s, unsigned buffer_age,
                                    const Scroll* scroll) {
    ImGui::SetCurrentContext(imgui_);
    target.setActive(true);
    if (fonts_dirty_) {
        ui::imgui_gl_reload_fonts();
        fonts_dirty_ = false;
    }
    if (map_dirty_) {
        // New display size: what is reachable changed (rare: rotation or resize).
        renderer_.upload(data_.map, render::commune_fills(data_.map, content_), reachable_world());
        renderer_.set_selection(data_.map, selected_);
        map_dirty_ = false;
    }
    const sf::Vector2u size = target.getSize();
    const render::PixelRect screen{0, 0, static_cast<int>(size.x), static_cast<int>(size.y)};
    if (!(screen == screen_)) {
        screen_ = screen;
        damage_.reset(screen);
        widget_damage_.forget();
        map_redraw_.forget();
        stale_ = {};
    }
    render::PhaseClock clock(phase_times_ != nullptr);
    const double now = input_time();
    const render::PixelRect map_px = render::PixelRect::covering(ui::to_screen_rect(layout_.map_area));
    const uint64_t generation = renderer_.generation();
    const bool map_changed = map_redraw_.changed(camera_, generation, now);

    // A whole-pixel pan of at most half the map area, over a window that shows the last frame: scroll.
    std::optional<std::pair<int, int>> shift;
    if (scroll && buffer_age == 1 && map_changed) {
        shift = map_redraw_.whole_pixel_shift(camera_, generation);
        if (shift && (shift->first == 0 && shift->second == 0)) shift.reset();
        if (shift && (std::abs(shift->first) * 2 > map_px.width() || std::abs(shift->second) * 2 > map_px.height()))
            shift.reset();
    }
    // A scrolled frame keeps the quality of the pixels it moves, so that the uncovered strip matches them.
    const render::MapQuality quality = shift ? map_redraw_.last_quality() : map_redraw_.quality(camera_, now);
    glue_.new_frame(ImGui::GetIO(), static_cast<float>(size.x), static_cast<float>(size.y),
                    static_cast<float>(dt_s));
    ui::imgui_gl_new_frame();
    drop_uploaded_font_pixels();
    ImGui::NewFrame();
    draw_widgets(quality == render::MapQuality::Moving);
    ImGui::Render();
    if (phase_times_) phase_times_->widgets_cpu_ms = clock.lap() - phase_times_->labels_cpu_ms;

    // What differs from the frame the target holds: the map area when the map changed, the widgets that changed.
    // The labels (ImGui's background list) change exactly when the map does: the map's damage covers them.
    const ImDrawList* labels = ImGui::GetBackgroundDrawList();
    render::Frame frame;
    if (shift) {
        const auto [dx, dy] = *shift;
        frame.scroll_area = map_px;
        frame.dx = dx;
        frame.dy = dy;
        // Uncovered: a column on the side the map moved away from, a row likewise.
        std::vector<render::PixelRect> rects;
        if (dx > 0) rects.push_back({map_px.x0, map_px.y0, map_px.x0 + dx, map_px.y1});
        if (dx < 0) rects.push_back({map_px.x1 + dx, map_px.y0, map_px.x1, map_px.y1});
        if (dy > 0) rects.push_back({map_px.x0, map_px.y0, map_px.x1, map_px.y0 + dy});
        if (dy < 0) rects.push_back({map_px.x0, map_px.y1 + dy, map_px.x1, map_px.y1});
        // Widgets over the map area were moved with it: where they are and where their pixels went.
        for (const render::PixelRect& e : widget_damage_.extents_meeting(map_px, labels)) {
            const render::PixelRect in = e.intersected(map_px);
            rects.push_back(in);
            rects.push_back(render::PixelRect{in.x0 + dx, in.y0 + dy, in.x1 + dx, in.y1 + dy}.intersected(map_px));
        }
        render::ScreenDamage widgets(screen);
        widget_damage_.compare(*ImGui::GetDrawData(), widgets, labels);
        if (!widgets.current().empty()) rects.push_back(widgets.current());
        for (const render::PixelRect& r : rects)
            if (!r.empty()) frame.rects.push_back(r);
        render::merge_close(frame.rects);
        stale_ = stale_.united(map_px);
        (*scroll)(frame);  // the moved map reaches the screen now; the strips follow
        frame.scroll_sent = true;
    } else {
        if (map_changed) damage_.add(map_px);
        widget_damage_.compare(*ImGui::GetDrawData(), damage_, labels);
        render::PixelRect repaint = damage_.repaint(buffer_age);
        // Presenting any of the back buffer's stale pixels (since a scroll) would show the map where it was:
        // a repaint that reaches them takes all of them.
        if (!repaint.intersected(stale_).empty()) {
            damage_.add(stale_);
            repaint = damage_.repaint(buffer_age);
            stale_ = {};
        }
        if (!repaint.empty()) frame.rects.push_back(repaint);
    }
    if (settle_frames_ > 0) --settle_frames_;
    if (phase_times_) phase_times_->map_rendered = false;
    if (frame.empty()) return frame;

    target.resetGLStates();  // ImGui's GL calls of the previous frame bypassed SFML's state cache
    // Each rectangle is drawn whole again, in order (clear, map, widgets); nothing outside them is touched.
    ImDrawData& data = *ImGui::GetDrawData();
    std::vector<ImVec4> clips;
    for (int i = 0; i < data.CmdListsCount; ++i)
        for (const ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) clips.push_back(c.ClipRect);
    for (const render::PixelRect& r : frame.rects) {
        size_t k = 0;
        for (int i = 0; i < data.CmdListsCount; ++i)
            for (ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) c.ClipRect = clips[k++];
        paint(target, r, quality);
    }
    if (!frame.rects.empty() && !frame.bounds().intersected(map_px).empty())
        map_redraw_.drawn(camera_, generation, shift ? render::MapQuality::Moving : quality, now);
    if (!shift) damage_.presented();
    return frame;
}

void KioskView::paint(sf::RenderTarget& target, const render::PixelRect& rect, render::MapQuality quality) {
    const sf::Vector2u size = target.getSize();
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect.x0, static_cast<GLint>(size.y) - rect.y1, rect.width(), rect.height());
    target.clear(render::clear_color());
    glDisable(GL_SCISSOR_TEST);
    // The map stays inside its own area: outside it the background is its surroundings' plain colour.
    const render::PixelRect map_clip =
        rect.intersected(render::PixelRect::covering(ui::to_screen_rect(layout_.map_area)));
    if (!map_clip.empty()) renderer_.draw(target, camera_, layout_.scale, map_clip, quality, phase_times_);
    target.setActive(true);  // ImGui draws into whatever framebuffer is bound: the target's
    render::clip_draw_data(*ImGui::GetDrawData(), rect);
    if (phase_times_) {
        render::render_imgui_timed(*phase_times_);
    } else {
        ui::imgui_gl_render_draw_data();
    }
}

bool KioskView::wants_frame() const {
    return camera_.animating() || glue_.has_pending_input() || gestures_.gliding() || settle_frames_ > 0;
}

std::chrono::milliseconds KioskView::idle_wait() const {
    // A few ms past the instant, so that the whole-second clock the banner reads has really moved on.
    const auto until = banner_.model().valid_until - clock_.now_precise();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(until) + std::chrono::milliseconds(5);
    // The map's full-quality frame once the view has come to rest.
    if (const std::optional<double> rest = map_redraw_.rest_due(input_time()))
        ms = std::min(ms, std::chrono::milliseconds(static_cast<long>(std::ceil(*rest * 1000))));
    return std::clamp(ms, std::chrono::milliseconds(0), std::chrono::milliseconds(3600 * 1000));
}

}  // namespace qmi::app
