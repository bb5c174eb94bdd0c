#include "app/kiosk_session.hpp"
#include "app/render_setup.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <stb_image_write.h>

#include "app/kiosk_data.hpp"
#include "app/kiosk_view.hpp"
#include "app/screen_density.hpp"
#include "app/touch_input.hpp"
#include "app/watchdog.hpp"
#include "core/attract_mode.hpp"
#include "core/content_loader.hpp"
#include "core/paris_time.hpp"
#include "core/staff_access.hpp"
#include "input/replay.hpp"
#include "ui/attract_overlay.hpp"
#include "ui/staff_menu.hpp"

#if __has_include("app/live_updates.hpp")
#include "app/live_updates.hpp"
#endif

namespace qmi::app {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Loads the data, with the screen density resolved once (Settings::dpi or the system's).
std::unique_ptr<KioskData> load_data(const Options& o, std::string* fatal) {
    KioskDataLoad load = load_kiosk_data(o.root, true);
    for (const auto& w : load.warnings) spdlog::warn("{}", w);
    if (!load.data) {
        if (fatal) *fatal = load.fatal;
        return nullptr;
    }
    auto d = std::make_unique<KioskData>(std::move(*load.data));
    if (!d->settings.dpi) {
        const float px_per_mm = screen_px_per_mm(std::nullopt);
        if (px_per_mm > 0) d->settings.dpi = px_per_mm * 25.4;
    }
    if (o.idle_timeout_s > 0) d->settings.idle_timeout_s = static_cast<int>(std::lround(o.idle_timeout_s));
    return d;
}

std::optional<InputScript> load_replay(const Options& o, bool* ok) {
    *ok = true;
    if (o.replay.empty()) return std::nullopt;
    InputScript s = load_input_script(o.replay);
    const std::string more =
        s.errors.size() > 1 ? " (and " + std::to_string(s.errors.size() - 1) + " more)" : std::string();
    if (!s.complete) {
        // A test script with a mistake must not "pass" by replaying half of itself.
        spdlog::error("--replay: {}{}", s.errors.front().message(), more);
        *ok = false;
        return std::nullopt;
    }
    if (!s.errors.empty())  // impossible sequences, kept on purpose: the kiosk must survive them
        spdlog::warn("--replay: playing impossible input as written: {}{}", s.errors.front().message(), more);
    double end = 0;
    for (const InputEvent& e : s.events) end = std::max(end, e.t);
    if (!(end >= 0 && end <= 3600)) {
        spdlog::error("--replay {}: script longer than one hour ({} s)", o.replay, end);
        *ok = false;
        return std::nullopt;
    }
    return s;
}

std::string fmt_seconds(double s) { return std::to_string(static_cast<int>(std::ceil(std::max(0.0, s)))); }

// Everything between the input and the view: attract mode, staff access and its screens, lock-down.
class Session {
public:
    Session(const Options& o, std::unique_ptr<KioskData> data, KioskClock clock, std::function<double()> now)
        : o_(o),
          data_(std::move(data)),
          clock_(clock),
          now_(std::move(now)),
          windowed_(o.windowed),
          attract_(attract_config(data_->settings), static_cast<int>(data_->content.districts.size())),
          staff_(data_->settings.staff, px_per_mm()) {}

    static AttractConfig attract_config(const Settings& s) {
        AttractConfig c;
        c.idle_timeout_s = o_idle(s);
        c.step_s = s.attract_step_s;
        return c;
    }
    static double o_idle(const Settings& s) { return s.idle_timeout_s; }

    float px_per_mm() const { return data_->settings.dpi ? static_cast<float>(*data_->settings.dpi / 25.4) : 0.0f; }

    // Creates (or re-creates after a reload) the view for a display size. The GL context must be active.
    bool make_view(unsigned w, unsigned h, Lang lang) {
        create_view(lang);
        view_->prepare(w, h);
        return view_->init_gpu();
    }
    // The view without any display work (prepare() may then run on another thread while the window comes up).
    void create_view(Lang lang) {
        view_.reset();  // its ImGui context first: a new one must not attach to the old context
        view_ = std::make_unique<KioskView>(*data_, lang, clock_);
        view_->set_input_clock(now_);
        view_->set_overlay([this](const ui::WidgetContext& ctx) { draw_overlays(ctx); });
    }
    KioskView& view() { return *view_; }
    std::unique_ptr<KioskView>& view_ptr() { return view_; }

    bool quit() const { return quit_; }
    bool wants_windowed() const { return windowed_; }
    bool staff_screen_open() const { return screen_ != Screen::Closed; }

    // One frame's input. Returns true when something may have changed on screen.
    bool dispatch(const FrameInput& in) {
        bool changed = false;
        for (const sf::Event& ev : in.window_events) changed = view_->handle_event(ev) || changed;
        for (const InputEvent& e : in.events) {
            changed = true;
            switch (e.kind) {
                case InputEvent::Pointer: on_pointer(e.pointer); break;
                case InputEvent::Wheel:
                    if (attract_.on_other_input(e.t) && !staff_screen_open()) {
                        sf::Event w;
                        w.type = sf::Event::MouseWheelScrolled;
                        w.mouseWheelScroll.wheel = sf::Mouse::VerticalWheel;
                        w.mouseWheelScroll.delta = e.wheel.delta;
                        w.mouseWheelScroll.x = static_cast<int>(e.wheel.pos.x);
                        w.mouseWheelScroll.y = static_cast<int>(e.wheel.pos.y);
                        view_->handle_event(w);
                    }
                    break;
                case InputEvent::Key: on_key(e.key, e.t); break;
                case InputEvent::Close:
                    if (kiosk_allows_window_close(!windowed_)) {
                        quit_ = true;
                    } else {
                        spdlog::info("window close request ignored (kiosk mode)");
                    }
                    break;
            }
        }
        return changed;
    }

    // Timers: staff corner hold, PIN pad timeout, attract mode. Returns true when the screen changes.
    bool tick(double now) {
        bool changed = false;
        staff_.update(now);
        if (staff_.take_pin_pad_opened()) {
            screen_ = Screen::PinPad;
            digits_.clear();
            pin_message_.clear();
            release_ui_pointer();
            changed = true;
        }
        if (screen_ == Screen::PinPad && !staff_.pin_pad_open()) {
            screen_ = Screen::Closed;  // idle timeout
            changed = true;
        }
        if (screen_ == Screen::PinPad) {
            locked_for_ = staff_.lockout_remaining(now);
            if (locked_for_ > 0)
                pin_message_ = data_->text.format("staff.try_again_in", view_->lang(), {{"s", fmt_seconds(locked_for_)}});
        }
        // Staff at work is not idle.
        if (staff_screen_open()) attract_.on_other_input(now);
        attract_.update(now);
        for (const AttractAction& a : attract_.take_actions()) {
            changed = true;
            switch (a.kind) {
                case AttractAction::Start:
                    spdlog::info("attract mode: start");
                    release_ui_pointer();
                    view_->show_overview();
                    break;
                case AttractAction::Highlight: highlight(a.district); break;
                case AttractAction::Stop:
                    spdlog::info("attract mode: stop");
                    card_.reset();
                    view_->set_highlight(std::nullopt);
                    break;
            }
        }
        frames_.push_back(now);
        while (!frames_.empty() && frames_.front() < now - 1.0) frames_.erase(frames_.begin());
        return changed;
    }

    nlohmann::json state() const {
        nlohmann::json j;
        const auto sel = view_->selected();
        j["selected"] = sel ? nlohmann::json(data_->map.communes[*sel].insee) : nlohmann::json(nullptr);
        j["panel_title"] = sel ? nlohmann::json(data_->map.communes[*sel].name) : nlohmann::json(nullptr);
        j["zoom_scale"] = view_->camera().scale() / view_->camera().min_scale();
        j["attract_active"] = attract_.active();
        j["highlighted"] = card_ ? nlohmann::json(card_->district) : nlohmann::json(nullptr);
        j["pin_pad_open"] = screen_ == Screen::PinPad;
        j["staff_menu_open"] = screen_ == Screen::Menu;
        j["windowed"] = windowed_;
        j["quit_requested"] = quit_;
        return j;
    }

    void note_error(const std::string& e) { last_error_ = e; }

private:
    enum class Screen { Closed, PinPad, Menu };

    void release_ui_pointer() {
        ui_events_.clear();
        bridge_.release(ui_events_);
        for (const sf::Event& ev : ui_events_) view_->handle_ui_event(ev);
    }

    void on_pointer(const PointerEvent& p) {
        staff_.on_pointer(p);
        if (!attract_.on_pointer(p)) return;  // the touch that woke the kiosk: consumed whole
        if (screen_ == Screen::PinPad) staff_.pin_pad_activity(p.t);
        ui_events_.clear();
        bridge_.to_mouse_events(p, ui_events_);
        for (const sf::Event& ev : ui_events_) view_->handle_ui_event(ev);
        // Staff screens are modal; elsewhere the map only takes fingers that go down inside its area (the view
        // checks), where no widget lies, so ImGui never wants those.
        if (!staff_screen_open()) view_->handle_pointer(p);
    }

    void on_key(const KeyChord& k, double t) {
        switch (kiosk_key_action(k, !windowed_)) {
            case KeyAction::Quit: quit_ = true; return;
            case KeyAction::Ignore: spdlog::debug("key {} ignored (kiosk mode)", k.key); return;
            case KeyAction::Pass: break;
        }
        if (!attract_.on_other_input(t)) return;
        if (screen_ == Screen::PinPad) {
            staff_.pin_pad_activity(t);
            if (k.key.size() == 1 && k.key[0] >= '0' && k.key[0] <= '9' && digits_.size() < 12) digits_ += k.key;
            if (k.key == "Backspace" && !digits_.empty()) digits_.pop_back();
            if (k.key == "Enter") submit_pin(t);
        }
    }

    void highlight(int district) {
        if (district < 0 || district >= static_cast<int>(data_->content.districts.size())) return;
        const District& d = data_->content.districts[district];
        card_ = ui::make_attract_card(d, data_->text, view_->lang());
        card_commune_ = data_->map.find(d.insee);
        view_->set_highlight(card_commune_);
    }

    void submit_pin(double t) {
        const PinResult r = staff_.submit_pin(digits_, t);
        digits_.clear();
        switch (r) {
            case PinResult::Accepted:
                spdlog::info("staff menu unlocked");
                screen_ = Screen::Menu;
                pin_message_.clear();
                break;
            case PinResult::Wrong:
                spdlog::warn("staff PIN: wrong PIN ({} attempts left)", staff_.attempts_left());
                pin_message_ = data_->text.format("staff.attempts_left", view_->lang(),
                                                  {{"n", std::to_string(staff_.attempts_left())}});
                break;
            case PinResult::LockedOut:
                pin_message_ = data_->text.format("staff.try_again_in", view_->lang(),
                                                  {{"s", fmt_seconds(staff_.lockout_remaining(t))}});
                break;
            case PinResult::Malformed: pin_message_ = data_->text.get("staff.wrong_pin", view_->lang()); break;
            case PinResult::Disabled: screen_ = Screen::Closed; break;
        }
    }

    void draw_overlays(const ui::WidgetContext& ctx) {
        if (card_ && attract_.active()) {
            // The highlighted district's box on screen, so that the card never covers it.
            std::optional<ui::Rect> district;
            if (card_commune_ && *card_commune_ < data_->map.communes.size()) {
                const Box& b = data_->map.communes[*card_commune_].bbox;
                const Vec2 a = view_->camera().world_to_screen({b.min.x, b.max.y});
                const Vec2 c = view_->camera().world_to_screen({b.max.x, b.min.y});
                district = ui::Rect{ImVec2(static_cast<float>(a.x), static_cast<float>(a.y)),
                                    ImVec2(static_cast<float>(c.x), static_cast<float>(c.y))};
            }
            ui::draw_attract_overlay(*card_, ctx, district ? &*district : nullptr);
        }
        if (screen_ == Screen::PinPad) {
            ui::PinPadView pv;
            pv.locked = locked_for_ > 0;
            pv.message = pin_message_;
            switch (ui::draw_pin_pad(digits_, pv, ctx)) {
                case ui::PinPadResult::Submit: submit_pin(now_()); break;
                case ui::PinPadResult::Cancel:
                    staff_.close_pin_pad();
                    screen_ = Screen::Closed;
                    break;
                case ui::PinPadResult::None: break;
            }
        } else if (screen_ == Screen::Menu) {
            switch (ui::draw_staff_menu(status(), ctx)) {
                case ui::StaffMenuResult::Exit:
                    spdlog::info("staff menu: exit");
                    quit_ = true;
                    break;
                case ui::StaffMenuResult::Reload: reload_pending_ = true; break;  // after the frame: it rebuilds the view
                case ui::StaffMenuResult::ToggleWindowed: windowed_ = !windowed_; break;
                case ui::StaffMenuResult::Close:
                    staff_.lock();
                    screen_ = Screen::Closed;
                    break;
                case ui::StaffMenuResult::None: break;
            }
        }
    }

    ui::StaffStatus status() const {
        ui::StaffStatus s;
        s.app_version = QMI_VERSION;
        s.content_version = data_->content.version;
        s.content_published = data_->content.published;
        s.content_source = data_->text.get(std::string("staff.source_") + content_source_name(data_->content_source),
                                           view_->lang());
        s.live_updates = live_updates_status();
        s.fps = static_cast<float>(frames_.size());
        s.last_error = last_error_;
        s.reload_result = reload_result_;
        s.windowed = windowed_;
        return s;
    }

    // Hook for the live content feed status (engineer I, src/app/live_updates.hpp): "" until it is wired.
    std::string live_updates_status() const { return live_status_; }

public:
    void set_live_updates_status(std::string s) { live_status_ = std::move(s); }
    const KioskData& data() const { return *data_; }
    // New content from the live feed (src/app/live_updates), between frames: the view rebuilds what depends on it;
    // attract mode and the staff status read data_, so it follows too.
    void apply_content(Content content, ContentSource source) {
        data_->content = content;
        data_->content_source = source;
        attract_.set_district_count(static_cast<int>(data_->content.districts.size()));
        card_.reset();
        view_->set_content(std::move(content));
    }

    // Staff "reload": config/content.json is checked first; with an error the current content stays and the first
    // error is shown. Otherwise the whole load runs again (newest valid of bundled / cached content) and the view
    // is rebuilt on it. Call between frames, with the GL context active.
    void reload_if_requested(unsigned w, unsigned h) {
        if (!reload_pending_) return;
        reload_pending_ = false;
        const Lang lang = view_->lang();
        ContentLoad check = load_content_file(o_.root / "config" / "content.json", "config/content.json",
                                              data_->membership);
        if (!check.errors.empty()) {
            last_error_ = check.errors.front().message();
            reload_result_ = data_->text.format("staff.reload_failed", lang, {{"error", last_error_}});
            spdlog::warn("staff reload refused: {}", last_error_);
            return;
        }
        std::string fatal;
        std::unique_ptr<KioskData> fresh = load_data(o_, &fatal);
        if (!fresh) {
            last_error_ = fatal;
            reload_result_ = data_->text.format("staff.reload_failed", lang, {{"error", fatal}});
            spdlog::warn("staff reload refused: {}", fatal);
            return;
        }
        view_.reset();  // holds a reference into data_
        data_ = std::move(fresh);
        attract_.set_district_count(static_cast<int>(data_->content.districts.size()));
        card_.reset();
        if (!make_view(w, h, lang)) {
            last_error_ = "reload: GPU upload failed";
        }
        reload_result_ = data_->text.get("staff.reload_ok", lang) + " (" + data_->content.version + ")";
        spdlog::info("staff reload: content {} ({})", data_->content.version, content_source_name(data_->content_source));
    }

private:
    const Options& o_;
    std::unique_ptr<KioskData> data_;
    KioskClock clock_;
    std::function<double()> now_;
    bool windowed_;
    AttractMode attract_;
    StaffAccess staff_;
    std::unique_ptr<KioskView> view_;
    ImGuiTouchBridge bridge_;
    std::vector<sf::Event> ui_events_;
    std::optional<ui::AttractCard> card_;
    std::optional<size_t> card_commune_;  // the map commune of the highlighted district
    Screen screen_ = Screen::Closed;
    std::string digits_;
    std::string pin_message_;
    double locked_for_ = 0;
    bool quit_ = false;
    bool reload_pending_ = false;
    std::string reload_result_;
    std::string last_error_;
    std::string live_status_;
    std::vector<double> frames_;  // draw times in the last second
};

bool write_png(const sf::Image& image, const std::string& path) {
    const sf::Vector2u size = image.getSize();
    const std::string tmp = path + ".tmp";
    if (!stbi_write_png(tmp.c_str(), static_cast<int>(size.x), static_cast<int>(size.y), 4, image.getPixelsPtr(),
                        static_cast<int>(size.x * 4))) {
        spdlog::error("--screenshot: cannot write {}", tmp);
        return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        spdlog::error("--screenshot: cannot rename {} to {}: {}", tmp, path, ec.message());
        return false;
    }
    return true;
}

bool write_state(const nlohmann::json& j, const std::string& path) {
    std::ofstream f(path, std::ios::trunc);
    f << j.dump(2) << "\n";
    if (!f) {
        spdlog::error("--state-out: cannot write {}", path);
        return false;
    }
    return true;
}

// What both loops need before a window: the clock (--now), the replay script, the data. nullopt and the exit code
// (2: bad command line, 1: no content or map) after one log line.
struct Startup {
    std::optional<KioskClock> clock;
    std::optional<InputScript> script;
    std::unique_ptr<KioskData> data;
    Lang lang = Lang::Fr;
};

std::optional<Startup> prepare_startup(const Options& o, int* exit_code) {
    Startup s;
    s.clock = make_clock(o);
    if (!s.clock) {
        *exit_code = 2;
        return std::nullopt;
    }
    bool ok = true;
    s.script = load_replay(o, &ok);
    if (!ok) {
        *exit_code = 2;
        return std::nullopt;
    }
    std::string fatal;
    s.data = load_data(o, &fatal);
    if (!s.data) {
        spdlog::error("{}", fatal);
        *exit_code = 1;
        return std::nullopt;
    }
    s.lang = o.lang ? *o.lang : s.data->settings.language;
    return s;
}

}  // namespace

int run_replay_screenshot(const Options& o) {
    int exit_code = 0;
    std::optional<Startup> start = prepare_startup(o, &exit_code);
    if (!start) return exit_code;
    auto& [clock, script, data, lang] = *start;
    const unsigned w = o.width ? o.width : 1920, h = o.height ? o.height : 1080;
    const RenderSetup setup = render_setup(o);
    sf::RenderTexture target;
    if (!target.create(w, h, gl_settings(setup.target_msaa))) {
        spdlog::error("--screenshot: cannot create a {}x{} offscreen target", w, h);
        return 1;
    }
    target.setActive(true);
    VirtualClock vclock(1.0 / 60);
    Session session(o, std::move(data), *clock, [&vclock] { return vclock.now(); });
    if (!session.make_view(w, h, lang)) return 1;
    InputGatherer input(nullptr, std::move(script), 0.0, o.record);

    // The whole script, one virtual 1/60 s frame at a time (ImGui-only frames: widgets react, nothing is drawn),
    // then the tail during which taps are confirmed, attract mode may start and the camera settles.
    FrameInput frame;
    const double stop_at = input.replay_end() + o.replay_tail_s;
    while (!session.quit()) {
        const double now = vclock.tick();
        input.gather(now, frame);
        session.dispatch(frame);
        session.tick(now);
        session.view().update(1.0 / 60);
        session.view().warm_up();
        session.reload_if_requested(w, h);
        if (input.replay_finished() && now >= stop_at) break;
    }
    session.view().camera().finish_easing();
    session.view().warm_up();
    session.view().draw(target, 1.0 / 60);
    target.display();
    if (!write_png(target.getTexture().copyToImage(), o.screenshot)) return 1;
    spdlog::info("replay {} played ({:.2f} s virtual), screenshot {}x{} written to {}", o.replay, vclock.now(), w, h,
                 o.screenshot);
    if (!o.state_out.empty() && !write_state(session.state(), o.state_out)) return 1;
    if (const std::string e = input.save_recording(); !e.empty()) spdlog::error("--record: {}", e);
    return 0;
}

int run_interactive(const Options& o, Clock::time_point process_start) {
    int exit_code = 0;
    std::optional<Startup> start = prepare_startup(o, &exit_code);
    if (!start) return exit_code;
    auto& [clock, script, data, lang] = *start;
    Watchdog watchdog;
    const RenderSetup setup = render_setup(o);

    const Clock::time_point t0 = Clock::now();
    auto now_s = [t0] { return seconds_since(t0); };
    Session session(o, std::move(data), *clock, now_s);

    auto make_window = [&](sf::RenderWindow& window, bool windowed) {
        const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
        const sf::VideoMode mode =
            windowed ? sf::VideoMode(o.width ? o.width : 1920, o.height ? o.height : 1080) : desktop;
        window.create(mode, "QMI Kiosk", windowed ? sf::Style::Default : sf::Style::Fullscreen,
                      gl_settings(setup.target_msaa));
        window.setVerticalSyncEnabled(true);
        window.setKeyRepeatEnabled(false);
        window.setMouseCursorVisible(windowed);
    };
    sf::RenderWindow window;
    bool windowed = o.windowed;
    // Fonts and label layout (CPU only) overlap with creating the window and its GL context.
    session.create_view(lang);
    const sf::VideoMode expected =
        windowed ? sf::VideoMode(o.width ? o.width : 1920, o.height ? o.height : 1080) : sf::VideoMode::getDesktopMode();
    std::thread prepare([&] { session.view().prepare(expected.width, expected.height); });
    make_window(window, windowed);
    prepare.join();
    window.setActive(true);
    sf::Vector2u size = window.getSize();
    if (size.x != expected.width || size.y != expected.height) session.view().resize(size.x, size.y);
    if (!session.view().init_gpu()) return 1;
    session.view().warm_up();
    session.view().draw(window, 1.0 / 60);
    window.display();
    watchdog.ready();
    spdlog::info("first complete frame {}x{} after {:.3f} s ({}x MSAA)", size.x, size.y,
                 seconds_since(process_start), window.getSettings().antialiasingLevel);

    // Live content and map updates on their own thread, started after the first frame: the network never delays
    // the start. A staff reload keeps them (the feed compares against what it last handed over).
    LiveUpdates live(live_updates_options(o.root, session.data().settings), session.data().membership,
                     session.data().content, session.data().content_source);
    if (o.replay.empty()) live.start();  // a replayed script must see the same content every run
    double next_live_status = 0;

    auto input = std::make_unique<InputGatherer>(&window, std::move(script), now_s(), o.record);
    const double stop_at = input->replay_end() + o.replay_tail_s;
    FrameInput frame;
    double last = now_s();
    bool cursor_visible = windowed;
    while (!session.quit()) {
        const double now = now_s();
        watchdog.frame(now);
        input->gather(now, frame);
        bool changed = session.dispatch(frame);
        changed = session.tick(now) || changed;
        if (std::optional<Content> update = live.poll()) {  // one atomic load unless new content arrived
            session.apply_content(std::move(*update), ContentSource::Feed);
            next_live_status = 0;
            changed = true;
        }
        if (now >= next_live_status) {  // the staff status screen reads it; once a second is plenty
            session.set_live_updates_status(status_line(live.status()));
            next_live_status = now + 1;
        }
        if (session.quit()) break;
        if (input->replaying() && input->replay_finished() && now >= stop_at) break;

        // A touch hides the cursor; in a development window the mouse brings it back.
        const bool want_cursor = windowed && !input->touch_recent(now);
        if (want_cursor != cursor_visible) {
            window.setMouseCursorVisible(want_cursor);
            cursor_visible = want_cursor;
        }
        if (session.wants_windowed() != windowed) {
            // Staff toggle: a new window (and touch selection on it); GL objects live in SFML's shared context.
            windowed = session.wants_windowed();
            const std::string rec = input->save_recording();
            if (!rec.empty()) spdlog::error("--record: {}", rec);
            make_window(window, windowed);
            window.setActive(true);
            size = window.getSize();
            session.view().resize(size.x, size.y);
            input = std::make_unique<InputGatherer>(&window, std::nullopt, now, "");
            cursor_visible = windowed;
            spdlog::info("staff: {} {}x{}", windowed ? "windowed" : "full screen", size.x, size.y);
            changed = true;
        }

        const double dt = std::min(now - last, 0.05);  // after a long idle sleep, no jump to the end
        last = now;
        const bool moving = session.view().update(dt);
        if (changed || moving || session.view().wants_frame() || session.view().idle_wait().count() <= 0) {
            session.view().draw(window, dt);
            window.display();
            session.reload_if_requested(size.x, size.y);
            continue;
        }
        std::this_thread::sleep_for(std::min(session.view().idle_wait(), std::chrono::milliseconds(16)));
    }
    watchdog.stopping();
    live.stop();  // cancels a download in flight
    if (const std::string e = input->save_recording(); !e.empty()) spdlog::error("--record: {}", e);
    if (!o.screenshot.empty()) {}  // --screenshot with --replay goes through run_replay_screenshot
    return 0;
}

double measure_input_latency_ms(KioskView& view, sf::RenderWindow& window, int samples) {
    const ui::Rect& map = view.layout().map_area;
    const float cx = map.min.x + map.width() / 2, cy = map.min.y + map.height() / 2;
    std::vector<double> lat;
    const int id = 4242;
    double t = view.input_time();
    view.handle_pointer({id, PointerEvent::Down, {cx, cy}, t, PointerEvent::Touch});
    for (int i = 0; i < samples; ++i) {
        // The event's timestamp is taken when it is created, as the X server stamps a real touch.
        const Clock::time_point stamp = Clock::now();
        t = view.input_time();
        const float dx = 40.0f * std::sin(i * 0.3f);
        view.handle_pointer({id, PointerEvent::Move, {cx + dx, cy}, t, PointerEvent::Touch});
        view.update(1.0 / 60);
        view.draw(window, 1.0 / 60);
        window.display();
        lat.push_back(std::chrono::duration<double, std::milli>(Clock::now() - stamp).count());
    }
    view.handle_pointer({id, PointerEvent::Up, {cx, cy}, view.input_time(), PointerEvent::Touch});
    view.update(1.0 / 60);
    std::sort(lat.begin(), lat.end());
    return lat.empty() ? 0 : lat[lat.size() / 2];
}

std::optional<KioskClock> make_clock(const Options& o) {
    if (o.now.empty()) return KioskClock();
    std::string error;
    const auto t = parse_now(o.now, &error);
    if (!t) {
        spdlog::error("--now {}: {}", o.now, error);
        return std::nullopt;
    }
    return KioskClock(*t);
}

}  // namespace qmi::app
