// kiosk.json's "stats" (usage statistics) and "metrics" (fleet health textfile) sections.
#include <catch2/catch.hpp>

#include "core/settings.hpp"

using namespace qmi;

namespace {

SettingsLoad parse(std::string_view json) { return parse_settings(json, "kiosk.json"); }

bool rejected_at(std::string_view json, const std::string& path, const std::string& reason_part) {
    const SettingsLoad load = parse(json);
    INFO(json);
    for (const auto& e : load.errors) INFO(e.message());
    if (load.settings) return false;
    for (const auto& e : load.errors)
        if (e.path == path && e.reason.find(reason_part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("settings: statistics and metrics default to on, 400 days, 50 MB, no textfile", "[settings]") {
    for (const SettingsLoad& load : {parse("{}"), load_settings(QMI_SOURCE_ROOT "/config/kiosk.json")}) {
        REQUIRE(load.settings);
        CHECK(load.settings->stats.enabled);
        CHECK(load.settings->stats.retention_days == 400);
        CHECK(load.settings->stats.max_mb == 50);
        CHECK(load.settings->metrics.textfile.empty());
        CHECK(load.settings->metrics.period_s == 15);
    }
}

TEST_CASE("settings: statistics and metrics keys are read and checked", "[settings]") {
    const SettingsLoad load = parse(R"({"stats": {"enabled": false, "retention_days": 30, "max_mb": 5},
        "metrics": {"textfile": "/var/lib/prometheus/node-exporter/qmi-kiosk.prom", "period_s": 60}})");
    REQUIRE(load.settings);
    CHECK_FALSE(load.settings->stats.enabled);
    CHECK(load.settings->stats.retention_days == 30);
    CHECK(load.settings->stats.max_mb == 5);
    CHECK(load.settings->metrics.textfile == "/var/lib/prometheus/node-exporter/qmi-kiosk.prom");
    CHECK(load.settings->metrics.period_s == 60);
    CHECK(parse(R"({"metrics": {"textfile": "var/metrics/kiosk.prom"}})").settings);

    CHECK(rejected_at(R"({"stats": {"enabled": "yes"}})", "/stats/enabled", "true or false"));
    CHECK(rejected_at(R"({"stats": {"retention_days": 0}})", "/stats/retention_days", "out of range"));
    CHECK(rejected_at(R"({"stats": {"max_mb": 0}})", "/stats/max_mb", "out of range"));
    CHECK(rejected_at(R"({"stats": {"retention": 30}})", "/stats/retention", "unknown setting"));
    CHECK(rejected_at(R"({"metrics": {"period_s": 1}})", "/metrics/period_s", "out of range"));
    // node_exporter reads *.prom only: another name would never be collected.
    CHECK(rejected_at(R"({"metrics": {"textfile": "/var/lib/node-exporter/qmi.txt"}})", "/metrics/textfile", ".prom"));
    CHECK(rejected_at(R"({"metrics": {"textfile": ".prom"}})", "/metrics/textfile", ".prom"));
    CHECK(rejected_at(R"({"metrics": {"textfile": "/a b/qmi.prom"}})", "/metrics/textfile", "without spaces"));
    CHECK(rejected_at(R"({"metrics": {"text_file": "x.prom"}})", "/metrics/text_file", "did you mean \"textfile\""));
    CHECK(rejected_at(R"({"stats": true})", "/stats", "expected an object"));
}
