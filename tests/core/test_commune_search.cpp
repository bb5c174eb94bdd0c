// Search by name, as a visitor types on the on-screen keyboard: no accents, no capitals, "st" for "saint", any
// separator; the best match first, districts first on ties, a short list.
#include <catch2/catch.hpp>

#include <set>

#include "../support/repo_data.hpp"
#include "core/commune_search.hpp"
#include "core/content_loader.hpp"

using namespace qmi;
using qmi::testdata::bundled_content;

namespace {

const CommuneSearch& index() {
    static const CommuneSearch s(testdata::membership(), bundled_content());
    return s;
}

std::string first(std::string_view q) {
    const auto r = index().search(q);
    return r.empty() ? std::string("(none)") : r.front().name;
}

}  // namespace

TEST_CASE("folding: accents, capitals, separators and saint", "[search]") {
    CHECK(fold_for_search("Épinay-sur-Seine") == "epinay sur seine");
    CHECK(fold_for_search("L'Haÿ-les-Roses") == "l hay les roses");
    CHECK(fold_for_search("L\u2019Haÿ\u2011les\u00A0Roses") == "l hay les roses");
    CHECK(fold_for_search("Saint-Maur-des-Fossés") == "st maur des fosses");
    CHECK(fold_for_search("  SAINTE -- Geneviève ") == "ste genevieve");
    CHECK(fold_for_search("Cœur") == "coeur");
    CHECK(fold_for_search("Saintry") == "saintry");  // only the whole word
    CHECK(fold_for_search("") == "");
    CHECK(fold_for_search(" - ' ") == "");
    CHECK(fold_for_search(std::string("Bad\xFF\xC3 bytes")) == "bad bytes");
    CHECK(fold_for_search("93\xE2\x80\x94Ile") == "93 ile");
}

TEST_CASE("search covers all 130 communes of the Métropole and marks the districts", "[search]") {
    REQUIRE(index().size() == 130);
    std::set<std::string> districts;
    for (const District& d : bundled_content().districts) districts.insert(d.insee);
    size_t marked = 0;
    for (const MemberCommune& c : testdata::membership().communes()) {
        const auto r = index().search(c.name, 130);
        INFO(c.name);
        REQUIRE_FALSE(r.empty());
        CHECK(r.front().insee == c.code);  // its own full name finds it first
        CHECK(r.front().district == (districts.count(c.code) > 0));
        if (r.front().district) ++marked;
    }
    CHECK(marked == districts.size());
}

TEST_CASE("search without accents, case or separators, and st for saint", "[search]") {
    CHECK(first("epinay") == "Épinay-sur-Seine");
    CHECK(first("EPINAY") == "Épinay-sur-Seine");
    CHECK(first("st denis") == "Saint-Denis");
    CHECK(first("saint-denis") == "Saint-Denis");
    CHECK(first("saint denis") == "Saint-Denis");
    CHECK(first("st-denis") == "Saint-Denis");
    CHECK(first("stdenis") == "Saint-Denis");
    CHECK(first("lhay") == "L'Haÿ-les-Roses");
    CHECK(first("l hay") == "L'Haÿ-les-Roses");
    CHECK(first("l'hay les") == "L'Haÿ-les-Roses");
    CHECK(first("issy") == "Issy-les-Moulineaux");
    CHECK(first("fosses") == "Saint-Maur-des-Fossés");
    CHECK(first("zzz") == "(none)");
    CHECK(index().search("").empty());
    CHECK(index().search(" - ").empty());
}

TEST_CASE("ranking: prefix before word prefix before substring, districts first on ties, bounded", "[search]") {
    // "denis": no name starts with it; Saint-Denis and L'Île-Saint-Denis have it as a word. Same kind: the shorter
    // name first.
    const auto denis = index().search("denis");
    REQUIRE(denis.size() >= 2);
    CHECK(denis[0].name == "Saint-Denis");
    CHECK(denis[0].kind == CommuneMatch::Kind::WordPrefix);
    CHECK(denis[1].name == "L'Île-Saint-Denis");
    // "a": dozens of names; at most the asked number, prefixes first, and among the prefixes the districts
    // (Athis-Mons, Aubervilliers, Aulnay-sous-Bois, Argenteuil) before the others.
    const auto a = index().search("a", 5);
    REQUIRE(a.size() == 5);
    for (const auto& m : a) CHECK(m.kind == CommuneMatch::Kind::Prefix);
    for (size_t i = 0; i < 4; ++i) {
        INFO(a[i].name);
        CHECK(a[i].district);
    }
    CHECK_FALSE(a[4].district);
    // "seine": no prefix, many word prefixes; a substring match comes after all of them.
    const auto seine = index().search("seine", 130);
    bool seen_substring = false;
    for (const auto& m : seine) {
        if (m.kind == CommuneMatch::Kind::Substring) seen_substring = true;
        else CHECK_FALSE(seen_substring);
    }
    CHECK(index().search("seine", 3).size() == 3);
    CHECK(index().search("seine", 0).empty());
    // "oulin": inside a word only (Issy-les-Moulineaux).
    const auto oulin = index().search("oulin");
    REQUIRE_FALSE(oulin.empty());
    CHECK(oulin.front().name == "Issy-les-Moulineaux");
    CHECK(oulin.front().kind == CommuneMatch::Kind::Substring);
}

TEST_CASE("search survives hostile input", "[search]") {
    std::string huge(100000, 'a');
    CHECK(index().search(huge).empty());
    CHECK(index().search(std::string("\0\0\0", 3)).empty());
    CHECK(index().search("\xF0\x9F\x98\x80").empty());  // an emoji folds to nothing
    const CommuneSearch empty;
    CHECK(empty.search("paris").empty());
}
