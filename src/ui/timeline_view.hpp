// The programme's timeline: its dated events (content.json `timeline`: the launch, the renewal, the selection, each
// call window, the first promotion's end...) on one axis, each label with its date as the source gives it ("2022",
// "janvier 2025", "12 octobre 2023"), its title and its source's number, the sources listed under the axis, and
// today marked by a line across it.
//
// The axis runs left to right on a landscape screen (labels above and below it), top to bottom on a portrait one
// (labels in a column at its right). A day is a dot, a period a bar over its days (a call: in the colour of its
// state today), a date known only to the month or the year a pale bar over that month or year; the leader to the
// label leaves from its middle. Label placement: core/timeline_layout (no two labels overlap, no leaders cross;
// when they cannot fit, the axis grows and the view scrolls under the finger).
//
// make_timeline_view() measures every label with the fonts and lays them out ONCE (per content, screen size,
// place on screen and day); draw_timeline_view() only draws. Visitors open it from the introduction's
// "Chronologie" button (it then has a title row with "Fermer"); the presenter's tour shows it as a step.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/content.hpp"
#include "core/timeline_layout.hpp"
#include "core/ui_text.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

// Where visitors see the timeline: over the map, its controls, the card and the legend (the district list, the
// header, the banner and the language button stay).
Rect timeline_area(const Layout& layout);

// One event's mark on the axis (the same in both languages).
struct TimelineMark {
    enum class Kind { Day, Vague, Period };  // a dot; a pale bar over a month or a year; a bar over a period
    Kind kind = Kind::Day;
    Rgba8 color;  // the accent, or a call's state colour
};

struct TimelineLabel {
    std::string date;    // "12 octobre 2023", "23 octobre 2023 – 12 janvier 2024", "2022"
    std::string title;   // the event's title (a call: the window's name)
    std::string source;  // "Source 1" / "Sources 2, 3": numbers of `footnotes`
    Rect box;            // the label card on screen (view not scrolled)
    ImVec2 leader[3];    // from the axis to the card, view not scrolled
};

struct TimelineText {
    std::string title;     // "Chronologie du programme" (visitors' view)
    std::string close;     // "Fermer"
    std::string today;     // "Aujourd'hui · 1 mai 2024"
    std::vector<TimelineLabel> labels;   // content order (by date)
    std::vector<std::string> footnotes;  // "1  Annonce « ... » (février 2024)"
    TimelineLayout axis;                 // the geometry the labels were placed with
};

struct TimelineViewModel {
    Rect area;              // the whole view
    bool vertical = false;  // portrait: the axis runs down
    bool closable = false;  // visitors' view: a title row and "Fermer"
    date::local_days today{};
    std::vector<TimelineMark> marks;  // one per event
    std::vector<std::pair<PartialDate, std::optional<PartialDate>>> dates;  // one per event
    // Inside `area`, view not scrolled: the title row (when closable), the axis's box (what scrolls when the axis
    // is longer than it) and the footnotes under it.
    Rect header, body, notes;
    float axis_at = 0;      // the axis line: a y (horizontal axis) or an x (vertical), on screen
    float strip = 0;        // horizontal axis: the band at the top of `body` for the years and today's tag
    float label_w = 0;      // width of a label's text, px
    TimelineText fr, en;
    const TimelineText& in(Lang lang) const { return lang == Lang::En ? en : fr; }
    bool empty() const { return marks.empty(); }
};

// `area`: where the view goes; `closable`: the visitors' view (title row and "Fermer"). The fonts must be built
// (an atlas with its glyphs): labels are measured with them.
TimelineViewModel make_timeline_view(const Content& content, const UiText& text, date::sys_seconds now,
                                     const Rect& area, bool closable, const Layout& layout, const Fonts& fonts);

struct TimelineDrawn {
    bool close = false;      // "Fermer" released
    Rect close_button;       // where it was drawn (empty without one)
    Rect today_mark;         // today's line on screen as drawn (scrolled), for --state-out
    bool today_visible = false;
};
TimelineDrawn draw_timeline_view(const TimelineViewModel& model, const WidgetContext& ctx);

}  // namespace qmi::ui
