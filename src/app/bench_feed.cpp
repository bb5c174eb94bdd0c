#include "app/bench_feed.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "core/content_store.hpp"
#include "net/content_feed.hpp"

namespace qmi::app {

BenchFeedLoad::BenchFeedLoad(std::string url, const KioskData& data) : url_(std::move(url)), data_(data) {
    cache_dir_ = std::filesystem::temp_directory_path() / ("qmi-bench-feed-" + std::to_string(::getpid()));
}

BenchFeedLoad::~BenchFeedLoad() { stop(); }

void BenchFeedLoad::start() {
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void BenchFeedLoad::stop() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
    std::error_code ec;
    std::filesystem::remove_all(cache_dir_, ec);
}

void BenchFeedLoad::loop() {
    const ContentParser parse = content_parser(data_.membership);
    // The feed's one line per failure would interleave with the bench figures: collect it for summary() instead.
    auto quiet = std::make_shared<spdlog::logger>("bench-feed", std::make_shared<spdlog::sinks::null_sink_mt>());
    net::FeedTuning tuning;
    tuning.total_timeout_s = 120;  // a slow body is the point here
    tuning.logger = quiet;
    // A throw-away var/: cache and high-water mark are removed after each round, so every round is a new update.
    const ContentPaths paths{{}, cache_dir_ / "content-cache.signed", cache_dir_ / "content-high-water.json"};
    // The URL under test, not the one in kiosk.json; the key stays kiosk.json's.
    Settings::Feed settings = data_.settings.content_feed;
    settings.url = url_;
    while (!cancel_) {
        net::ContentFeed feed(settings, paths, parse, data_.content, data_.content_source, tuning);
        const auto t0 = std::chrono::steady_clock::now();
        const net::FeedOutcome out = feed.check_now(&cancel_);
        if (out == net::FeedOutcome::Cancelled || cancel_) break;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::optional<Content> c = feed.take_update();
        const net::FeedStatus st = feed.status();
        std::error_code ec;
        const auto size = std::filesystem::file_size(paths.cache, ec);
        std::lock_guard lock(mutex_);
        ++rounds_;
        seconds_ += s;
        if (!ec) bytes_ += size;
        if (out == net::FeedOutcome::Failed || out == net::FeedOutcome::NotConfigured) {
            ++failures_;
            last_error_ = st.last_error;
        }
        if (c) {
            ++updates_;
            update_ = std::move(c);
            has_update_ = true;
        }
        std::filesystem::remove_all(cache_dir_, ec);
    }
}

std::optional<Content> BenchFeedLoad::take_update() {
    if (!has_update_.load(std::memory_order_acquire)) return std::nullopt;
    std::lock_guard lock(mutex_);
    has_update_ = false;
    std::optional<Content> out = std::move(update_);
    update_.reset();
    return out;
}

std::string BenchFeedLoad::summary() const {
    std::lock_guard lock(mutex_);
    char line[256];
    std::snprintf(line, sizeof line, "%d complete downloads (%d updates, %d failures), %.2f MB each, %.2f s each",
                  rounds_, updates_, failures_, rounds_ - failures_ > 0 ? bytes_ / 1e6 / (rounds_ - failures_) : 0.0,
                  rounds_ ? seconds_ / rounds_ : 0.0);
    std::string s = line;
    if (!last_error_.empty()) s += "; last error: " + last_error_;
    return s;
}

}  // namespace qmi::app
