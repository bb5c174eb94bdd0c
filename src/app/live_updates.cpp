#include "app/live_updates.hpp"

#include <algorithm>

#include <date/date.h>
#include <spdlog/spdlog.h>

#include "core/map_build.hpp"
#include "net/map_fetch.hpp"
#include "net/map_refresh.hpp"
#include "ui/glyph_coverage.hpp"

namespace qmi::app {

using std::chrono::system_clock;

std::string format_status_time(const std::optional<system_clock::time_point>& t) {
    if (!t) return "\xE2\x80\x94";  // em dash
    return date::format("%Y-%m-%d %H:%M UTC", std::chrono::floor<std::chrono::minutes>(*t));
}

std::string status_line(const LiveStatus& s) {
    const net::FeedStatus& f = s.feed;
    std::string line;
    if (!s.feed_configured) {
        line = "no content feed configured (content_feed.url)";
    } else if (!f.last_attempt) {
        line = "content feed: no check yet";
    } else if (f.last_error.empty()) {
        line = "content feed: last check OK " + format_status_time(f.last_attempt);
    } else {
        line = "content feed: last check FAILED " + format_status_time(f.last_attempt) + ": " + f.last_error;
    }
    if (s.feed_configured)
        line += "; last success " + format_status_time(f.last_success) + "; " + std::to_string(f.updates) +
                " update(s), " + std::to_string(f.failures) + " failure(s)";
    line += "; showing " + (f.shown ? f.shown->version : std::string("?")) + " (" + s.source_label + ")";
    if (s.maps_last_success || s.maps_last_failure)
        line += "; maps refreshed " + format_status_time(s.maps_last_success) +
                (s.maps_last_failure ? ", failed " + format_status_time(s.maps_last_failure) : "");
    if (!s.maps_repairing.empty()) {
        line += "; damaged contour files being refetched:";
        for (const std::string& d : s.maps_repairing) line += " " + d;
    }
    return line;
}

LiveUpdates::LiveUpdates(const std::filesystem::path& root, const KioskData& data, LiveTuning tuning)
    // The fonts' coverage too: feed content is validated exactly like the bundled file and --check-config.
    : membership_(data.membership),
      feed_(data.settings.content_feed, content_paths(root), content_parser(membership_, ui::kiosk_glyph_predicate()), data.content,
            data.content_source, tuning.feed),
      jobs_(tuning.jitter_seed) {
    auto log = tuning.feed.logger ? tuning.feed.logger : spdlog::default_logger();
    if (feed_.configured()) {
        jobs_.add(feed_.job());
        log->info("content feed: {} every {} s", data.settings.content_feed.url, data.settings.content_feed.period_s);
    } else {
        log->info("content feed: not configured (content_feed.url is empty), showing {} content",
                  content_source_name(data.content_source));
    }
    if (tuning.map_jobs) {
        net::MapRefreshOptions mo;
        mo.root = root;
        mo.sources = net::map_sources(root, net::effective_map_source(data.settings));
        mo.membership = to_map_membership(membership_);
        mo.repair = data.map_repair;
        mo.repair_arrondissements = data.map_repair_arrondissements;
        mo.repair_first_run = tuning.map_repair_delay;
        mo.period = std::chrono::seconds(data.settings.map_update_period_s);
        mo.first_run = net::map_refresh_first_run(root, mo.period, mo.first_run);
        maps_->repairing = data.map_repair;
        net::PeriodicJob job = net::map_refresh_job(std::move(mo));
        // Record the outcome for the staff screen; fetch_maps has logged the details.
        job.run = [run = std::move(job.run), maps = maps_](const std::atomic<bool>& cancel) {
            const net::JobResult result = run(cancel);
            if (result != net::JobResult::Cancelled) {
                std::lock_guard lock(maps->mutex);
                if (result == net::JobResult::Succeeded) {
                    maps->success = system_clock::now();
                    maps->repairing.clear();
                } else {
                    maps->failure = system_clock::now();
                }
            }
            return result;
        };
        jobs_.add(std::move(job));
    }
}

LiveUpdates::~LiveUpdates() { stop(); }

void LiveUpdates::start() {
    if (!jobs_.empty() && !jobs_.running()) jobs_.start();
}

void LiveUpdates::stop() { jobs_.stop(); }

std::optional<Content> LiveUpdates::poll() { return feed_.take_update(); }

net::FeedOutcome LiveUpdates::check_now() { return feed_.check_now(); }

LiveStatus LiveUpdates::status() const {
    LiveStatus s;
    s.feed = feed_.status();
    s.feed_configured = feed_.configured();
    switch (s.feed.source) {
        case ContentSource::Bundled: s.source_label = "bundled (config/content.json)"; break;
        case ContentSource::Cache: s.source_label = "cache (var/content-cache.signed)"; break;
        case ContentSource::Feed: s.source_label = s.feed.shown_from; break;
    }
    std::lock_guard lock(maps_->mutex);
    s.maps_last_success = maps_->success;
    s.maps_last_failure = maps_->failure;
    s.maps_repairing = maps_->repairing;
    return s;
}

}  // namespace qmi::app
