// Facts past their review date: mayors after the municipal elections of March 2026 are "to be confirmed" on the
// card and counted in red in the staff status, until staff confirm them with a newer source.
#include <catch2/catch.hpp>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
#include "core/staleness.hpp"
#include "../support/test_time.hpp"

using namespace qmi;
using qmi::testdata::bundled_content;
using qmi::testdata::bundled_text;
using qmi::testdata::utc;

TEST_CASE("mayors are to be confirmed from 1 March 2026 (Paris) on, other facts are not", "[staleness]") {
    const Content& c = bundled_content();
    const District& athis = *c.find_district("91027");
    const auto midnight = utc(2026, 2, 28, 23, 0);  // 1 March 2026 00:00 CET
    CHECK_FALSE(is_stale(c, FactKind::Mayor, athis.mayor->provenance, midnight - std::chrono::seconds{1}));
    CHECK(is_stale(c, FactKind::Mayor, athis.mayor->provenance, midnight));
    CHECK_FALSE(is_stale(c, FactKind::Challenge, athis.challenge->provenance, utc(2030, 1, 1, 12)));
    CHECK(next_review_start(c, utc(2025, 1, 1, 12)) == midnight);
    CHECK_FALSE(next_review_start(c, midnight));

    // A mayor confirmed after the elections is fresh again; one confirmed during March is not yet.
    Provenance confirmed{{"mgp-first-edition"}, *parse_partial_date("2026-04")};
    CHECK_FALSE(is_stale(c, FactKind::Mayor, confirmed, utc(2026, 12, 2, 12)));
    confirmed.as_of = *parse_partial_date("2026-03");
    CHECK_FALSE(is_stale(c, FactKind::Mayor, confirmed, utc(2026, 12, 2, 12)));  // from 2026-03 on is "after"
    confirmed.as_of = *parse_partial_date("2026");
    CHECK(is_stale(c, FactKind::Mayor, confirmed, utc(2026, 12, 2, 12)));  // could be January: not confirmed
}

TEST_CASE("on 2 December 2026 every known mayor is stale and the staff warning counts them", "[staleness]") {
    const Content& c = bundled_content();
    const auto stale = stale_facts(c, utc(2026, 12, 2, 12));
    size_t mayors = 0;
    for (const District& d : c.districts) mayors += d.mayor ? 1 : 0;
    CHECK(mayors == 9);  // Sceaux's mayor has no source
    REQUIRE(stale.size() == mayors);
    for (const FactRef& f : stale) {
        CHECK(f.kind == FactKind::Mayor);
        CHECK(f.pointer.rfind("/districts/", 0) == 0);
        CHECK(f.pointer.size() > 6);
        CHECK(f.pointer.substr(f.pointer.size() - 6) == "/mayor");
    }
    CHECK(review_warning(c, stale, bundled_text(), Lang::Fr) ==
          "9 information(s) à vérifier : maire (élections municipales de mars 2026) \u00d79");
    CHECK(review_warning(c, stale, bundled_text(), Lang::En) ==
          "9 fact(s) to be confirmed: mayor (municipal elections of March 2026) \u00d79");
    CHECK(stale_facts(c, utc(2026, 2, 1, 12)).empty());
    CHECK(review_warning(c, {}, bundled_text(), Lang::Fr).empty());
}

TEST_CASE("without review rules nothing is ever stale", "[staleness]") {
    Content c = bundled_content();
    c.review_after.clear();
    CHECK(stale_facts(c, utc(2100, 1, 1, 12)).empty());
    CHECK_FALSE(next_review_start(c, utc(2024, 1, 1, 12)));
}
