// The always-visible top of the screen: the header (programme name, "Métropole du Grand Paris · Paris&Co", language
// switch) and the call-for-projects banner: a coloured state badge ("Ouvert", "Dernier jour" in vermillion, ...),
// the sentence of core/countdown, the window's name with the communes it concerns, and the QR card whose words and
// target follow the state (core/call_state: apply / see the call / learn more about the programme, or no card).
//
// Work split: Banner::update() runs every frame but only recomputes the model when banner_next_change() says the
// sentence changed (every second under an hour, every minute otherwise), or when the content, the ui text or the
// language changed. The QR code is encoded only when the URL changes. draw_*() only lay out.
#pragma once
#include <string>
#include <vector>

#include <date/date.h>

#include "core/call_state.hpp"
#include "core/content.hpp"
#include "core/countdown.hpp"
#include "core/ui_text.hpp"
#include "ui/qr_code.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

// What the banner shows now, in one language. Pure values: tests inspect it without ImGui.
struct BannerModel {
    Lang lang = Lang::Fr;
    std::string title;        // programme name
    std::string subtitle;     // "Métropole du Grand Paris · Paris&Co"
    std::string lang_switch;  // "English" (in French), "Français" (in English)
    BannerState::Phase phase = BannerState::None;
    std::string badge;        // "Ouvert", "Dernier jour", "À venir", "Prévu", "Clos", "Aucun appel"
    Rgba8 badge_color = palette::state_closed;
    std::string sentence;     // countdown sentence (banner_text)
    std::string display_sentence;  // the same, drawn: numbers held to their words by no-break spaces
    std::string window_name;  // name of the open / next window, or of the last one after the last window; "" if none
    std::string communes;     // "Athis-Mons, Aubervilliers et Fontenay-sous-Bois": the communes of that window
    std::string second_line;  // "Appel à projets — phase 1 : Athis-Mons, ..." (window and communes), drawn under
    std::vector<std::string> highlighted;  // INSEE codes of the districts in the open or announced call (the map)
    QrCard::Kind qr_kind = QrCard::Kind::None;
    std::string url;          // QR target; "" hides the QR card
    std::string scan;         // its invitation: "Scannez pour candidater" / "... découvrir l'appel" / "... en savoir plus"
    std::string qr_source;    // id of the source whose URL the QR code opens
    date::sys_seconds computed_at{};
    date::sys_seconds valid_until{};  // the sentence stays right until this instant
};

// The badge's colour for a state: blue announced, green open, vermillion last day, grey closed or none; a
// month-precision window is "planned" (blue), never "open", since its days are not known.
Rgba8 badge_color(BannerState::Phase phase, const CallWindow* window);

// Typography for wrapped text: every space next to a digit becomes a no-break space (U+00A0), so that
// "11 j 14 h 00 min" and "13 mai 2024" stay whole when the line wraps. Pure.
std::string keep_numbers_with_words(const std::string& s);

// Pure: everything the banner shows at `now`.
BannerModel make_banner_model(const Content& content, const UiText& text, Lang lang, date::sys_seconds now);

enum class HeaderResult { None, SwitchLanguage };

class Banner {
public:
    // Call once per frame before drawing (cheap unless something changed). `now` is the wall clock (UTC).
    void update(const Content& content, const UiText& text, Lang lang, date::sys_seconds now);
    // Forces the next update() to rebuild (after a content or ui-text reload that reuses the same objects).
    void invalidate() { valid_ = false; }

    // Programme title, subtitle and (when `show_lang_switch`) a language button, in Layout::header.
    // Returns SwitchLanguage on the frame the button is released.
    HeaderResult draw_header(const WidgetContext& ctx, bool show_lang_switch = true);
    // State badge, countdown, call window and its communes, in Layout::banner.
    void draw(const WidgetContext& ctx);
    // The QR card (code and its invitation) in Layout::qr; nothing when the state gives no page to open.
    void draw_qr_card(const WidgetContext& ctx);

    const BannerModel& model() const { return model_; }
    const QrMatrix* qr() const { return qr_matrix_; }
    int rebuilds() const { return rebuilds_; }
    int qr_encodes() const { return qr_.encodes(); }

private:
    BannerModel model_;
    QrCache qr_;
    const QrMatrix* qr_matrix_ = nullptr;
    bool valid_ = false;
    const Content* content_ = nullptr;
    std::string content_version_;
    const UiText* text_ = nullptr;
    int rebuilds_ = 0;
};

}  // namespace qmi::ui
