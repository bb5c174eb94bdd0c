// The panel that tells a visitor about the town they touched.
//
// make_panel_model() runs ONCE per selection (when the visitor touches a town, or content reloads, or the model's
// valid_until passes): it joins the district facts (content.json) with the membership data (department and
// territory names) and the calls' state at `now` into plain values. draw_*_panel() then runs every frame and only
// lays those values out; it never searches or formats facts.
//
// What the panel shows, and what it says when the sources are silent:
//   District (QMI):      commune, promotion (colour chip) and its status ("Accompagnement terminé le 13 février
//                        2025"), mayor, department "Essonne (91)", territory (EPT name), challenge, innovation
//                        district name + description, experiments, whether a call for projects concerns the town
//                        (open until..., last day, announced, another town's call, the last one closed on...), and
//                        a fixed footer (never scrolled away) with the dates the facts hold for ("Informations
//                        datées : février 2024 – juillet 2025") and a "Sources" button.
//                        A fact past its review date (content.json review_after: mayors after the municipal
//                        elections of March 2026) reads "à vérifier (information de février 2024)" in red under it.
//                        A missing challenge reads "Défi non communiqué"; a site with a description but no
//                        name shows the description alone; a site with neither reads "Site non communiqué"; a
//                        missing mayor reads "Non communiqué". Nothing is left blank, nothing is made up.
//   Metropole commune:   light card: name, department, territory, "not a QMI district", and the date the list of
//                        districts holds for.
//   Outside commune:     name, department, "outside the Métropole" (only when the app passes the map model).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/call_state.hpp"
#include "core/content.hpp"
#include "core/map_model.hpp"
#include "core/membership.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

// One labelled field, resolved for a language.
struct PanelLine {
    std::string label;       // "Maire"
    std::string value;       // "Christine Rodier", or the graceful "Non communiqué" / "Défi non communiqué";
                             // empty only when `detail` says it all (a site described but not named)
    std::string detail;      // a longer paragraph under the value (site description); may be empty
    std::vector<std::string> items;  // paragraphs listed under the label (experiments); may be empty
    bool missing = false;    // value is a "not published / not available" sentence: drawn muted
    std::string to_confirm;  // "à vérifier (information de février 2024)" when the fact is past its review date
};

// Everything the panel shows in one language, ready to draw: no lookup or formatting happens per frame.
struct PanelText {
    std::string title;               // commune name
    std::string promotion;           // "Première promotion" (content.json name, else ui-text); "" if not a district
    std::string promotion_status;    // "Accompagnement terminé le 13 février 2025"; "" when the sources say nothing
    std::string promotion_to_confirm;  // the status is past its review date: "à vérifier (...)"; else ""
    std::vector<PanelLine> lines;    // department, territory, and for districts mayor, challenge, site, experiments
    PanelLine call;                  // districts: "Appel à projets" and whether one concerns the town; else empty
    std::string note;                // "Cette commune n'accueille pas de QMI" / "Hors de la Métropole"; "" for districts
    std::string nearby_title;        // "Quartiers d'innovation les plus proches"; "" without nearby districts
    std::string as_of;               // "Informations datées : février 2024" or "... datées : février 2024 – juillet 2025"
    std::string sources;             // "Sources" button label
    std::string close;               // close button label
};

struct PanelModel {
    enum class Kind { District, MetropoleCommune, OutsideCommune };
    Kind kind = Kind::MetropoleCommune;
    std::string insee;       // current INSEE code
    std::string commune;     // "Athis-Mons"
    std::string department;  // "Essonne (91)"; the bare code when the name is unknown; "" when unknown
    std::string territory;   // "Grand-Orly Seine Bièvre"; "" outside the Métropole or when unknown
    // Paris tapped on the map inside an arrondissement: its code ("75108"); "" otherwise (Paris chosen from the list
    // or the search has no arrondissement). The card then has the line "Arrondissement : 8e — Élysée".
    std::string arrondissement;

    // District only (absent fields stay absent: the texts below say so).
    int promotion = 0;
    Rgba8 promotion_color = palette::promotion_unknown;
    std::optional<std::string> mayor;
    bool mayor_to_confirm = false;  // past its review date
    std::optional<LocalizedText> challenge;
    std::optional<LocalizedText> site_name;
    std::optional<LocalizedText> site_description;
    CallConcern::Kind call = CallConcern::Kind::Never;  // what the call line says

    // A Métropole town without a district: the nearest districts, as buttons, so the card is never a dead end.
    struct Nearby {
        std::string insee;
        Rgba8 color;  // its promotion's
        std::string fr, en;  // "Sceaux · voisine" / "Meudon · 4 km"
        const std::string& in(Lang lang) const { return lang == Lang::En ? en : fr; }
    };
    std::vector<Nearby> nearby;

    PanelText fr, en;
    const PanelText& in(Lang lang) const { return lang == Lang::En ? en : fr; }

    // The card stays right until this instant (a window opens or closes, a review date arrives): rebuild it then.
    std::optional<date::sys_seconds> valid_until;
};

// nullopt when `insee` is neither a member of the Métropole nor (with `map`) a context commune of the map.
// Former codes are followed ("93059" -> Saint-Denis "93066"). Rebuild it when the selection, the content or the
// ui text changes, or at valid_until; a language switch needs nothing (both languages are inside).
// `arrondissement`: index into map->arrondissements of the one the visitor touched (Paris only; needs `map`).
std::optional<PanelModel> make_panel_model(std::string_view insee, const Content& content,
                                           const Membership& membership, const UiText& text, date::sys_seconds now,
                                           const MapModel* map = nullptr,
                                           std::optional<size_t> arrondissement = std::nullopt);

// "8e — Élysée" / "8th — Élysée"; "8e" alone when the source gives no usage name.
std::string arrondissement_text(const Arrondissement& a, Lang lang);

// Close: the close button was released (the app clears the selection). ShowSources: the "Sources" button was
// released (the app shows draw_sources_view for this card until it returns Close). ShowTimeline: the introduction's
// "Chronologie" button was released (the app shows the timeline view until it returns close). ShowNearby: a
// nearest-district button of a town without a district was tapped (PanelOutput::nearby_insee names it).
enum class PanelResult { None, Close, ShowSources, ShowTimeline, ShowNearby };

// What the card drew that the caller may need besides the result: the nearest-district buttons (tests aim at them
// through --state-out) and, with ShowNearby, the one that was tapped.
struct PanelOutput {
    std::string nearby_insee;                            // ShowNearby: the district to open
    std::vector<std::pair<std::string, Rect>> nearby;    // INSEE, button on screen
};

// Draws the panel for `model` in Layout::panel. Call between ImGui::NewFrame() and ImGui::Render(), once per frame
// while a town is selected. `closable` false: no close button (the presenter's tour shows the card; it moves on
// with the tour, not with a tap).
PanelResult draw_district_panel(const PanelModel& model, const WidgetContext& ctx, PanelOutput* out = nullptr,
                                bool closable = true);

// What the panel area shows when nothing is selected: the invitation to touch the map, the programme in a few
// lines, the promotions with their colours and status. Built once per content / ui-text load, like PanelModel.
struct IntroText {
    struct Promo {
        Rgba8 color;
        std::string name;     // "1re promotion · 2022"
        std::string status;   // "Accompagnement terminé le 13 février 2025"; may be empty
        std::string to_confirm;  // status past its review date; else ""
        std::vector<std::string> summary;  // paragraphs; may be empty
    };
    std::string hint;         // "Touchez la carte"
    std::string how;          // "Touchez une commune colorée, ou choisissez un quartier dans la liste."
    std::string description;  // Programme::description
    std::vector<Promo> promotions;
    std::string as_of;        // "Informations datées : février 2024 – février 2025" (fixed footer)
    std::string sources;      // "Sources" button label
    std::string timeline;     // "Chronologie" button label; "" when the content has no timeline
};
struct IntroModel {
    IntroText fr, en;
    const IntroText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
};
IntroModel make_intro_model(const Content& content, const UiText& text, date::sys_seconds now);
// Returns ShowSources or ShowTimeline on the frame that button is released, else None. `timeline_button`
// (optional) receives where "Chronologie" was drawn (empty when it was not).
PanelResult draw_intro_panel(const IntroModel& model, const WidgetContext& ctx, Rect* timeline_button = nullptr);

// "1re promotion · 2022": the promotion's name from the content (else "Première promotion", ...), with its launch
// year when known.
std::string promotion_label(const Content& content, int number, Lang lang, const UiText& text);
// "Accompagnement terminé le 13 février 2025" / "Accompagnement en cours".
std::string promotion_status_text(const PromotionStatus& status, const UiText& text, Lang lang);

// "Informations datées : février 2024" when `oldest` == `newest`, else "Informations datées : février 2024 –
// juillet 2025" (panel.as_of / panel.as_of_range).
std::string as_of_text(const PartialDate& oldest, const PartialDate& newest, const UiText& text, Lang lang);

}  // namespace qmi::ui
