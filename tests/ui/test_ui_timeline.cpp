// The programme timeline, headless: every dated event of content.json as the sources give it (day, month, year,
// period, a call window referenced), numbered sources listed under the axis, today's mark where today is, and
// labels that never overlap nor leave the view, on the five target screens, for visitors and for the presenter.
#include <string>

#include <catch2/catch.hpp>

#include "../support/target_screens.hpp"
#include "ui/presenter_layout.hpp"
#include "ui/info_panel.hpp"
#include "ui/timeline_view.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace qmi::test;  // HeadlessUi, RepoData, utc, contains

namespace {

ui::TimelineViewModel model(const HeadlessUi& ui, const ui::Rect& area, bool closable, date::sys_seconds now) {
    return ui::make_timeline_view(RepoData::get().content, RepoData::get().text, now, area, closable, ui.layout(),
                                  ui.fonts());
}

// Labels inside the view across the axis (along it the view scrolls when it must), apart from each other, clear of
// the years' and today's band, their leaders leaving from the axis.
void require_clean(const ui::TimelineViewModel& m, Lang lang) {
    const ui::TimelineText& t = m.in(lang);
    REQUIRE(t.axis.fits);
    REQUIRE(t.labels.size() == m.marks.size());
    for (size_t i = 0; i < t.labels.size(); ++i) {
        const ui::Rect& a = t.labels[i].box;
        INFO("label " << i << " (" << t.labels[i].date << ") at " << a.min.x << "," << a.min.y << " - " << a.max.x
                      << "," << a.max.y);
        CHECK_FALSE(a.empty());
        if (m.vertical) {
            CHECK(a.min.x >= m.body.min.x);
            CHECK(a.max.x <= m.body.max.x);
            CHECK(a.min.x > m.axis_at);
            CHECK(m.body.min.y + t.axis.length >= a.max.y - 0.5f);
            CHECK(t.labels[i].leader[0].x == m.axis_at);
        } else {
            CHECK(a.min.y >= m.body.min.y + m.strip - 0.5f);
            CHECK(a.max.y <= m.body.max.y + 0.5f);
            CHECK((a.max.y <= m.axis_at || a.min.y >= m.axis_at));
            CHECK(t.labels[i].leader[0].y == m.axis_at);
        }
        for (size_t j = i + 1; j < t.labels.size(); ++j) {
            INFO("against label " << j << " (" << t.labels[j].date << ")");
            CHECK_FALSE(a.overlaps(t.labels[j].box));
        }
    }
    CHECK(m.notes.min.y >= m.body.max.y);
    CHECK(m.area.contains(m.notes));
}

}  // namespace

TEST_CASE("timeline: each event as its source dates it, with its source's number") {
    HeadlessUi ui(ImVec2(1920, 1080), 1920.0f / 952.0f);
    const ui::TimelineViewModel m = model(ui, ui::timeline_area(ui.layout()), true, utc(2024, 5, 20, 10));
    const ui::TimelineText& fr = m.in(Lang::Fr);
    REQUIRE(fr.labels.size() == RepoData::get().content.timeline.size());
    REQUIRE(fr.labels.size() == 8);
    CHECK(fr.labels[0].date == "2022");  // a year: never "1 January 2022"
    CHECK(fr.labels[0].title == "Lancement du programme dans quatre quartiers (1re promotion)");
    CHECK(fr.labels[1].date == "12 octobre 2023");
    CHECK(fr.labels[2].date == "23 octobre 2023 – 12 janvier 2024");  // a period
    CHECK(fr.labels[4].date == "13 mai 2024 – 16 juin 2024");          // a call window: its dates and name
    CHECK(fr.labels[4].title == "Appel à projets — phase 1");
    CHECK(fr.labels[5].date == "septembre 2024");                      // a month
    CHECK(fr.labels[7].source == "Sources 4, 5");
    CHECK(fr.labels[0].source == "Source 1");
    CHECK(m.in(Lang::En).labels[7].source == "Sources 4, 5");
    CHECK(m.in(Lang::En).labels[1].date == "12 October 2023");
    // The footnotes: each source once, in order of first use, with its date when known.
    REQUIRE(fr.footnotes.size() == 5);
    CHECK(fr.footnotes[0].find("Annonce « In 2024, 6 new metropolitan innovation districts") != std::string::npos);
    CHECK(fr.footnotes[0].find("(février 2024)") != std::string::npos);
    CHECK(fr.footnotes[1].find("Traits urbains") != std::string::npos);
    // Marks: a dot for a day, a pale bar for a month or a year, a bar for a period; a call in its state's colour.
    using K = ui::TimelineMark::Kind;
    CHECK(m.marks[0].kind == K::Vague);
    CHECK(m.marks[1].kind == K::Day);
    CHECK(m.marks[2].kind == K::Period);
    CHECK(m.marks[4].kind == K::Period);
    CHECK(m.marks[4].color == ui::palette::state_open);      // phase 1 open on 20 May 2024
    CHECK(m.marks[6].color == ui::palette::state_upcoming);  // phase 2 announced
    CHECK(m.marks[5].kind == K::Vague);
    CHECK(fr.today == "Aujourd'hui · 20 mai 2024");
    CHECK(m.in(Lang::En).today == "Today · 20 May 2024");
}

TEST_CASE("timeline: today's mark between the events around it, also after the last one") {
    HeadlessUi ui(ImVec2(1920, 1080), 1920.0f / 952.0f);
    const ui::TimelineViewModel may = model(ui, ui::timeline_area(ui.layout()), true, utc(2024, 5, 1, 10));
    const TimelineLayout& a = may.in(Lang::Fr).axis;
    CHECK(a.today > a.items[3].end);    // after the selection (6 February 2024)
    CHECK(a.today < a.items[4].start);  // before phase 1 opens (13 May 2024)
    const ui::TimelineViewModel later = model(ui, ui::timeline_area(ui.layout()), true, utc(2026, 12, 2, 10));
    const TimelineLayout& b = later.in(Lang::Fr).axis;
    CHECK(b.today > b.items.back().end);
    CHECK(b.today <= b.length);
    CHECK(later.in(Lang::Fr).today == "Aujourd'hui · 2 décembre 2026");
    // Drawn: the mark is where the model put it, on screen.
    ui::TimelineDrawn drawn;
    const ui::WidgetContext ctx = ui.ctx();
    ui.frame([&] { drawn = ui::draw_timeline_view(may, ctx); });
    CHECK(drawn.today_visible);
    CHECK(drawn.today_mark.center().x == Approx(may.body.min.x + a.today).margin(2));
    CHECK(may.body.contains(ImVec2(drawn.today_mark.center().x, may.axis_at)));
}

TEST_CASE("timeline: labels never overlap, on the five screens, for visitors and for the presenter") {
    for (const test::TargetScreen& s : test::target_screens()) {
        INFO(s.name);
        HeadlessUi ui(s.geometry());
        const ui::PresenterLayout P = ui::make_presenter_layout(ui.layout());
        for (const date::sys_seconds now : {utc(2024, 5, 1, 10), utc(2026, 12, 2, 10)}) {
            for (const bool presenter : {false, true}) {
                INFO((presenter ? "presenter" : "visitors"));
                const ui::TimelineViewModel m =
                    model(ui, presenter ? P.wide : ui::timeline_area(ui.layout()), !presenter, now);
                // A vertical axis in portrait, and on the 19" screen whose large type leaves rows too short for
                // the labels above and below a horizontal one.
                CHECK(m.vertical == (ui.layout().orientation == ui::Orientation::Portrait || s.diagonal_in < 30));
                require_clean(m, Lang::Fr);
                require_clean(m, Lang::En);
                // The presenter's axis fits its screen without scrolling on the large screens.
                if (presenter && (s.width_px >= 1920 || s.height_px >= 1920))
                    CHECK(m.in(Lang::Fr).axis.length == Approx(m.vertical ? m.body.height() : m.body.width()));
            }
        }
    }
}

TEST_CASE("timeline: visitors close it with its button, the presenter's has none") {
    HeadlessUi ui(ImVec2(1920, 1080), 1920.0f / 952.0f);
    const ui::TimelineViewModel m = model(ui, ui::timeline_area(ui.layout()), true, utc(2024, 5, 1, 10));
    REQUIRE_FALSE(m.header.empty());
    bool closed = false;
    const ui::WidgetContext ctx = ui.ctx();
    auto draw = [&] { closed = ui::draw_timeline_view(m, ctx).close || closed; };
    ui.frame(draw);
    ui.tap(ImVec2(m.header.max.x - 10, m.header.min.y + 10), draw);
    CHECK(closed);
    const ui::TimelineViewModel p = model(ui, ui::make_presenter_layout(ui.layout()).wide, false, utc(2024, 5, 1, 10));
    CHECK(p.header.empty());
}

TEST_CASE("introduction: a Chronologie button beside Sources when the content has a timeline, none without") {
    HeadlessUi ui(ImVec2(1920, 1080), 1920.0f / 952.0f);
    const RepoData& d = RepoData::get();
    const ui::IntroModel with = ui::make_intro_model(d.content, d.text, utc(2024, 5, 1, 10));
    ui::Rect button;
    ui::PanelResult got = ui::PanelResult::None;
    auto draw = [&] {
        const ui::PanelResult r = ui::draw_intro_panel(with, ui.ctx(), &button);
        if (r != ui::PanelResult::None) got = r;
    };
    const std::string text = ui.frame(draw);
    CHECK(text.find("Chronologie") != std::string::npos);
    CHECK(text.find("Sources") != std::string::npos);
    REQUIRE_FALSE(button.empty());
    CHECK(ui.layout().panel.contains(button));
    CHECK(button.height() >= ui.layout().touch_min);
    ui.tap(button.center(), draw);
    CHECK(got == ui::PanelResult::ShowTimeline);

    Content none = d.content;
    none.timeline.clear();
    const ui::IntroModel without = ui::make_intro_model(none, d.text, utc(2024, 5, 1, 10));
    ui.frame([&] { ui::draw_intro_panel(without, ui.ctx(), &button); });
    CHECK(button.empty());
}
