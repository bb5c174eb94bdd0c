// config/content.json -> Content: the real file, then one test per validation error (exact file, JSON pointer and
// reason), then hostile input (truncated, empty, huge, not UTF-8, not an object, deeply nested) that must always
// come back as errors, never as a crash or a half-valid content.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
#include "core/facts.hpp"
#include "core/json_fields.hpp"

using namespace qmi;
using Catch::Contains;

namespace {

using qmi::testdata::membership;

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A small valid content built for these tests (the real file is tested on its own below). Windows are listed
// out of order on purpose; district 0 has no promotion-2 facts, district 1 has a challenge.
const char* const kBase = R"({
  "$comment": "test content",
  "version": "test.1",
  "published": "2024-02-06T12:00:00+01:00",
  "sources": {
    "announcement": {"title": {"fr": "Annonce"}, "document": {"fr": "Annonce de février 2024"}, "published": "2024-02"},
    "page": {"title": {"fr": "Page", "en": "Page"}, "publisher": "Métropole du Grand Paris",
             "url": "https://example.org/qmi"},
    "apply": {"title": {"fr": "Candidater"}, "url": "https://example.org/apply"}
  },
  "review_after": {"mayor": {"from": "2026-03", "reason": {"fr": "élections municipales de mars 2026"}}},
  "programme": {
    "name": {"fr": "Quartiers Métropolitains d'Innovation"},
    "operators": {"fr": "Métropole du Grand Paris", "en": "Greater Paris Metropolis", "source": "announcement",
                  "as_of": "2024-02"},
    "description": {"fr": "Description.", "source": "announcement", "as_of": "2024-02"},
    "promotions": [
      {"number": 1, "name": {"fr": "1re promotion"}, "launched_year": 2022, "source": "announcement", "as_of": "2024-02",
       "status": {"state": "ended", "date": "2025-02-13", "source": "page", "as_of": "2025-02-13"}},
      {"number": 2, "name": {"fr": "2e promotion"}, "selected_on": "2024-02-06", "source": "announcement",
       "as_of": "2024-02", "summary": [{"fr": "Six communes.", "source": "announcement", "as_of": "2024-02"}]}
    ]
  },
  "districts": [
    {"insee": "92071", "promotion": 1, "source": "announcement", "as_of": "2024-02", "department": "92",
     "territory": "200057966"},
    {"insee": "91027", "commune": "Athis-Mons", "promotion": 2, "source": "announcement", "as_of": "2024-02",
     "mayor": {"name": "Jean-Jacques Grousseau", "source": "announcement", "as_of": "2024-02"},
     "department": "91", "territory": "200058014",
     "challenge": {"fr": "Sport et santé", "en": "Sport and health", "source": "announcement", "as_of": "2024-02"},
     "site": {"description": {"fr": "Entrée de ville."}, "source": "announcement", "as_of": "2024-02"},
     "experiments": [{"fr": "19 projets.", "source": "page", "as_of": "2024-09"}]},
    {"insee": "92040", "promotion": 2, "source": "announcement", "as_of": "2024-02", "department": "92",
     "territory": "200057974"}
  ],
  "call_windows": [
    {"id": "late", "name": {"fr": "Phase 2"}, "opens": "2025-01", "closes": "2025-01", "precision": "month",
     "districts": ["92040"], "source": "page", "as_of": "2024-12"},
    {"id": "early", "name": {"fr": "Phase 1"}, "opens": "2024-05-13", "closes": "2024-06-16",
     "districts": ["91027"], "apply_page": "apply", "source": "announcement", "as_of": "2024-02"}
  ],
  "timeline": [
    {"id": "renewal", "date": "2023-10-12", "title": {"fr": "Renouvellement"}, "source": "announcement",
     "as_of": "2024-02"},
    {"id": "phase-1", "call_window": "early"},
    {"id": "communes-apply", "from": "2023-10-23", "to": "2024-01-12", "title": {"fr": "Candidatures"},
     "source": "announcement", "as_of": "2024-02"}
  ],
  "tour": [{"kind": "programme"}, {"kind": "promotion", "number": 2}, {"kind": "district", "insee": "91027"},
           {"kind": "calls"}]
})";

ContentLoad parse_edited(const std::function<void(Json&)>& edit) {
    Json j = Json::parse(kBase);
    edit(j);
    return parse_content(j.dump(), "test.json", membership());
}

// Exactly one error, at `path`, whose reason contains `reason`; and no content.
void require_one_error(const ContentLoad& load, const std::string& path, const std::string& reason) {
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    CHECK_FALSE(load.content.has_value());
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].file == "test.json");
    CHECK(load.errors[0].path == path);
    CHECK_THAT(load.errors[0].reason, Contains(reason));
}

Json::json_pointer ptr(const char* p) { return Json::json_pointer(p); }

date::local_seconds paris(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
    return date::local_days{date::year{y} / m / d} + std::chrono::hours(hh) + std::chrono::minutes(mm) +
           std::chrono::seconds(ss);
}

struct TempDir {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("qmi_content_test_" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(dir); }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::filesystem::path write(const std::string& name, const std::string& bytes) const {
        const auto p = dir / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }
};

}  // namespace

// --- the real file ------------------------------------------------------------------------------------------------

TEST_CASE("config/content.json loads with zero errors and holds the 10 districts", "[content]") {
    const ContentLoad load =
        load_content_file(QMI_SOURCE_ROOT "/config/content.json", "config/content.json", membership());
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    REQUIRE(load.errors.empty());
    REQUIRE(load.content);
    const Content& c = *load.content;

    REQUIRE(c.districts.size() == 10);
    int with_challenge = 0, without_challenge = 0;
    for (const auto& d : c.districts) {
        INFO(d.insee << " " << d.commune);
        const MemberCommune* m = membership().find_commune(d.insee);
        REQUIRE(m);
        CHECK(d.commune == m->name);
        if (d.challenge) {
            ++with_challenge;
            CHECK(d.promotion == 2);
            CHECK_FALSE(d.challenge->fr.empty());
            CHECK_FALSE(d.challenge->en.empty());
            CHECK(d.site_description.has_value());
        } else {
            ++without_challenge;
            CHECK(d.promotion == 1);  // the sources give no challenge for the first promotion
        }
    }
    CHECK(with_challenge == 6);
    CHECK(without_challenge == 4);

    const District* athis = c.find_district("91027");
    REQUIRE(athis);
    CHECK(athis->commune == "Athis-Mons");
    REQUIRE(athis->mayor);
    CHECK(athis->mayor->name == "Jean-Jacques Grousseau");
    CHECK(athis->mayor->provenance.as_of.iso() == "2024-02");
    CHECK(athis->department == "91");
    CHECK(membership().find_territory(athis->territory)->name == "Grand-Orly Seine Bièvre");
    REQUIRE(c.find_district("92040"));
    CHECK(c.find_district("92040")->site_name->fr == "Issy Val de Seine");
    // Sceaux's mayor has no source: absent, never carried over from an older file.
    REQUIRE(c.find_district("92071"));
    CHECK_FALSE(c.find_district("92071")->mayor);
    // First-promotion mayors come from later sources, each with its own date.
    CHECK(c.find_district("92048")->mayor->name == "Denis Larghero");
    CHECK(c.find_district("92048")->mayor->provenance.as_of.iso() == "2025-07");
    CHECK(c.find_district("93051")->mayor->provenance.as_of.iso() == "2024-09");

    REQUIRE(c.programme.promotions.size() == 2);
    REQUIRE(c.find_promotion(1));
    CHECK(c.find_promotion(1)->launched_year == 2022);
    // The first promotion ended on 13 February 2025 (closing event in Aulnay-sous-Bois).
    REQUIRE(c.find_promotion(1)->status);
    CHECK(c.find_promotion(1)->status->state == PromotionStatus::State::Ended);
    CHECK(c.find_promotion(1)->status->date->iso() == "2025-02-13");
    CHECK(c.find_promotion(2)->selected_on->iso() == "2024-02-06");
    CHECK_FALSE(c.find_promotion(2)->status);  // not given by any source

    // No call URL: no source gives one. The programme page is a source's.
    for (const CallWindow& w : c.call_windows) CHECK_FALSE(w.url);
    REQUIRE(c.programme.page_url);
    CHECK(c.find_source(*c.programme.page)->url == c.programme.page_url);

    REQUIRE(c.call_windows.size() == 2);
    const CallWindow& w1 = c.call_windows[0];
    CHECK(w1.precision == DatePrecision::Day);
    CHECK(w1.opens == paris(2024, 5, 13, 0, 0, 0));
    CHECK(w1.closes == paris(2024, 6, 16, 23, 59, 59));
    CHECK(w1.districts == std::vector<std::string>{"91027", "93001", "94033"});
    // Phase 2 at day precision, from the Métropole's page: 20 January - 23 February 2025.
    const CallWindow& w2 = c.call_windows[1];
    CHECK(w2.precision == DatePrecision::Day);
    CHECK(w2.opens == paris(2025, 1, 20, 0, 0, 0));
    CHECK(w2.closes == paris(2025, 2, 23, 23, 59, 59));
    CHECK(w2.districts == std::vector<std::string>{"95018", "92040", "94071"});
    CHECK(w2.provenance.sources == std::vector<std::string>{"mgp-phase-2-launch"});

    // Mayors are to be reviewed after the municipal elections of March 2026.
    REQUIRE(c.review_rule(FactKind::Mayor));
    CHECK(c.review_rule(FactKind::Mayor)->from.iso() == "2026-03");

    // The timeline, in date order, references the windows instead of copying them.
    REQUIRE(c.timeline.size() >= 8);
    for (size_t i = 1; i < c.timeline.size(); ++i) CHECK_FALSE(earlier(c.timeline[i].start, c.timeline[i - 1].start));
    CHECK(c.timeline.front().id == "launch");
    CHECK(c.timeline.front().start.iso() == "2022");
    int window_events = 0;
    for (const TimelineEvent& e : c.timeline)
        if (e.call_window) ++window_events;
    CHECK(window_events == 2);
    CHECK_FALSE(c.tour.empty());
    CHECK(c.tour.front().kind == TourStep::Kind::Programme);
}

TEST_CASE("every fact of the bundled content names existing sources and a date", "[content][sources]") {
    const ContentLoad load =
        load_content_file(QMI_SOURCE_ROOT "/config/content.json", "config/content.json", membership());
    REQUIRE(load.content);
    const Content& c = *load.content;
    const std::vector<FactRef> facts = all_facts(c);
    CHECK(facts.size() > 30);
    std::set<std::string> used;
    for (const FactRef& f : facts) {
        INFO(f.pointer);
        REQUIRE_FALSE(f.provenance->sources.empty());
        for (const std::string& id : f.provenance->sources) {
            const Source* s = c.find_source(id);
            REQUIRE(s);
            CHECK((s->url || s->document));
            used.insert(id);
        }
        CHECK(f.provenance->as_of.year >= 2024);
    }
    // Every source listed is used by some fact.
    for (const Source& s : c.sources) CHECK(used.count(s.id));
}

// --- a valid document -----------------------------------------------------------------------------------------

TEST_CASE("a valid content is read field by field, windows sorted by opening", "[content]") {
    const ContentLoad load = parse_content(kBase, "test.json", membership());
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    REQUIRE(load.errors.empty());
    REQUIRE(load.content);
    const Content& c = *load.content;
    CHECK(c.version == "test.1");
    CHECK_FALSE(c.programme.page);  // allowed: no programme page, no QR code unless a call has one
    CHECK(c.programme.name.en.empty());
    CHECK(c.programme.name.in(Lang::En) == "Quartiers Métropolitains d'Innovation");  // falls back to French
    REQUIRE(c.districts.size() == 3);
    CHECK(c.districts[0].commune == "Sceaux");  // filled from the membership
    CHECK_FALSE(c.districts[0].mayor);
    CHECK_FALSE(c.districts[0].challenge);
    CHECK(c.districts[1].challenge->en == "Sport and health");
    REQUIRE(c.call_windows.size() == 2);
    CHECK(c.call_windows[0].id == "early");
    CHECK(c.call_windows[0].url == "https://example.org/apply");  // the URL of its apply_page source
    CHECK(c.call_windows[0].apply_page == "apply");
    CHECK(c.call_windows[1].id == "late");
    CHECK_FALSE(c.call_windows[1].url);
    // Sources and provenance.
    REQUIRE(c.sources.size() == 3);
    CHECK(c.sources[0].id == "announcement");
    CHECK_FALSE(c.sources[0].url);
    CHECK(c.sources[0].document->fr == "Annonce de février 2024");
    CHECK(c.sources[0].published->iso() == "2024-02");
    CHECK(c.find_source("page")->publisher == "Métropole du Grand Paris");
    REQUIRE(c.districts[1].mayor);
    CHECK(c.districts[1].mayor->provenance.sources == std::vector<std::string>{"announcement"});
    CHECK(c.districts[1].mayor->provenance.as_of.precision() == DatePrecision::Month);
    CHECK(c.districts[1].site_description->fr == "Entrée de ville.");
    CHECK_FALSE(c.districts[1].site_name);
    REQUIRE(c.districts[1].experiments.size() == 1);
    CHECK(c.districts[1].experiments[0].provenance.as_of.iso() == "2024-09");
    CHECK(c.find_promotion(1)->status->date->iso() == "2025-02-13");
    CHECK(c.find_promotion(2)->summary.size() == 1);
    // Timeline sorted by date; the referenced window brings its own dates, name and sources.
    REQUIRE(c.timeline.size() == 3);
    CHECK(c.timeline[0].id == "renewal");
    CHECK(c.timeline[1].id == "communes-apply");
    CHECK(c.timeline[1].end->iso() == "2024-01-12");
    CHECK(c.timeline[2].id == "phase-1");
    CHECK(c.timeline[2].call_window == "early");
    CHECK(c.timeline[2].start.iso() == "2024-05-13");
    CHECK(c.timeline[2].end->iso() == "2024-06-16");
    CHECK(c.timeline[2].title.fr == "Phase 1");
    REQUIRE(c.tour.size() == 4);
    CHECK(c.tour[1].kind == TourStep::Kind::Promotion);
    CHECK(c.tour[1].promotion == 2);
    CHECK(c.tour[2].insee == "91027");
}

TEST_CASE("a one-day window opens at midnight and closes at 23:59:59 the same day", "[content]") {
    const auto load = parse_edited([](Json& j) {
        j[ptr("/call_windows/1/opens")] = "2024-02-29";
        j[ptr("/call_windows/1/closes")] = "2024-02-29";
    });
    REQUIRE(load.content);
    CHECK(load.content->call_windows[0].opens == paris(2024, 2, 29, 0, 0, 0));
    CHECK(load.content->call_windows[0].closes == paris(2024, 2, 29, 23, 59, 59));
}

// --- one test per validation error ------------------------------------------------------------------------------

TEST_CASE("error: invalid UTF-8, with its byte offset", "[content][errors]") {
    std::string bytes = kBase;
    const size_t at = bytes.find("Description.");
    REQUIRE(at != std::string::npos);
    bytes[at + 3] = '\xC3';  // a lead byte followed by an ASCII letter
    const auto load = parse_content(bytes, "test.json", membership());
    require_one_error(load, "", "invalid UTF-8 at byte offset " + std::to_string(at + 3));
}

TEST_CASE("error: JSON syntax error, with its byte offset", "[content][errors]") {
    const auto load = parse_content(R"({"version": })", "test.json", membership());
    require_one_error(load, "", "JSON syntax error at byte offset 12");
}

TEST_CASE("error: missing required field", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j["districts"][0].erase("department"); }),
                      "/districts/0/department", "missing required field \"department\"");
    require_one_error(parse_edited([](Json& j) { j.erase("call_windows"); }), "/call_windows",
                      "missing required field");
    require_one_error(parse_edited([](Json& j) { j["programme"]["operators"].erase("fr"); }),
                      "/programme/operators/fr", "missing required field \"fr\"");
}

TEST_CASE("error: wrong type", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/promotion")] = "2"; }),
                      "/districts/1/promotion", "expected an integer, got a string");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/name")] = 42; }),
                      "/districts/1/mayor/name", "expected a string, got an integer");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor")] = "Jean-Jacques Grousseau"; }),
                      "/districts/1/mayor", "expected an object, got a string");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/challenge")] = "Sport"; }),
                      "/districts/1/challenge", "expected an object, got a string");
    require_one_error(parse_edited([](Json& j) { j["districts"] = Json::object(); }), "/districts",
                      "expected an array, got an object");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/promotion")] = 2.0; }),
                      "/districts/1/promotion", "expected an integer");
}

TEST_CASE("error: unknown INSEE code (not a Métropole member)", "[content][errors]") {
    // Versailles is in Île-de-France but not in the Métropole.
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/0/insee")] = "78646"; }), "/districts/0/insee",
                      "unknown INSEE code \"78646\": not a member commune of the Métropole du Grand Paris");
    // A former code gets a hint towards the current one.
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/0/insee")] = "93059"; }), "/districts/0/insee",
                      "this former code is now \"93066\" (Saint-Denis)");
}

TEST_CASE("error: department contradicting the membership", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/2/department")] = "93"; }),
                      "/districts/2/department",
                      "department \"93\" contradicts the membership: Issy-les-Moulineaux is in \"92\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/2/department")] = "60"; }),
                      "/districts/2/department", "unknown department \"60\"");
}

TEST_CASE("error: territory (EPT) contradicting the membership", "[content][errors]") {
    // Sceaux is in Vallée Sud-Grand Paris, not Grand Paris Seine Ouest.
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/0/territory")] = "200057974"; }),
                      "/districts/0/territory",
                      "territory (EPT) \"200057974\" contradicts the membership: Sceaux is in \"200057966\" "
                      "(Vallée Sud-Grand Paris)");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/0/territory")] = "200054781"; }),
                      "/districts/0/territory", "unknown territory");
}

TEST_CASE("error: commune name contradicting the membership", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/commune")] = "Athis Mons"; }),
                      "/districts/1/commune", "which spells it \"Athis-Mons\"");
}

TEST_CASE("error: duplicate district", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j["districts"].push_back(j["districts"][0]); }),
                      "/districts/3/insee", "duplicate district \"92071\"");
}

TEST_CASE("error: promotion that does not exist", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/0/promotion")] = 3; }),
                      "/districts/0/promotion", "promotion 3 does not exist");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/promotions/1/number")] = 1; }),
                      "/programme/promotions/1/number", "duplicate promotion 1");
}

TEST_CASE("error: call window that ends before it starts", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/closes")] = "2024-05-12"; }),
                      "/call_windows/1/closes", "call window ends (2024-05-12) before it starts (2024-05-13)");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/0/closes")] = "2024-12"; }),
                      "/call_windows/0/closes", "before it starts");
}

TEST_CASE("error: call window naming an unknown district", "[content][errors]") {
    // Aubervilliers is a member commune but not a district of this content.
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/districts/0")] = "93001"; }),
                      "/call_windows/1/districts/0", "unknown district \"93001\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/districts")] = Json::array(); }),
                      "/call_windows/1/districts", "at least one district");
}

TEST_CASE("error: bad date format", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/opens")] = "13/05/2024"; }),
                      "/call_windows/1/opens", "bad date format: expected YYYY-MM-DD, got \"13/05/2024\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/opens")] = "2024-5-13"; }),
                      "/call_windows/1/opens", "bad date format");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/as_of")] = "février 2024"; }),
                      "/districts/1/as_of", "bad date format: expected YYYY, YYYY-MM or YYYY-MM-DD");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/closes")] = "2024-02-30"; }),
                      "/call_windows/1/closes", "bad date: \"2024-02-30\" does not exist");
    // A day-precision window given only a month: the fix is spelled out.
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/opens")] = "2024-05"; }),
                      "/call_windows/1/opens", "add \"precision\": \"month\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/0/precision")] = "week"; }),
                      "/call_windows/0/precision", "expected \"day\" or \"month\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/promotions/1/selected_on")] = "6 février 2024"; }),
                      "/programme/promotions/1/selected_on", "bad date format");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/0/as_of")] = "2024-13"; }), "/districts/0/as_of",
                      "does not exist");
}

TEST_CASE("error: month precision with a day given", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/0/opens")] = "2025-01-20"; }),
                      "/call_windows/0/opens", "month precision with a day given: expected YYYY-MM, got \"2025-01-20\"");
}

TEST_CASE("error: empty French text", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/challenge/fr")] = ""; }),
                      "/districts/1/challenge/fr", "empty French text");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/name/fr")] = "  \n"; }), "/programme/name/fr",
                      "empty French text");
    // Unknown facts are omitted, not written as "".
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/name")] = ""; }),
                      "/districts/1/mayor/name", "empty text");
}

TEST_CASE("error: unknown field (a typo must not silently drop a fact)", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) {
                          j[ptr("/districts/0/mayour")] = "Jean Dupont";
                      }),
                      "/districts/0/mayour", "unknown field \"mayour\"");
    // "$" keys are comments, accepted anywhere.
    const auto ok = parse_edited([](Json& j) { j[ptr("/districts/0/$note")] = "to be confirmed"; });
    CHECK(ok.errors.empty());
}

TEST_CASE("error: URLs must be https", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/sources/page/url")] = "http://example.org"; }),
                      "/sources/page/url", "expected an https:// URL");
    require_one_error(parse_edited([](Json& j) { j[ptr("/sources/apply/url")] = "https://exa mple.org"; }),
                      "/sources/apply/url", "without spaces");
}

TEST_CASE("all errors are collected in one pass, in document order", "[content][errors]") {
    const auto load = parse_edited([](Json& j) {
        j[ptr("/districts/0/insee")] = "78646";
        j[ptr("/districts/1/challenge/fr")] = "";
        j[ptr("/districts/2/territory")] = "200057867";
        j[ptr("/call_windows/0/opens")] = "2025-01-20";
        j[ptr("/call_windows/1/closes")] = "2024-01-01";
    });
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    CHECK_FALSE(load.content);
    REQUIRE(load.errors.size() == 5);
    CHECK(load.errors[0].path == "/districts/0/insee");
    CHECK(load.errors[1].path == "/districts/1/challenge/fr");
    CHECK(load.errors[2].path == "/districts/2/territory");
    CHECK(load.errors[3].path == "/call_windows/0/opens");
    CHECK(load.errors[4].path == "/call_windows/1/closes");
    CHECK(load.errors[4].message() ==
          "test.json: /call_windows/1/closes: call window ends (2024-01-01) before it starts (2024-05-13)");
}

// --- hostile input ------------------------------------------------------------------------------------------------

TEST_CASE("files that are missing, empty, huge or not UTF-8 give one error each", "[content][robustness]") {
    const TempDir tmp;
    SECTION("missing") {
        const auto load = load_content_file(tmp.dir / "nope.json", "nope.json", membership());
        CHECK_FALSE(load.content);
        REQUIRE(load.errors.size() == 1);
        CHECK(load.errors[0].file == "nope.json");
        CHECK(load.errors[0].path == "");
        CHECK_THAT(load.errors[0].reason, Contains("file not found"));
    }
    SECTION("a directory") {
        const auto load = load_content_file(tmp.dir, "dir", membership());
        REQUIRE(load.errors.size() == 1);
        CHECK_THAT(load.errors[0].reason, Contains("not a regular file"));
    }
    SECTION("empty") {
        const auto load = load_content_file(tmp.write("empty.json", ""), "empty.json", membership());
        CHECK_FALSE(load.content);
        REQUIRE(load.errors.size() == 1);
        CHECK_THAT(load.errors[0].reason, Contains("file is empty"));
    }
    SECTION("larger than 4 MiB") {
        std::string big(kMaxContentBytes + 1, ' ');
        big.front() = '{';
        big.back() = '}';
        const auto load = load_content_file(tmp.write("big.json", big), "big.json", membership());
        CHECK_FALSE(load.content);
        REQUIRE(load.errors.size() == 1);
        CHECK_THAT(load.errors[0].reason, Contains("too large: 4194305 bytes, the limit is 4194304"));
    }
    SECTION("not UTF-8 (Latin-1)") {
        const auto load = load_content_file(tmp.write("latin1.json", "{\"version\": \"f\xE9vrier\"}"),
                                            "latin1.json", membership());
        CHECK_FALSE(load.content);
        REQUIRE(load.errors.size() == 1);
        CHECK_THAT(load.errors[0].reason, Contains("invalid UTF-8 at byte offset 14"));
    }
}

TEST_CASE("JSON that is not an object is an error at the root", "[content][robustness]") {
    for (const char* doc : {"[]", "[1, 2, 3]", "42", "null", "\"content\"", "true"}) {
        INFO(doc);
        const auto load = parse_content(doc, "test.json", membership());
        CHECK_FALSE(load.content);
        REQUIRE(load.errors.size() == 1);
        CHECK(load.errors[0].path == "");
        CHECK_THAT(load.errors[0].reason, Contains("expected an object"));
    }
    const auto empty_object = parse_content("{}", "test.json", membership());
    CHECK_FALSE(empty_object.content);
    CHECK(empty_object.errors.size() == 6);  // version, published, sources, programme, districts, call_windows
}

TEST_CASE("deeply nested garbage is refused before parsing", "[content][robustness]") {
    for (const std::string& doc : {std::string(200000, '['), std::string(100000, '{'),
                                   [] {
                                       std::string s;
                                       for (int i = 0; i < 50000; ++i) s += "{\"a\":[";
                                       return s;
                                   }()}) {
        const auto load = parse_content(doc, "test.json", membership());
        CHECK_FALSE(load.content);
        REQUIRE(load.errors.size() == 1);
        CHECK_THAT(load.errors[0].reason, Contains("nested deeper than 64 levels"));
    }
    // Brackets inside strings do not count.
    const auto in_string = parse_edited([](Json& j) { j[ptr("/districts/1/challenge/fr")] = std::string(300, '['); });
    CHECK(in_string.errors.empty());
}

TEST_CASE("every truncation of the real file is an error, never a crash", "[content][robustness]") {
    const std::string full = read_file(QMI_SOURCE_ROOT "/config/content.json");
    REQUIRE(full.size() > 1000);
    REQUIRE(full.back() == '\n');
    size_t rejected = 0;
    // Every prefix short of the closing brace, including ones that cut a UTF-8 sequence in half.
    for (size_t len = 0; len + 2 < full.size(); len += (len < 64 ? 1 : 7)) {
        const auto load = parse_content(std::string_view(full).substr(0, len), "test.json", membership());
        if (!load.content && !load.errors.empty()) ++rejected;
        else FAIL("prefix of " << len << " bytes was accepted");
    }
    CHECK(rejected > 100);
}

TEST_CASE("random byte corruption never crashes and never yields content with errors", "[content][robustness]") {
    const std::string full = read_file(QMI_SOURCE_ROOT "/config/content.json");
    std::uint32_t seed = 12345;  // deterministic xorshift so a failure is reproducible
    auto next = [&seed] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return seed;
    };
    int accepted = 0, rejected = 0;
    for (int round = 0; round < 500; ++round) {
        std::string bytes = full;
        const int flips = 1 + static_cast<int>(next() % 4);
        for (int k = 0; k < flips; ++k) bytes[next() % bytes.size()] = static_cast<char>(next() & 0xFF);
        const auto load = parse_content(bytes, "test.json", membership());
        // Exactly one of the two, always.
        CHECK(load.content.has_value() == load.errors.empty());
        (load.content ? accepted : rejected)++;
    }
    CHECK(rejected > 0);
    WARN("random corruption: " << accepted << " accepted (harmless edits inside text), " << rejected << " rejected");
}

// --- sources and provenance ---------------------------------------------------------------------------------------

TEST_CASE("error: a fact without its source or its date", "[content][errors][sources]") {
    require_one_error(parse_edited([](Json& j) { j["districts"][1]["mayor"].erase("source"); }),
                      "/districts/1/mayor/source", "missing required field \"source\"");
    require_one_error(parse_edited([](Json& j) { j["districts"][1]["challenge"].erase("as_of"); }),
                      "/districts/1/challenge/as_of", "missing required field \"as_of\"");
    require_one_error(parse_edited([](Json& j) { j["call_windows"][0].erase("source"); }),
                      "/call_windows/0/source", "missing required field \"source\"");
    require_one_error(parse_edited([](Json& j) { j["programme"]["promotions"][0]["status"].erase("as_of"); }),
                      "/programme/promotions/0/status/as_of", "missing required field \"as_of\"");
    require_one_error(parse_edited([](Json& j) { j["districts"][0].erase("source"); }), "/districts/0/source",
                      "missing required field \"source\"");
    require_one_error(parse_edited([](Json& j) { j["districts"][1]["experiments"][0].erase("source"); }),
                      "/districts/1/experiments/0/source", "missing required field \"source\"");
    require_one_error(parse_edited([](Json& j) { j["programme"]["description"].erase("as_of"); }),
                      "/programme/description/as_of", "missing required field \"as_of\"");
}

TEST_CASE("error: a source that does not exist, an empty list, a source named twice", "[content][errors][sources]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/source")] = "wikipedia"; }),
                      "/districts/1/mayor/source", "unknown source \"wikipedia\": add it to /sources");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/source")] = Json::array(); }),
                      "/districts/1/mayor/source", "no source");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/source")] = {"page", "nope"}; }),
                      "/districts/1/mayor/source/1", "unknown source \"nope\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/source")] = {"page", "page"}; }),
                      "/districts/1/mayor/source/1", "listed twice");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/source")] = 3; }),
                      "/districts/1/mayor/source", "expected a source id or an array of source ids");
    // Several sources are fine.
    const auto two = parse_edited([](Json& j) { j[ptr("/districts/1/mayor/source")] = {"announcement", "page"}; });
    REQUIRE(two.content);
    CHECK(two.content->districts[1].mayor->provenance.sources.size() == 2);
}

TEST_CASE("error: a fact dated after its source's publication", "[content][errors][sources]") {
    // The announcement was published in February 2024: it cannot vouch for the mayor in 2025.
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/as_of")] = "2025"; }),
                      "/districts/1/mayor/as_of",
                      "as_of 2025 is after the publication of source \"announcement\" (2024-02)");
    // Within the month of publication is fine, and so is a source without a publication date.
    CHECK(parse_edited([](Json& j) { j[ptr("/districts/1/mayor/as_of")] = "2024-02-29"; }).errors.empty());
    CHECK(parse_edited([](Json& j) {
              j[ptr("/districts/1/mayor/source")] = "page";
              j[ptr("/districts/1/mayor/as_of")] = "2026-04";
          }).errors.empty());
}

TEST_CASE("error: a source needs a title and a URL or a document, ids are short and plain", "[content][errors][sources]") {
    require_one_error(parse_edited([](Json& j) { j["sources"]["page"].erase("url"); }), "/sources/page",
                      "a source needs \"url\"");
    require_one_error(parse_edited([](Json& j) { j["sources"]["page"].erase("title"); }), "/sources/page/title",
                      "missing required field");
    require_one_error(parse_edited([](Json& j) { j["sources"]["Bad Id"] = j["sources"]["page"]; }),
                      "/sources/Bad Id", "bad source id");
    require_one_error(parse_edited([](Json& j) { j[ptr("/sources/page/published")] = "2024-13"; }),
                      "/sources/page/published", "does not exist");
}

TEST_CASE("error: a QR page must be a source with a URL", "[content][errors][sources]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/page")] = "announcement"; }), "/programme/page",
                      "source \"announcement\" has no \"url\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/apply_page")] = "elsewhere"; }),
                      "/call_windows/1/apply_page", "unknown source \"elsewhere\"");
    // A bare URL where a source is expected is an unknown field: no URL reaches a QR code without a source.
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/url")] = "https://example.org/apply"; }),
                      "/call_windows/1/url", "unknown field \"url\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/call_url")] = "https://www.parisandco.paris"; }),
                      "/programme/call_url", "unknown field \"call_url\"");
    const auto ok = parse_edited([](Json& j) { j[ptr("/programme/page")] = "page"; });
    REQUIRE(ok.content);
    CHECK(ok.content->programme.page_url == "https://example.org/qmi");
}

TEST_CASE("error: site, status and review rules", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j["districts"][1]["site"].erase("description"); }),
                      "/districts/1/site", "a site needs \"name\" or \"description\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/promotions/0/status/state")] = "finished"; }),
                      "/programme/promotions/0/status/state", "expected \"running\" or \"ended\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/promotions/0/status/as_of")] = "2025-01"; }),
                      "/programme/promotions/0/status/date", "the status cannot be known before it happens");
    require_one_error(parse_edited([](Json& j) { j[ptr("/review_after/mayors")] = {{"from", "2026-03"}}; }),
                      "/review_after/mayors", "unknown kind of fact \"mayors\" (expected one of: programme,");
    require_one_error(parse_edited([](Json& j) { j[ptr("/review_after/mayor/from")] = "March 2026"; }),
                      "/review_after/mayor/from", "bad date format");
}

// --- timeline and tour ------------------------------------------------------------------------------------------

TEST_CASE("error: timeline events", "[content][errors][timeline]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/timeline/1/call_window")] = "phase-9"; }),
                      "/timeline/1/call_window", "unknown call window \"phase-9\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/timeline/0/from")] = "2023-10-01"; }), "/timeline/0",
                      "give either \"date\" or \"from\" and \"to\", not both");
    require_one_error(parse_edited([](Json& j) { j["timeline"][0].erase("date"); }), "/timeline/0",
                      "missing \"date\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/timeline/2/to")] = "2023-01-01"; }), "/timeline/2/to",
                      "period ends (2023-01-01) before it starts (2023-10-23)");
    require_one_error(parse_edited([](Json& j) { j[ptr("/timeline/2/id")] = "renewal"; }), "/timeline/2/id",
                      "duplicate event id \"renewal\"");
    // A referenced window brings its own dates and sources: copying them is refused.
    require_one_error(parse_edited([](Json& j) { j[ptr("/timeline/1/source")] = "page"; }), "/timeline/1/source",
                      "unknown field \"source\"");
    require_one_error(parse_edited([](Json& j) { j["timeline"][0].erase("source"); }), "/timeline/0/source",
                      "missing required field");
    // Year and month precision are kept as given, never turned into a day.
    const auto ok = parse_edited([](Json& j) { j[ptr("/timeline/0/date")] = "2022"; });
    REQUIRE(ok.content);
    CHECK(ok.content->timeline[0].start.precision() == DatePrecision::Year);
}

TEST_CASE("error: presenter tour steps", "[content][errors][tour]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/tour/2/insee")] = "93001"; }), "/tour/2/insee",
                      "unknown district \"93001\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/tour/1/number")] = 3; }), "/tour/1/number",
                      "promotion 3 does not exist");
    require_one_error(parse_edited([](Json& j) { j[ptr("/tour/0/kind")] = "map"; }), "/tour/0/kind",
                      "unknown step kind \"map\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/tour/0/insee")] = "91027"; }), "/tour/0/insee",
                      "unknown field \"insee\"");
    require_one_error(parse_edited([](Json& j) { j["tour"].push_back({{"kind", "district"}, {"insee", "91027"}}); }),
                      "/tour/4", "the same step is already at /tour/2");
    require_one_error(parse_edited([](Json& j) { j["tour"][1].erase("number"); }), "/tour/1/number",
                      "missing required field");
    // Staff reorder the tour freely; without one the list is empty.
    const auto reordered = parse_edited([](Json& j) { std::swap(j["tour"][0], j["tour"][3]); });
    REQUIRE(reordered.content);
    CHECK(reordered.content->tour[0].kind == TourStep::Kind::Calls);
    const auto none = parse_edited([](Json& j) { j.erase("tour"); j.erase("timeline"); });
    REQUIRE(none.content);
    CHECK(none.content->tour.empty());
    CHECK(none.content->timeline.empty());
}
