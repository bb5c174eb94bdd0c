// The panel that tells a visitor about the town they touched.
//
// make_panel_model() runs ONCE per selection (when the visitor touches a town, or content reloads): it joins the
// district facts (content.json) with the membership data (department and territory names) into plain values.
// draw_*_panel() then runs every frame and only lays those values out; it never searches or formats facts.
//
// What the panel shows, and what it says when the sources are silent:
//   District (QMI):      commune, promotion (colour chip), mayor, department "Essonne (91)", territory (EPT name),
//                        challenge, innovation district name + description, and in a fixed footer (never
//                        scrolled away) "Informations à jour : <as_of_label>".
//                        A missing challenge reads "Défi non communiqué"; a site with a description but no
//                        name shows the description alone; a site with neither reads "Site non communiqué"; a
//                        missing mayor reads "Non communiqué". Nothing is left blank, nothing is made up.
//   Metropole commune:   light card: name, department, territory, "not a QMI district".
//   Outside commune:     name, department, "outside the Métropole" (only when D passes the map model).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    bool missing = false;    // value is a "not published / not available" sentence: drawn muted
};

// Everything the panel shows in one language, ready to draw: no lookup or formatting happens per frame.
struct PanelText {
    std::string title;               // commune name
    std::string promotion;           // "Première promotion" (content.json name, else ui-text); "" if not a district
    std::vector<PanelLine> lines;    // department, territory, and for districts mayor, challenge, site
    std::string note;                // "Cette commune n'accueille pas de QMI" / "Hors de la Métropole"; "" for districts
    std::string as_of;               // "Informations à jour : février 2024"; "" if not a district
    std::string close;               // close button label
};

struct PanelModel {
    enum class Kind { District, MetropoleCommune, OutsideCommune };
    Kind kind = Kind::MetropoleCommune;
    std::string insee;       // current INSEE code
    std::string commune;     // "Athis-Mons"
    std::string department;  // "Essonne (91)"; the bare code when the name is unknown; "" when unknown
    std::string territory;   // "Grand-Orly Seine Bièvre"; "" outside the Métropole or when unknown

    // District only (absent fields stay absent: the texts below say so).
    int promotion = 0;
    Rgba8 promotion_color = palette::promotion_unknown;
    std::optional<std::string> mayor;
    std::optional<LocalizedText> challenge;
    std::optional<LocalizedText> site_name;
    std::optional<LocalizedText> site_description;

    PanelText fr, en;
    const PanelText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
};

// nullopt when `insee` is neither a member of the Métropole nor (with `map`) a context commune of the map.
// Former codes are followed ("93059" -> Saint-Denis "93066"). Rebuild it when the selection, the content or the
// ui text changes; a language switch needs nothing (both languages are inside).
std::optional<PanelModel> make_panel_model(std::string_view insee, const Content& content,
                                           const Membership& membership, const UiText& text,
                                           const MapModel* map = nullptr);

enum class PanelResult { None, Close };

// Draws the panel for `model` in Layout::panel. Returns Close on the frame the close button is released; D then
// clears the selection. Call between ImGui::NewFrame() and ImGui::Render(), once per frame while a town is selected.
PanelResult draw_district_panel(const PanelModel& model, const WidgetContext& ctx);

// What the panel area shows when nothing is selected: the invitation to touch the map, the programme in a few
// lines, the promotions with their colours. Built once per content / ui-text load, like PanelModel.
struct IntroText {
    struct Promo {
        Rgba8 color;
        std::string name;     // "1re promotion · 2022"
        std::string summary;  // may be empty
    };
    std::string hint;         // "Touchez la carte"
    std::string description;  // Programme::description
    std::vector<Promo> promotions;
    std::string as_of;        // "Informations à jour : février 2024" (fixed footer of the intro card)
};
struct IntroModel {
    IntroText fr, en;
    const IntroText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
};
IntroModel make_intro_model(const Content& content, const UiText& text);
void draw_intro_panel(const IntroModel& model, const WidgetContext& ctx);

}  // namespace qmi::ui
