// Interface strings: the repository's ui-text.json, lookups and placeholders, and every way a bad file is reported.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "core/ui_text.hpp"

using namespace qmi;

namespace {

const std::string kRepoFile = QMI_SOURCE_ROOT "/config/ui-text.json";

nlohmann::json repo_json() {
    const UiTextLoad load = load_ui_text(kRepoFile);
    REQUIRE(load.errors.empty());
    std::ifstream in(kRepoFile);
    return nlohmann::json::parse(in);
}

// Parses the repository file after `edit`; the file label is "test.json".
UiTextLoad parse_edited(const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j = repo_json();
    edit(j);
    return parse_ui_text(j.dump(), "test.json");
}

bool has_error(const UiTextLoad& load, const std::string& path, const std::string& reason_part) {
    for (const auto& e : load.errors)
        if (e.file == "test.json" && e.path == path && e.reason.find(reason_part) != std::string::npos) return true;
    return false;
}

std::string all_errors(const UiTextLoad& load) {
    std::string s;
    for (const auto& e : load.errors) s += e.message() + "\n";
    return s;
}

}  // namespace

TEST_CASE("the repository's ui-text.json loads and has every required text in both languages", "[ui_text]") {
    const UiTextLoad load = load_ui_text(kRepoFile);
    INFO(all_errors(load));
    REQUIRE(load.errors.empty());
    REQUIRE(load.text.has_value());
    const UiText& t = *load.text;
    for (const std::string& key : required_ui_text_keys()) {
        INFO(key);
        CHECK(t.has(key));
        CHECK_FALSE(t.get(key, Lang::Fr).empty());
        CHECK_FALSE(t.get(key, Lang::En).empty());
    }
    CHECK(t.get("map.touch_hint", Lang::Fr) == "Touchez la carte");
    CHECK(t.get("map.touch_hint", Lang::En) == "Touch the map");
    CHECK(t.get("panel.close", Lang::Fr) == "Fermer");
    // The attribution is a legal notice: identical in both languages.
    CHECK(t.get("attribution.contours", Lang::Fr) == "Contours : IGN – ADMIN EXPRESS, INSEE (Licence Ouverte)");
    CHECK(t.get("attribution.contours", Lang::En) == t.get("attribution.contours", Lang::Fr));
    CHECK(t.format("staff.try_again_in", Lang::Fr, {{"s", "42"}}) == "Réessayez dans 42 s");
    CHECK(t.format("panel.as_of", Lang::En, {{"date", "February 2024"}}) == "Information dated February 2024");
}

TEST_CASE("English falls back to French, unknown keys show as [key]", "[ui_text]") {
    UiText t;
    t.set("only.fr", {"Bonjour", ""});
    CHECK(t.get("only.fr", Lang::En) == "Bonjour");
    CHECK(t.get("no.such.key", Lang::Fr) == "[no.such.key]");
    CHECK(t.get("no.such.key", Lang::En) == "[no.such.key]");
    CHECK_FALSE(t.has("no.such.key"));
    // The reference stays valid and stable.
    const std::string& a = t.get("other.missing", Lang::Fr);
    const std::string& b = t.get("other.missing", Lang::Fr);
    CHECK(&a == &b);
}

TEST_CASE("format fills placeholders, leaves unknown ones, never re-scans values", "[ui_text]") {
    UiText t;
    t.set("k", {"{a} et {b}, encore {a}; {inconnu} {", "{a} and {b}"});
    CHECK(t.format("k", Lang::Fr, {{"a", "1"}, {"b", "2"}}) == "1 et 2, encore 1; {inconnu} {");
    CHECK(t.format("k", Lang::En, {{"a", "{b}"}, {"b", "x"}}) == "{b} and x");
    CHECK(t.format("k", Lang::En, {}) == "{a} and {b}");
    CHECK(placeholders_in("{remaining} — {date} {remaining} {not closed") ==
          std::vector<std::string>{"remaining", "date"});
    CHECK(placeholders_in("{} { x } {a-b}").empty());
}

TEST_CASE("a missing required text is an error naming the key", "[ui_text]") {
    const UiTextLoad load = parse_edited([](nlohmann::json& j) { j.erase("banner.open"); });
    CHECK_FALSE(load.text.has_value());
    CHECK(has_error(load, "/banner.open", "required text is missing"));
    CHECK(load.errors.size() == 1);
}

TEST_CASE("wrong types, empty French, unknown languages are errors with JSON pointers", "[ui_text]") {
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"]["fr"] = 3; }), "/panel.mayor/fr", "expected a string"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"]["en"] = nullptr; }), "/panel.mayor/en",
                    "expected a string"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"]["fr"] = ""; }), "/panel.mayor/fr", "empty French"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"]["fr"] = "   "; }), "/panel.mayor/fr", "empty French"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"].erase("fr"); }), "/panel.mayor/fr", "missing"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"]["de"] = "Bürgermeister"; }), "/panel.mayor/de",
                    "unknown"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"] = "Maire"; }), "/panel.mayor", "expected an object"));
    CHECK(has_error(parse_edited([](auto& j) { j["panel.mayor"]["fr"] = "Mai\tre"; }), "/panel.mayor/fr",
                    "control character"));
    // An extra key the UI adds later is fine, and it is checked the same way.
    const UiTextLoad extra = parse_edited([](auto& j) { j["panel.extra"] = {{"fr", "Plus"}, {"en", "More"}}; });
    CHECK(extra.errors.empty());
    REQUIRE(extra.text);
    CHECK(extra.text->get("panel.extra", Lang::En) == "More");
    CHECK(has_error(parse_edited([](auto& j) { j["panel.extra"] = {{"en", "More"}}; }), "/panel.extra/fr", "missing"));
    // English may be left out: French is shown.
    const UiTextLoad no_en = parse_edited([](auto& j) { j["panel.mayor"].erase("en"); });
    REQUIRE(no_en.text);
    CHECK(no_en.text->get("panel.mayor", Lang::En) == "Maire");
}

TEST_CASE("placeholder mistakes are caught at load, not shown on screen", "[ui_text]") {
    // A typo in a placeholder the code fills.
    CHECK(has_error(parse_edited([](auto& j) { j["banner.before"]["en"] = "Opens in {remainig} — {date}"; }),
                    "/banner.before/en", "unknown placeholder {remainig}"));
    // A placeholder the code does not fill for this key.
    CHECK(has_error(parse_edited([](auto& j) { j["banner.after"]["fr"] = "Fermé jusqu'au {date}"; }),
                    "/banner.after/fr", "unknown placeholder {date}"));
    // Translation dropping a placeholder.
    CHECK(has_error(parse_edited([](auto& j) { j["staff.try_again_in"]["en"] = "Try again later"; }),
                    "/staff.try_again_in/en", "different {placeholders}"));
    // Dropping a placeholder in both languages is the translator's choice.
    CHECK(parse_edited([](auto& j) { j["banner.before"] = {{"fr", "Bientôt : {date}"}, {"en", "Soon: {date}"}}; })
              .errors.empty());
}

TEST_CASE("broken files are reported, never thrown, and give no partial text", "[ui_text]") {
    auto errors_of = [](std::string_view bytes) {
        const UiTextLoad load = parse_ui_text(bytes, "test.json");
        CHECK_FALSE(load.text.has_value());
        REQUIRE_FALSE(load.errors.empty());
        CHECK(load.errors.front().file == "test.json");
        return load.errors.front().reason;
    };
    CHECK_THAT(errors_of(""), Catch::Contains("empty"));
    CHECK_THAT(errors_of("{\"app.title\": {\"fr\": \"Quar"), Catch::Contains("syntax"));
    CHECK_THAT(errors_of("[1, 2]"), Catch::Contains("expected an object"));
    CHECK_THAT(errors_of("{\"app.title\": {\"fr\": \"Quartiers M\xC3\"}}"), Catch::Contains("UTF-8"));
    CHECK_THAT(errors_of("{\"app.title\": {\"fr\": \"\xED\xA0\x80\"}}"), Catch::Contains("UTF-8"));  // surrogate
    CHECK_THAT(errors_of(std::string(200000, '[') + std::string(200000, ']')), Catch::Contains("deeper"));
    CHECK_THAT(errors_of(std::string(2 * 1024 * 1024, ' ')), Catch::Contains("too large"));
}

TEST_CASE("load_ui_text reports a missing file", "[ui_text]") {
    const UiTextLoad load = load_ui_text("/nonexistent/ui-text.json");
    CHECK_FALSE(load.text.has_value());
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].file == "/nonexistent/ui-text.json");
    CHECK_THAT(load.errors[0].reason, Catch::Contains("not found"));
}
