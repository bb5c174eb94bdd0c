// Everything on screen that is derived from the programme content, built in one go: at start, and again when the
// content feed delivers new content (KioskView::set_content). No GL, no ImGui context: testable headless.
// What is NOT here because it needs the GPU or the fonts: the map fills (re-uploaded from highlighted_communes at
// the next draw) and the label layout (rebuilt by the view with its fonts).
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "app/kiosk_data.hpp"
#include "ui/district_list.hpp"
#include "ui/info_panel.hpp"
#include "ui/legend.hpp"

namespace qmi::app {

struct ContentViews {
    ui::IntroModel intro;                 // panel area with nothing selected (carries "Informations au ...")
    ui::LegendModel legend;               // promotions and their colours
    ui::DistrictListModel districts;      // the always-visible list of the districts, by promotion
    std::optional<ui::PanelModel> panel;  // the card of `selected`, rebuilt from the new facts; nullopt if none
    // The districts of the call the banner names (open, last day or announced), ringed on the map in the banner
    // badge's colour; the legend then has an entry for the ring. Empty when no call concerns particular districts.
    std::vector<size_t> call_communes;
    ui::Rgba8 call_color;
};

// `selected`: index into data.map.communes of the commune whose card is open, if any. `now`: the kiosk's clock
// (what calls are open, which facts are past their review date).
// `arrondissement`: index into data.map.arrondissements of the one a tap on Paris landed in (its card names it).
ContentViews make_content_views(const Content& content, const KioskData& data, std::optional<size_t> selected,
                                date::sys_seconds now, std::optional<size_t> arrondissement = std::nullopt);

// Map communes (indices into map.communes, Métropole members only) that are innovation districts in `content`:
// they get the promotion fill and a label.
std::vector<size_t> highlighted_communes(const MapModel& map, const Content& content);

}  // namespace qmi::app
