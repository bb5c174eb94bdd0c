// "Sources": what the facts on screen come from, reachable from the panel's "Sources" button. For a district card:
// the sources of its facts (participation, mayor, challenge, site, experiments, promotion status, the calls that
// concern it); for the introduction: those of the programme and its promotions; always the sources of what the
// banner says and of the page the QR code opens, then the map's and the membership's attributions.
//
// make_sources_model() runs once when the button is pressed; draw_sources_view() draws it in the panel area every
// frame and returns Close when the visitor goes back to the card (like draw_district_panel returns PanelResult).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/facts.hpp"
#include "core/map_model.hpp"
#include "core/membership.hpp"
#include "core/ui_text.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

struct SourceEntry {
    std::string id;          // Source::id ("" for the map and membership attributions)
    std::string title;       // "Métropole du Grand Paris : lancement ..." (bold)
    std::string publisher;   // "Métropole du Grand Paris · Publiée : février 2024"; may be empty
    std::string location;    // the URL, or what the document is when it has none
    std::string used_for;    // "Pour : maire, défi, quartier d'innovation"; may be empty
    std::string as_of;       // "Informations datées jusqu'à février 2024"; may be empty
};

struct SourcesText {
    std::string title;                 // "Sources des informations affichées"
    std::vector<SourceEntry> entries;  // in order of first use on the card, attributions last
    std::string back;                  // "Retour"
};

struct SourcesModel {
    std::string insee;  // the card's commune, "" for the introduction
    SourcesText fr, en;
    const SourcesText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
};

// `insee`: the commune whose card is open ("" for the introduction). `now` decides what the banner and the QR code
// show, whose sources are listed too.
// `arrondissements`: the source of the arrondissements the map holds, listed with the map's attributions.
SourcesModel make_sources_model(const Content& content, const Membership& membership, const UiText& text,
                                std::string_view insee, date::sys_seconds now,
                                ArrondissementSource arrondissements = ArrondissementSource::None);

// The sources of `facts` (what a presenter's card shows: a promotion, the calls), then the map's and the
// membership's attributions. The banner and the QR code are not on screen then: their sources are not added.
SourcesModel make_sources_model(const Content& content, const Membership& membership, const UiText& text,
                                const std::vector<FactRef>& facts);

enum class SourcesResult { None, Close };

// Draws the list in Layout::panel (same frame as the cards). Returns Close on the frame "Retour" is released.
SourcesResult draw_sources_view(const SourcesModel& model, const WidgetContext& ctx);

}  // namespace qmi::ui
