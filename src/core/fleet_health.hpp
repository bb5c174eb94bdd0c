// Fleet health: what a town hall's monitoring (Prometheus through node_exporter's textfile collector) sees of a
// kiosk. The app fills a FleetHealth snapshot every few seconds; fleet_health_text() turns it into the metrics
// below (all prefixed qmi_kiosk_); src/app/metrics_writer writes them atomically to kiosk.json's metrics.textfile.
//
//   qmi_kiosk_up                                       1 while the kiosk runs, 0 written at a clean stop
//   qmi_kiosk_last_write_timestamp_seconds             when this file was written: a kiosk that crashed or hangs
//                                                      leaves a file that stops ageing, so alert on
//                                                      time() - qmi_kiosk_last_write_timestamp_seconds > 120
//   qmi_kiosk_start_time_seconds                       process start
//   qmi_kiosk_build_info{version}                      1
//   qmi_kiosk_frames_per_second                        frames drawn per second (the loop renders on demand: an
//                                                      idle kiosk draws few frames; see README)
//   qmi_kiosk_content_info{version,source}             1; source = bundled | cache | feed
//   qmi_kiosk_content_published_timestamp_seconds      the content's "published" date-time
//   qmi_kiosk_content_age_seconds                      now - published
//   qmi_kiosk_content_feed_configured                  1 when content_feed.url is set
//   qmi_kiosk_content_update_last_check_timestamp_seconds, ..._last_success_timestamp_seconds   (when known)
//   qmi_kiosk_content_update_last_ok                   1 / 0: outcome of the last feed check (absent before one)
//   qmi_kiosk_content_update_checks_total, qmi_kiosk_content_updates_total,
//   qmi_kiosk_content_update_failures_total            feed checks, updates taken, failures since start
//   qmi_kiosk_maps_last_refresh_timestamp_seconds      last successful contour refresh (when known)
//   qmi_kiosk_touch_device_present                     1 when a touch screen was found
//   qmi_kiosk_sessions_today                           visitor sessions since midnight, Paris time
//   qmi_kiosk_usage_events_dropped_total               usage events the statistics recorder could not keep
//   qmi_kiosk_usage_store_ok                           1 when the statistics database accepts writes
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <date/date.h>

namespace qmi {

struct FleetHealth {
    bool up = true;
    date::sys_seconds now{};      // when the snapshot was taken (the kiosk's clock)
    std::optional<date::sys_seconds> started;
    std::string kiosk_version;    // QMI_VERSION
    double frames_per_second = 0;

    std::string content_version;  // Content::version
    std::string content_source;   // "bundled", "cache" or "feed"
    std::optional<date::sys_seconds> content_published;

    bool feed_configured = false;
    std::optional<date::sys_seconds> last_update_check, last_update_success;
    std::optional<bool> last_update_ok;  // none before the first check
    uint64_t update_checks = 0, updates = 0, update_failures = 0;
    std::optional<date::sys_seconds> maps_last_refresh;

    bool touch_device_present = false;
    uint64_t sessions_today = 0;
    uint64_t usage_events_dropped = 0;
    bool usage_store_ok = true;
};

// The Prometheus text exposition of `h` (see metrics_text.hpp for the format's rules).
std::string fleet_health_text(const FleetHealth& h);

}  // namespace qmi
