// config/content.json -> Content: the real file, then one test per validation error (exact file, JSON pointer and
// reason), then hostile input (truncated, empty, huge, not UTF-8, not an object, deeply nested) that must always
// come back as errors, never as a crash or a half-valid content.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
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
  "programme": {
    "name": {"fr": "Quartiers Métropolitains d'Innovation"},
    "operators": {"fr": "Métropole du Grand Paris", "en": "Greater Paris Metropolis"},
    "description": {"fr": "Description."},
    "call_url": "",
    "as_of": "2024-02",
    "as_of_label": {"fr": "février 2024", "en": "February 2024"},
    "promotions": [
      {"number": 1, "name": {"fr": "1re promotion"}, "launched_year": 2022, "solutions_in_development": 28},
      {"number": 2, "name": {"fr": "2e promotion"}, "selected_on": "2024-02-06"}
    ]
  },
  "districts": [
    {"insee": "92071", "promotion": 1, "department": "92", "territory": "200057966"},
    {"insee": "91027", "commune": "Athis-Mons", "promotion": 2, "mayor": "Jean-Jacques Grousseau",
     "department": "91", "territory": "200058014", "challenge": {"fr": "Sport et santé", "en": "Sport and health"}},
    {"insee": "92040", "promotion": 2, "department": "92", "territory": "200057974"}
  ],
  "call_windows": [
    {"id": "late", "name": {"fr": "Phase 2"}, "opens": "2025-01", "closes": "2025-01", "precision": "month",
     "districts": ["92040"]},
    {"id": "early", "name": {"fr": "Phase 1"}, "opens": "2024-05-13", "closes": "2024-06-16",
     "districts": ["91027"], "url": "https://example.org/apply"}
  ]
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
        CHECK(d.mayor.has_value());
        if (d.challenge) {
            ++with_challenge;
            CHECK(d.promotion == 2);
            CHECK_FALSE(d.challenge->fr.empty());
            CHECK_FALSE(d.challenge->en.empty());
            CHECK(d.site_description.has_value());
        } else {
            ++without_challenge;
            CHECK(d.promotion == 1);
            CHECK_FALSE(d.site_name);  // unknown for the first promotion: absent, never guessed
            CHECK_FALSE(d.site_description);
        }
    }
    CHECK(with_challenge == 6);
    CHECK(without_challenge == 4);

    const District* athis = c.find_district("91027");
    REQUIRE(athis);
    CHECK(athis->commune == "Athis-Mons");
    CHECK(*athis->mayor == "Jean-Jacques Grousseau");
    CHECK(athis->department == "91");
    CHECK(membership().find_territory(athis->territory)->name == "Grand-Orly Seine Bièvre");
    REQUIRE(c.find_district("92040"));
    CHECK(c.find_district("92040")->site_name->fr == "Issy Val de Seine");
    REQUIRE(c.find_district("92071"));
    CHECK(*c.find_district("92071")->mayor == "Philippe Laurent");

    REQUIRE(c.programme.promotions.size() == 2);
    REQUIRE(c.find_promotion(1));
    CHECK(c.find_promotion(1)->launched_year == 2022);
    CHECK(c.find_promotion(1)->solutions_in_development == 28);
    CHECK(c.find_promotion(2)->selected_on == "2024-02-06");
    CHECK(c.programme.as_of == "2024-02");
    CHECK(c.programme.as_of_label.fr == "février 2024");
    CHECK(c.programme.as_of_label.en == "February 2024");

    REQUIRE(c.call_windows.size() == 2);
    const CallWindow& w1 = c.call_windows[0];
    CHECK(w1.precision == DatePrecision::Day);
    CHECK(w1.opens == paris(2024, 5, 13, 0, 0, 0));
    CHECK(w1.closes == paris(2024, 6, 16, 23, 59, 59));
    CHECK(w1.districts == std::vector<std::string>{"91027", "93001", "94033"});
    const CallWindow& w2 = c.call_windows[1];
    CHECK(w2.precision == DatePrecision::Month);
    CHECK(w2.opens == paris(2025, 1, 1, 0, 0, 0));
    CHECK(w2.closes == paris(2025, 1, 31, 23, 59, 59));
    CHECK(w2.districts == std::vector<std::string>{"94071", "92040", "95018"});
}

// --- a valid document -----------------------------------------------------------------------------------------

TEST_CASE("a valid content is read field by field, windows sorted by opening", "[content]") {
    const ContentLoad load = parse_content(kBase, "test.json", membership());
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    REQUIRE(load.errors.empty());
    REQUIRE(load.content);
    const Content& c = *load.content;
    CHECK(c.version == "test.1");
    CHECK(c.programme.call_url.empty());  // allowed: the kiosk hides the QR code
    CHECK(c.programme.name.en.empty());
    CHECK(c.programme.name.in(Lang::En) == "Quartiers Métropolitains d'Innovation");  // falls back to French
    REQUIRE(c.districts.size() == 3);
    CHECK(c.districts[0].commune == "Sceaux");  // filled from the membership
    CHECK_FALSE(c.districts[0].mayor);
    CHECK_FALSE(c.districts[0].challenge);
    CHECK(c.districts[1].challenge->en == "Sport and health");
    REQUIRE(c.call_windows.size() == 2);
    CHECK(c.call_windows[0].id == "early");
    CHECK(c.call_windows[0].url == "https://example.org/apply");
    CHECK(c.call_windows[1].id == "late");
    CHECK_FALSE(c.call_windows[1].url);
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
    require_one_error(parse_edited([](Json& j) { j["programme"]["as_of_label"].erase("fr"); }),
                      "/programme/as_of_label/fr", "missing required field \"fr\"");
}

TEST_CASE("error: wrong type", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/promotion")] = "2"; }),
                      "/districts/1/promotion", "expected an integer, got a string");
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor")] = 42; }), "/districts/1/mayor",
                      "expected a string, got an integer");
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
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/closes")] = "2024-02-30"; }),
                      "/call_windows/1/closes", "bad date: \"2024-02-30\" does not exist");
    // A day-precision window given only a month: the fix is spelled out.
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/opens")] = "2024-05"; }),
                      "/call_windows/1/opens", "add \"precision\": \"month\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/0/precision")] = "week"; }),
                      "/call_windows/0/precision", "expected \"day\" or \"month\"");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/promotions/1/selected_on")] = "6 février 2024"; }),
                      "/programme/promotions/1/selected_on", "bad date format");
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/as_of")] = "2024-13"; }), "/programme/as_of",
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
    require_one_error(parse_edited([](Json& j) { j[ptr("/districts/1/mayor")] = ""; }), "/districts/1/mayor",
                      "empty text");
}

TEST_CASE("error: unknown field (a typo must not silently drop a fact)", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) {
                          j[ptr("/districts/0/mayour")] = "Philippe Laurent";
                      }),
                      "/districts/0/mayour", "unknown field \"mayour\"");
    // "$" keys are comments, accepted anywhere.
    const auto ok = parse_edited([](Json& j) { j[ptr("/districts/0/$note")] = "to be confirmed"; });
    CHECK(ok.errors.empty());
}

TEST_CASE("error: URLs must be https", "[content][errors]") {
    require_one_error(parse_edited([](Json& j) { j[ptr("/programme/call_url")] = "http://example.org"; }),
                      "/programme/call_url", "expected an https:// URL");
    require_one_error(parse_edited([](Json& j) { j[ptr("/call_windows/1/url")] = "https://exa mple.org"; }),
                      "/call_windows/1/url", "without spaces");
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
    CHECK(empty_object.errors.size() == 5);  // version, published, programme, districts, call_windows
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
    const auto in_string = parse_edited([](Json& j) { j[ptr("/districts/1/challenge/fr")] = std::string(500, '['); });
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
