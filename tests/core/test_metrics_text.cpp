// Fleet health in the Prometheus text format: names, escaping and values by the format's rules, checked with a
// strict parser of the format (tests/support/prom_text.hpp) that is itself shown to reject what the collector would.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "../support/prom_text.hpp"
#include "core/fleet_health.hpp"
#include "core/metrics_text.hpp"
#include "../support/test_time.hpp"

using namespace qmi;
using qmi::testdata::utc;
using qmi::test::parse_prom_text;

namespace {

double unix_time(date::sys_seconds t) { return static_cast<double>(t.time_since_epoch().count()); }

FleetHealth full_health() {
    FleetHealth h;
    h.now = utc(2024, 5, 1, 8);
    h.started = utc(2024, 5, 1, 6);
    h.kiosk_version = "0.1.0";
    h.frames_per_second = 59.5;
    h.content_version = "2024-02-06.1";
    h.content_source = "feed";
    h.content_published = utc(2024, 2, 6, 11);
    h.feed_configured = true;
    h.last_update_check = utc(2024, 5, 1, 7, 45);
    h.last_update_success = utc(2024, 5, 1, 7, 30);
    h.last_update_ok = false;
    h.update_checks = 9;
    h.updates = 1;
    h.update_failures = 2;
    h.maps_last_refresh = utc(2024, 4, 28, 3);
    h.touch_device_present = true;
    h.sessions_today = 17;
    h.usage_events_dropped = 3;
    h.usage_store_ok = true;
    return h;
}

}  // namespace

TEST_CASE("metrics: the test's parser refuses what the text format forbids", "[metrics]") {
    const char* good = "# HELP a_b Help.\n# TYPE a_b gauge\na_b{x=\"1\",y=\"q\\\"\\\\\\n\"} 1.5\na_b{x=\"2\"} NaN\n";
    const auto parsed = parse_prom_text(good);
    REQUIRE(parsed.ok());
    CHECK(parsed.value("a_b", {{"x", "1"}, {"y", "q\"\\\n"}}) == 1.5);
    CHECK(std::isnan(parsed.value("a_b", {{"x", "2"}})));

    for (const char* bad : {
             "a 1",                                                // no final newline
             "# TYPE a gauge\n# TYPE a gauge\na 1\n",              // TYPE twice
             "# HELP a x\n# HELP a y\na 1\n",                      // HELP twice
             "a 1\n# TYPE a gauge\n",                              // TYPE after the samples
             "# TYPE a gauge\na 1\nb 2\na 3\n",                    // samples of a not together
             "a 1\na 2\n",                                         // duplicate sample
             "a{x=\"1\"} 1\na{x=\"1\"} 2\n",                       // duplicate sample with labels
             "a{x=\"\\t\"} 1\n",                                   // invalid escape
             "a{x=\"1} 1\n",                                       // unterminated label value
             "a{x=\"1\",x=\"2\"} 1\n",                             // label twice
             "a{__x=\"1\"} 1\n",                                   // reserved label name
             "a{1x=\"1\"} 1\n",                                    // label name starting with a digit
             "1a 1\n",                                             // metric name starting with a digit
             "a one\n",                                            // not a float
             "a\n",                                                // no value
             "# TYPE a gauges\na 1\n",                             // unknown type
             "# HELP a bad \\t escape\na 1\n",                     // invalid HELP escape
         }) {
        INFO(bad);
        CHECK_FALSE(parse_prom_text(bad).ok());
    }
}

TEST_CASE("metrics: names, label escaping and values follow the exposition format", "[metrics]") {
    CHECK(is_metric_name("qmi_kiosk_up"));
    CHECK(is_metric_name("a:b_c9"));
    CHECK_FALSE(is_metric_name("9a"));
    CHECK_FALSE(is_metric_name("a-b"));
    CHECK_FALSE(is_metric_name(""));
    CHECK(is_label_name("version"));
    CHECK_FALSE(is_label_name("__name__"));
    CHECK_FALSE(is_label_name("a:b"));

    CHECK(escape_label_value(R"(a\b"c)" "\n" "d") == R"(a\\b\"c\nd)");
    CHECK(escape_help("line one\nback\\slash \"quoted\"") == "line one\\nback\\\\slash \"quoted\"");
    CHECK(escape_label_value("caf\xC3\xA9") == "caf\xC3\xA9");              // UTF-8 kept
    CHECK(escape_label_value("bad\xFF\xC3") == "bad\xEF\xBF\xBD\xEF\xBF\xBD");  // invalid bytes -> U+FFFD
    CHECK(escape_label_value("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate is invalid
    CHECK(escape_label_value(std::string(1000, 'x')).size() == 256);
    CHECK(escape_label_value(std::string(255, 'x') + "\xC3\xA9").size() == 255);  // never half a character

    CHECK(format_metric_value(1) == "1");
    CHECK(format_metric_value(59.5) == "59.5");
    CHECK(format_metric_value(0.1) == "0.1");
    CHECK(format_metric_value(1714550400) == "1714550400");
    CHECK(format_metric_value(std::nan("")) == "NaN");
    CHECK(format_metric_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_metric_value(-std::numeric_limits<double>::infinity()) == "-Inf");
    CHECK(format_metric_value(-0.25) == "-0.25");
}

TEST_CASE("metrics: a malformed family is left out and named, the rest stays valid", "[metrics]") {
    std::vector<std::string> problems;
    const std::string text = format_metrics(
        {
            {"good_total", "Fine.", MetricType::Counter, {{{}, 3}}},
            {"bad-name", "Dash.", MetricType::Gauge, {{{}, 1}}},
            {"labels", "Some bad.", MetricType::Gauge,
             {{{{"ok", "1"}}, 1}, {{{"__reserved", "1"}}, 2}, {{{"ok", "1"}}, 3}, {{{"ok", "2"}, {"ok", "3"}}, 4}}},
            {"empty", "No samples.", MetricType::Gauge, {}},
            {"good_total", "Again.", MetricType::Counter, {{{}, 4}}},
        },
        &problems);
    INFO(text);
    CHECK(problems.size() == 5);
    const auto parsed = parse_prom_text(text);
    REQUIRE(parsed.ok());
    CHECK(parsed.value("good_total") == 3);
    CHECK(parsed.families.at("good_total").type == "counter");
    CHECK(parsed.value("labels", {{"ok", "1"}}) == 1);
    CHECK(parsed.families.at("labels").samples.size() == 1);
    CHECK(parsed.families.count("empty") == 0);
    CHECK(text.find("bad-name") == std::string::npos);
}

TEST_CASE("metrics: the fleet health parses and says what the monitoring needs", "[metrics]") {
    FleetHealth h = full_health();
    const std::string text = fleet_health_text(h);
    INFO(text);
    const auto p = parse_prom_text(text);
    REQUIRE(p.ok());
    CHECK(p.value("qmi_kiosk_up") == 1);
    CHECK(p.value("qmi_kiosk_last_write_timestamp_seconds") == unix_time(h.now));
    CHECK(p.value("qmi_kiosk_start_time_seconds") == unix_time(*h.started));
    CHECK(p.value("qmi_kiosk_build_info", {{"version", "0.1.0"}}) == 1);
    CHECK(p.value("qmi_kiosk_frames_per_second") == 59.5);
    CHECK(p.value("qmi_kiosk_content_info", {{"version", "2024-02-06.1"}, {"source", "feed"}}) == 1);
    CHECK(p.value("qmi_kiosk_content_published_timestamp_seconds") == unix_time(*h.content_published));
    CHECK(p.value("qmi_kiosk_content_age_seconds") == unix_time(h.now) - unix_time(*h.content_published));
    CHECK(p.value("qmi_kiosk_content_feed_configured") == 1);
    CHECK(p.value("qmi_kiosk_content_update_last_check_timestamp_seconds") == unix_time(*h.last_update_check));
    CHECK(p.value("qmi_kiosk_content_update_last_success_timestamp_seconds") == unix_time(*h.last_update_success));
    CHECK(p.value("qmi_kiosk_content_update_last_ok") == 0);
    CHECK(p.value("qmi_kiosk_content_update_checks_total") == 9);
    CHECK(p.value("qmi_kiosk_content_updates_total") == 1);
    CHECK(p.value("qmi_kiosk_content_update_failures_total") == 2);
    CHECK(p.value("qmi_kiosk_maps_last_refresh_timestamp_seconds") == unix_time(*h.maps_last_refresh));
    CHECK(p.value("qmi_kiosk_touch_device_present") == 1);
    CHECK(p.value("qmi_kiosk_sessions_today") == 17);
    CHECK(p.value("qmi_kiosk_usage_events_dropped_total") == 3);
    CHECK(p.value("qmi_kiosk_usage_store_ok") == 1);
    for (const auto& [name, family] : p.families) {
        INFO(name);
        CHECK(name.rfind("qmi_kiosk_", 0) == 0);
        CHECK_FALSE(family.help.empty());
        CHECK(family.type == (name.size() > 6 && name.ends_with("_total") ? "counter" : "gauge"));
    }

    // A clean stop, and a kiosk that does not know yet: unknown values are absent, never a made-up 0.
    FleetHealth bare;
    bare.up = false;
    bare.now = utc(2024, 5, 1, 8);
    const auto q = parse_prom_text(fleet_health_text(bare));
    REQUIRE(q.ok());
    CHECK(q.value("qmi_kiosk_up") == 0);
    for (const char* absent : {"qmi_kiosk_content_info", "qmi_kiosk_content_age_seconds",
                               "qmi_kiosk_content_update_last_ok", "qmi_kiosk_start_time_seconds",
                               "qmi_kiosk_content_update_last_check_timestamp_seconds"}) {
        INFO(absent);
        CHECK_FALSE(q.has(absent));
    }
}

TEST_CASE("metrics: a content version with quotes, newlines or broken UTF-8 still makes a valid file", "[metrics]") {
    FleetHealth h = full_health();
    h.content_version = "v\"2\"\\beta\nline\xFF";
    h.kiosk_version = "0.1.0 \"dev\"";
    const std::string text = fleet_health_text(h);
    INFO(text);
    const auto p = parse_prom_text(text);
    REQUIRE(p.ok());
    CHECK(p.value("qmi_kiosk_content_info", {{"version", "v\"2\"\\beta\nline\xEF\xBF\xBD"}, {"source", "feed"}}) == 1);
    CHECK(p.value("qmi_kiosk_build_info", {{"version", "0.1.0 \"dev\""}}) == 1);
}
