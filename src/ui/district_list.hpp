// The list of the QMI districts, always on screen: a visitor who does not know where Sucy-en-Brie lies finds it by
// name. One big button per district, grouped under a heading per promotion (with its colour, so the list is also
// the map's key); the district on the card is the chosen (accent) button.
//
// make_district_list_model() runs once per content / ui-text load; draw_district_list() only lays out, in
// Layout::district_list with Layout::district_columns columns, and returns what was tapped (like
// draw_district_panel). When the region is too short for every button (a screen smaller than the targets), the
// list scrolls under a finger instead of shrinking its buttons.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "core/ui_text.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

struct DistrictListEntry {
    std::string insee;
    std::string name;  // "Issy-les-Moulineaux"
};

struct DistrictGroup {
    int promotion = 0;
    Rgba8 color;                          // promotion_color(promotion)
    LocalizedText heading;                // "1re promotion · 2022" / "First promotion · 2022"
    std::vector<DistrictListEntry> districts;  // content order
};

struct DistrictListModel {
    std::vector<DistrictGroup> groups;  // promotions in content order; districts of unknown promotions last
    size_t size() const;                // number of districts
};

DistrictListModel make_district_list_model(const Content& content, const UiText& text);

struct DistrictListResult {
    std::optional<std::string> chosen;  // INSEE code of the district tapped this frame
};

// `selected_insee`: the district on the card (drawn as the chosen button), "" for none.
DistrictListResult draw_district_list(const DistrictListModel& model, const WidgetContext& ctx,
                                      std::string_view selected_insee = {});

// Where draw_district_list puts things, in screen px (scrolled by `scroll_y`): one heading per group, one button
// per district. Pure: the tests tap these, and the layout's district_list is at least content_height tall on the
// target screens.
struct DistrictListGeometry {
    std::vector<Rect> headings;                          // per group
    std::vector<std::pair<std::string, Rect>> buttons;  // INSEE, button
    float content_height = 0;
};
DistrictListGeometry district_list_geometry(const DistrictListModel& model, const Layout& layout, float scroll_y = 0);

}  // namespace qmi::ui
