#include "net/content_feed.hpp"

#include <spdlog/spdlog.h>

namespace qmi::net {

using std::chrono::system_clock;

namespace {

// A signature file is 88 base64 characters and a newline.
constexpr size_t kMaxSignatureBytes = 4096;

}  // namespace

const char* feed_outcome_name(FeedOutcome outcome) {
    switch (outcome) {
        case FeedOutcome::Updated: return "updated";
        case FeedOutcome::Unchanged: return "unchanged";
        case FeedOutcome::Failed: return "failed";
        case FeedOutcome::Cancelled: return "cancelled";
        case FeedOutcome::NotConfigured: return "not configured";
    }
    return "?";
}

ContentFeed::ContentFeed(Settings::Feed settings, ContentPaths paths, ContentParser parse, const Content& shown,
                         ContentSource source, FeedTuning tuning)
    : settings_(std::move(settings)),
      paths_(std::move(paths)),
      parse_(std::move(parse)),
      tuning_(std::move(tuning)),
      log_(tuning_.logger ? tuning_.logger : spdlog::default_logger()) {
    status_.source = source;
    status_.shown = stamp_of(shown);  // nullopt only for content the loader would refuse: then any valid is newer
}

PeriodicJob ContentFeed::job() {
    PeriodicJob job;
    job.name = "content feed";
    job.period = tuning_.period ? *tuning_.period : std::chrono::seconds(settings_.period_s);
    job.retry_initial = tuning_.retry_initial;
    job.retry_max = tuning_.retry_max;
    job.run = [this](const std::atomic<bool>& cancel) {
        switch (check_now(&cancel)) {
            case FeedOutcome::Updated:
            case FeedOutcome::Unchanged: return JobResult::Succeeded;
            case FeedOutcome::Cancelled: return JobResult::Cancelled;
            case FeedOutcome::Failed:
            case FeedOutcome::NotConfigured: break;
        }
        return JobResult::Failed;
    };
    return job;
}

FeedOutcome ContentFeed::fail(const std::string& line) {
    log_->warn("content feed: {}; keeping the current content", line);
    std::lock_guard lock(status_mutex_);
    status_.last_error = line;
    ++status_.failures;
    return FeedOutcome::Failed;
}

void ContentFeed::succeed() {
    const auto now = tuning_.now ? tuning_.now() : system_clock::now();
    std::lock_guard lock(status_mutex_);
    status_.last_success = now;
    status_.last_error.clear();
}

FeedOutcome ContentFeed::check_now(const std::atomic<bool>* cancel) {
    std::lock_guard check_lock(check_mutex_);
    {
        const auto now = tuning_.now ? tuning_.now() : system_clock::now();
        std::lock_guard lock(status_mutex_);
        status_.last_attempt = now;
        ++status_.checks;
    }
    if (settings_.url.empty()) {
        fail("no feed URL configured");
        return FeedOutcome::NotConfigured;
    }
    if (settings_.public_key.empty()) {
        // Unsigned content is never accepted, so there is no point downloading it.
        fail("no public key configured to verify " + settings_.url);
        return FeedOutcome::NotConfigured;
    }
    if (!high_water_raised_) {
        // Content shown at start may be newer than the mark (a software update brought newer bundled content): the
        // mark must hold it too, or a lost bundled file would let older signed content back in.
        high_water_raised_ = true;
        std::optional<ContentStamp> shown;
        {
            std::lock_guard lock(status_mutex_);
            shown = status_.shown;
        }
        if (shown)
            if (const std::string error = raise_high_water(paths_, *shown); !error.empty())
                log_->warn("content feed: cannot record the content on screen as accepted: {}", error);
    }
    const Download download = fetch(cancel);
    if (download.done) return *download.done;
    return accept(download);
}

std::optional<FeedOutcome> ContentFeed::ends_check(const FetchResult& result, const std::atomic<bool>* cancel,
                                                   const std::string& context) {
    if (cancel && cancel->load()) return FeedOutcome::Cancelled;
    if (result.ok) return std::nullopt;
    return fail(context + (result.error.empty() ? result.url + ": download failed" : result.error));
}

ContentFeed::Download ContentFeed::fetch(const std::atomic<bool>* cancel) {
    Download d;
    const FetchResult body = http_fetch({.url = settings_.url,
                                         .connect_timeout_s = tuning_.connect_timeout_s,
                                         .total_timeout_s = tuning_.total_timeout_s,
                                         .max_bytes = tuning_.max_bytes,
                                         .max_redirects = tuning_.max_redirects,
                                         .ca_file = settings_.ca_file,
                                         .if_none_match = etag_,
                                         .if_modified_since = last_modified_,
                                         .cancel = cancel});
    if ((d.done = ends_check(body, cancel, ""))) return d;
    if (body.not_modified()) {
        log_->debug("content feed: {} not modified", body.url);
        succeed();
        d.done = FeedOutcome::Unchanged;
        return d;
    }
    // The signature is fetched fresh every time, never conditionally: it is tiny and must match these bytes.
    const FetchResult sig = http_fetch({.url = settings_.url + ".sig",
                                        .connect_timeout_s = tuning_.connect_timeout_s,
                                        .total_timeout_s = tuning_.total_timeout_s,
                                        .max_bytes = kMaxSignatureBytes,
                                        .max_redirects = tuning_.max_redirects,
                                        .ca_file = settings_.ca_file,
                                        .cancel = cancel});
    if ((d.done = ends_check(sig, cancel, "signature unavailable, content not trusted: "))) return d;
    d.body = body.body;
    d.signature = sig.body;
    d.url = body.url;
    d.etag = body.etag;
    d.last_modified = body.last_modified;
    return d;
}

FeedOutcome ContentFeed::accept(const Download& d) {
    SignedContentCheck check = check_signed_content(d.body, d.signature, settings_.public_key, d.url, parse_);
    if (!check.content) return fail(check.error);
    const ContentStamp candidate{check.content->version, check.content->published, check.published};

    std::optional<ContentStamp> shown;
    {
        std::lock_guard lock(status_mutex_);
        shown = status_.shown;
    }
    // The mark is read from disk at every check: it is the one record that outlives the process and the cache.
    const std::optional<ContentStamp> high_water = read_high_water(paths_.high_water, nullptr);

    const Judgement judgement = judge_candidate(candidate, shown, high_water);
    switch (judgement.verdict) {
        case Verdict::Older:
            // A replayed or stale copy must not roll the screen back; staff publish a newer date to revert.
            return fail(d.url + ": rejected: published " + candidate.published + " is " + judgement.reason);
        case Verdict::SameInstant:
            // Edited but not re-dated: the newest-wins rule cannot order the two, so say what to fix.
            return fail(d.url + ": rejected: " + judgement.reason + "; publish it with a later \"published\"");
        case Verdict::Same:
            etag_ = d.etag;
            last_modified_ = d.last_modified;
            log_->debug("content feed: {} is the content on screen ({})", d.url, candidate.version);
            succeed();
            return FeedOutcome::Unchanged;
        case Verdict::Newer: break;
    }

    // Newer: persist first (so a reboot keeps it), then hand it over. A cache that cannot be written does not hold
    // back content that verified: the screen shows it, the log says it will not survive a restart.
    etag_ = d.etag;
    last_modified_ = d.last_modified;
    const std::string save_error = save_accepted_content(paths_, d.body, d.signature, candidate);
    {
        std::lock_guard lock(update_mutex_);
        update_ = std::move(check.content);
        has_update_.store(true, std::memory_order_release);
    }
    {
        const auto now = tuning_.now ? tuning_.now() : system_clock::now();
        std::lock_guard lock(status_mutex_);
        status_.source = ContentSource::Feed;
        status_.shown = candidate;
        status_.shown_from = d.url;
        status_.last_success = now;
        status_.last_error = save_error.empty() ? std::string{} : "cache not written: " + save_error;
        ++status_.updates;
    }
    if (save_error.empty())
        log_->info("content feed: new content {} (published {}) from {}", candidate.version, candidate.published,
                   d.url);
    else
        log_->warn("content feed: new content {} (published {}) from {} shown, but the cache was not written, it "
                   "will not survive a restart: {}",
                   candidate.version, candidate.published, d.url, save_error);
    return FeedOutcome::Updated;
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
