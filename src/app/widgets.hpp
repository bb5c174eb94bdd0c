// Everything drawn with Dear ImGui: its context and pointer glue, fonts, theme and layout, and the widgets (header
// and banner, introduction or district card, legend, attribution, attract card, PIN pad, staff menu).
//
// The widgets draw a snapshot of the kiosk (ScreenState, filled by the Kiosk) and RETURN what was tapped as
// UiActions; they never call back into the kiosk and never change its state. The Kiosk applies the actions between
// frames. One frame:
//     widgets.begin_frame(dt);  map.draw_labels(widgets.background());  actions = widgets.draw(state);
//     widgets.end_frame();      ... map.render(target);  widgets.render();
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "app/kiosk_data.hpp"
#include "app/map_view.hpp"
#include "core/screen_geometry.hpp"
#include "core/staff_access.hpp"
#include "ui/attract_overlay.hpp"
#include "ui/district_list.hpp"
#include "ui/gesture_hint.hpp"
#include "ui/language_button.hpp"
#include "ui/map_controls.hpp"
#include "ui/search_keyboard.hpp"
#include "ui/banner.hpp"
#include "ui/fonts.hpp"
#include "ui/imgui_glue.hpp"
#include "ui/info_panel.hpp"
#include "ui/layout.hpp"
#include "ui/legend.hpp"
#include "ui/presenter_bar.hpp"
#include "ui/presenter_cards.hpp"
#include "ui/presenter_layout.hpp"
#include "ui/sources_view.hpp"
#include "ui/timeline_view.hpp"
#include "ui/staff_menu.hpp"
#include "ui/theme.hpp"

struct ImGuiContext;
struct ImDrawList;

namespace qmi::app {

enum class StaffScreen { None, PinPad, Menu };

// What the widgets show in one frame. Pointers are to the Kiosk's state and stay valid for the frame.
struct ScreenState {
    Lang lang = Lang::Fr;
    const Content* content = nullptr;
    date::sys_seconds now{};
    const ui::PanelModel* panel = nullptr;        // the open card; null: the programme introduction
    const ui::SourcesModel* sources = nullptr;    // shown in the panel's place while set
    std::string selected_insee;                   // the commune on the card ("" none): chosen in the district list
    bool can_zoom_in = true, can_zoom_out = true; // the camera's limits: the + / - buttons fade there
    float hint_opacity = 0;                       // "pinch and drag the map", shown at the overview
    bool search_open = false;                     // the search keyboard is shown
    const ui::AttractCard* attract = nullptr;     // attract mode presents a district; null otherwise
    std::optional<ui::Rect> attract_keep_visible;  // the presented district on screen: the card must not hide it
    StaffScreen staff = StaffScreen::None;
    size_t pin_digits = 0;
    ui::PinPadView pin;
    const ui::StaffStatus* status = nullptr;      // StaffScreen::Menu
    std::optional<StaffAccess::CornerHold> corner_hold;  // a finger holds the staff corner: the ring under it
    struct Toast {
        std::string text;
        ScreenPos at;
        float alpha = 1;
    };
    std::optional<Toast> toast;  // brief feedback over the map (a tap outside the Métropole)
    // Presenter mode: the step shown (its card, or `panel` for a district step, `sources` when asked); the
    // visitors' widgets are not drawn. `blackout`: the screen is black (a clicker's "B").
    const ui::PresenterStepModel* presenter = nullptr;
    bool blackout = false;
    bool timeline_open = false;  // the visitors' timeline view, over the map and the card
};

// What a finger did on a widget this frame.
struct UiAction {
    enum Kind {
        ClosePanel,
        ShowSources,
        CloseSources,
        SwitchLanguage,
        PinDigit,  // digit
        PinErase,
        PinSubmit,
        PinCancel,
        StaffExit,
        StaffReload,
        StaffToggleWindowed,
        StaffClose,
        StaffStartAttract,
        StaffShowDistrict,  // district
        ChooseCommune,      // insee: from the district list or the search results
        Home,
        ZoomIn,
        ZoomOut,
        OpenSearch,
        CloseSearch,
        SearchTyped,        // a key of the search keyboard (the visitor is active)
        OpenTimeline,       // the introduction's "Chronologie"
        CloseTimeline,
        StaffStartTour,     // the staff menu's "Présentation guidée"
        StaffShowTimeline,  // the staff menu's "Chronologie"
        PresenterNext,
        PresenterPrevious,
        PresenterExit,
        PresenterUnblank,   // a tap on the black screen
    };
    Kind kind = ClosePanel;
    char digit = 0;
    int district = -1;
    std::string insee;
    bool from_search = false;  // ChooseCommune: the visitor found it with the search
};

class Widgets {
public:
    // `data` (text, membership) must outlive the widgets.
    explicit Widgets(const KioskData& data);
    ~Widgets();
    Widgets(const Widgets&) = delete;
    Widgets& operator=(const Widgets&) = delete;

    // CPU only: ImGui context, layout, theme, fonts rasterised for the screen (its pixels and millimetres) and how
    // it is mounted.
    void prepare(const ScreenGeometry& screen, const Mounting& mounting);
    // With the target's GL context active. False (logged) on failure.
    bool init_gpu();
    // What is derived from the content (app/content_views.hpp), after a content change.
    void set_content(ui::IntroModel intro, ui::LegendModel legend, ui::DistrictListModel districts,
                     const CommuneSearch* search);

    const ui::Layout& layout() const { return layout_; }
    // Presenter mode: the presenter's layout (ui/presenter_layout) replaces the kiosk's for what is drawn, and its
    // map area is the map's (the Kiosk prepares the map again when this changes).
    void set_presenting(bool on);
    bool presenting() const { return presenting_; }
    const ui::PresenterLayout& presenter_layout() const { return presenter_; }
    // The map area of the layout in use.
    const ui::Rect& map_area() const { return presenting_ ? presenter_.screen.map_area : layout_.map_area; }
    // The timeline as last drawn (today's mark on screen, for --state-out); nullopt when it was not.
    const std::optional<ui::TimelineDrawn>& timeline_drawn() const { return timeline_drawn_; }
    const ui::TimelineViewModel* timeline_model() const { return timeline_ ? &*timeline_ : nullptr; }
    // Where the introduction's "Chronologie" button was last drawn (empty when it was not).
    const ui::Rect& timeline_button() const { return timeline_button_; }
    // Where the staff menu drew its "Présentation guidée" and "Chronologie" (empty when it is closed).
    const ui::StaffMenuPlaces& staff_places() const { return staff_places_; }
    LabelFont label_font() const { return {fonts_.label, fonts_.sizes.label}; }

    // The pointer that drives ImGui's mouse (first finger, or the mouse). True when the widgets may react.
    bool on_pointer(const PointerEvent& e);
    void on_wheel(const WheelEvent& e);
    void release_pointer();  // see ImGuiGlue::release
    // A key of a physical keyboard while the search is open (staff demoing on a laptop): letters and Space type,
    // Backspace erases, Enter picks the first match (its INSEE code in `chosen`). False: not the search's key.
    bool search_key(const KeyChord& k, std::string& chosen);
    // True when a widget drawn in the last frame lies under `p`: a finger going down there is the widget's.
    bool covers(ScreenPos p) const;
    // Where the attract card was drawn in the last frame, if it was.
    const std::optional<ui::Rect>& attract_card_rect() const { return attract_rect_; }
    // The card's nearest-district buttons in the last frame (INSEE, button).
    const std::vector<std::pair<std::string, ui::Rect>>& nearby_buttons() const { return nearby_rects_; }

    void begin_frame(float dt_s);
    ImDrawList* background() const;  // ImGui's background draw list, between begin_frame and end_frame
    std::vector<UiAction> draw(const ScreenState& s);
    void end_frame();
    // Draws the last frame's draw data into the active target (after the map). `times`: bench phase timings.
    void render(render::PhaseTimes* times);

    // Another frame is needed without new input: a queued button change, or ImGui settling after input.
    bool wants_frame() const;
    // Until the banner's sentence changes by itself (the countdown ticks): the loop may sleep that long.
    std::chrono::milliseconds idle_wait(std::chrono::system_clock::time_point now) const;
    const ui::Banner& banner() const { return banner_; }
    ImGuiContext* imgui_context() const { return imgui_; }  // qmi-kiosk proof inspects its frames (ui/text_audit)
    int overlay_vertices() const;  // ImGui vertices of the last frame (--bench)

private:
    void use() const;
    void drop_uploaded_font_pixels();

    const KioskData& data_;
    ImGuiContext* imgui_ = nullptr;
    ui::ImGuiGlue glue_;
    ui::Layout layout_;
    ui::Theme theme_;
    ui::Fonts fonts_;
    ui::FontSizes fonts_sizes_{};  // what fonts_ was rasterised at
    bool fonts_loaded_ = false;
    bool gpu_ready_ = false;
    bool fonts_dirty_ = false;
    int settle_frames_ = 0;  // ImGui needs a frame or two after input to show hover / press states

    std::optional<ui::Rect> attract_rect_;
    std::vector<std::pair<std::string, ui::Rect>> nearby_rects_;
    bool presenting_ = false;
    ui::PresenterLayout presenter_;
    // The timeline view, built when first shown for a place on screen, a content and a day (labels measured with
    // the fonts), kept until one of them changes.
    std::optional<ui::TimelineViewModel> timeline_;
    const Content* timeline_content_ = nullptr;
    std::string timeline_version_;
    int content_generation_ = 0, timeline_generation_ = -1;
    std::optional<ui::TimelineDrawn> timeline_drawn_;
    ui::Rect timeline_button_;
    ui::StaffMenuPlaces staff_places_;
    const ui::TimelineViewModel& timeline_for(const ScreenState& s, const ui::Rect& area, bool closable);
    void draw_presenter(const ScreenState& s, std::vector<UiAction>& actions);
    void draw_visitor(const ScreenState& s, const ui::WidgetContext& ctx, std::vector<UiAction>& actions);
    void draw_staff(const ScreenState& s, const ui::WidgetContext& ctx, std::vector<UiAction>& actions);
    ui::Banner banner_;
    ui::IntroModel intro_;
    ui::LegendModel legend_;
    ui::DistrictListModel districts_;
    ui::SearchKeyboard keyboard_;  // the typed text and its matches: widget state, like a text field's
};

}  // namespace qmi::app
