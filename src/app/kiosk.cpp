#include "app/kiosk.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include <spdlog/spdlog.h>

#include "app/content_views.hpp"
#include "app/staff_status.hpp"
#include "core/arrondissements.hpp"
#include "core/content_store.hpp"
#include "core/call_state.hpp"
#include "core/staleness.hpp"


namespace qmi::app {

namespace {

std::string lower_ascii(std::string s) {
    // ASCII only: enough for "issy-les-moulineaux" vs "Issy-les-Moulineaux" on the command line.
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string whole_seconds(double s) { return std::to_string(static_cast<int>(std::ceil(std::max(0.0, s)))); }

AttractConfig attract_config(const Settings& s) {
    AttractConfig c;
    c.idle_timeout_s = s.idle_timeout_s;
    c.step_s = s.attract_step_s;
    return c;
}

float px_per_mm(const Settings& s) { return s.dpi ? static_cast<float>(*s.dpi / 25.4) : 0.0f; }

ui::Rect to_rect(const ScreenRect& r) {
    return {ImVec2(static_cast<float>(r.x), static_cast<float>(r.y)),
            ImVec2(static_cast<float>(r.x + r.w), static_cast<float>(r.y + r.h))};
}

}  // namespace

Kiosk::Kiosk(KioskData data, KioskClock clock, Lang lang, RenderSetup setup, bool windowed, Reloader reloader)
    : data_(std::make_unique<KioskData>(std::move(data))),
      clock_(clock),
      lang_(lang),
      start_lang_(lang),
      setup_(setup),
      windowed_(windowed),
      reloader_(std::move(reloader)),
      attract_(attract_config(data_->settings), static_cast<int>(data_->content.districts.size())),
      staff_(data_->settings.staff, px_per_mm(data_->settings)) {
    make_views();
}

// ---- visitor's controls ---------------------------------------------------------------------------------------

void Kiosk::choose_commune(const std::string& insee, bool from_search) {
    const std::optional<size_t> commune = data_->map.find(insee);
    if (from_search) {
        usage_.push_back(UsageEvent::search(clock_.now(), insee));
        close_search(true);
    }
    if (!commune) return;
    timeline_open_ = false;  // the visitor chose a town from the list: its card, on the map
    note_selection(*commune);
    select(commune, true);
}

void Kiosk::close_search(bool chose) {
    // A search that was typed but left without a choice still counts as one (never its text).
    if (search_open_ && search_typed_ && !chose) usage_.push_back(UsageEvent::search(clock_.now()));
    search_open_ = false;
    search_typed_ = false;
}

Kiosk::~Kiosk() = default;

void Kiosk::make_views() {
    map_.reset();  // holds a reference into data_
    widgets_.reset();  // its ImGui context first: a new one must not attach to the old context
    widgets_ = std::make_unique<Widgets>(*data_);
    map_ = std::make_unique<MapView>(data_->map);
    painter_.forget();  // new views: nothing on the target is theirs
}

void Kiosk::prepare(unsigned width, unsigned height) {
    width_ = width;
    height_ = height;
    if (search_index_.size() == 0) search_index_ = CommuneSearch(data_->membership, data_->content);
    const Settings& st = data_->settings;
    // st.dpi already holds the display server's density when kiosk.json gives none (app/startup).
    widgets_->prepare(screen_geometry(width, height, st.screen_diagonal_in, st.dpi, 0.0),
                      Mounting{st.mounting.bottom_edge_m});
    if (!views_until_) views_until_ = next_views_change(clock_.now());
    prepare_map();
    ContentViews views = make_content_views(data_->content, *data_, map_->selected(), clock_.now());
    map_->set_call(views.call_communes, sf::Color(views.call_color.r, views.call_color.g, views.call_color.b));
    widgets_->set_content(std::move(views.intro), std::move(views.legend), std::move(views.districts), &search_index_);
    hint_.show(now_);
    if (tour_) show_step(true);  // the camera was fitted anew: back to what the step shows
    redraw();
}

// The map in the area of the layout in use (the kiosk's, or the presenter's larger one): camera limits, labels.
void Kiosk::prepare_map() {
    const ui::Layout& l = widgets_->layout();
    map_->prepare(width_, height_, ui::to_screen_rect(widgets_->map_area()), l.scale, l.px_per_mm,
                  widgets_->label_font(), highlighted_communes(data_->map, data_->content));
}

bool Kiosk::init_gpu() {
    if (!map_->init_gpu(render::commune_fills(data_->map, data_->content))) return false;
    return widgets_->init_gpu();
}

void Kiosk::resize(unsigned width, unsigned height) {
    painter_.forget();  // a new window of the same size holds nothing either
    if (width == width_ && height == height_) return;
    prepare(width, height);
}

// ---- input ----------------------------------------------------------------------------------------------------

void Kiosk::handle(const std::vector<InputEvent>& events) {
    for (const InputEvent& e : events) {
        redraw(1);
        const bool hover = e.kind == InputEvent::Pointer && e.pointer.kind == PointerEvent::Move &&
                           e.pointer.source == PointerEvent::Mouse;
        if (e.kind != InputEvent::Close && !hover) note_input(e.t);
        switch (e.kind) {
            case InputEvent::Pointer: on_pointer(e.pointer); break;
            case InputEvent::Wheel:
                if (attract_.on_other_input(e.t) && staff_screen_ == StaffScreen::None) {
                    widgets_->on_wheel(e.wheel);
                    if (!tour_ && !widgets_->covers(e.wheel.pos)) map_->on_wheel(e.wheel);
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
}

void Kiosk::on_pointer(const PointerEvent& p) {
    staff_.on_pointer(p);
    bool on_control = false;
    if (attract_.active() && p.kind == PointerEvent::Down) {
        // The first touch acts: on a control (language, ...) it works at once; on the card or the presented
        // district it opens that district; anywhere else the session starts at the overview.
        on_control = widgets_->covers(p.pos);
        const bool on_card = widgets_->attract_card_rect() && widgets_->attract_card_rect()->contains(ImVec2(p.pos.x, p.pos.y));
        wake_target_.reset();
        if (!on_control && card_commune_ && (on_card || map_->commune_at(p.pos) == card_commune_))
            wake_target_ = card_commune_;
    }
    if (!attract_.on_pointer(p, on_control)) return;  // the touch that woke the kiosk: consumed whole
    if (staff_screen_ == StaffScreen::PinPad) staff_.pin_pad_activity(p.t);
    widgets_->on_pointer(p);
    // Staff screens are modal. Elsewhere a finger that goes down on a widget is the widget's; the map takes the
    // others that go down in its area.
    if (staff_screen_ != StaffScreen::None) return;
    // In presenter mode the map is the presenter's picture: a finger from the audience never moves it.
    if (tour_) return;
    if (p.kind == PointerEvent::Down && widgets_->covers(p.pos)) return;
    map_->on_pointer(p);
}

void Kiosk::on_key(const KeyChord& k, double t) {
    // Presenter keys first: in kiosk mode Escape is swallowed, in a window it quits; in presenter mode it ends the
    // tour (a clicker's "end show"), and the keys a clicker sends move through it.
    if (tour_ && staff_screen_ == StaffScreen::None)
        if (const PresenterKey pk = presenter_key(k); pk != PresenterKey::None) {
            on_presenter_key(pk);
            return;
        }
    switch (kiosk_key_action(k, !windowed_)) {
        case KeyAction::Quit: quit_ = true; return;
        case KeyAction::Ignore: spdlog::debug("key {} ignored (kiosk mode)", k.key); return;
        case KeyAction::Pass: break;
    }
    if (!attract_.on_other_input(t)) return;
    if (search_open_ && staff_screen_ == StaffScreen::None) {
        std::string chosen;
        if (widgets_->search_key(k, chosen)) {
            search_typed_ = true;
            if (!chosen.empty()) choose_commune(chosen, true);
            redraw();
        }
        return;
    }
    if (staff_screen_ != StaffScreen::PinPad) return;
    staff_.pin_pad_activity(t);
    if (k.key.size() == 1 && k.key[0] >= '0' && k.key[0] <= '9' && pin_digits_.size() < 12) pin_digits_ += k.key;
    if (k.key == "Backspace" && !pin_digits_.empty()) pin_digits_.pop_back();
    if (k.key == "Enter") submit_pin(t);
}

// Any input but a hovering mouse: a session starts with the first one and lasts until the last one.
void Kiosk::note_input(double t) {
    if (tour_) return;  // a presenter at work is not a visitor: no session, no usage counted
    if (!session_open_) {
        session_open_ = true;
        session_start_t_ = t;
        usage_.push_back(UsageEvent::session_start(clock_.now()));
    }
    last_input_t_ = t;
}

void Kiosk::note_selection(size_t commune) {
    const std::string& insee = data_->map.communes[commune].insee;
    usage_.push_back(UsageEvent::commune_tap(clock_.now(), insee, data_->content.find_district(insee) != nullptr));
}

// A tap on the map counts once the double-tap window has passed: half of a double tap selected nothing.
void Kiosk::flush_pending_tap(double now) {
    if (pending_tap_ && now - pending_tap_->second > kDoubleTapWindow_s) {
        note_selection(pending_tap_->first);
        pending_tap_.reset();
    }
}

void Kiosk::window_exposed() {
    painter_.forget();
    redraw(1);
}

void Kiosk::focus_lost() {
    painter_.forget();
    map_->cancel_input();
    widgets_->release_pointer();
    redraw();
}

// ---- time -----------------------------------------------------------------------------------------------------

void Kiosk::update(double now, double dt) {
    now_ = now;
    staff_.update(now);
    if (staff_.take_pin_pad_opened()) open_pin_pad();
    if (staff_screen_ == StaffScreen::PinPad && !staff_.pin_pad_open()) {  // the pad's idle timeout
        staff_screen_ = StaffScreen::None;
        redraw();
    }
    if (staff_screen_ == StaffScreen::PinPad) {
        locked_for_ = staff_.lockout_remaining(now);
        if (locked_for_ > 0)
            pin_message_ = data_->text.format("staff.try_again_in", lang_, {{"s", whole_seconds(locked_for_)}});
    }
    // Staff at work, or presenting, is not idle.
    if (staff_screen_ != StaffScreen::None || tour_) attract_.on_other_input(now);
    attract_.update(now);
    for (const AttractAction& a : attract_.take_actions()) {
        redraw();
        switch (a.kind) {
            case AttractAction::Start:
                // The next visitor finds the kiosk as the first one did: start language, no card, the overview.
                spdlog::info("attract mode: start");
                if (session_open_) {
                    usage_.push_back(UsageEvent::session_end(clock_.now(), last_input_t_ - session_start_t_));
                    session_open_ = false;
                }
                usage_.push_back(UsageEvent::attract_start(clock_.now()));
                widgets_->release_pointer();
                timeline_open_ = false;
                lang_ = start_lang_;
                panel_.reset();
                arrondissement_.reset();
                sources_.reset();
                close_search(false);
                before_tap_.reset();
                toast_.reset();
                map_->show_overview();
                break;
            case AttractAction::Highlight:
                present_district(a.district);
                if (card_commune_) map_->fly_to(*card_commune_, 1.5);
                break;
            case AttractAction::Stop: wake_up(); break;
        }
    }
    for (const MapTap& tap : map_->update(now, dt)) on_tap(tap);
    if (map_->take_manipulated()) hint_.dismiss(now);
    flush_pending_tap(now);
    // What the cards say about the calls changes with time (a window opens, its last day, it closes): rebuild them
    // at those instants, as a content change would.
    if (views_until_ && clock_.now() >= *views_until_) refresh_views();
    // The same for the presenter's card (a call opens while the calls are on screen).
    if (step_ && step_->valid_until && clock_.now() >= *step_->valid_until) show_step(false);
}

std::optional<date::sys_seconds> Kiosk::next_views_change(date::sys_seconds now) const {
    std::optional<date::sys_seconds> t = next_window_boundary(data_->content.call_windows, now);
    if (panel_ && panel_->valid_until && (!t || *panel_->valid_until < *t)) t = panel_->valid_until;
    return t;
}

void Kiosk::refresh_views() {
    ContentViews views = make_content_views(data_->content, *data_, map_->selected(), clock_.now(), arrondissement_);
    map_->set_call(views.call_communes, sf::Color(views.call_color.r, views.call_color.g, views.call_color.b));
    widgets_->set_content(std::move(views.intro), std::move(views.legend), std::move(views.districts), &search_index_);
    panel_ = std::move(views.panel);
    views_until_ = next_views_change(clock_.now());
    redraw();
}

void Kiosk::wake_up() {
    spdlog::info("attract mode: stop");
    card_.reset();
    card_commune_.reset();
    map_->set_highlight(std::nullopt);
    if (wake_target_) {
        note_selection(*wake_target_);
        select(wake_target_, true);
        wake_target_.reset();
    } else {
        map_->show_overview();
    }
    hint_.show(now_);  // a new visitor: say once that the map moves under the fingers
}

void Kiosk::on_tap(const MapTap& tap) {
    if (tap.kind == MapTap::DoubleTap) {
        // A double tap zooms; its first tap was taken at once as a single tap: undo it first, card and camera.
        pending_tap_.reset();
        toast_.reset();
        if (before_tap_) {
            const BeforeTap b = *before_tap_;
            select(b.selected, false, b.arrondissement);
            map_->set_view(b.view);
            before_tap_.reset();
        }
        map_->zoom_at(tap.pos, 2.0);
        return;
    }
    // A tap on a Métropole commune opens its card; anywhere else on the map closes the card.
    before_tap_ = BeforeTap{map_->selected(), arrondissement_, map_->view()};
    if (tap.commune) pending_tap_ = {*tap.commune, now_};
    // Outside the Métropole nothing opens: say so briefly, where the finger is, rather than do nothing.
    toast_.reset();
    if (!tap.commune) toast_ = Toast{"map.outside_hint", tap.pos, now_ + kToast_s};
    select(tap.commune, true, tap.arrondissement);
}

void Kiosk::select(std::optional<size_t> commune, bool animate, std::optional<size_t> arrondissement) {
    if (commune && *commune >= data_->map.communes.size()) commune.reset();
    if (!commune || (arrondissement && *arrondissement >= data_->map.arrondissements.size())) arrondissement.reset();
    arrondissement_ = arrondissement;
    panel_.reset();
    sources_.reset();
    if (commune)
        panel_ = ui::make_panel_model(data_->map.communes[*commune].insee, data_->content, data_->membership,
                                      data_->text, clock_.now(), &data_->map, arrondissement);
    map_->select(commune, animate, arrondissement);
    redraw();
}

void Kiosk::present_district(int district) {
    if (district < 0 || district >= static_cast<int>(data_->content.districts.size())) return;
    const District& d = data_->content.districts[district];
    card_ = ui::make_attract_card(d, data_->content, data_->text, lang_);
    card_commune_ = data_->map.find(d.insee);
    map_->set_highlight(card_commune_);
}

bool Kiosk::select_by_code_or_name(const std::string& what) {
    std::optional<size_t> found = data_->map.find(data_->membership.current_code(what));
    if (!found) {
        const std::string want = lower_ascii(what);
        for (size_t i = 0; i < data_->map.communes.size() && !found; ++i)
            if (lower_ascii(data_->map.communes[i].name) == want) found = i;
    }
    if (!found) return false;
    select(found, false);
    return true;
}

void Kiosk::settle() {
    map_->finish_easing();
    redraw();
}

// ---- presenter mode -------------------------------------------------------------------------------------------

bool Kiosk::start_tour() {
    if (tour_) return true;
    PresenterTour tour(tour_of(data_->content));
    if (tour.empty()) {
        spdlog::warn("presenter mode: nothing to present");
        return false;
    }
    spdlog::info("presenter mode: {} steps", tour.size());
    tour_ = std::move(tour);
    blackout_ = false;
    timeline_open_ = false;
    close_search(false);
    toast_.reset();
    before_tap_.reset();
    pending_tap_.reset();
    // Attract mode ends without its wake-up (which would fly the map back to the overview over the first step).
    if (attract_.active()) {
        attract_.on_other_input(now_);
        attract_.take_actions();
        card_.reset();
        card_commune_.reset();
        map_->set_highlight(std::nullopt);
    }
    if (session_open_) {  // a visitor's session ends where the presenter's work starts
        usage_.push_back(UsageEvent::session_end(clock_.now(), last_input_t_ - session_start_t_));
        session_open_ = false;
    }
    widgets_->release_pointer();
    map_->cancel_input();
    widgets_->set_presenting(true);
    if (width_ > 0) prepare_map();  // the presenter's map area is larger: camera limits and labels for it
    show_step(true);
    return true;
}

void Kiosk::leave_tour() {
    if (!tour_) return;
    spdlog::info("presenter mode: end");
    tour_.reset();
    step_.reset();
    blackout_ = false;
    sources_.reset();
    widgets_->release_pointer();
    widgets_->set_presenting(false);
    map_->set_group({});
    if (width_ > 0) prepare_map();
    // The next visitor finds the kiosk as the first one did: no card, the whole Métropole.
    select(std::nullopt, false);
    map_->show_overview();
    attract_.on_other_input(now_);  // the idle time counts from here
    redraw();
}

// The current step: its card built once, the map flown to what it shows (when `move_map`; a card rebuilt because
// a call's state changed leaves the camera where it is).
void Kiosk::show_step(bool move_map) {
    if (!tour_ || tour_->empty()) return;
    const TourStep& step = tour_->current();
    step_ = ui::make_presenter_step(data_->content, data_->membership, data_->text, step, tour_->index(),
                                    tour_->size(), clock_.now());
    sources_.reset();
    std::vector<size_t> communes;
    for (const std::string& code : step_->communes)
        if (const std::optional<size_t> c = data_->map.find(code)) communes.push_back(*c);
    switch (step.kind) {
        case TourStep::Kind::District: {
            const std::optional<size_t> c = communes.empty() ? std::nullopt : std::optional<size_t>(communes.front());
            map_->set_group({});
            if (move_map || !map_->selected() || map_->selected() != c) {
                select(c, true);  // the kiosk's card of the commune, its outline
                if (c && move_map) map_->fly_to(*c, kFlight_s);
            }
            break;
        }
        case TourStep::Kind::Promotion:
        case TourStep::Kind::Calls:
            // Several districts together: all outlined, the camera fits them all.
            select(std::nullopt, false);
            map_->set_group(communes);
            if (move_map) map_->fly_to_show(communes, kFlight_s);
            break;
        case TourStep::Kind::Programme:
        case TourStep::Kind::Timeline:
            select(std::nullopt, false);
            map_->set_group({});
            if (move_map) map_->show_overview();
            break;
    }
    redraw();
}

void Kiosk::presenter_move(bool moved) {
    // A step key or tap on a black screen brings the screen back first, where it was (as slide shows do).
    if (blackout_) {
        blackout_ = false;
        redraw();
        return;
    }
    if (moved) show_step(true);
}

void Kiosk::on_presenter_key(PresenterKey k) {
    if (!tour_) return;
    switch (k) {
        case PresenterKey::None: break;
        case PresenterKey::Next: presenter_move(!blackout_ && tour_->next()); break;
        case PresenterKey::Previous: presenter_move(!blackout_ && tour_->previous()); break;
        case PresenterKey::First: presenter_move(!blackout_ && tour_->first()); break;
        case PresenterKey::Last: presenter_move(!blackout_ && tour_->last()); break;
        case PresenterKey::Blank:
            blackout_ = !blackout_;
            redraw();
            break;
        case PresenterKey::Exit: leave_tour(); break;
    }
}

void Kiosk::open_timeline() {
    timeline_open_ = true;
    sources_.reset();
    close_search(false);
    toast_.reset();
    redraw();
}

// ---- staff ----------------------------------------------------------------------------------------------------

void Kiosk::open_pin_pad() {
    staff_screen_ = StaffScreen::PinPad;
    pin_digits_.clear();
    pin_message_.clear();
    // The finger still holding the corner must not keep ImGui's button held: the pad's keys would not click.
    widgets_->release_pointer();
    map_->cancel_input();
    redraw();
}

void Kiosk::submit_pin(double t) {
    const PinResult r = staff_.submit_pin(pin_digits_, t);
    pin_digits_.clear();
    switch (r) {
        case PinResult::Accepted:
            spdlog::info("staff menu unlocked");
            staff_screen_ = StaffScreen::Menu;
            pin_message_.clear();
            break;
        case PinResult::Wrong:
            spdlog::warn("staff PIN: wrong PIN ({} attempts left)", staff_.attempts_left());
            pin_message_ = data_->text.format("staff.attempts_left", lang_, {{"n", std::to_string(staff_.attempts_left())}});
            break;
        case PinResult::LockedOut:
            pin_message_ = data_->text.format("staff.try_again_in", lang_, {{"s", whole_seconds(staff_.lockout_remaining(t))}});
            break;
        case PinResult::Malformed: pin_message_ = data_->text.get("staff.wrong_pin", lang_); break;
        case PinResult::Disabled: staff_screen_ = StaffScreen::None; break;
    }
    redraw();
}

ui::StaffStatus Kiosk::staff_status() const {
    ui::StaffStatus s;
    s.app_version = QMI_VERSION;
    s.content_version = data_->content.version;
    const date::sys_seconds now = clock_.now();
    if (const std::optional<date::sys_seconds> published = parse_publication_time(data_->content.published)) {
        s.content_published = people_time(*published, data_->text, lang_);
        if (const std::optional<std::string> age = content_age(data_->content, now, data_->text, lang_, &s.content_old))
            s.content_published += " (" + *age + ")";
    }
    s.kiosk_time = people_time(now, data_->text, lang_);
    s.touch = touch_.empty() ? data_->text.get("staff.touch_none", lang_) : touch_;
    s.content_source =
        data_->text.get(std::string("staff.source_") + content_source_name(data_->content_source), lang_);
    if (live_status_) s.live_updates = live_updates_text(*live_status_, data_->text, lang_);
    s.fps = static_cast<float>(frame_times_.size());
    s.last_error = last_error_;
    s.reload_result = reload_result_;
    s.windowed = windowed_;
    s.to_review = review_warning(data_->content, stale_facts(data_->content, clock_.now()), data_->text, lang_);
    for (const District& d : data_->content.districts) s.districts.push_back(d.commune);
    if (usage_today_) {
        const UsageFigures& f = *usage_today_;
        const std::string median =
            f.median_session_s ? std::to_string(static_cast<long>(std::lround(*f.median_session_s))) + " s" : "—";
        s.usage_today = data_->text.format("staff.usage_figures", lang_,
                                           {{"sessions", std::to_string(f.sessions)},
                                            {"taps", std::to_string(f.taps())},
                                            {"searches", std::to_string(f.searches)},
                                            {"switches", std::to_string(f.language_switches)},
                                            {"median", median}});
    }
    return s;
}

// Staff "reload": the reloader checks config/content.json first (with an error the current content stays and the
// first error is shown), then loads everything again; the views are rebuilt on the new data.
void Kiosk::reload() {
    if (!reloader_) return;
    std::string error;
    std::optional<KioskData> fresh = reloader_(error);
    if (!fresh) {
        last_error_ = error;
        reload_result_ = data_->text.format("staff.reload_failed", lang_, {{"error", error}});
        spdlog::warn("staff reload refused: {}", error);
        return;
    }
    const std::optional<size_t> selected = map_->selected();
    const std::optional<size_t> arrondissement = arrondissement_;
    data_ = std::make_unique<KioskData>(std::move(*fresh));
    make_views();
    attract_.set_district_count(static_cast<int>(data_->content.districts.size()));
    card_.reset();
    card_commune_.reset();
    panel_.reset();
    if (tour_) {  // a presenter reloading between two steps goes on where they were
        widgets_->set_presenting(true);
        tour_->replace_steps(tour_of(data_->content));
    }
    prepare(width_, height_);
    if (!init_gpu()) last_error_ = "reload: GPU upload failed";
    if (selected && !tour_) select(selected, false, arrondissement);
    reload_result_ = data_->text.get("staff.reload_ok", lang_) + " (" + data_->content.version + ")";
    spdlog::info("staff reload: content {} ({})", data_->content.version, content_source_name(data_->content_source));
}

// ---- content --------------------------------------------------------------------------------------------------

void Kiosk::set_content(Content content, ContentSource source) {
    data_->content = std::move(content);
    data_->content_source = source;
    attract_.set_district_count(static_cast<int>(data_->content.districts.size()));
    card_.reset();
    card_commune_.reset();
    map_->set_highlight(std::nullopt);
    search_index_ = CommuneSearch(data_->membership, data_->content);
    ContentViews views = make_content_views(data_->content, *data_, map_->selected(), clock_.now(), arrondissement_);
    views_until_ = next_views_change(clock_.now());
    sources_.reset();
    map_->set_call(views.call_communes, sf::Color(views.call_color.r, views.call_color.g, views.call_color.b));
    widgets_->set_content(std::move(views.intro), std::move(views.legend), std::move(views.districts), &search_index_);
    panel_ = std::move(views.panel);
    map_->set_fills(render::commune_fills(data_->map, data_->content));
    prepare_map();  // districts may have come or gone
    if (tour_) {
        // The tour may have changed too: the same step if it is still in it; its card with the new facts.
        tour_->replace_steps(tour_of(data_->content));
        if (tour_->empty()) leave_tour();
        else show_step(true);
    }
    redraw();
}

// ---- frames ---------------------------------------------------------------------------------------------------

ScreenState Kiosk::screen_state() const {
    ScreenState s;
    s.lang = lang_;
    s.content = &data_->content;
    s.now = clock_.now();
    s.panel = panel_ ? &*panel_ : nullptr;
    s.sources = sources_ ? &*sources_ : nullptr;
    if (map_->selected()) s.selected_insee = data_->map.communes[*map_->selected()].insee;
    s.can_zoom_in = map_->can_zoom_in();
    s.can_zoom_out = map_->can_zoom_out();
    // The gesture hint is about the map: not over the search keyboard, a staff screen, the tour or the timeline.
    s.hint_opacity = attract_.active() || staff_screen_ != StaffScreen::None || tour_ || timeline_open_ || search_open_
                         ? 0.0f
                         : hint_.opacity(now_);
    s.presenter = step_ ? &*step_ : nullptr;
    s.blackout = blackout_;
    s.timeline_open = timeline_open_ && !tour_;
    s.search_open = search_open_;
    if (card_ && attract_.active()) {
        s.attract = &*card_;
        if (card_commune_) s.attract_keep_visible = to_rect(map_->screen_box(*card_commune_));
    }
    s.staff = staff_screen_;
    s.pin_digits = pin_digits_.size();
    s.pin.locked = locked_for_ > 0;
    s.pin.message = pin_message_;
    s.status = status_ ? &*status_ : nullptr;
    s.corner_hold = staff_.corner_hold(now_);
    if (toast_ && now_ < toast_->until)
        s.toast = ScreenState::Toast{data_->text.get(toast_->key, lang_), toast_->at,
                                     static_cast<float>(std::clamp((toast_->until - now_) / 0.5, 0.0, 1.0))};
    return s;
}

void Kiosk::build_frame(double dt, const BackBuffer& back) {
    frame_times_.push_back(now_);
    while (!frame_times_.empty() && frame_times_.front() < now_ - 1.0) frame_times_.erase(frame_times_.begin());
    if (staff_screen_ == StaffScreen::Menu) status_ = staff_status();
    map_->upload_pending();  // new fills: before the painter compares what the map shows
    const render::PixelRect screen{0, 0, static_cast<int>(width_), static_cast<int>(height_)};
    const render::MapQuality quality = painter_.begin(*map_, screen, back, now_);
    render::PhaseClock clock(phase_times_ != nullptr);
    widgets_->begin_frame(static_cast<float>(dt));
    map_->set_language(lang_);
    map_->draw_labels(widgets_->background(), quality == render::MapQuality::Moving, phase_times_);
    actions_ = widgets_->draw(screen_state());
    widgets_->end_frame();
    if (phase_times_) phase_times_->widgets_cpu_ms = clock.lap() - phase_times_->labels_cpu_ms;
    if (frames_owed_ > 0) --frames_owed_;
}

render::Frame Kiosk::render(sf::RenderTarget& target, const FramePainter::Scroll& scroll) {
    return painter_.paint(target, *map_, *widgets_, scroll, phase_times_);
}

void Kiosk::apply_actions() {
    const std::vector<UiAction> actions = std::move(actions_);
    actions_.clear();
    for (const UiAction& a : actions) {
        redraw();
        switch (a.kind) {
            case UiAction::ChooseCommune: choose_commune(a.insee, a.from_search); break;
            case UiAction::Home:
                timeline_open_ = false;
                select(std::nullopt, false);
                map_->show_overview();
                break;
            case UiAction::ZoomIn: map_->zoom_by(2.0); break;
            case UiAction::ZoomOut: map_->zoom_by(0.5); break;
            case UiAction::OpenSearch:
                timeline_open_ = false;
                search_open_ = true;
                search_typed_ = false;
                break;
            case UiAction::CloseSearch: close_search(false); break;
            case UiAction::SearchTyped: search_typed_ = true; break;
            case UiAction::ShowSources:
                if (step_ && step_->step.kind != TourStep::Kind::District)  // a presenter's card: what it says
                    sources_ = ui::make_sources_model(data_->content, data_->membership, data_->text, step_->facts);
                else
                    sources_ = ui::make_sources_model(data_->content, data_->membership, data_->text,
                                                      panel_ ? panel_->insee : std::string(), clock_.now(),
                                                      data_->map.arrondissements_source);
                break;
            case UiAction::CloseSources: sources_.reset(); break;
            case UiAction::ClosePanel:
                if (tour_) break;  // the presenter's card has no "Close": the tour moves on instead
                // "Close" ends the visit to that town: back to the whole Métropole, as the next visitor expects.
                select(std::nullopt, false);
                map_->show_overview();
                break;
            case UiAction::SwitchLanguage:
                lang_ = lang_ == Lang::Fr ? Lang::En : Lang::Fr;
                usage_.push_back(UsageEvent::language_switch(clock_.now(), lang_));
                if (card_ && attract_.highlighted() >= 0) present_district(attract_.highlighted());
                break;
            case UiAction::PinDigit:
                if (pin_digits_.size() < 12) pin_digits_ += a.digit;
                break;
            case UiAction::PinErase:
                if (!pin_digits_.empty()) pin_digits_.pop_back();
                break;
            case UiAction::PinSubmit: submit_pin(now_); break;
            case UiAction::PinCancel:
                staff_.close_pin_pad();
                staff_screen_ = StaffScreen::None;
                break;
            case UiAction::StaffExit:
                spdlog::info("staff menu: exit");
                quit_ = true;
                break;
            case UiAction::StaffReload: reload(); break;
            case UiAction::StaffToggleWindowed: windowed_ = !windowed_; break;
            case UiAction::StaffClose:
                staff_.lock();
                staff_screen_ = StaffScreen::None;
                break;
            case UiAction::StaffStartAttract:
                staff_.lock();
                staff_screen_ = StaffScreen::None;
                leave_tour();
                attract_.start(now_);
                break;
            case UiAction::StaffShowDistrict: {
                staff_.lock();
                staff_screen_ = StaffScreen::None;
                if (a.district < 0 || a.district >= static_cast<int>(data_->content.districts.size())) break;
                const std::string& insee = data_->content.districts[a.district].insee;
                if (tour_) {
                    // Presenting: to that district's step when the tour has one (a question from the audience).
                    const std::vector<TourStep>& steps = tour_->steps();
                    for (size_t i = 0; i < steps.size(); ++i)
                        if (steps[i].kind == TourStep::Kind::District && steps[i].insee == insee && tour_->go_to(i))
                            show_step(true);
                    break;
                }
                select(data_->map.find(insee), true);
                break;
            }
            case UiAction::StaffStartTour:
                staff_.lock();
                staff_screen_ = StaffScreen::None;
                start_tour();
                break;
            case UiAction::StaffShowTimeline:
                staff_.lock();
                staff_screen_ = StaffScreen::None;
                leave_tour();
                select(std::nullopt, false);
                open_timeline();
                break;
            case UiAction::OpenTimeline: open_timeline(); break;
            case UiAction::CloseTimeline: timeline_open_ = false; break;
            case UiAction::PresenterNext: presenter_move(tour_ && !blackout_ && tour_->next()); break;
            case UiAction::PresenterPrevious: presenter_move(tour_ && !blackout_ && tour_->previous()); break;
            case UiAction::PresenterExit: leave_tour(); break;
            case UiAction::PresenterUnblank: presenter_move(false); break;
        }
    }
}

bool Kiosk::wants_frame() const {
    const float hint = hint_.opacity(now_);
    if (hint > 0 && hint < 1) return true;  // fading in or out
    const bool toast_fading = toast_ && now_ >= toast_->until - 0.5 && now_ < toast_->until + 0.1;
    if (staff_.corner_hold(now_)) return true;  // the staff corner's ring fills up
    return frames_owed_ > 0 || toast_fading || map_->wants_frame() || widgets_->wants_frame();
}

std::chrono::milliseconds Kiosk::idle_wait() const {
    std::chrono::milliseconds ms = widgets_->idle_wait(clock_.now_precise());
    if (const std::optional<double> rest = painter_.rest_due(now_))  // the sharp map once the view rests
        ms = std::min(ms, std::chrono::milliseconds(static_cast<long>(std::ceil(*rest * 1000))));
    return ms;
}

nlohmann::json Kiosk::state() const {
    nlohmann::json j;
    const std::optional<size_t> sel = map_->selected();
    j["selected"] = sel ? nlohmann::json(data_->map.communes[*sel].insee) : nlohmann::json(nullptr);
    j["panel_title"] = sel ? nlohmann::json(data_->map.communes[*sel].name) : nlohmann::json(nullptr);
    // The arrondissement the card names (a tap in Paris), as the card says it in the current language.
    if (sel && arrondissement_ && *arrondissement_ < data_->map.arrondissements.size()) {
        const Arrondissement& a = data_->map.arrondissements[*arrondissement_];
        j["arrondissement"] = {{"insee", a.insee}, {"number", a.number}, {"name", a.name},
                               {"usage_name", a.usage_name}, {"card", ui::arrondissement_text(a, lang_)}};
    } else {
        j["arrondissement"] = nullptr;
    }
    j["arrondissements_loaded"] = data_->map.arrondissements.size();
    j["zoom_scale"] = map_->camera().scale() / map_->camera().min_scale();
    j["attract_active"] = attract_.active();
    j["highlighted"] = card_ ? nlohmann::json(card_->district) : nlohmann::json(nullptr);
    j["pin_pad_open"] = staff_screen_ == StaffScreen::PinPad;
    j["staff_menu_open"] = staff_screen_ == StaffScreen::Menu;
    j["windowed"] = windowed_;
    j["quit_requested"] = quit_;
    j["language"] = lang_ == Lang::En ? "en" : "fr";
    j["camera"] = {{"center_x", map_->camera().center().x}, {"center_y", map_->camera().center().y},
                   {"scale", map_->camera().scale()}};
    // Where things are on screen, so that end-to-end tests aim at them like a visitor would.
    auto rect = [](const ui::Rect& r) { return nlohmann::json::array({r.min.x, r.min.y, r.max.x, r.max.y}); };
    if (const auto& card = widgets_->attract_card_rect()) j["attract_card"] = rect(*card);
    if (card_commune_) j["presented_box"] = rect(to_rect(map_->screen_box(*card_commune_)));
    j["map_area"] = rect(widgets_->layout().map_area);
    j["sources_open"] = sources_.has_value();
    j["search_open"] = search_open_;
    nlohmann::json nearby = nlohmann::json::array();
    for (const auto& [insee, r] : widgets_->nearby_buttons()) nearby.push_back({{"insee", insee}, {"rect", rect(r)}});
    j["nearby"] = nearby;
    nlohmann::json labels = nlohmann::json::array();
    for (const auto& [commune, box] : map_->visible_labels())
        labels.push_back({{"insee", data_->map.communes[commune].insee}, {"rect", rect(to_rect(box))}});
    j["labels"] = labels;
    nlohmann::json numbers = nlohmann::json::array();
    for (const auto& [i, box] : map_->visible_arrondissement_labels())
        numbers.push_back({{"insee", data_->map.arrondissements[i].insee},
                           {"text", ordinal(data_->map.arrondissements[i].number, lang_)},
                           {"rect", rect(to_rect(box))}});
    j["arrondissement_labels"] = numbers;
    const ui::Layout& l = widgets_->layout();
    j["controls"] = {{"language", rect(l.language)}, {"search", rect(l.search)}, {"district_list", rect(l.district_list)},
                     {"map_controls", rect(l.map_controls)}, {"qr", rect(l.qr)}, {"panel", rect(l.panel)},
                     {"keyboard", rect(l.keyboard)}};
    const ui::BannerModel& banner = widgets_->banner().model();
    j["banner"] = {{"badge", banner.badge}, {"sentence", banner.sentence}, {"qr_url", banner.url},
                   {"qr_caption", banner.scan}, {"call_districts", banner.highlighted}};
    if (toast_ && now_ < toast_->until) j["toast"] = data_->text.get(toast_->key, lang_);
    if (!widgets_->timeline_button().empty()) j["controls"]["timeline"] = rect(widgets_->timeline_button());
    if (staff_screen_ == StaffScreen::Menu && !widgets_->staff_places().present.empty()) {
        j["controls"]["staff_present"] = rect(widgets_->staff_places().present);
        j["controls"]["staff_timeline"] = rect(widgets_->staff_places().timeline);
    }

    // Presenter mode: the step on screen and where its buttons are.
    nlohmann::json p = {{"active", tour_.has_value()}};
    if (tour_ && step_) {
        const TourStep& step = step_->step;
        p["kind"] = tour_step_kind_key(step.kind);
        p["index"] = step_->index;
        p["total"] = step_->total;
        if (step.kind == TourStep::Kind::District) p["insee"] = step.insee;
        if (step.kind == TourStep::Kind::Promotion) p["promotion"] = step.promotion;
        p["title"] = step_->in(lang_).title;
        p["outlined"] = step_->communes;
        p["blackout"] = blackout_;
        const ui::PresenterLayout& P = widgets_->presenter_layout();
        p["controls"] = {{"exit", rect(P.exit)}, {"previous", rect(P.previous)}, {"next", rect(P.next)},
                         {"card", rect(P.screen.panel)}, {"title", rect(P.title)}};
        j["map_area"] = rect(P.screen.map_area);
    }
    j["presenter"] = p;
    // The timeline: open for visitors, or the presenter's step; where today's mark was drawn.
    const bool timeline = (timeline_open_ && !tour_) || (step_ && step_->step.kind == TourStep::Kind::Timeline);
    j["timeline_open"] = timeline;
    if (timeline && widgets_->timeline_drawn() && widgets_->timeline_model()) {
        const ui::TimelineViewModel& m = *widgets_->timeline_model();
        const ui::TimelineDrawn& d = *widgets_->timeline_drawn();
        const date::year_month_day today{m.today};
        char iso[16];
        std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", static_cast<int>(today.year()),
                      static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
        j["timeline"] = {{"today", iso}, {"today_mark", rect(d.today_mark)}, {"today_visible", d.today_visible},
                         {"area", rect(m.area)}, {"events", m.marks.size()}, {"fits", m.in(lang_).axis.fits},
                         {"today_label", m.in(lang_).today}};
        if (!d.close_button.empty()) j["timeline"]["close"] = rect(d.close_button);
        nlohmann::json labels = nlohmann::json::array();
        for (const ui::TimelineLabel& l : m.in(lang_).labels) labels.push_back(rect(l.box));
        j["timeline"]["labels"] = labels;
    }
    return j;
}

}  // namespace qmi::app
