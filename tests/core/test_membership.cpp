// maps/membership.json as the kiosk reads it: the 130 member communes of the Métropole du Grand Paris, their
// 8 departments and 12 territories (Paris alone, 11 EPTs), and former codes still found in older contour files.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "core/membership.hpp"

using namespace qmi;

namespace {

const Membership& real_membership() {
    static const MembershipLoad load = load_membership(QMI_SOURCE_ROOT "/maps/membership.json");
    return *load.membership;
}

}  // namespace

TEST_CASE("membership.json loads without errors", "[membership]") {
    const MembershipLoad load = load_membership(QMI_SOURCE_ROOT "/maps/membership.json");
    for (const auto& e : load.errors) UNSCOPED_INFO(e.message());
    REQUIRE(load.errors.empty());
    REQUIRE(load.membership.has_value());
    CHECK(load.membership->metropole_code() == "200054781");
    CHECK(load.membership->metropole_name() == "Métropole du Grand Paris");
    CHECK_THAT(load.membership->source(), Catch::Contains("@etalab/decoupage-administratif 6.0.0"));
    // What the legend and the Sources view print: the dataset and its version, no package manager, no file list.
    CHECK(load.membership->dataset() == "@etalab/decoupage-administratif 6.0.0");
}

TEST_CASE("the Métropole has 130 members in 12 territories: Paris alone plus 11 EPTs holding the other 129",
          "[membership]") {
    const Membership& m = real_membership();
    REQUIRE(m.communes().size() == 130);
    REQUIRE(m.territories().size() == 12);
    REQUIRE(m.departments().size() == 8);

    std::map<std::string, int> per_territory;
    std::set<std::string> codes;
    for (const auto& c : m.communes()) {
        ++per_territory[c.territory];
        codes.insert(c.code);
        INFO(c.code << " " << c.name);
        CHECK(m.find_department(c.department) != nullptr);
        CHECK(m.find_territory(c.territory) != nullptr);
        CHECK(m.find_commune(c.code) == &c);
    }
    CHECK(codes.size() == 130);  // no duplicates
    CHECK(per_territory.size() == 12);
    CHECK(per_territory["75056"] == 1);
    const MemberCommune* paris = m.find_commune("75056");
    REQUIRE(paris);
    CHECK(paris->name == "Paris");
    CHECK(paris->territory == "75056");

    int in_epts = 0;
    for (const auto& [territory, count] : per_territory) {
        if (territory == "75056") continue;
        CHECK(territory.size() == 9);  // EPT SIREN
        CHECK(count > 0);
        in_epts += count;
    }
    CHECK(in_epts == 129);
}

TEST_CASE("membership lookups return the right department and territory", "[membership]") {
    const Membership& m = real_membership();
    const MemberCommune* athis = m.find_commune("91027");
    REQUIRE(athis);
    CHECK(athis->name == "Athis-Mons");
    CHECK(athis->department == "91");
    REQUIRE(m.find_territory(athis->territory));
    CHECK(m.find_territory(athis->territory)->name == "Grand-Orly Seine Bièvre");
    CHECK(m.find_department("94")->name == "Val-de-Marne");
    CHECK(m.find_department("95")->name == "Val-d'Oise");

    CHECK(m.find_commune("78646") == nullptr);  // Versailles: Île-de-France, not a member
    CHECK(m.find_commune("") == nullptr);
    CHECK(m.find_territory("200054781") == nullptr);  // the Métropole itself is not a territory
    CHECK(m.find_department("60") == nullptr);
}

TEST_CASE("current_code follows commune mergers and leaves other codes alone", "[membership]") {
    const Membership& m = real_membership();
    CHECK(m.current_code("93059") == "93066");  // Pierrefitte-sur-Seine -> Saint-Denis (2025)
    CHECK(m.find_commune(m.current_code("93059"))->name == "Saint-Denis");
    CHECK(m.current_code("93066") == "93066");
    CHECK(m.current_code("92040") == "92040");
    CHECK(m.current_code("99999") == "99999");
    CHECK(m.find_commune("93059") == nullptr);  // find_commune itself does not follow former codes
}

TEST_CASE("a broken membership file is reported, never thrown", "[membership]") {
    SECTION("missing file") {
        const auto load = load_membership("/nonexistent/membership.json");
        CHECK_FALSE(load.membership);
        REQUIRE(load.errors.size() == 1);
        CHECK(load.errors[0].file == "/nonexistent/membership.json");
        CHECK_THAT(load.errors[0].reason, Catch::Contains("not found"));
    }
    SECTION("commune pointing at an unknown territory and department, duplicate code") {
        const std::string bytes = R"({
          "metropole": {"code": "200054781", "name": "Métropole du Grand Paris"},
          "departments": [{"code": "92", "name": "Hauts-de-Seine"}],
          "territories": [{"code": "200057974", "name": "Grand Paris Seine Ouest"}],
          "communes": [
            {"code": "92040", "name": "Issy-les-Moulineaux", "department": "92", "territory": "200057974"},
            {"code": "92040", "name": "Issy-les-Moulineaux", "department": "92", "territory": "200057974"},
            {"code": "92048", "name": "Meudon", "department": "93", "territory": "123"}
          ]})";
        const auto load = parse_membership(bytes, "m.json");
        CHECK_FALSE(load.membership);
        REQUIRE(load.errors.size() == 3);
        CHECK(load.errors[0].path == "/communes/1/code");
        CHECK_THAT(load.errors[0].reason, Catch::Contains("duplicate commune"));
        CHECK(load.errors[1].path == "/communes/2/department");
        CHECK(load.errors[2].path == "/communes/2/territory");
    }
    SECTION("not an object") {
        const auto load = parse_membership("[1, 2]", "m.json");
        CHECK_FALSE(load.membership);
        REQUIRE(load.errors.size() == 1);
        CHECK(load.errors[0].path == "");
        CHECK_THAT(load.errors[0].reason, Catch::Contains("expected an object"));
    }
}
