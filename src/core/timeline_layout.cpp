#include "core/timeline_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace qmi {

namespace {

// The span drawn: from 1 January of the earliest year (years are the axis's marks, and a "2022" event covers its
// whole year) to the day after the latest day, today included either way.
struct Span {
    date::local_days first, end;
};

Span span_of(const std::vector<TimelineItemIn>& items, date::local_days today) {
    date::local_days lo = today, hi = today;
    for (const TimelineItemIn& it : items) {
        lo = std::min(lo, it.start.first_day());
        hi = std::max(hi, (it.end ? *it.end : it.start).last_day());
    }
    const date::year_month_day first{lo};
    Span s;
    s.first = date::local_days{first.year() / date::January / 1};
    s.end = hi + date::days{1};
    // A few days past the last one, so that today's mark or a last one-day event is not drawn on the very edge.
    const auto days = (s.end - s.first).count();
    s.end += date::days{std::max<long>(1, static_cast<long>(days) / 50)};
    return s;
}

// Labels of one row, pushed apart along the axis. `order`: indices into `out`, by anchor. True when they all fit
// within [0, length] without overlapping.
bool dodge_row(const std::vector<size_t>& order, const std::vector<TimelineItemIn>& in,
               std::vector<TimelinePlacedItem>& out, double length, double gap) {
    if (order.empty()) return true;
    // Forward: each label centred on its anchor, or just after the previous one.
    double free_from = 0;
    for (size_t i : order) {
        const double want = std::clamp(out[i].anchor - in[i].along / 2, 0.0, std::max(0.0, length - in[i].along));
        out[i].label_start = std::max(want, free_from);
        out[i].label_end = out[i].label_start + in[i].along;
        free_from = out[i].label_end + gap;
    }
    // Backward: what ran past the end moves back, pushing its predecessors back as far as needed.
    double limit = length;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        TimelinePlacedItem& p = out[*it];
        if (p.label_end > limit) {
            p.label_end = limit;
            p.label_start = limit - in[*it].along;
        }
        limit = p.label_start - gap;
    }
    return out[order.front()].label_start >= -1e-9;
}

}  // namespace

double TimelineLayout::position(date::local_days day) const {
    const double days = static_cast<double>((end_day - first_day).count());
    if (days <= 0) return end_pad;
    return end_pad + (length - 2 * end_pad) * static_cast<double>((day - first_day).count()) / days;
}

TimelineLayout layout_timeline(const std::vector<TimelineItemIn>& items, date::local_days today,
                               const TimelineAxisOptions& options) {
    const int rows = std::clamp(options.rows, 1, 2);
    const Span span = span_of(items, today);
    TimelineLayout L;
    L.first_day = span.first;
    L.end_day = span.end;
    L.end_pad = std::max(0.0, options.end_pad);
    L.items.resize(items.size());

    // Events by date (the middle of what they cover); equal dates keep the content's order.
    std::vector<size_t> by_date(items.size());
    std::iota(by_date.begin(), by_date.end(), size_t{0});

    double length = std::max(options.length, 2 * L.end_pad + 1);
    const double longest = std::max(options.length, 2 * L.end_pad + 1) * std::max(1.0, options.max_stretch);
    for (;;) {
        L.length = length;
        for (size_t i = 0; i < items.size(); ++i) {
            TimelinePlacedItem& p = L.items[i];
            p.start = L.position(items[i].start.first_day());
            p.end = L.position((items[i].end ? *items[i].end : items[i].start).last_day() + date::days{1});
            p.anchor = (p.start + p.end) / 2;
        }
        std::stable_sort(by_date.begin(), by_date.end(),
                         [&](size_t a, size_t b) { return L.items[a].anchor < L.items[b].anchor; });
        // Each event to the row where its label moves least from its date (the first row on a tie): the rows
        // fill evenly where dates are crowded, and a lone event stays centred on its date.
        std::vector<std::vector<size_t>> row_items(static_cast<size_t>(rows));
        std::vector<double> free_from(static_cast<size_t>(rows), 0.0);
        for (size_t i : by_date) {
            const double want = std::max(0.0, L.items[i].anchor - items[i].along / 2);
            int best = 0;
            double best_shift = 0;
            for (int r = 0; r < rows; ++r) {
                const double shift = std::max(0.0, free_from[static_cast<size_t>(r)] - want);
                if (r == 0 || shift < best_shift - 1e-9) {
                    best = r;
                    best_shift = shift;
                }
            }
            L.items[i].row = best;
            row_items[static_cast<size_t>(best)].push_back(i);
            free_from[static_cast<size_t>(best)] = want + best_shift + items[i].along + options.gap;
        }
        bool ok = true;
        for (const auto& row : row_items) ok = dodge_row(row, items, L.items, length, options.gap) && ok;
        if (ok || length >= longest) {
            L.fits = ok;
            break;
        }
        length = std::min(longest, length * 1.25);
    }
    L.today = (L.position(today) + L.position(today + date::days{1})) / 2;
    for (date::year y = date::year_month_day{L.first_day}.year(); date::local_days{y / date::January / 1} < L.end_day;
         ++y)
        L.years.push_back({static_cast<int>(y), L.position(date::local_days{y / date::January / 1})});
    return L;
}

double leader_end(const TimelinePlacedItem& item, double inset) {
    const double lo = item.label_start + std::min(inset, (item.label_end - item.label_start) / 2);
    const double hi = item.label_end - std::min(inset, (item.label_end - item.label_start) / 2);
    return std::clamp(item.anchor, lo, hi);
}

}  // namespace qmi
