#include "app/content_views.hpp"

namespace qmi::app {

ContentViews make_content_views(const Content& content, const KioskData& data, std::optional<size_t> selected,
                                date::sys_seconds now, std::optional<size_t> arrondissement) {
    ContentViews v;
    v.intro = ui::make_intro_model(content, data.text, now);
    v.legend = ui::make_legend_model(content, data.membership, data.text, data.map.arrondissements_source);
    v.districts = ui::make_district_list_model(content, data.text);
    if (selected && *selected < data.map.communes.size())
        v.panel = ui::make_panel_model(data.map.communes[*selected].insee, content, data.membership, data.text, now,
                                       &data.map, arrondissement);
    return v;
}

std::vector<size_t> highlighted_communes(const MapModel& map, const Content& content) {
    std::vector<size_t> out;
    for (size_t i = 0; i < map.metropole_count && i < map.communes.size(); ++i)
        if (content.find_district(map.communes[i].insee)) out.push_back(i);
    return out;
}

}  // namespace qmi::app
