// --bench-feed URL: the content feed downloading, checking and handing over content on its own thread while
// --bench draws frames, so the benchmark can compare frame times with and without a download in flight.
// Each round is a fresh ContentFeed (no ETag: the whole body every time) against URL, with the key from
// config/kiosk.json and a throw-away cache; every accepted update is handed to the render loop like in the kiosk.
#pragma once
#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/kiosk_data.hpp"

namespace qmi::app {

class BenchFeedLoad {
public:
    BenchFeedLoad(std::string url, const KioskData& data);  // `data` must outlive this object
    ~BenchFeedLoad();  // stop()
    BenchFeedLoad(const BenchFeedLoad&) = delete;
    BenchFeedLoad& operator=(const BenchFeedLoad&) = delete;

    void start();
    void stop();  // cancels the transfer in flight, joins, removes the throw-away cache
    std::optional<Content> take_update();  // render thread, like LiveUpdates::poll()
    // "3 downloads (1 updates, 0 failures), 2.4 MB each, 5.1 s per download; last error: ..."
    std::string summary() const;

private:
    void loop();

    std::string url_;
    const KioskData& data_;
    std::filesystem::path cache_dir_;
    std::atomic<bool> cancel_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    std::optional<Content> update_;
    std::atomic<bool> has_update_{false};
    int rounds_ = 0, updates_ = 0, failures_ = 0;
    double seconds_ = 0;
    uintmax_t bytes_ = 0;
    std::string last_error_;
};

}  // namespace qmi::app
