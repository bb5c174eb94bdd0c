// What validation used to let through, one test per gap, each with the precise error it now gives
// (file: /json/pointer: reason): repeated JSON keys, control and invisible characters, ImGui label syntax, glyphs the
// fonts cannot draw, texts longer than their field allows (or than any field allows), URLs that are not https.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "../support/repo_data.hpp"
#include "core/content_loader.hpp"
#include "core/json_fields.hpp"
#include "core/settings.hpp"
#include "core/ui_text.hpp"

using namespace qmi;
using Catch::Contains;

namespace {

using qmi::testdata::membership;

const std::string kContent = qmi::testdata::read(QMI_SOURCE_ROOT "/config/content.json");
const std::string kUiText = qmi::testdata::read(QMI_SOURCE_ROOT "/config/ui-text.json");

// The bundled content with `from` (which must occur once) replaced by `to`, as raw bytes: the edits below are
// ones a JSON library would not let us write (a repeated key, an escaped NUL).
std::string content_with(const std::string& from, const std::string& to) {
    const size_t at = kContent.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(kContent.find(from, at + 1) == std::string::npos);
    std::string s = kContent;
    s.replace(at, from.size(), to);
    return s;
}

std::string ui_text_with(const std::string& from, const std::string& to) {
    const size_t at = kUiText.find(from);
    REQUIRE(at != std::string::npos);
    std::string s = kUiText;
    s.replace(at, from.size(), to);
    return s;
}

// The bundled content after editing its JSON document.
std::string content_edited(const std::function<void(Json&)>& edit) {
    Json j = Json::parse(kContent);
    edit(j);
    return j.dump(2);
}

// Exactly one error, at `path`, whose reason contains `reason`; and nothing loaded.
template <class Load>
void require_one_error(const Load& load, const std::string& file, const std::string& path, const std::string& reason) {
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].file == file);
    CHECK(load.errors[0].path == path);
    CHECK_THAT(load.errors[0].reason, Contains(reason));
}

ContentLoad content(const std::string& bytes, const GlyphPredicate& drawable = {}) {
    return parse_content(bytes, "config/content.json", membership(), drawable);
}

Json::json_pointer ptr(const char* p) { return Json::json_pointer(p); }

// Where Athis-Mons is in the bundled content.
const char* const kAthis = "/districts/4";

}  // namespace

TEST_CASE("the bundled files pass every check", "[validation]") {
    const ContentLoad c = content(kContent);
    for (const auto& e : c.errors) UNSCOPED_INFO(e.message());
    CHECK(c.errors.empty());
    CHECK(parse_ui_text(kUiText, "config/ui-text.json").errors.empty());
    REQUIRE(c.content);
    CHECK(c.content->districts[4].insee == "91027");  // kAthis
}

// --- repeated keys ----------------------------------------------------------------------------------------------

TEST_CASE("gap: a repeated JSON key is an error at its pointer (it used to let the last one win)", "[validation]") {
    // Athis-Mons's mayor written twice: which one did staff mean?
    require_one_error(content(content_with("\"name\": \"Jean-Jacques Grousseau\",",
                                           "\"name\": \"Jean-Jacques Grousseau\", \"name\": \"Someone Else\",")),
                      "config/content.json", std::string(kAthis) + "/mayor/name", "duplicate key \"name\"");
    // A source id listed twice in the registry.
    require_one_error(content(content_with("\"sources\": {", "\"sources\": {\"citoyens-noisy\": {},")),
                      "config/content.json", "/sources/citoyens-noisy", "duplicate key \"citoyens-noisy\"");
    // A top-level key.
    require_one_error(content(content_with("\"version\": \"", "\"version\": \"x\", \"version\": \"")),
                      "config/content.json", "/version", "duplicate key \"version\"");
    // Interface texts: the same key twice.
    require_one_error(parse_ui_text(ui_text_with("\"panel.close\":", "\"panel.close\": {\"fr\": \"Fermer\"}, \"panel.close\":"),
                                    "config/ui-text.json"),
                      "config/ui-text.json", "/panel.close", "duplicate key \"panel.close\"");
    // The same rule for every config file read through the shared parser (kiosk.json here).
    const SettingsLoad s = parse_settings(R"({"language": "fr", "language": "en"})", "config/kiosk.json");
    REQUIRE_FALSE(s.errors.empty());
    CHECK(s.errors[0].path == "/language");
    CHECK_THAT(s.errors[0].reason, Contains("duplicate key"));
    // Keys repeated in different objects are not repeats.
    ConfigErrors errors;
    CHECK(parse_json_document(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]})", "t", errors));
    CHECK(errors.empty());
}

// --- control and invisible characters ---------------------------------------------------------------------------

TEST_CASE("gap: control characters, NUL and invisible-only text are errors (they drew as '?')", "[validation]") {
    const std::string at = std::string(kAthis) + "/challenge/fr";
    require_one_error(content(content_with("Développer un pôle sport", "D\\u0007évelopper un pôle sport")),
                      "config/content.json", at, "contains the control character U+0007");
    require_one_error(content(content_with("Développer un pôle sport", "D\\u0000évelopper un pôle sport")),
                      "config/content.json", at, "contains a NUL character");
    require_one_error(content(content_with("\"name\": \"Jean-Jacques Grousseau\"", "\"name\": \"Jean-Jacques\\tGrousseau\"")),
                      "config/content.json", std::string(kAthis) + "/mayor/name", "control character U+0009");
    // Zero-width characters alone: the text would look empty.
    require_one_error(content(content_edited([&](Json& j) { j[Json::json_pointer(at)] = "\u200b\u200b\u200b"; })),
                      "config/content.json", at, "invisible character U+200B");
    // ... or hidden inside visible text (a bidi override reorders nothing in ImGui, it just draws "?").
    require_one_error(content(content_edited([&](Json& j) { j[Json::json_pointer(at)] = "Sport\u202e et santé"; })),
                      "config/content.json", at, "invisible character U+202E");
    // Only no-break spaces: blank.
    require_one_error(content(content_edited([&](Json& j) { j[Json::json_pointer(at)] = "\u00a0\u202f "; })),
                      "config/content.json", at, "empty French text");
    // A blank English text used to show nothing instead of falling back to French.
    require_one_error(content(content_edited([](Json& j) { j[ptr("/districts/4/challenge/en")] = "  "; })),
                      "config/content.json", "/districts/4/challenge/en", "blank English text");
    // A line break is allowed in paragraphs, not in names.
    CHECK(content(content_edited([&](Json& j) { j[Json::json_pointer(at)] = "Sport\net santé"; })).errors.empty());
    require_one_error(content(content_edited([](Json& j) { j[ptr("/districts/4/mayor/name")] = "Jean\nGrousseau"; })),
                      "config/content.json", "/districts/4/mayor/name", "line break in a one-line text");
    // Comments are never shown: anything goes there.
    CHECK(content(content_edited([](Json& j) { j["$note"] = "\u200b\ttab"; })).errors.empty());
    // Interface texts.
    require_one_error(parse_ui_text(ui_text_with("\"fr\": \"Fermer\"", "\"fr\": \"Fer\\u200bmer\""), "config/ui-text.json"),
                      "config/ui-text.json", "/panel.close/fr", "invisible character U+200B");
}

// --- ImGui label syntax -----------------------------------------------------------------------------------------

TEST_CASE("gap: ImGui's '##' in an interface text is an error (it blanked buttons)", "[validation]") {
    for (const char* bad : {"Fermer##x", "##", "###close", "Fer##mer"}) {
        INFO(bad);
        require_one_error(parse_ui_text(ui_text_with("\"fr\": \"Fermer\"", std::string("\"fr\": \"") + bad + "\""),
                                        "config/ui-text.json"),
                          "config/ui-text.json", "/panel.close/fr", "\"##\"");
    }
    // A single '#' is ordinary text.
    CHECK(parse_ui_text(ui_text_with("\"fr\": \"Fermer\"", "\"fr\": \"Fermer #1\""), "config/ui-text.json")
              .errors.empty());
}

// --- glyphs -----------------------------------------------------------------------------------------------------

TEST_CASE("gap: a character the fonts cannot draw is an error naming it (it drew as '?')", "[validation]") {
    // A stand-in for the fonts' coverage: Latin letters and punctuation (the real one is tested in tests/input).
    const GlyphPredicate latin1 = [](char32_t c) { return c < 0x250 || (c >= 0x2000 && c <= 0x20AC); };
    const std::string at = std::string(kAthis) + "/mayor/name";
    const std::string bytes = content_edited([&](Json& j) { j[Json::json_pointer(at)] = "Жан Grousseau"; });
    CHECK(content(bytes).errors.empty());  // without the fonts' coverage nothing is known about glyphs
    require_one_error(content(bytes, latin1), "config/content.json", at,
                      "the character U+0416 \"Ж\" cannot be drawn by the kiosk's fonts");
    // Every text, sources and titles included.
    require_one_error(content(content_edited([](Json& j) { j[ptr("/sources/liti-argenteuil/title/en")] = "LITI 🙂"; }), latin1),
                      "config/content.json", "/sources/liti-argenteuil/title/en", "U+1F642");
    require_one_error(parse_ui_text(ui_text_with("\"fr\": \"Fermer\"", "\"fr\": \"Fermer ✓\""), "config/ui-text.json", latin1),
                      "config/ui-text.json", "/panel.close/fr", "U+2713");
}

// --- lengths ------------------------------------------------------------------------------------------------------

TEST_CASE("gap: each field has a length limit, and a huge text is refused before anything is built", "[validation]") {
    const std::string mayor = std::string(kAthis) + "/mayor/name";
    CHECK(content(content_edited([&](Json& j) { j[Json::json_pointer(mayor)] = std::string(80, 'a'); })).errors.empty());
    require_one_error(content(content_edited([&](Json& j) { j[Json::json_pointer(mayor)] = std::string(81, 'a'); })),
                      "config/content.json", mayor, "text too long: 81 characters, the limit for this field is 80");
    // Characters, not bytes: 80 accented letters are 160 bytes and still fit.
    std::string accented;
    for (int i = 0; i < 80; ++i) accented += "é";
    CHECK(content(content_edited([&](Json& j) { j[Json::json_pointer(mayor)] = accented; })).errors.empty());
    require_one_error(content(content_edited([](Json& j) { j[ptr("/districts/4/challenge/fr")] = std::string(401, 'x'); })),
                      "config/content.json", "/districts/4/challenge/fr", "the limit for this field is 400");
    // The 3.5 MB mayor that took the screenshot run from 192 MB to 901 MB: refused by the first pass, with its
    // place, and nothing else is reported (the document was never built, let alone laid out).
    const std::string huge = content_edited([&](Json& j) { j[Json::json_pointer(mayor)] = std::string(3500000, 'M'); });
    require_one_error(content(huge), "config/content.json", mayor,
                      "text too long: 3500000 bytes, the limit for any text is 8192");
    // Interface texts: 300 characters.
    require_one_error(parse_ui_text(ui_text_with("\"fr\": \"Fermer\"", "\"fr\": \"" + std::string(301, 'F') + "\""),
                                    "config/ui-text.json"),
                      "config/ui-text.json", "/panel.close/fr", "the limit for this field is 300");
}

// --- URLs ---------------------------------------------------------------------------------------------------------

TEST_CASE("gap: every URL in the content is https, with a host, no credentials, no spaces", "[validation]") {
    for (const char* bad : {"http://www.metropolegrandparis.fr/", "file:///etc/passwd", "ftp://example.org",
                            "javascript:alert(1)", "https://", "https:///path", "https://user:secret@example.org/",
                            "https://exa mple.org", "https://example.org/\u00e9", "HTTPS://EXAMPLE.ORG"}) {
        INFO(bad);
        CHECK_FALSE(url_problem(bad).empty());
        require_one_error(content(content_edited([&](Json& j) { j[ptr("/sources/liti-argenteuil/url")] = bad; })),
                          "config/content.json", "/sources/liti-argenteuil/url", "URL");
    }
    CHECK_THAT(url_problem("file:///etc/passwd"), Contains("expected an https:// URL"));
    CHECK_THAT(url_problem("https://" + std::string(600, 'a') + ".fr"), Contains("too long"));
    CHECK(url_problem("https://www.metropolegrandparis.fr/fr/page?x=1#y").empty());
    CHECK(url_problem("https://94.citoyens.com/2024/noisy,17-09-2024.html").empty());
}
