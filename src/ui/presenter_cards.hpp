// What each step of the presenter's tour shows, built ONCE when the presenter reaches the step (and again when the
// content changes or a call's state does), then drawn every frame without looking anything up:
//
//   programme   title: the programme's name; under it its operators. Card: the programme in one sentence (the
//               first of its sourced description), then each promotion with its colour, status and districts.
//   promotion   title: the promotion's name; under it how many districts. Card: its status, its districts (the map
//               shows them together, outlined), its summary paragraphs.
//   district    title: the commune; under it its promotion and department. Card: the kiosk's own district card.
//   calls       title: "Les appels à projets"; under it today's date. Card: every call window with its state badge
//               (upcoming, planned, open, last day, closed), its dates and communes, and its source.
//   timeline    title: "Chronologie du programme". The timeline view (ui/timeline_view) instead of map and card.
//
// Every card ends, like the kiosk's, with the dates its facts hold for and a "Sources" button.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/facts.hpp"
#include "core/membership.hpp"
#include "core/ui_text.hpp"
#include "ui/info_panel.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

struct PresenterStepText {
    std::string title;     // headline: "Quartiers Métropolitains d'Innovation", "2e promotion · 2024", "Athis-Mons"
    std::string subtitle;  // under it: operators, "6 quartiers d'innovation", "2e promotion · Essonne (91)", ...
    std::string progress;  // "Étape 4 sur 15"
    std::string lead;      // programme: the programme in one sentence

    struct Promo {
        Rgba8 color;
        std::string name;       // "1re promotion · 2022"
        std::string status;     // "Accompagnement terminé le 13 février 2025"; may be empty
        std::string to_confirm; // the status is past its review date; else ""
        std::string districts;  // "Sceaux, Meudon, Aulnay-sous-Bois et Noisy-le-Grand"
        std::vector<std::string> summary;  // promotion step only
    };
    std::vector<Promo> promotions;  // programme: all; promotion: the one

    struct Window {
        std::string badge;    // "Clos" / "Ouvert" / ...
        Rgba8 badge_color;
        std::string name;     // "Appel à projets — phase 1"
        std::string dates;    // "13 mai 2024 – 16 juin 2024"; month windows "janvier 2025 – mars 2025"
        std::string communes; // "Communes : Athis-Mons, Aubervilliers et Fontenay-sous-Bois"
        std::string source;   // "Source : Annonce « ... »"
    };
    std::vector<Window> windows;  // calls

    std::string as_of;    // "Informations datées : février 2024 – février 2025"
    std::string sources;  // the "Sources" button
};

struct PresenterStepModel {
    TourStep step;
    size_t index = 0, total = 0;
    std::vector<std::string> communes;  // INSEE codes the map shows: one district, a promotion's, the calls'
    std::vector<FactRef> facts;         // what the card says, for its "Sources" (views into the Content)
    PresenterStepText fr, en;
    const PresenterStepText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
    // The card stays right until then (a call opens or closes, a fact passes its review date).
    std::optional<date::sys_seconds> valid_until;
};

PresenterStepModel make_presenter_step(const Content& content, const Membership& membership, const UiText& text,
                                       const TourStep& step, size_t index, size_t total, date::sys_seconds now);

// The card of a programme, promotion or calls step in ctx.layout.panel (the presenter layout's card). Returns
// ShowSources when its "Sources" button is released. District steps draw the kiosk's draw_district_panel instead,
// timeline steps the timeline view.
PanelResult draw_presenter_card(const PresenterStepModel& model, const WidgetContext& ctx);

}  // namespace qmi::ui
