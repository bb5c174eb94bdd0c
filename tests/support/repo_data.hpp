// The repository's own data, read once per test binary: the committed membership and the bundled programme.
// Tests build their cases from the real files, so a change to either is exercised everywhere.
#pragma once
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/content_loader.hpp"
#include "core/membership.hpp"
#include "core/ui_text.hpp"

namespace qmi::testdata {

inline const Membership& membership() {
    static const Membership m = [] {
        MembershipLoad load = load_membership(QMI_SOURCE_ROOT "/maps/membership.json");
        REQUIRE(load.membership);
        return *load.membership;
    }();
    return m;
}

// config/content.json, loaded as the kiosk loads it.
inline const Content& bundled_content() {
    static const Content c = [] {
        ContentLoad load = load_content_file(QMI_SOURCE_ROOT "/config/content.json", "content.json", membership());
        for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
        REQUIRE(load.content);
        return *load.content;
    }();
    return c;
}

// config/ui-text.json, loaded as the kiosk loads it.
inline const UiText& bundled_text() {
    static const UiTextLoad load = load_ui_text(QMI_SOURCE_ROOT "/config/ui-text.json");
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    REQUIRE(load.text);
    return *load.text;
}

// config/content.json as a JSON document, to derive variants (another date, a broken field) from.
inline nlohmann::json bundled_json() {
    std::ifstream in(QMI_SOURCE_ROOT "/config/content.json");
    return nlohmann::json::parse(in);
}

// The bundled content with another publication date and version: what staff would publish next.
inline std::string content_bytes(const std::string& published, const std::string& version) {
    nlohmann::json doc = bundled_json();
    doc["published"] = published;
    doc["version"] = version;
    return doc.dump(2);
}

inline std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

inline void write(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

}  // namespace qmi::testdata

// One using-directive in a test brings every support helper: `using namespace qmi::test;`.
namespace qmi::test {
using namespace qmi::testdata;
}
