#include "core/fleet_health.hpp"

#include <vector>

#include "core/metrics_text.hpp"

namespace qmi {

namespace {

double seconds(date::sys_seconds t) { return static_cast<double>(t.time_since_epoch().count()); }

MetricFamily gauge(std::string name, std::string help, double value) {
    return {std::move(name), std::move(help), MetricType::Gauge, {{{}, value}}};
}

MetricFamily counter(std::string name, std::string help, uint64_t value) {
    return {std::move(name), std::move(help), MetricType::Counter, {{{}, static_cast<double>(value)}}};
}

// A gauge whose sample is left out when the value is unknown (a family without samples is not written).
MetricFamily timestamp(std::string name, std::string help, const std::optional<date::sys_seconds>& t) {
    MetricFamily f{std::move(name), std::move(help), MetricType::Gauge, {}};
    if (t) f.samples.push_back({{}, seconds(*t)});
    return f;
}

}  // namespace

std::string fleet_health_text(const FleetHealth& h) {
    std::vector<MetricFamily> f;
    f.push_back(gauge("qmi_kiosk_up", "1 while the kiosk runs; 0 written when it stops cleanly.", h.up ? 1 : 0));
    f.push_back(gauge("qmi_kiosk_last_write_timestamp_seconds",
                      "When the kiosk wrote this file (Unix time). A file that stops ageing means the kiosk died "
                      "or hangs.",
                      seconds(h.now)));
    f.push_back(timestamp("qmi_kiosk_start_time_seconds", "When the kiosk process started (Unix time).", h.started));
    f.push_back({"qmi_kiosk_build_info", "The kiosk's software version.", MetricType::Gauge,
                 {{{{"version", h.kiosk_version}}, 1}}});
    f.push_back(gauge("qmi_kiosk_frames_per_second",
                      "Frames drawn per second. The kiosk renders on demand, so an untouched kiosk draws few.",
                      h.frames_per_second));

    MetricFamily info{"qmi_kiosk_content_info", "The programme content on screen: its version and where it came from "
                                                "(bundled, cache or feed).",
                      MetricType::Gauge, {}};
    if (!h.content_version.empty() || !h.content_source.empty())
        info.samples.push_back({{{"version", h.content_version}, {"source", h.content_source}}, 1});
    f.push_back(std::move(info));
    f.push_back(timestamp("qmi_kiosk_content_published_timestamp_seconds",
                          "Publication date-time of the content on screen (Unix time).", h.content_published));
    MetricFamily age{"qmi_kiosk_content_age_seconds", "Seconds since the content on screen was published.",
                     MetricType::Gauge, {}};
    if (h.content_published) age.samples.push_back({{}, seconds(h.now) - seconds(*h.content_published)});
    f.push_back(std::move(age));

    f.push_back(gauge("qmi_kiosk_content_feed_configured", "1 when a signed content feed is configured.",
                      h.feed_configured ? 1 : 0));
    f.push_back(timestamp("qmi_kiosk_content_update_last_check_timestamp_seconds",
                          "Last check of the content feed, any outcome (Unix time).", h.last_update_check));
    f.push_back(timestamp("qmi_kiosk_content_update_last_success_timestamp_seconds",
                          "Last check of the content feed that succeeded (Unix time).", h.last_update_success));
    MetricFamily last_ok{"qmi_kiosk_content_update_last_ok",
                         "1 when the last content feed check succeeded, 0 when it failed (details in the kiosk's log).",
                         MetricType::Gauge, {}};
    if (h.last_update_ok) last_ok.samples.push_back({{}, *h.last_update_ok ? 1.0 : 0.0});
    f.push_back(std::move(last_ok));
    f.push_back(counter("qmi_kiosk_content_update_checks_total", "Content feed checks since the kiosk started.",
                        h.update_checks));
    f.push_back(counter("qmi_kiosk_content_updates_total", "New content taken from the feed since the kiosk started.",
                        h.updates));
    f.push_back(counter("qmi_kiosk_content_update_failures_total",
                        "Content feed checks that failed since the kiosk started.", h.update_failures));
    f.push_back(timestamp("qmi_kiosk_maps_last_refresh_timestamp_seconds",
                          "Last successful refresh of the commune contours (Unix time).", h.maps_last_refresh));

    f.push_back(gauge("qmi_kiosk_touch_device_present", "1 when the kiosk found a touch screen at start.",
                      h.touch_device_present ? 1 : 0));
    f.push_back(gauge("qmi_kiosk_sessions_today", "Visitor sessions since midnight, Paris time.",
                      static_cast<double>(h.sessions_today)));
    f.push_back(counter("qmi_kiosk_usage_events_dropped_total",
                        "Usage events the statistics recorder could not keep since the kiosk started.",
                        h.usage_events_dropped));
    f.push_back(gauge("qmi_kiosk_usage_store_ok", "1 when the usage statistics database accepts writes.",
                      h.usage_store_ok ? 1 : 0));
    return format_metrics(f);
}

}  // namespace qmi
