// Live updates while the kiosk runs: the signed content feed and the periodic map refresh, both on ONE background
// thread (net::BackgroundJobs), wired from config/kiosk.json. The render thread only calls poll() once per frame
// (one atomic load when nothing is new) and status() when the staff screen is open; it never waits for the network.
//
// Offline first: with no "content_feed.url" there is no content job at all, and the map refresh only ever replaces
// the contour cache with eight downloaded AND validated departments. A bad content update never reaches poll()
// (the feed verifies the signature and validates before publishing); the kiosk keeps what it shows.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/content.hpp"
#include "core/content_store.hpp"
#include "core/membership.hpp"
#include "core/settings.hpp"
#include "net/content_feed.hpp"

namespace qmi::app {

struct LiveUpdatesOptions {
    std::filesystem::path root;       // kiosk root: <root>/var/content-cache.json, <root>/maps/cache
    Settings::Feed feed;              // url ("" = no content job), period_s, public_key, ca_file
    bool map_refresh = true;          // the periodic contour re-download (off in tests and benchmarks)
    std::string map_source;           // as for --fetch-maps: QMI_MAP_SOURCE, else kiosk.json's map_source
    int map_update_period_s = 604800;
    std::shared_ptr<spdlog::logger> logger;  // null = spdlog's default logger
};

// From the device settings; QMI_MAP_SOURCE (environment) wins over kiosk.json's map_source, like --fetch-maps.
LiveUpdatesOptions live_updates_options(const std::filesystem::path& root, const Settings& settings);

// What the staff status screen shows about the content and the updates.
struct LiveStatus {
    std::string version;     // Content::version of the content on screen
    std::string published;   // its Content::published, as written
    ContentSource source = ContentSource::Bundled;
    std::string source_label;  // "bundled (config/content.json)", "cache (var/content-cache.json)" or the feed URL
    bool feed_configured = false;
    std::optional<std::chrono::system_clock::time_point> last_check;    // last content check, any outcome
    std::optional<std::chrono::system_clock::time_point> last_success;  // last check that ended well (200 or 304)
    std::string last_error;  // one line; empty when the last content check succeeded
    uint64_t checks = 0, updates = 0, failures = 0;
    std::optional<std::chrono::system_clock::time_point> maps_last_success;  // last map refresh that ended well
    std::optional<std::chrono::system_clock::time_point> maps_last_failure;  // details are in the log
};

// One line for the staff status screen: "feed <url>: last check OK 2024-02-06 11:00 UTC, last update ...", or
// "feed <url>: last check FAILED ...: <error>", or "no feed configured (content_feed.url)".
std::string status_line(const LiveStatus& s);

// "2024-02-06 11:00 UTC"; "—" for none. For the staff screen.
std::string format_status_time(const std::optional<std::chrono::system_clock::time_point>& t);

class LiveUpdates {
public:
    // `membership` is copied (a staff reload replaces the KioskData it came from). `shown` is the content on screen
    // at start and where it came from (KioskData::content / content_source).
    LiveUpdates(LiveUpdatesOptions options, const Membership& membership, const Content& shown,
                ContentSource source);
    ~LiveUpdates();  // stop()
    LiveUpdates(const LiveUpdates&) = delete;
    LiveUpdates& operator=(const LiveUpdates&) = delete;

    void start();  // starts the background thread (nothing to do when no job is configured)
    void stop();   // cancels a transfer in flight and joins; idempotent

    // Main thread, once per frame: new verified, validated content, at most once per update; else nullopt
    // (one atomic load). The status then describes the returned content as the one on screen.
    std::optional<Content> poll();
    // Main thread.
    LiveStatus status() const;

    // One content check in the calling thread (tests, a staff "check now"); never from the render thread.
    net::JobOutcome check_now();

private:
    LiveUpdatesOptions options_;
    Membership membership_;  // the content parser validates against it
    ContentSource source_;
    std::string version_, published_;
    std::unique_ptr<net::ContentFeed> feed_;  // null without a feed URL

    struct MapOutcome {
        std::mutex mutex;
        std::optional<std::chrono::system_clock::time_point> success, failure;
    };
    std::shared_ptr<MapOutcome> maps_ = std::make_shared<MapOutcome>();

    // Declared after feed_: destroyed (joined) first, while the feed it runs still exists.
    net::BackgroundJobs jobs_;
    bool has_jobs_ = false;
};

}  // namespace qmi::app
