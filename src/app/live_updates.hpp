// Live updates while the kiosk runs: the signed content feed and the map job (repair of damaged contour files, then
// the periodic refresh), both on ONE background thread (net::BackgroundJobs), wired from what load_kiosk_data
// returned. The render thread only calls poll() once per frame (one atomic load when nothing is new) and status()
// when the staff screen is open; it never waits for the network.
//
// Offline first: with no "content_feed.url" there is no content job at all, and the map job only ever replaces
// contour files with downloaded AND checked ones. A bad content update never reaches poll() (the feed verifies the
// signature, validates and judges before publishing); the kiosk keeps what it shows.
//
// Stopping: stop() (or the destructor) cancels a download in flight and joins the thread. A file being written
// when stop() is called is finished first; a process killed at any instant (SIGKILL, power cut) leaves every file
// old or new, never torn: see save_accepted_content and fetch_maps.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/kiosk_data.hpp"
#include "core/content.hpp"
#include "core/content_store.hpp"
#include "net/background_jobs.hpp"
#include "net/content_feed.hpp"

namespace qmi::app {

// What tests and benchmarks change; the kiosk uses the defaults.
struct LiveTuning {
    bool map_jobs = true;     // the map repair and refresh (off in tests and benchmarks: no contour downloads)
    std::chrono::milliseconds map_repair_delay{std::chrono::seconds{10}};  // from start() to the repair
    net::FeedTuning feed;     // timeouts, period override, logger, clock
    uint64_t jitter_seed = 0;  // 0 = random
};

// What the staff status screen shows about the content and the updates.
struct LiveStatus {
    net::FeedStatus feed;      // the content on screen (feed.shown, feed.source) and the content checks
    bool feed_configured = false;
    std::string source_label;  // "bundled (config/content.json)", "cache (var/content-cache.signed)" or the URL
    std::optional<std::chrono::system_clock::time_point> maps_last_success;  // last map job that ended well
    std::optional<std::chrono::system_clock::time_point> maps_last_failure;  // details are in the log
    std::vector<std::string> maps_repairing;  // departments whose damaged contour file is still to be refetched
};

// One line for the staff status screen: "feed <url>: last check OK 2024-02-06 11:00 UTC, last update ...", or
// "feed <url>: last check FAILED ...: <error>", or "no feed configured (content_feed.url)".
std::string status_line(const LiveStatus& s);

// "2024-02-06 11:00 UTC"; "—" for none. For the staff screen.
std::string format_status_time(const std::optional<std::chrono::system_clock::time_point>& t);

class LiveUpdates {
public:
    // `data` is what load_kiosk_data returned: its settings (content_feed, map_source, map_update_period_s), its
    // membership (copied: a staff reload replaces the KioskData it came from), the content on screen and where it
    // came from, and the damaged contour files to refetch (map_repair).
    LiveUpdates(const std::filesystem::path& root, const KioskData& data, LiveTuning tuning = {});
    ~LiveUpdates();  // stop()
    LiveUpdates(const LiveUpdates&) = delete;
    LiveUpdates& operator=(const LiveUpdates&) = delete;

    void start();  // starts the background thread (nothing to do when no job is configured)
    void stop();   // cancels a transfer in flight and joins; idempotent

    // Main thread, once per frame: new verified, validated content, at most once per update; else nullopt
    // (one atomic load). The status then describes the returned content as the one on screen.
    std::optional<Content> poll();
    // Any thread.
    LiveStatus status() const;

    // One content check in the calling thread (tests, a staff "check now"); never from the render thread.
    net::FeedOutcome check_now();

private:
    Membership membership_;    // the content parser validates against it
    net::ContentFeed feed_;    // holds the content on screen even without a feed URL (status)

    struct MapOutcome {
        std::mutex mutex;
        std::optional<std::chrono::system_clock::time_point> success, failure;
        std::vector<std::string> repairing;
    };
    std::shared_ptr<MapOutcome> maps_ = std::make_shared<MapOutcome>();

    // Declared after feed_: destroyed (joined) first, while the feed it runs still exists.
    net::BackgroundJobs jobs_;
};

}  // namespace qmi::app
