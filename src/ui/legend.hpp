// The map legend (what the colours and lines mean) and the attribution strip (where the data comes from and under
// which licence). Both always visible. The swatches use the same palette constants as the map renderer
// (theme.hpp), so the legend cannot drift from the map.
//
// make_legend_model() runs once per content / ui-text load; draw_legend() and draw_attribution() only lay out.
#pragma once
#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/map_model.hpp"
#include "core/membership.hpp"
#include "core/ui_text.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

struct LegendEntry {
    enum class Swatch { Fill, SolidLine, DashedLine, Ring };  // Ring: the call's districts (a ringed fill)
    Swatch swatch = Swatch::Fill;
    Rgba8 color;
    float line_width = 0;  // px at ui scale 1, lines only
    std::string label;
};

struct LegendText {
    std::vector<LegendEntry> entries;  // promotions (in content order), other communes, outside, borders
    std::string contours;              // "Contours : IGN – ADMIN EXPRESS, INSEE (Licence Ouverte)"
    std::string arrondissements;       // "Arrondissements : Ville de Paris (ODbL)"; "" when the map has none
    std::string membership;            // "Composition de la Métropole : @etalab/decoupage-administratif 6.0.0"
    std::string one_line;              // all, joined with " · ": the strip (wrapped where it does not fit)
};

struct LegendModel {
    LegendText fr, en;
    const LegendText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
};

// The membership source line comes from maps/membership.json's "source" (Membership::source()), shortened to the
// package and version; it is never hard-coded here.
// `arrondissements`: who published the arrondissements the map holds (MapModel::arrondissements_source): the strip
// names that source, or none.
LegendModel make_legend_model(const Content& content, const Membership& membership, const UiText& text,
                              ArrondissementSource arrondissements = ArrondissementSource::None);

// The attribution line of the arrondissements that were loaded ("" for None).
std::string arrondissements_attribution(ArrondissementSource source, const UiText& text, Lang lang);

// Legend card in Layout::legend (one column in landscape, two in portrait).
void draw_legend(const LegendModel& model, const WidgetContext& ctx);
// Attribution strip in Layout::attribution: contours source and membership source, small but high-contrast.
void draw_attribution(const LegendModel& model, const WidgetContext& ctx);

}  // namespace qmi::ui
