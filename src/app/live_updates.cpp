#include "app/live_updates.hpp"

#include <algorithm>
#include <cstdlib>

#include <date/date.h>
#include <spdlog/spdlog.h>

#include "core/map_build.hpp"
#include "net/map_fetch.hpp"
#include "ui/glyph_coverage.hpp"

namespace qmi::app {

using std::chrono::system_clock;

LiveUpdatesOptions live_updates_options(const std::filesystem::path& root, const Settings& settings) {
    LiveUpdatesOptions o;
    o.root = root;
    o.feed = settings.content_feed;
    o.map_source = settings.map_source;
    if (const char* env = std::getenv("QMI_MAP_SOURCE"); env && *env) o.map_source = env;
    o.map_update_period_s = settings.map_update_period_s;
    return o;
}

std::string format_status_time(const std::optional<system_clock::time_point>& t) {
    if (!t) return "\xE2\x80\x94";  // em dash
    return date::format("%Y-%m-%d %H:%M UTC", std::chrono::floor<std::chrono::minutes>(*t));
}

namespace {

// A kiosk that restarts every night must not re-download the contours at every start: the first refresh waits until
// the OLDEST cached department file is one period old (at least `floor`, so the kiosk settles first).
std::chrono::milliseconds map_refresh_first_run(const std::filesystem::path& root, std::chrono::milliseconds period,
                                                std::chrono::milliseconds floor) {
    std::optional<std::filesystem::file_time_type> oldest;
    for (const std::string& dept : ile_de_france_departments()) {
        std::error_code ec;
        const auto t = std::filesystem::last_write_time(map_cache_file(root, dept), ec);
        if (ec) return floor;  // missing: repair soon
        if (!oldest || t < *oldest) oldest = t;
    }
    const auto age = std::filesystem::file_time_type::clock::now() - *oldest;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(period - age);
    return std::max(left, floor);
}

}  // namespace

std::string status_line(const LiveStatus& s) {
    std::string line;
    if (!s.feed_configured) {
        line = "no content feed configured (content_feed.url)";
    } else if (!s.last_check) {
        line = "content feed: no check yet";
    } else if (s.last_error.empty()) {
        line = "content feed: last check OK " + format_status_time(s.last_check);
    } else {
        line = "content feed: last check FAILED " + format_status_time(s.last_check) + ": " + s.last_error;
    }
    if (s.feed_configured)
        line += "; last success " + format_status_time(s.last_success) + "; " + std::to_string(s.updates) +
                " update(s), " + std::to_string(s.failures) + " failure(s)";
    line += "; showing " + s.version + " (" + s.source_label + ")";
    if (s.maps_last_success || s.maps_last_failure)
        line += "; maps refreshed " + format_status_time(s.maps_last_success) +
                (s.maps_last_failure ? ", failed " + format_status_time(s.maps_last_failure) : "");
    return line;
}

LiveUpdates::LiveUpdates(LiveUpdatesOptions options, const Membership& membership, const Content& shown,
                         ContentSource source)
    : options_(std::move(options)), membership_(membership), source_(source), version_(shown.version), published_(shown.published) {
    auto log = options_.logger ? options_.logger : spdlog::default_logger();
    if (!options_.feed.url.empty()) {
        net::ContentFeedOptions fo;
        fo.url = options_.feed.url;
        fo.public_key_b64 = options_.feed.public_key;
        fo.ca_file = options_.feed.ca_file;
        fo.cache = options_.root / "var" / "content-cache.json";
        fo.period = std::chrono::seconds(options_.feed.period_s);
        fo.logger = options_.logger;
        // The fonts' coverage too: feed content is validated exactly like the bundled file and --check-config.
        feed_ = std::make_unique<net::ContentFeed>(fo, content_parser(membership_, ui::kiosk_glyph_predicate()), shown,
                                                   source);
        jobs_.add(feed_->job());
        has_jobs_ = true;
        log->info("content feed: {} every {} s", fo.url, options_.feed.period_s);
    } else {
        log->info("content feed: not configured (content_feed.url is empty), showing {} content",
                  content_source_name(source));
    }
    if (options_.map_refresh) {
        net::MapRefreshOptions mo;
        mo.root = options_.root;
        mo.sources = net::map_sources(options_.root, options_.map_source);
        mo.membership = to_map_membership(membership_);
        mo.period = std::chrono::seconds(options_.map_update_period_s);
        mo.first_run = map_refresh_first_run(options_.root, mo.period, mo.first_run);
        net::PeriodicJob job = net::map_refresh_job(std::move(mo));
        // Record the outcome for the staff screen; fetch_maps has logged the details.
        job.run = [run = std::move(job.run), maps = maps_](const std::atomic<bool>& cancel) {
            net::JobOutcome out = run(cancel);
            if (!out.cancelled) {
                std::lock_guard lock(maps->mutex);
                (out.ok ? maps->success : maps->failure) = system_clock::now();
            }
            return out;
        };
        jobs_.add(std::move(job));
        has_jobs_ = true;
    }
}

LiveUpdates::~LiveUpdates() { stop(); }

void LiveUpdates::start() {
    if (has_jobs_ && !jobs_.running()) jobs_.start();
}

void LiveUpdates::stop() { jobs_.stop(); }

std::optional<Content> LiveUpdates::poll() {
    if (!feed_) return std::nullopt;
    std::optional<Content> update = feed_->take_update();
    if (update) {
        source_ = ContentSource::Feed;
        version_ = update->version;
        published_ = update->published;
    }
    return update;
}

net::JobOutcome LiveUpdates::check_now() {
    if (!feed_) return {};
    return feed_->check_now();
}

LiveStatus LiveUpdates::status() const {
    LiveStatus s;
    s.version = version_;
    s.published = published_;
    s.source = source_;
    switch (source_) {
        case ContentSource::Bundled: s.source_label = "bundled (config/content.json)"; break;
        case ContentSource::Cache: s.source_label = "cache (var/content-cache.json)"; break;
        case ContentSource::Feed: s.source_label = options_.feed.url; break;
    }
    s.feed_configured = feed_ != nullptr;
    if (feed_) {
        const net::FeedStatus f = feed_->status();
        s.last_check = f.last_attempt;
        s.last_success = f.last_success;
        s.last_error = f.last_error;
        s.checks = f.checks;
        s.updates = f.updates;
        s.failures = f.failures;
    }
    std::lock_guard lock(maps_->mutex);
    s.maps_last_success = maps_->success;
    s.maps_last_failure = maps_->failure;
    return s;
}

}  // namespace qmi::app
