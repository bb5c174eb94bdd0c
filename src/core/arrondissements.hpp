// The municipal arrondissements of Paris as the visitor meets them: which one a point of the map is in, and how
// its number reads ("8e" / "8th"). Paris stays the commune everywhere (selection, card, statistics); the
// arrondissement only tells a visitor where in Paris they touched.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/map_model.hpp"
#include "core/text.hpp"

namespace qmi {

// 8 for "75108"; 0 for anything that is not one of the 20 codes 75101..75120.
int arrondissement_number(std::string_view insee);

// "1er", "2e", ... "20e" (French); "1st", "2nd", "3rd", "4th", ... "11th", "12th", "13th", ... "20th", "21st"
// (English). Any n >= 1; "" for n < 1.
std::string french_ordinal(int n);
std::string english_ordinal(int n);
inline std::string ordinal(int n, Lang lang) { return lang == Lang::En ? english_ordinal(n) : french_ordinal(n); }

// Where the arrondissements' own outer edge lies inside Paris's (coarser) outline from the commune file, a point of
// Paris may be in no arrondissement polygon: it then belongs to the nearest one within this distance. With the
// offline data such points are at most 38 m from an arrondissement (measured by tests/core/test_arrondissements.cpp
// on a 100 m grid); the margin covers other editions of either file.
inline constexpr double kArrondissementSnapM = 150;

// Index into map.arrondissements of the arrondissement containing `p` (map coordinates), or, for a point inside
// Paris (the commune 75056 of the map) but in none of them, the nearest within kArrondissementSnapM; nullopt
// outside Paris or when the map has no arrondissements. 20 bounding-box tests and a few polygon tests.
std::optional<size_t> arrondissement_at(const MapModel& map, Vec2 p);

}  // namespace qmi
