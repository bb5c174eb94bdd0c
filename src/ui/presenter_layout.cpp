#include "ui/presenter_layout.hpp"

#include <algorithm>
#include <cmath>

namespace qmi::ui {

namespace {

// Widths estimated from Open Sans advances in font sizes, like ui/layout: ~0.42 of the size a character of
// semibold button text. The longest labels: "Quitter la présentation" (23), "Précédent" / "Suivant" with an arrow.
constexpr float kButtonCharW = 0.42f;
constexpr float kExitChars = 24;
constexpr float kStepChars = 11;

}  // namespace

PresenterLayout make_presenter_layout(const Layout& kiosk) {
    PresenterLayout P;
    P.screen = kiosk;
    Layout& L = P.screen;
    const FontSizes& F = L.fonts;
    const float W = L.display.x;
    const float m = L.margin, p = L.padding;

    // Nothing of the visitor's controls shows: their regions are emptied so that nothing aims at them.
    L.district_list = L.map_controls = L.search = L.qr = L.legend = L.keyboard = L.hint = L.banner = Rect{};

    // The title strip: the title at headline size (two lines when the programme's name needs them) and a line of
    // body text under it. The language button (a bilingual audience: the presenter switches as visitors do) sits at
    // its right in landscape; in portrait the top of the screen is out of reach, and it goes into the bar.
    const bool portrait = L.orientation == Orientation::Portrait;
    const float lang_w = kiosk.language.width();
    const float title_w = W - 2 * m - (portrait ? 0.0f : lang_w + m) - 2 * p;
    P.title_lines = programme_name_width(F.headline) <= title_w ? 1 : 2;
    const float title_h = std::ceil(P.title_lines * F.headline + F.body + p);
    P.title = pixel_rect(0, 0, portrait ? W - m : W - 2 * m - lang_w, title_h);
    L.header = pixel_rect(0, 0, W, title_h);

    // The bar: a row of main buttons. In portrait it sits as low as a hand reaches comfortably (and above the
    // attribution); in landscape just above the attribution.
    const float bar_h = L.button + 2 * L.gap;
    float bar_bottom = L.attribution.min.y - m;
    if (portrait) bar_bottom = std::min(bar_bottom, static_cast<float>(L.reach.bottom_px));
    P.bar = pixel_rect(0, bar_bottom - bar_h, W, bar_bottom);
    const float by0 = P.bar.min.y + L.gap, by1 = P.bar.max.y - L.gap;
    const float step_w = std::max(2.5f * L.button, std::ceil(kStepChars * kButtonCharW * F.body + L.button));
    const float exit_w = std::max(L.button, std::ceil(kExitChars * kButtonCharW * F.body));
    P.next = pixel_rect(W - m - step_w, by0, W - m, by1);
    P.previous = pixel_rect(P.next.min.x - L.gap - step_w, by0, P.next.min.x - L.gap, by1);
    // Exit at the other end, far from "next": a presenter who taps fast never ends the show by mistake.
    P.exit = pixel_rect(m, by0, std::min(m + exit_w, P.previous.min.x - m - L.button), by1);
    if (portrait) {
        L.language = pixel_rect(P.exit.max.x + L.gap, by0, P.exit.max.x + L.gap + lang_w, by1);
        P.progress = pixel_rect(L.language.max.x + m, by0, P.previous.min.x - m, by1);
    } else {
        L.language = pixel_rect(W - m - lang_w, (title_h - L.button) / 2, W - m, (title_h + L.button) / 2);
        P.progress = pixel_rect(P.exit.max.x + m, by0, P.previous.min.x - m, by1);
    }

    const float top = title_h + m, bottom = P.bar.min.y - m;
    P.wide = portrait ? pixel_rect(0, top, W, bottom) : pixel_rect(m, top, W - m, bottom);
    if (!portrait) {
        // The card: a readable measure (~44 characters of body text), at most a third of the screen.
        const float card_w = std::min(std::ceil(18 * F.body), std::floor(0.34f * W));
        L.panel = pixel_rect(W - m - card_w, top, W - m, bottom);
        L.map_area = pixel_rect(m, top, L.panel.min.x - m, bottom);
    } else {
        // The card under the map: 40 % of the room, never fewer than 8 lines of body text.
        const float room = bottom - top;
        const float card_h = std::min(room * 0.6f, std::max(std::ceil(8 * (F.body + L.gap) + p), 0.4f * room));
        L.panel = pixel_rect(0, bottom - card_h, W, bottom);
        L.map_area = pixel_rect(0, top, W, L.panel.min.y - m);
    }
    return P;
}

}  // namespace qmi::ui
