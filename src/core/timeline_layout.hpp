// The programme's dated events on one axis: where each date falls, where today falls, the years marked along it,
// and where each event's label goes so that no two labels overlap and no leader (the line from a date on the axis
// to its label) crosses another.
//
// The axis is one-dimensional: "along" is the direction of time (left to right on a landscape screen, top to bottom
// on a portrait one) and "across" the direction the labels stand off it. Labels sit in rows beside the axis: two
// rows (one each side: a horizontal axis, labels above and below) or one (a vertical axis, labels in a column
// beside it). Within a row labels keep the order of their dates and are pushed apart along the axis just enough
// not to overlap; an event goes to the row where it has to move least. When the labels cannot all fit in the
// length given, the axis is made longer (the view then scrolls) rather than let two labels overlap.
//
// Label sizes come from the caller (the UI measures its text once, when it builds the view); positions are pixels
// from the axis's origin. Pure: computed once per content, screen size and day, never per frame.
#pragma once
#include <optional>
#include <vector>

#include <date/date.h>

#include "core/partial_date.hpp"

namespace qmi {

struct TimelineItemIn {
    PartialDate start;
    std::optional<PartialDate> end;  // a period's last day
    double along = 0;                // the label's size along the axis, px
};

struct TimelineAxisOptions {
    double length = 1000;      // px available along the axis
    double end_pad = 0;        // px kept clear of dates at each end (a label centred on the first date stays whole)
    int rows = 2;              // 1 or 2
    double gap = 8;            // px between two labels of a row
    double max_stretch = 4.0;  // the axis may grow to this many times `length` before labels are allowed to overlap
};

struct TimelinePlacedItem {
    double start = 0, end = 0;  // along the axis: the first and the end of the last day the event covers. A day is
                                // one day wide; "2022" covers the year, "2025-01" the month: what the sources say
    double anchor = 0;          // where the leader leaves the axis: the middle of [start, end]
    int row = 0;                // 0 .. rows-1
    double label_start = 0;     // along the axis; the label covers [label_start, label_start + along]
    double label_end = 0;
};

struct TimelineTick {
    int year = 0;
    double pos = 0;  // 1 January of `year`
};

struct TimelineLayout {
    double length = 0;  // >= options.length: longer when the labels needed more room
    double end_pad = 0;  // options.end_pad
    date::local_days first_day{}, end_day{};  // the span drawn: first_day at end_pad, end_day at length - end_pad
    std::vector<TimelinePlacedItem> items;    // in input order
    std::vector<TimelineTick> years;          // every 1 January inside the span
    double today = 0;                         // today's mark: the middle of today
    bool fits = true;  // false only when even max_stretch was not enough (labels then overlap)

    double position(date::local_days day) const;  // the start of `day`
};

// `today` is always inside the span: a timeline that ended long ago still shows how long ago.
TimelineLayout layout_timeline(const std::vector<TimelineItemIn>& items, date::local_days today,
                               const TimelineAxisOptions& options);

// The point where a leader meets its label's inner edge: the anchor, moved inside the label by `inset` px when
// the label was pushed aside.
double leader_end(const TimelinePlacedItem& item, double inset);

}  // namespace qmi
