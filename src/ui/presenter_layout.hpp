// Where things go in presenter mode, from the kiosk's own layout (same screen, same millimetres): a guided tour
// shown to an audience, so the visitor's controls (district list, search, zoom buttons, legend, QR card) give their
// room to the map and the step's card, the step's title is set at headline size across the top, and the presenter's
// buttons (exit, previous, next: main buttons, >= 18 mm) sit in one bar at the bottom, within reach in portrait.
//
//   Landscape                                              Portrait
//   +-------------------------------------------+------+   +---------------------------+
//   | step title (headline)                     | lang |   | step title (headline)     |
//   | what the step is (body)                   |      |   | what the step is          |
//   +-------------------------------+-----------+------+   +---------------------------+
//   |                               | card             |   |                           |
//   |          map                  | (district card,  |   |          map              |
//   |                               |  promotion, ...) |   |                           |
//   |                               |                  |   +---------------------------+
//   +-------------------------------+------------------+   | card                      |
//   | [Quitter]      étape 4 / 15     [< Préc.] [Suiv. >]|   +---------------------------+
//   +--------------------------------------------------+   |[Quitter][lang] 4 [<] [>]  |  <- within reach
//   | attribution                                      |   | attribution               |
//   +--------------------------------------------------+   +---------------------------+
//
// The timeline step uses `wide` (the map's and the card's room together). Pure arithmetic, computed with the
// kiosk's layout (again only when the display size changes).
#pragma once
#include "ui/layout.hpp"

namespace qmi::ui {

struct PresenterLayout {
    // The kiosk's layout with the regions moved for the presentation: `map_area` (what the camera fits the map
    // into), `panel` (the step's card: the district card draws itself there as in the kiosk), `header` (the title
    // strip) and `language`; the visitor's controls' regions are empty. Widgets draw with it as with the kiosk's.
    Layout screen;
    Rect title;     // the step's title (headline) and under it what the step is (body)
    int title_lines = 1;  // lines of headline the title strip holds: 2 where the programme's name needs them
    Rect wide;      // map and card together: the timeline
    Rect bar;       // the presenter's bar: exit, (the language button in portrait,) progress, previous, next
    Rect exit;      // "Quitter la présentation"
    Rect progress;  // "Étape 4 sur 15" and a dot a step
    Rect previous;
    Rect next;
};

PresenterLayout make_presenter_layout(const Layout& kiosk);

}  // namespace qmi::ui
