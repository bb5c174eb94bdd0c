// Attract mode card: while nobody uses the kiosk, the map flies to each QMI district in turn and a card over the
// map names it, its promotion (colour chip) and its challenge when the sources give one (absent facts are left
// out of the loop, never headlined), and invites the passer-by in call-to-action type (>= 15 mm capitals, read
// from 2 m): "Touchez pour découvrir Athis-Mons". The map outlines the district (MapView::set_highlight).
// The first touch on the card or the district opens that district (the Kiosk routes it), so the card needs no
// buttons; its text wraps, never cut.
#pragma once
#include <string>
#include <vector>

#include "core/content.hpp"
#include "ui/theme.hpp"
#include "ui/widget_context.hpp"

namespace qmi::ui {

// What the card shows, built once per highlight change (never per frame).
struct AttractCard {
    std::string district;      // commune name (the call to action names it)
    std::string site;          // the district's site when the sources name it, as the card's title; "" = no title
    std::string promotion;     // "2e promotion · 2024" ("" when the content has no such promotion)
    Rgba8 promotion_color;
    std::string challenge;     // the challenge; "" when the sources give none (then not shown)
    std::string hint;          // "Touchez pour découvrir Athis-Mons"
};

AttractCard make_attract_card(const District& district, const Content& content, const UiText& text, Lang lang);

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
