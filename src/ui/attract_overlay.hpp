// Attract mode card: while nobody uses the kiosk, a card at the bottom of the map names the highlighted QMI district
// (and its site; two lines at most), its challenge (three lines at most; "Défi non communiqué" when the content has
// none) and invites the passer-by to "Touchez la carte". A text longer than its lines ends with "…", which the
// proof sheet reports so that staff shorten it. The map itself outlines the district (KioskView::set_highlight).
// Any touch stops attract mode and is consumed (core/attract_mode), so the card needs no buttons.
#pragma once
#include <string>
#include <vector>

#include "core/content.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

// What the card shows, built once per highlight change (never per frame).
struct AttractCard {
    std::string district;      // commune name (site name after it when published)
    std::string challenge;     // the challenge, or the "not provided" text
    bool challenge_published = false;
    std::string hint;          // "Touchez la carte"
};

AttractCard make_attract_card(const District& district, const UiText& text, Lang lang);

// Cuts `s` (UTF-8) so that it fits `max_width` px in `font` at `size`, ending with "…" when cut.
std::string fit_one_line(ImFont* font, float size, const std::string& s, float max_width);
// `s` word-wrapped into lines of at most `max_width` px, at most `max_lines` of them; the last one ends with "…"
// when the text needs more. Line breaks in `s` are kept.
std::vector<std::string> fit_lines(ImFont* font, float size, const std::string& s, float max_width, int max_lines);

// Draws the card over the bottom of layout.map_area, or over its top when the bottom would hide `keep_visible`
// (the highlighted district on screen, e.g. Athis-Mons at the Métropole's southern tip). Returns where it drew: a
// touch there opens the district it presents.
Rect draw_attract_overlay(const AttractCard& card, const WidgetContext& ctx, const Rect* keep_visible = nullptr);

// A short message over the map near `at` (a tap outside the Métropole), fading out over its last half second.
// `alpha` 0..1. Inert: touches go through to the map.
void draw_toast(const std::string& text, ImVec2 at, float alpha, const WidgetContext& ctx);

}  // namespace qmi::ui
