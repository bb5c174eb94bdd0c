#include "ui/timeline_view.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/call_state.hpp"
#include "core/paris_time.hpp"
#include "ui/touch_button.hpp"

namespace qmi::ui {

Rect timeline_area(const Layout& L) {
    Rect r;
    if (L.orientation == Orientation::Landscape) {
        r.min = L.map_area.min;
        r.max.x = std::max({L.map_area.max.x, L.panel.max.x, L.legend.max.x});
        r.max.y = std::max({L.map_area.max.y, L.panel.max.y, L.legend.max.y});
    } else {
        r.min = ImVec2(0, L.map_area.min.y);
        r.max = ImVec2(L.display.x, std::max({L.map_area.max.y, L.panel.max.y, L.legend.max.y}));
    }
    return r;
}

namespace {

Rect rect(float x0, float y0, float x1, float y1) { return Rect{ImVec2(x0, y0), ImVec2(x1, y1)}; }

// Sizes that are not text, in millimetres on the glass (a dot a finger's width away is still a dot).
constexpr float kDotMm = 1.6f;     // radius of a day's dot; bars are as thick as a dot is wide
constexpr float kLeaderMm = 6.0f;  // from the axis to the nearest label: room for the leader's bend

struct Metrics {
    float dot = 0, leader = 0, pad = 0, spacing = 0;
    ImFont *bold = nullptr, *body = nullptr, *small = nullptr;
    float bold_size = 0, body_size = 0, small_size = 0;
};

float text_h(ImFont* font, float size, const std::string& s, float wrap) {
    if (!font || s.empty()) return 0;
    return font->CalcTextSizeA(size, FLT_MAX, wrap, s.c_str(), s.c_str() + s.size()).y;
}
float text_w(ImFont* font, float size, const std::string& s) {
    if (!font || s.empty()) return 0;
    return font->CalcTextSizeA(size, FLT_MAX, 0, s.c_str(), s.c_str() + s.size()).x;
}

// A label card's height for text `w` px wide: date (semibold), title, source (fine print), padding around.
float label_height(const TimelineLabel& l, float w, const Metrics& M) {
    return 2 * M.pad + text_h(M.bold, M.bold_size, l.date, w) + M.spacing + text_h(M.body, M.body_size, l.title, w) +
           M.spacing + text_h(M.small, M.small_size, l.source, w);
}

std::string date_text(const PartialDate& start, const std::optional<PartialDate>& end, Lang lang) {
    std::string s = format_partial_date(start, lang);
    if (end) s += " \u2013 " + format_partial_date(*end, lang);
    return s;
}

}  // namespace

TimelineViewModel make_timeline_view(const Content& content, const UiText& text, date::sys_seconds now,
                                     const Rect& area, bool closable, const Layout& layout, const Fonts& fonts) {
    TimelineViewModel M;
    M.area = area;
    M.vertical = layout.orientation == Orientation::Portrait;
    M.closable = closable;
    M.today = date::floor<date::days>(to_paris_local(now));
    const FontSizes& F = layout.fonts;
    Metrics mt;
    mt.dot = std::max(3.0f, std::round(kDotMm * layout.px_per_mm));
    mt.leader = std::max(8.0f, std::round(kLeaderMm * layout.px_per_mm));
    mt.pad = std::ceil(0.3f * F.body);
    mt.spacing = std::ceil(0.1f * F.body);
    mt.bold = fonts.body_bold;
    mt.body = fonts.body;
    mt.small = fonts.small;
    mt.bold_size = mt.body_size = F.body;
    mt.small_size = F.small;
    const float p = layout.padding, g = layout.gap;

    // Sources numbered in order of first use along the axis: the footnotes' numbers.
    std::vector<const Source*> numbered;
    auto refs_of = [&](const Provenance& prov) {
        std::vector<size_t> refs;
        for (const std::string& id : prov.sources) {
            const Source* s = content.find_source(id);
            if (!s) continue;
            auto it = std::find(numbered.begin(), numbered.end(), s);
            if (it == numbered.end()) it = numbered.insert(numbered.end(), s);
            refs.push_back(static_cast<size_t>(it - numbered.begin()) + 1);
        }
        return refs;
    };
    std::vector<std::vector<size_t>> refs;
    for (const TimelineEvent& e : content.timeline) {
        TimelineMark mark;
        mark.color = palette::accent;
        if (e.end) mark.kind = TimelineMark::Kind::Period;
        else if (e.start.precision() != DatePrecision::Day) mark.kind = TimelineMark::Kind::Vague;
        if (e.call_window)
            if (const CallWindow* w = content.find_window(*e.call_window)) mark.color = window_status_color(window_status(*w, now));
        M.marks.push_back(mark);
        M.dates.emplace_back(e.start, e.end);
        refs.push_back(refs_of(e.provenance));
    }

    // The frame: title row, body (the axis), footnotes. The footnotes' height is the larger of the two languages',
    // so that switching language never moves the axis.
    const float inner_w = area.width() - 2 * p;
    float y = area.min.y + p;
    if (closable) {
        const float row_h = std::max(F.title, layout.touch_min);
        M.header = rect(area.min.x + p, y, area.max.x - p, y + row_h);
        y = M.header.max.y + g + layout.margin;
    }
    float notes_h = 0;
    for (Lang lang : {Lang::Fr, Lang::En}) {
        float h = 0;
        for (size_t i = 0; i < numbered.size(); ++i) {
            const Source& s = *numbered[i];
            std::string note = std::to_string(i + 1) + "\u2002" + s.title.in(lang);
            if (s.published) note += " (" + format_partial_date(*s.published, lang) + ")";
            h += text_h(mt.small, mt.small_size, note, inner_w) + 0.2f * F.small;
            (lang == Lang::En ? M.en : M.fr).footnotes.push_back(std::move(note));
        }
        notes_h = std::max(notes_h, h);
    }
    M.notes = rect(area.min.x + p, area.max.y - p - notes_h, area.max.x - p, area.max.y - p);
    M.body = rect(area.min.x + p, y, area.max.x - p, M.notes.min.y - (notes_h > 0 ? g + layout.margin : 0.0f));

    const date::year_month_day today_ymd{M.today};
    for (Lang lang : {Lang::Fr, Lang::En}) {
        TimelineText& t = lang == Lang::En ? M.en : M.fr;
        t.title = text.get("timeline.title", lang);
        t.close = text.get("timeline.close", lang);
        t.today = text.format("timeline.today", lang, {{"date", format_date(today_ymd, lang)}});
        for (size_t i = 0; i < content.timeline.size(); ++i) {
            const TimelineEvent& e = content.timeline[i];
            TimelineLabel l;
            l.date = date_text(e.start, e.end, lang);
            l.title = e.title.in(lang);
            std::string list;
            for (size_t r : refs[i]) list += (list.empty() ? "" : ", ") + std::to_string(r);
            if (!list.empty())
                l.source = text.format(refs[i].size() > 1 ? "timeline.sources_ref" : "timeline.source_ref", lang,
                                       {{"refs", list}});
            t.labels.push_back(std::move(l));
        }
    }
    if (M.marks.empty()) return M;

    const Rect& B = M.body;
    // Room for the scrollbar ImGui draws when the axis is longer than its box (ui/theme's size), so that it never
    // lies over a label.
    const float scrollbar = std::max(20 * layout.scale, 0.5f * layout.touch_min);
    auto items_of = [&](const TimelineText& t) {
        std::vector<TimelineItemIn> items(t.labels.size());
        for (size_t i = 0; i < items.size(); ++i) {
            items[i].start = M.dates[i].first;
            items[i].end = M.dates[i].second;
        }
        return items;
    };
    TimelineAxisOptions o;
    o.gap = g;
    o.end_pad = std::max(2 * mt.dot, F.body);

    // A horizontal axis (landscape): labels above and below it, each row standing off it by the leader's room,
    // years and today's tag in a strip at the top. The text width is the widest, from a comfortable measure (9
    // body sizes, or an eighth of the axis) down to a narrow one (6), whose labels fit both their row's height and
    // the axis's length; else the narrowest that fits the rows, and the axis grows (the view scrolls). False when
    // no width makes the labels fit the rows (a small screen of large type): the column below takes over.
    const float strip = std::ceil(F.small * 1.5f);
    const float rows_h = B.height() - strip - scrollbar;
    const float max_h = (rows_h - 2 * mt.dot) / 2 - mt.leader;
    auto horizontal = [&](TimelineText& t) {
        std::vector<TimelineItemIn> items = items_of(t);
        std::vector<float> heights(items.size());
        auto try_width = [&](float w, double stretch) {
            float tallest = 0;
            for (size_t i = 0; i < items.size(); ++i) {
                tallest = std::max(tallest, heights[i] = label_height(t.labels[i], w, mt));
                items[i].along = w + 2 * mt.pad;
            }
            o.length = B.width();
            o.rows = 2;
            o.max_stretch = stretch;
            t.axis = layout_timeline(items, M.today, o);
            return tallest <= max_h;
        };
        const float comfortable = std::max(9 * F.body, B.width() / 8), narrowest = 6 * F.body;
        const float widest = std::max(comfortable, B.width() / 3);
        float w = comfortable;
        bool done = false;
        for (; w >= narrowest && !done; w *= 0.92f) done = try_width(w, 1.0) && t.axis.fits;
        if (done) w /= 0.92f;
        for (w = done ? w : narrowest; !done; w = std::min(widest, w * 1.12f)) {
            if (try_width(w, 4.0)) break;
            if (w >= widest) return false;
        }
        M.label_w = w;
        M.axis_at = std::round(B.min.y + strip + rows_h / 2);
        for (size_t i = 0; i < items.size(); ++i) {
            const TimelinePlacedItem& it = t.axis.items[i];
            TimelineLabel& l = t.labels[i];
            const float x0 = B.min.x + static_cast<float>(it.label_start), x1 = B.min.x + static_cast<float>(it.label_end);
            const float near = mt.dot + mt.leader;
            l.box = it.row == 0 ? rect(x0, M.axis_at - near - heights[i], x1, M.axis_at - near)
                                : rect(x0, M.axis_at + near, x1, M.axis_at + near + heights[i]);
            const float sign = it.row == 0 ? -1.0f : 1.0f;
            const float ax = B.min.x + static_cast<float>(it.anchor);
            l.leader[0] = ImVec2(ax, M.axis_at);
            l.leader[1] = ImVec2(ax, M.axis_at + sign * (mt.dot + mt.leader * 0.5f));
            l.leader[2] = ImVec2(B.min.x + static_cast<float>(leader_end(it, mt.pad)), M.axis_at + sign * near);
        }
        return true;
    };

    // A vertical axis (portrait, or a screen too small for the rows): down the left, years and today's tag at its
    // left (the same band in both languages: switching language never moves the axis), the labels in one column
    // at its right, as wide as the view leaves them; the axis grows (and scrolls) as much as they need.
    auto vertical = [&](TimelineText& t) {
        const float today_w = std::max(text_w(mt.small, mt.small_size, M.fr.today), text_w(mt.small, mt.small_size, M.en.today));
        const float year_w = text_w(mt.small, mt.small_size, "0000");
        const float band = std::max(year_w, std::min(today_w + 2 * std::ceil(0.25f * F.small), 0.22f * B.width()));
        M.axis_at = std::round(B.min.x + band + layout.margin + mt.dot);
        const float x0 = M.axis_at + mt.dot + mt.leader;
        const float w = std::max(F.body, B.max.x - scrollbar - x0 - 2 * mt.pad);
        M.label_w = w;
        std::vector<TimelineItemIn> items = items_of(t);
        for (size_t i = 0; i < items.size(); ++i) items[i].along = label_height(t.labels[i], w, mt);
        o.length = B.height();
        o.rows = 1;
        o.max_stretch = 16;
        t.axis = layout_timeline(items, M.today, o);
        for (size_t i = 0; i < items.size(); ++i) {
            const TimelinePlacedItem& it = t.axis.items[i];
            TimelineLabel& l = t.labels[i];
            l.box = rect(x0, B.min.y + static_cast<float>(it.label_start), x0 + w + 2 * mt.pad,
                         B.min.y + static_cast<float>(it.label_end));
            const float ay = B.min.y + static_cast<float>(it.anchor);
            l.leader[0] = ImVec2(M.axis_at, ay);
            l.leader[1] = ImVec2(M.axis_at + mt.dot + mt.leader * 0.5f, ay);
            l.leader[2] = ImVec2(x0, B.min.y + static_cast<float>(leader_end(it, mt.pad)));
        }
    };

    if (!M.vertical) M.vertical = !horizontal(M.fr) || !horizontal(M.en);
    if (M.vertical) {
        vertical(M.fr);
        vertical(M.en);
    }
    M.strip = M.vertical ? 0.0f : strip;
    return M;
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

namespace {

// The axis's box scrolls under a finger when the axis is longer than it (as the panel's body does).
void drag_to_scroll(bool vertical) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) || !ImGui::IsMouseDragging(0, 4.0f))
        return;
    if (vertical && io.MouseDelta.y != 0) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    if (!vertical && io.MouseDelta.x != 0) ImGui::SetScrollX(ImGui::GetScrollX() - io.MouseDelta.x);
}

ImVec2 shifted(ImVec2 p, ImVec2 by) { return ImVec2(p.x - by.x, p.y - by.y); }

}  // namespace

TimelineDrawn draw_timeline_view(const TimelineViewModel& M, const WidgetContext& ctx) {
    TimelineDrawn out;
    const TimelineText& t = M.in(ctx.lang);
    const Layout& L = ctx.layout;
    const FontSizes& F = L.fonts;
    const Theme& th = ctx.theme;

    next_window_on(M.area);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(th.panel_bg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, L.orientation == Orientation::Portrait ? 0.0f : th.rounding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, th.border);
    ImGui::Begin("##qmi_timeline", nullptr, kOverlayWindowFlags | ImGuiWindowFlags_NoScrollbar |
                                                ImGuiWindowFlags_NoScrollWithMouse);
    // Over the regions it covers (card, legend, map buttons): ImGui puts a window made with NoBringToFrontOnFocus
    // under the others.
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
    ImDrawList* wdl = ImGui::GetWindowDrawList();

    if (M.closable) {
        ImGui::PushFont(ctx.fonts.body_bold);
        const float bw = std::max(L.touch_min, ImGui::CalcTextSize(t.close.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
        ImGui::PopFont();
        const Rect close = rect(M.header.max.x - bw, M.header.min.y, M.header.max.x, M.header.min.y + L.touch_min);
        const TouchButton b = touch_button("##timeline_close", close, ctx);
        button_text(t.close, ctx.fonts.body_bold, b.inner, b.ink, true);
        out.close = b.released;
        out.close_button = close;
        ImGui::SetCursorScreenPos(ImVec2(M.header.min.x, M.header.min.y + (M.header.height() - F.title) * 0.5f));
        ImGui::PushFont(ctx.fonts.title);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(th.text));
        ImGui::TextUnformatted(t.title.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        wdl->AddLine(ImVec2(M.area.min.x, M.header.max.y + L.gap), ImVec2(M.area.max.x, M.header.max.y + L.gap),
                     to_u32(th.card_border), th.border);
    }

    // The footnotes: every source the labels number.
    ImGui::PushFont(ctx.fonts.small);
    float ny = M.notes.min.y;
    for (const std::string& n : t.footnotes) {
        ImGui::SetCursorScreenPos(ImVec2(M.notes.min.x, ny));
        ImGui::PushTextWrapPos(M.notes.max.x);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(th.text_muted));
        ImGui::TextUnformatted(n.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ny = ImGui::GetCursorScreenPos().y + 0.2f * F.small - ImGui::GetStyle().ItemSpacing.y;
    }
    ImGui::PopFont();

    // The axis, in a child window that scrolls when the axis is longer than its box.
    const Rect& B = M.body;
    const float length = static_cast<float>(t.axis.length);
    ImGui::SetCursorScreenPos(B.min);
    ImGui::SetNextWindowContentSize(M.vertical ? ImVec2(B.width(), std::max(length, B.height()))
                                               : ImVec2(std::max(length, B.width()), B.height()));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("##qmi_timeline_axis", B.size(), false,
                      ImGuiWindowFlags_NoSavedSettings | (M.vertical ? 0 : ImGuiWindowFlags_HorizontalScrollbar));
    ImGui::PopStyleColor();
    if (!M.empty()) {
        // A view opened on an axis longer than its box shows today first (what is past on its left or above).
        if (ImGui::IsWindowAppearing() && length > (M.vertical ? B.height() : B.width())) {
            const float box = M.vertical ? B.height() : B.width();
            const float at = static_cast<float>(t.axis.today) - box * 0.6f;
            if (M.vertical) ImGui::SetScrollY(std::max(0.0f, at));
            else ImGui::SetScrollX(std::max(0.0f, at));
        }
        drag_to_scroll(M.vertical);
        const ImVec2 scroll(ImGui::GetScrollX(), ImGui::GetScrollY());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float dot = std::max(3.0f, std::round(kDotMm * L.px_per_mm));
        const float hair = std::max(1.0f, th.scale);
        const ImU32 ink = to_u32(th.text), muted = to_u32(th.text_muted), grid = to_u32(th.card_border);
        const ImU32 today_col = to_u32(palette::state_last_day);
        // Positions along the axis, on screen (scrolled).
        auto along = [&](double pos) { return static_cast<float>(pos) + (M.vertical ? B.min.y - scroll.y : B.min.x - scroll.x); };
        auto at = [&](float a, float across) { return M.vertical ? ImVec2(across, a) : ImVec2(a, across); };
        const float cross0 = M.vertical ? B.min.x : B.min.y, cross1 = M.vertical ? B.max.x : B.max.y;
        const float tag_band = M.strip;

        // Years: a faint line across and the year at its start; today: a line across in the last-day colour.
        for (const TimelineTick& y : t.axis.years) {
            const float a = along(y.pos);
            dl->AddLine(at(a, cross0), at(a, cross1), grid, hair);
        }
        const float today_a = along(t.axis.today);
        dl->AddLine(at(today_a, cross0 + (M.vertical ? 0 : tag_band)), at(today_a, cross1), today_col, 2 * hair);
        out.today_mark = M.vertical ? rect(cross0, today_a - hair, cross1, today_a + hair)
                                    : rect(today_a - hair, cross0, today_a + hair, cross1);
        out.today_visible = today_a >= (M.vertical ? B.min.y : B.min.x) && today_a <= (M.vertical ? B.max.y : B.max.x);

        // The axis line and each event's mark on it.
        dl->AddLine(at(along(0), M.axis_at), at(along(length), M.axis_at), ink, 2 * hair);
        for (size_t i = 0; i < M.marks.size() && i < t.axis.items.size(); ++i) {
            const TimelinePlacedItem& it = t.axis.items[i];
            const TimelineMark& mk = M.marks[i];
            const float a0 = along(it.start), a1 = std::max(along(it.end), a0 + 2 * dot);
            switch (mk.kind) {
                case TimelineMark::Kind::Day:
                    dl->AddCircleFilled(at(along(it.anchor), M.axis_at), dot, to_u32(mk.color));
                    break;
                case TimelineMark::Kind::Vague:
                    // What the date does not say stays visible: the whole month or year, pale, its middle marked.
                    dl->AddRectFilled(at(a0, M.axis_at - dot), at(a1, M.axis_at + dot), to_u32(with_alpha(mk.color, 70)));
                    dl->AddCircle(at(along(it.anchor), M.axis_at), dot, to_u32(mk.color), 0, 1.5f * hair);
                    break;
                case TimelineMark::Kind::Period:
                    dl->AddRectFilled(at(a0, M.axis_at - dot), at(a1, M.axis_at + dot), to_u32(mk.color), dot * 0.5f);
                    break;
            }
        }
        // Leaders, then the labels over them.
        const ImVec2 shift = M.vertical ? ImVec2(0, scroll.y) : ImVec2(scroll.x, 0);
        const float lp = std::ceil(0.3f * F.body), sp = std::ceil(0.1f * F.body);
        for (const TimelineLabel& l : t.labels) {
            const ImVec2 pts[3] = {shifted(l.leader[0], shift), shifted(l.leader[1], shift), shifted(l.leader[2], shift)};
            dl->AddPolyline(pts, 3, muted, 0, 1.5f * hair);
        }
        for (size_t i = 0; i < t.labels.size(); ++i) {
            const TimelineLabel& l = t.labels[i];
            const ImVec2 a = shifted(l.box.min, shift), b = shifted(l.box.max, shift);
            dl->AddRectFilled(a, b, to_u32(th.panel_bg), th.frame_rounding * 0.5f);
            dl->AddRect(a, b, to_u32(i < M.marks.size() ? M.marks[i].color : th.accent), th.frame_rounding * 0.5f, 0,
                        1.5f * hair);
            float y = a.y + lp;
            const float wrap = b.x - a.x - 2 * lp;
            dl->AddText(ctx.fonts.body_bold, F.body, ImVec2(a.x + lp, y), ink, l.date.c_str(), nullptr, wrap);
            y += text_h(ctx.fonts.body_bold, F.body, l.date, wrap) + sp;
            dl->AddText(ctx.fonts.body, F.body, ImVec2(a.x + lp, y), ink, l.title.c_str(), nullptr, wrap);
            y += text_h(ctx.fonts.body, F.body, l.title, wrap) + sp;
            dl->AddText(ctx.fonts.small, F.small, ImVec2(a.x + lp, y), muted, l.source.c_str(), nullptr, wrap);
        }
        // Year numbers and today's tag last: nothing covers them. The tag wins over a year it would touch.
        const float tag_pad = std::ceil(0.25f * F.small);
        // A vertical axis: the tag stays left of the axis (two lines if need be), in the band the model kept.
        const float tag_wrap = M.vertical ? std::max(1.0f, M.axis_at - dot - L.margin - B.min.x - 2 * tag_pad) : 0.0f;
        const ImVec2 tag_size =
            ctx.fonts.small ? ctx.fonts.small->CalcTextSizeA(F.small, FLT_MAX, tag_wrap, t.today.c_str()) : ImVec2(0, 0);
        Rect tag;  // its text at tag.min + tag_pad
        if (M.vertical) {
            const float y = today_a - tag_size.y - 2 * tag_pad;
            tag = rect(B.min.x, y, B.min.x + tag_size.x + 2 * tag_pad, today_a);
        } else {
            // The strip's height, the text centred in it.
            const float x = std::clamp(today_a - tag_size.x * 0.5f - tag_pad, B.min.x, B.max.x - tag_size.x - 2 * tag_pad);
            tag = rect(x, B.min.y, x + tag_size.x + 2 * tag_pad, B.min.y + M.strip);
        }
        for (const TimelineTick& y : t.axis.years) {
            const std::string year = std::to_string(y.year);
            const float a = along(y.pos);
            const ImVec2 ys = ctx.fonts.small ? ctx.fonts.small->CalcTextSizeA(F.small, FLT_MAX, 0, year.c_str()) : ImVec2();
            const Rect yr = M.vertical ? rect(B.min.x, a + tag_pad, B.min.x + ys.x, a + tag_pad + ys.y)
                                       : rect(a + tag_pad, B.min.y + (M.strip - ys.y) * 0.5f, a + tag_pad + ys.x,
                                              B.min.y + (M.strip + ys.y) * 0.5f);
            if (yr.overlaps(tag)) continue;
            dl->AddText(ctx.fonts.small, F.small, yr.min, muted, year.c_str());
        }
        dl->AddRectFilled(tag.min, tag.max, today_col, tag.height() * 0.3f);
        dl->AddText(ctx.fonts.small, F.small, ImVec2(tag.min.x + tag_pad, tag.min.y + (tag.height() - tag_size.y) * 0.5f),
                    to_u32(palette::on_accent), t.today.c_str(), nullptr, tag_wrap);
    }
    ImGui::EndChild();
    ImGui::End();
    return out;
}

}  // namespace qmi::ui
