// The live content feed, offline first. One check = fetch, then accept:
//   fetch   URL (ETag / If-Modified-Since: a 304 ends the check), then URL + ".sig", each through http_fetch's limits
//           (redirects only within the URL's origin, so an https feed is never read in clear);
//   accept  verify the Ed25519 signature over the exact bytes, validate like the bundled file, judge against the
//           content on screen and the high-water mark (judge_candidate: a replayed older file is refused even after
//           the cache was lost), persist (save_accepted_content: mark, then cache, each atomic), hand over to the
//           render thread through a one-value slot.
// Every failure is exactly one log line and replaces nothing. The feed's accepted state (shown()) is THE record of
// the content on screen: the staff status reads it, the judge compares with it.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/content_store.hpp"
#include "core/settings.hpp"
#include "net/background_jobs.hpp"
#include "net/http_fetch.hpp"

namespace spdlog {
class logger;
}

namespace qmi::net {

using WallClock = std::function<std::chrono::system_clock::time_point()>;

// What production leaves at its defaults and tests or benchmarks change. The feed's settings themselves come from
// kiosk.json (Settings::Feed) untouched.
struct FeedTuning {
    long connect_timeout_s = 5;
    long total_timeout_s = 30;
    size_t max_bytes = 2u << 20;  // content; a signature is at most 4 KiB
    long max_redirects = 3;
    std::chrono::milliseconds retry_initial{std::chrono::seconds{30}};
    std::chrono::milliseconds retry_max{std::chrono::hours{1}};
    std::optional<std::chrono::milliseconds> period;  // overrides Settings::Feed::period_s (tests, soak)
    std::shared_ptr<spdlog::logger> logger;           // spdlog's default logger when null
    WallClock now;                                    // system_clock::now when empty (status timestamps)
};

enum class FeedOutcome {
    Updated,        // newer content accepted, persisted and handed over
    Unchanged,      // 304, or the content on screen itself
    Failed,         // one line logged, nothing replaced
    Cancelled,      // stopped by the cancel flag (shutdown): neither success nor failure
    NotConfigured,  // no URL or no public key: nothing is downloaded
};
const char* feed_outcome_name(FeedOutcome outcome);  // "updated", "unchanged", ...

struct FeedStatus {
    ContentSource source = ContentSource::Bundled;  // where the content on screen (or about to be) comes from
    std::optional<ContentStamp> shown;              // its version and date; nullopt when nothing valid is shown
    std::string shown_from;                         // the URL its bytes came from (source Feed), else ""
    std::optional<std::chrono::system_clock::time_point> last_attempt;
    std::optional<std::chrono::system_clock::time_point> last_success;  // last check that ended well (200 or 304)
    std::string last_error;                         // one line; empty when the last check succeeded
    uint64_t checks = 0, updates = 0, failures = 0;  // counters since start
};

class ContentFeed {
public:
    // `shown` is the content on screen at start and where it came from (load_kiosk_data). With an empty
    // settings.url the feed only holds that state (status()) and check_now() reports NotConfigured.
    ContentFeed(Settings::Feed settings, ContentPaths paths, ContentParser parse, const Content& shown,
                ContentSource source, FeedTuning tuning = {});
    ContentFeed(const ContentFeed&) = delete;
    ContentFeed& operator=(const ContentFeed&) = delete;

    bool configured() const { return !settings_.url.empty(); }

    // The periodic job to add to BackgroundJobs. The feed must outlive the jobs' thread (stop() it first).
    PeriodicJob job();

    // One check, in the calling thread (tests, benchmark, a staff "check now"). Same code the job runs; checks
    // are serialised (a staff check waits for the background one). Never call it from the render thread.
    FeedOutcome check_now(const std::atomic<bool>* cancel = nullptr);

    // Main thread, once per frame: new validated content, at most once per update. Lock-free when empty; when not,
    // the lock is held only to move the value out (the feed thread holds it only to move a value in).
    std::optional<Content> take_update();

    // Any thread; a copy under a short lock.
    FeedStatus status() const;

private:
    struct Download {
        std::optional<FeedOutcome> done;  // set when the check ends at the fetch (304, failure, cancel)
        std::string body, signature;
        std::string url;                  // where the body came from (after redirects)
        std::string etag, last_modified;
    };
    Download fetch(const std::atomic<bool>* cancel);
    // The check's outcome when this download ends it (cancelled, or failed: logged with `context` first).
    std::optional<FeedOutcome> ends_check(const FetchResult& result, const std::atomic<bool>* cancel,
                                          const std::string& context);
    FeedOutcome accept(const Download& download);
    FeedOutcome fail(const std::string& line);
    void succeed();

    const Settings::Feed settings_;
    const ContentPaths paths_;
    const ContentParser parse_;
    const FeedTuning tuning_;
    std::shared_ptr<spdlog::logger> log_;

    // Held for a whole check: only checking threads take it, never the render thread.
    std::mutex check_mutex_;
    std::string etag_, last_modified_;
    bool high_water_raised_ = false;

    std::atomic<bool> has_update_{false};
    std::mutex update_mutex_;
    std::optional<Content> update_;

    // status_.shown / source / shown_from: written only by a check (under check_mutex_ too), read by anyone.
    mutable std::mutex status_mutex_;
    FeedStatus status_;
};

}  // namespace qmi::net
