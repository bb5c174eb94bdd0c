// The top strip (programme title, countdown, QR code) and the legend/attribution, after a headless frame.
#include <algorithm>
#include <cfloat>
#include <chrono>

#include "core/countdown.hpp"
#include "ui/banner.hpp"
#include "ui/legend.hpp"
#include "ui_test_support.hpp"

using namespace qmi;
using namespace std::chrono_literals;
using qmi::test::HeadlessUi;
using qmi::test::RepoData;

namespace {

date::sys_seconds utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
    return date::sys_days(date::year(y) / m / d) + std::chrono::hours(h) + std::chrono::minutes(min);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const ImU32 kQrDark = ui::to_u32(ui::palette::qr_dark);

}  // namespace

TEST_CASE("banner model: the countdown sentence of core/countdown, the window's name, the call URL") {
    const RepoData& d = RepoData::get();
    const auto now = utc(2024, 5, 1, 10);  // before phase 1 (opens 13 May 2024)
    const ui::BannerModel m = ui::make_banner_model(d.content, d.text, Lang::Fr, now);
    const BannerState state = banner_state(d.content.call_windows, now);
    CHECK(m.sentence == banner_text(state, Lang::Fr, d.text, d.content.programme.call_url));
    CHECK_FALSE(m.sentence.empty());
    CHECK(m.window_name == "Appel à projets — phase 1");
    CHECK(m.url == d.content.programme.call_url);
    CHECK(m.title == "Quartiers Métropolitains d'Innovation");
    CHECK(m.scan == "Scannez pour candidater");
    CHECK(m.valid_until > now);
    CHECK(m.valid_until == now + banner_next_change(d.content.call_windows, now));

    const ui::BannerModel en = ui::make_banner_model(d.content, d.text, Lang::En, now);
    CHECK(en.window_name == "Call for projects — phase 1");
    CHECK(en.scan == "Scan to apply");
}

TEST_CASE("banner and header windows exist after a frame, with the countdown and a drawn QR code") {
    const RepoData& d = RepoData::get();
    HeadlessUi ui(ImVec2(1920, 1080), test::px_per_mm_43in(1920));
    ui::Banner banner;
    banner.update(d.content, d.text, Lang::Fr, utc(2024, 5, 1, 10));
    const std::string text = ui.frame([&] {
        banner.draw_header(ui.ctx());
        HeadlessUi::capture();
        banner.draw(ui.ctx());
    });
    ImGuiWindow* header = HeadlessUi::window("##qmi_header");
    ImGuiWindow* strip = HeadlessUi::window("##qmi_banner");
    REQUIRE(header);
    REQUIRE(strip);
    CHECK(strip->Pos.x == ui.layout().banner.min.x);
    CHECK(strip->Size.y == ui.layout().banner.height());
    CHECK(contains(text, "Quartiers Métropolitains d'Innovation"));
    CHECK(contains(text, banner.model().display_sentence));
    CHECK(contains(text, "Appel à projets — phase 1"));
    // The caption is drawn right-aligned against the QR code, on as many lines as it needs, ending with an arrow.
    CHECK(contains(text, "Scannez"));
    CHECK(contains(text, "candidater\u00a0\u2192"));
    CHECK(contains(text, "English"));  // the language switch
    REQUIRE(banner.qr());
    // QR modules are the only pure-black pixels on screen.
    CHECK(HeadlessUi::vertices_of_color(strip, kQrDark) >= 4 * 3 * 7);  // at least the 3 finders' top rows
}

TEST_CASE("banner recomputes only when its sentence changes, and encodes the QR once") {
    const RepoData& d = RepoData::get();
    ui::Banner banner;
    const auto t0 = utc(2024, 5, 1, 10);
    banner.update(d.content, d.text, Lang::Fr, t0);
    const auto until = banner.model().valid_until;
    INFO("valid for " << (until - t0).count() << " s");
    REQUIRE(until > t0);
    for (auto t = t0; t < until; t += 1s) banner.update(d.content, d.text, Lang::Fr, t);
    CHECK(banner.rebuilds() == 1);
    banner.update(d.content, d.text, Lang::Fr, until);
    CHECK(banner.rebuilds() == 2);
    banner.update(d.content, d.text, Lang::En, until);  // language switch
    CHECK(banner.rebuilds() == 3);
    CHECK(banner.model().scan == "Scan to apply");
    banner.update(d.content, d.text, Lang::En, t0);  // clock set back
    CHECK(banner.rebuilds() == 4);
    CHECK(banner.qr_encodes() == 1);  // same URL throughout
}

TEST_CASE("without a call URL the QR code and its invitation are hidden, the countdown stays") {
    const RepoData& d = RepoData::get();
    Content content = d.content;
    content.programme.call_url.clear();
    for (auto& w : content.call_windows) w.url.reset();
    HeadlessUi ui(ImVec2(1920, 1080));
    ui::Banner banner;
    banner.update(content, d.text, Lang::Fr, utc(2024, 6, 1, 12));  // phase 1 open
    CHECK(banner.qr() == nullptr);
    const std::string text = ui.frame([&] { banner.draw(ui.ctx()); });
    ImGuiWindow* strip = HeadlessUi::window("##qmi_banner");
    REQUIRE(strip);
    CHECK(HeadlessUi::vertices_of_color(strip, kQrDark) == 0);
    CHECK_FALSE(contains(text, "Scannez"));
    CHECK(contains(text, banner.model().display_sentence));
    CHECK_FALSE(banner.model().sentence.empty());
}

TEST_CASE("a call window's own URL wins over the programme's call page") {
    const RepoData& d = RepoData::get();
    Content content = d.content;
    REQUIRE_FALSE(content.call_windows.empty());
    content.call_windows.front().url = "https://example.org/phase-1";
    const ui::BannerModel m = ui::make_banner_model(content, d.text, Lang::Fr, utc(2024, 6, 1, 12));
    CHECK(m.url == "https://example.org/phase-1");
}

TEST_CASE("legend: promotion colours with their names, borders, and the attribution of both sources") {
    const RepoData& d = RepoData::get();
    const ui::LegendModel legend = ui::make_legend_model(d.content, d.membership, d.text);
    const ui::LegendText& fr = legend.in(Lang::Fr);
    REQUIRE(fr.entries.size() >= 6);
    CHECK(fr.entries[0].color == ui::palette::promotion_1);
    CHECK(fr.entries[0].label == d.text.get("legend.promotion_first", Lang::Fr));
    CHECK(fr.entries[1].color == ui::palette::promotion_2);
    CHECK(fr.contours == "Contours : IGN – ADMIN EXPRESS, INSEE (Licence Ouverte)");
    CHECK(contains(fr.membership, "@etalab/decoupage-administratif 6.0.0"));
    CHECK_FALSE(contains(fr.membership, "data/epci.json"));

    HeadlessUi ui(ImVec2(1920, 1080));
    const std::string text = ui.frame([&] {
        ui::draw_legend(legend, ui.ctx());
        HeadlessUi::capture();
        ui::draw_attribution(legend, ui.ctx());
    });
    ImGuiWindow* w = HeadlessUi::window("##qmi_legend");
    REQUIRE(w);
    REQUIRE(HeadlessUi::window("##qmi_attribution"));
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::promotion_1)) > 0);
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::promotion_2)) > 0);
    CHECK(HeadlessUi::vertices_of_color(w, ui::to_u32(ui::palette::department_border)) > 0);
    for (const auto& e : fr.entries) CHECK(contains(text, e.label));
    CHECK(contains(text, "IGN – ADMIN EXPRESS"));
    CHECK(contains(text, "@etalab/decoupage-administratif 6.0.0"));
}

TEST_CASE("portrait: legend in two columns and attribution on two lines, all inside their regions") {
    const RepoData& d = RepoData::get();
    const ui::LegendModel legend = ui::make_legend_model(d.content, d.membership, d.text);
    HeadlessUi ui(ImVec2(1080, 1920), 0, Lang::En);
    const std::string text = ui.frame([&] {
        ui::draw_legend(legend, ui.ctx());
        HeadlessUi::capture();
        ui::draw_attribution(legend, ui.ctx());
    });
    ImGuiWindow* w = HeadlessUi::window("##qmi_legend");
    REQUIRE(w);
    // Nothing drawn outside the legend card (content fits in the rows the layout reserved).
    CHECK(w->ContentSize.y <= ui.layout().legend.height());
    for (const auto& e : legend.en.entries) CHECK(contains(text, e.label));
}

TEST_CASE("the countdown keeps numbers with their words when it wraps: no '13 / mai 2024' across two lines") {
    CHECK(ui::keep_numbers_with_words("dans 11 j 14 h 00 min — 13 mai 2024") ==
          "dans\u00a011\u00a0j\u00a014\u00a0h\u00a000\u00a0min —\u00a013\u00a0mai\u00a02024");
    CHECK(ui::keep_numbers_with_words("Candidatures closes") == "Candidatures closes");  // no digit: unchanged
    CHECK(ui::keep_numbers_with_words("") == "");
    const RepoData& d = RepoData::get();
    const ui::BannerModel m = ui::make_banner_model(d.content, d.text, Lang::Fr, utc(2024, 5, 1, 10));
    CHECK(m.display_sentence == ui::keep_numbers_with_words(m.sentence));
    CHECK(contains(m.display_sentence, "13\u00a0mai\u00a02024"));
}

TEST_CASE("the QR caption sits inside the QR card, right next to the code, at every target size") {
    const RepoData& d = RepoData::get();
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
        INFO(size.x << "x" << size.y);
        HeadlessUi ui(size, test::px_per_mm_43in(std::max(size.x, size.y)));
        ui::Banner banner;
        banner.update(d.content, d.text, Lang::Fr, utc(2024, 5, 1, 10));
        ui.frame([&] { banner.draw(ui.ctx()); });
        ImGuiWindow* strip = HeadlessUi::window("##qmi_banner");
        REQUIRE(strip);
        // Everything drawn stays inside the strip (nothing clipped off its edges)...
        const ui::Rect& r = ui.layout().banner;
        CHECK(strip->ContentSize.y <= r.height());
        // ...and the white card behind caption and code is one piece: its white vertices span caption and code.
        float min_x = FLT_MAX, max_x = -FLT_MAX;
        for (const ImDrawVert& v : strip->DrawList->VtxBuffer)
            if (v.col == ui::to_u32(ui::palette::qr_light)) {
                min_x = std::min(min_x, v.pos.x);
                max_x = std::max(max_x, v.pos.x);
            }
        const float qr_left = r.max.x - ui.layout().padding - ui.layout().qr_side;
        CHECK(max_x >= r.max.x - ui.layout().padding - 1);
        CHECK(min_x < qr_left - 60 * ui.layout().scale);  // the card extends left of the code, under the caption
        CHECK(min_x > r.min.x + r.width() / 3);            // but stays a compact unit at the right end
    }
}
