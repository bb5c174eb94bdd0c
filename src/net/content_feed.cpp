#include "net/content_feed.hpp"

#include <algorithm>
#include <random>

#include <spdlog/spdlog.h>

#include "core/content_store.hpp"

namespace qmi::net {

using namespace std::chrono;

// --- scheduler -----------------------------------------------------------------------------------------------------

milliseconds retry_delay(unsigned consecutive_failures, milliseconds initial, milliseconds max,
                         double unit_random) {
    if (consecutive_failures == 0) consecutive_failures = 1;
    // Double until the cap; never shift past it (no overflow however long the outage).
    milliseconds base = std::max(initial, milliseconds{1});
    for (unsigned i = 1; i < consecutive_failures && base < max; ++i) base *= 2;
    base = std::min(base, max);
    unit_random = std::clamp(unit_random, 0.0, 1.0);
    const auto half = base / 2;
    return half + milliseconds{static_cast<int64_t>(static_cast<double>((base - half).count()) * unit_random)};
}

BackgroundJobs::BackgroundJobs(uint64_t jitter_seed)
    : rng_state_(jitter_seed != 0 ? jitter_seed : (uint64_t{std::random_device{}()} << 32) | std::random_device{}()) {}

BackgroundJobs::~BackgroundJobs() { stop(); }

void BackgroundJobs::add(PeriodicJob job) {
    if (running()) return;  // the thread owns slots_ once started
    slots_.push_back({std::move(job), {}, 0});
}

void BackgroundJobs::start() {
    if (running()) return;
    cancel_ = false;
    const auto now = steady_clock::now();
    for (auto& slot : slots_) slot.due = now + slot.job.first_run;
    thread_ = std::thread([this] { loop(); });
}

void BackgroundJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        cancel_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void BackgroundJobs::loop() {
    std::mt19937_64 rng(rng_state_);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    while (!cancel_) {
        if (slots_.empty()) {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return cancel_.load(); });
            break;
        }
        auto next = std::min_element(slots_.begin(), slots_.end(),
                                     [](const Slot& a, const Slot& b) { return a.due < b.due; });
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_until(lock, next->due, [&] { return cancel_.load(); })) break;
        }
        const auto outcome = next->job.run(cancel_);
        if (outcome.cancelled || cancel_) break;
        const auto now = steady_clock::now();
        if (outcome.ok) {
            next->failures = 0;
            next->due = now + next->job.period;
        } else {
            ++next->failures;
            next->due = now + retry_delay(next->failures, next->job.retry_initial, next->job.retry_max, unit(rng));
        }
    }
}

// --- content feed --------------------------------------------------------------------------------------------------

namespace {

std::string iso_time(date::sys_seconds t) { return date::format("%FT%TZ", t); }

}  // namespace

ContentFeed::ContentFeed(ContentFeedOptions options, ContentParser parse, const ActiveContent* current)
    : options_(std::move(options)),
      parse_(std::move(parse)),
      log_(options_.logger ? options_.logger : spdlog::default_logger()) {
    if (!options_.now) options_.now = [] { return system_clock::now(); };
    if (current) {
        current_published_ = current->published;
        current_version_ = current->content.version;
        status_.source = current->source;
        status_.version = current->content.version;
        status_.published = current->content.published;
    }
}

ContentFeed::ContentFeed(ContentFeedOptions options, ContentParser parse, const Content& current,
                         ContentSource source)
    : ContentFeed(std::move(options), std::move(parse), nullptr) {
    status_.source = source;
    status_.version = current.version;
    status_.published = current.published;
    current_published_ = parse_publication_time(current.published);  // validated at load; nullopt accepts any
    current_version_ = current.version;
}

PeriodicJob ContentFeed::job() {
    PeriodicJob job;
    job.name = "content feed";
    job.period = options_.period;
    job.retry_initial = options_.retry_initial;
    job.retry_max = options_.retry_max;
    job.run = [this](const std::atomic<bool>& cancel) { return check_now(&cancel); };
    return job;
}

void ContentFeed::fail(const std::string& line) {
    log_->warn("content feed: {}; keeping the current content", line);
    std::lock_guard lock(status_mutex_);
    status_.last_error = line;
    ++status_.failures;
}

JobOutcome ContentFeed::check_now(const std::atomic<bool>* cancel) {
    std::lock_guard check_lock(check_mutex_);
    auto cancelled = [&] { return cancel && cancel->load(); };
    {
        std::lock_guard lock(status_mutex_);
        status_.last_attempt = options_.now();
        ++status_.checks;
    }
    if (options_.url.empty()) {
        fail("no feed URL configured");
        return {false, false};
    }
    if (options_.public_key_b64.empty()) {
        // Unsigned content is never accepted, so there is no point downloading it.
        fail("no public key configured to verify " + options_.url);
        return {false, false};
    }

    FetchRequest request;
    request.url = options_.url;
    request.connect_timeout_s = options_.connect_timeout_s;
    request.total_timeout_s = options_.total_timeout_s;
    request.max_bytes = options_.max_bytes;
    request.max_redirects = options_.max_redirects;
    request.ca_file = options_.ca_file;
    request.if_none_match = etag_;
    request.if_modified_since = last_modified_;
    request.cancel = cancel;

    FetchResult body = http_fetch(request);
    if (cancelled()) return {false, true};
    if (!body.ok) {
        fail(body.error.empty() ? options_.url + ": download failed" : body.error);
        return {false, false};
    }
    if (body.not_modified()) {
        log_->debug("content feed: {} not modified", options_.url);
        std::lock_guard lock(status_mutex_);
        status_.last_success = options_.now();
        status_.last_error.clear();
        return {true, false};
    }

    // The signature is fetched fresh every time, never conditionally: it is tiny and must match these bytes.
    request.url = options_.url + ".sig";
    request.if_none_match.clear();
    request.if_modified_since.clear();
    request.max_bytes = 4096;
    FetchResult sig = http_fetch(request);
    if (cancelled()) return {false, true};
    if (!sig.ok) {
        fail("signature unavailable, content not trusted: " +
             (sig.error.empty() ? request.url + ": download failed" : sig.error));
        return {false, false};
    }

    auto check = check_signed_content(body.body, sig.body, options_.public_key_b64, options_.url, parse_);
    if (!check.content) {
        fail(check.error);
        return {false, false};
    }
    if (current_published_ && check.published < *current_published_) {
        // A replayed or stale copy must not roll the screen back; staff publish a newer date to revert.
        fail(options_.url + ": rejected: published " + check.content->published +
             " is older than the content in use (" + iso_time(*current_published_) + ")");
        return {false, false};
    }

    if (current_published_ && check.published == *current_published_ && check.content->version != current_version_) {
        // Edited but not re-dated: the newest-wins rule cannot order the two, so say what to fix.
        fail(options_.url + ": rejected: version " + check.content->version + " has the same published date as " +
             "the content in use (" + current_version_ + "); publish it with a later \"published\"");
        return {false, false};
    }

    // From here the check succeeded: remember the validators so the next check can be a cheap 304.
    etag_ = body.etag;
    last_modified_ = body.last_modified;
    if (current_published_ && check.published == *current_published_) {
        log_->debug("content feed: {} is the content in use ({})", options_.url, check.content->version);
        std::lock_guard lock(status_mutex_);
        status_.last_success = options_.now();
        status_.last_error.clear();
        return {true, false};
    }

    // Newer: persist first (so a reboot keeps it), then hand it over. A cache that cannot be written does not hold
    // back content that verified: the screen shows it, the log says it will not survive a restart.
    const std::string save_error = save_content_cache(options_.cache, body.body, sig.body);
    current_published_ = check.published;
    current_version_ = check.content->version;
    const std::string version = check.content->version;
    const std::string published = check.content->published;
    {
        std::lock_guard lock(update_mutex_);
        update_ = std::move(check.content);
        has_update_.store(true, std::memory_order_release);
    }
    {
        std::lock_guard lock(status_mutex_);
        status_.source = ContentSource::Feed;
        status_.version = version;
        status_.published = published;
        status_.last_success = options_.now();
        status_.last_error = save_error.empty() ? std::string{} : "cache not written: " + save_error;
        ++status_.updates;
    }
    if (save_error.empty())
        log_->info("content feed: new content {} (published {}) from {}", version, published, options_.url);
    else
        log_->warn("content feed: new content {} (published {}) shown, but the cache was not written, it will "
                   "not survive a restart: {}",
                   version, published, save_error);
    return {true, false};
}

PeriodicJob map_refresh_job(MapRefreshOptions options) {
    PeriodicJob job;
    job.name = "map refresh";
    job.period = options.period;
    job.first_run = options.first_run;
    job.retry_initial = options.retry_initial;
    job.retry_max = options.retry_max;
    // shared_ptr: PeriodicJob::run is a copyable std::function, the options are large.
    auto shared = std::make_shared<MapRefreshOptions>(std::move(options));
    job.run = [shared](const std::atomic<bool>& cancel) {
        MapFetchOptions fetch = shared->fetch;
        fetch.cancel = &cancel;
        fetch.refresh = true;  // re-download even when the cache is complete; the old cache stays on any failure
        // fetch_maps logs its own lines (one per failed source and a summary) and never touches a good cache
        // unless every department downloaded and validated.
        const int rc = fetch_maps(shared->root, shared->sources, shared->membership, fetch);
        if (cancel) return JobOutcome{false, true};
        return JobOutcome{rc == 0, false};
    };
    return job;
}

std::optional<Content> ContentFeed::take_update() {
    if (!has_update_.load(std::memory_order_acquire)) return std::nullopt;
    std::lock_guard lock(update_mutex_);
    has_update_.store(false, std::memory_order_relaxed);
    std::optional<Content> out = std::move(update_);
    update_.reset();
    return out;
}

FeedStatus ContentFeed::status() const {
    std::lock_guard lock(status_mutex_);
    return status_;
}

}  // namespace qmi::net
