#include "app/content_views.hpp"

#include "ui/banner.hpp"

namespace qmi::app {

ContentViews make_content_views(const Content& content, const KioskData& data, std::optional<size_t> selected,
                                date::sys_seconds now, std::optional<size_t> arrondissement) {
    ContentViews v;
    v.intro = ui::make_intro_model(content, data.text, now);
    v.legend = ui::make_legend_model(content, data.membership, data.text, data.map.arrondissements_source);
    // The banner's own verdict (the same function), so that the map never rings districts the banner does not name.
    const ui::BannerModel banner = ui::make_banner_model(content, data.text, Lang::Fr, now);
    for (const std::string& insee : banner.highlighted)
        if (const std::optional<size_t> c = data.map.find(insee)) v.call_communes.push_back(*c);
    v.call_color = banner.badge_color;
    if (!v.call_communes.empty())
        for (Lang lang : {Lang::Fr, Lang::En}) {
            ui::LegendText& t = lang == Lang::Fr ? v.legend.fr : v.legend.en;
            t.entries.push_back({ui::LegendEntry::Swatch::Ring, v.call_color, ui::palette::call_ring_width,
                                 data.text.get("legend.call_districts", lang)});
        }
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
