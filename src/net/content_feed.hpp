// Live content updates, offline first: a background thread checks the signed HTTPS feed every period and hands
// new, verified, validated content to the main thread. The kiosk never waits for the network: a frame only does
// take_update(), which is one atomic load when nothing is new.
//
//   BackgroundJobs  one std::thread running periodic jobs (the content feed, the weekly map refresh), each with
//                   its own period and its own exponential backoff with jitter after failures; stop() cancels a
//                   transfer in flight (http_fetch's cancel flag) and wakes the sleeping thread at once.
//   ContentFeed     the content job: fetch URL (ETag / If-Modified-Since, 304 = nothing to do), fetch URL + ".sig",
//                   verify the Ed25519 signature over the exact bytes, validate like the bundled file, refuse
//                   content not newer than what is shown, write the cache atomically, publish to the slot.
//                   Every failure is exactly one log line and replaces nothing.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/content_store.hpp"
#include "core/map_build.hpp"
#include "net/http_fetch.hpp"
#include "net/map_fetch.hpp"

namespace spdlog {
class logger;
}

namespace qmi::net {

using WallClock = std::function<std::chrono::system_clock::time_point()>;

// --- scheduler -----------------------------------------------------------------------------------------------------

struct JobOutcome {
    bool ok = true;          // false: the job failed (it has logged its one line); retry after backoff
    bool cancelled = false;  // stopped by BackgroundJobs::stop(): neither success nor failure
};

struct PeriodicJob {
    std::string name;                                        // "content feed", "map refresh"
    std::chrono::milliseconds period{std::chrono::minutes{15}};
    std::chrono::milliseconds first_run{0};                  // delay after start() before the first run
    std::chrono::milliseconds retry_initial{std::chrono::seconds{30}};  // first retry delay after a failure
    std::chrono::milliseconds retry_max{std::chrono::hours{1}};         // backoff cap
    std::function<JobOutcome(const std::atomic<bool>& cancel)> run;
};

// Delay before the next try after `consecutive_failures` (>= 1) failures: initial * 2^(n-1), capped at `max`,
// then "equal jitter": uniformly in [d/2, d] (unit_random in [0, 1)) so that a fleet of kiosks that lost the
// network together does not hit the server in the same second when it comes back.
std::chrono::milliseconds retry_delay(unsigned consecutive_failures, std::chrono::milliseconds initial,
                                      std::chrono::milliseconds max, double unit_random);

class BackgroundJobs {
public:
    // jitter_seed 0: seeded from std::random_device (tests pass a fixed seed).
    explicit BackgroundJobs(uint64_t jitter_seed = 0);
    ~BackgroundJobs();  // stop()
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    void add(PeriodicJob job);  // before start()
    void start();
    // Sets the cancel flag, wakes the thread, joins it. A transfer in flight aborts within http_fetch's progress
    // callback granularity. Idempotent.
    void stop();
    bool running() const { return thread_.joinable(); }

private:
    void loop();

    struct Slot {
        PeriodicJob job;
        std::chrono::steady_clock::time_point due;
        unsigned failures = 0;
    };
    std::vector<Slot> slots_;
    std::atomic<bool> cancel_{false};
    std::mutex mutex_;  // guards nothing but the wait; the render thread never touches it
    std::condition_variable wake_;
    std::thread thread_;
    uint64_t rng_state_;
};

// --- content feed --------------------------------------------------------------------------------------------------

struct ContentFeedOptions {
    std::string url;               // https://.../content.json; the signature is at url + ".sig"
    std::string public_key_b64;    // Settings.content_feed.public_key
    std::string ca_file;           // optional extra CA bundle; TLS is verified either way
    std::filesystem::path cache;   // <root>/var/content-cache.json (+ ".sig")
    std::chrono::milliseconds period{std::chrono::minutes{15}};
    std::chrono::milliseconds retry_initial{std::chrono::seconds{30}};
    std::chrono::milliseconds retry_max{std::chrono::hours{1}};
    long connect_timeout_s = 5;
    long total_timeout_s = 30;
    size_t max_bytes = 2u << 20;
    long max_redirects = 3;
    WallClock now;                            // status timestamps; system_clock::now when empty
    std::shared_ptr<spdlog::logger> logger;   // spdlog's default logger when null
};

struct FeedStatus {
    ContentSource source = ContentSource::Bundled;  // where the content on screen (or about to be) comes from
    std::string version;                            // Content::version
    std::string published;                          // Content::published, as written
    std::optional<std::chrono::system_clock::time_point> last_attempt;
    std::optional<std::chrono::system_clock::time_point> last_success;  // last check that ended well (200 or 304)
    std::string last_error;                         // one line; empty when the last check succeeded
    uint64_t checks = 0, updates = 0, failures = 0;  // counters since start
};

class ContentFeed {
public:
    // `current` is what the kiosk shows at start (choose_startup_content); null when nothing valid was found,
    // then any valid signed content is accepted.
    ContentFeed(ContentFeedOptions options, ContentParser parse, const ActiveContent* current);
    // Same, from the content on screen and where it came from (its Content::published is parsed here).
    ContentFeed(ContentFeedOptions options, ContentParser parse, const Content& current, ContentSource source);
    ContentFeed(const ContentFeed&) = delete;
    ContentFeed& operator=(const ContentFeed&) = delete;

    // The periodic job to add to BackgroundJobs. The feed must outlive the jobs' thread (stop() it first).
    PeriodicJob job();

    // One check, in the calling thread (tests, benchmark, a staff "check now"). Same code the job runs; checks
    // are serialised (a staff check waits for the background one). Never call it from the render thread.
    JobOutcome check_now(const std::atomic<bool>* cancel = nullptr);

    // Main thread, once per frame: new validated content, at most once per update. Lock-free when empty; when not,
    // the lock is held only to move the value out (the feed thread holds it only to move a value in).
    std::optional<Content> take_update();

    // Any thread; a copy under a short lock.
    FeedStatus status() const;

private:
    void fail(const std::string& line);

    ContentFeedOptions options_;
    ContentParser parse_;
    std::shared_ptr<spdlog::logger> log_;

    // Held for a whole check: only checking threads take it, never the render thread.
    std::mutex check_mutex_;
    std::string etag_, last_modified_;
    std::optional<date::sys_seconds> current_published_;
    std::string current_version_;

    std::atomic<bool> has_update_{false};
    std::mutex update_mutex_;
    std::optional<Content> update_;

    mutable std::mutex status_mutex_;
    FeedStatus status_;
};

// --- map refresh ---------------------------------------------------------------------------------------------------

// The second periodic job on the same thread: fetch_maps (engineer C's) with its own validation of all eight
// departments before the cache is replaced. The job sets MapFetchOptions::refresh, so it re-downloads every period
// even when the cache is complete (and repairs a damaged one). New contours are used at the next start (the model
// is rebuilt from the cache then): a hot swap would rebuild meshes, labels and the hit index for a weekly change.
struct MapRefreshOptions {
    std::filesystem::path root;          // kiosk root (<root>/maps/cache)
    std::vector<std::string> sources;    // map_sources(root, settings.map_source)
    MapMembership membership;            // copied: the job runs on the background thread
    MapFetchOptions fetch;               // cancel is set by the job to BackgroundJobs' flag
    std::chrono::milliseconds period{std::chrono::hours{24 * 7}};  // Settings.map_update_period_s
    std::chrono::milliseconds first_run{std::chrono::minutes{2}};  // let the kiosk settle before any download
    std::chrono::milliseconds retry_initial{std::chrono::minutes{5}};
    std::chrono::milliseconds retry_max{std::chrono::hours{6}};
};
PeriodicJob map_refresh_job(MapRefreshOptions options);

}  // namespace qmi::net
