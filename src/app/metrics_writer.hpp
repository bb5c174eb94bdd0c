// Fleet health on disk: kiosk.json's metrics.textfile, rewritten every metrics.period_s for node_exporter's textfile
// collector (core/fleet_health.hpp lists the metrics). The file is replaced atomically (temporary file in the same
// directory + fsync + rename), so the collector never reads half a file; the temporary name does not end in
// ".prom", so the collector never reads it either.
//
// Loop usage (the write itself happens on the writer's own thread, never in a frame):
//     MetricsWriter metrics(metrics_writer_options(root, settings));    // once; file "" = off
//     metrics.start();
//     every frame:  if (metrics.due()) metrics.offer(snapshot());       // due(): one clock read
//     at exit:      metrics.stop(final_snapshot_with_up_false);          // last file says qmi_kiosk_up 0
//
// A write that fails (directory missing: node_exporter not set up; disk full; permissions) is one warning line,
// then at most one line an hour while it keeps failing, and one line when it works again. The directory is never
// created: it belongs to node_exporter's set-up.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/live_updates.hpp"
#include "core/fleet_health.hpp"
#include "core/settings.hpp"

namespace spdlog {
class logger;
}

namespace qmi::app {

struct MetricsWriterOptions {
    std::filesystem::path file;              // "" = no metrics file
    std::chrono::milliseconds period{15000};  // at most one write per period
    std::shared_ptr<spdlog::logger> logger;  // null = spdlog's default logger
};

// kiosk.json's metrics.textfile (relative paths are under `root`) and metrics.period_s.
MetricsWriterOptions metrics_writer_options(const std::filesystem::path& root, const Settings& settings,
                                            std::shared_ptr<spdlog::logger> logger = nullptr);

// Copies what the staff status knows (content version, source and date, feed checks, map refresh) into `h`.
void add_live_status(FleetHealth& h, const LiveStatus& status);

class MetricsWriter {
public:
    explicit MetricsWriter(MetricsWriterOptions options);
    ~MetricsWriter();  // stop() without a final snapshot
    MetricsWriter(const MetricsWriter&) = delete;
    MetricsWriter& operator=(const MetricsWriter&) = delete;

    void start();  // no-op when no file is configured
    // Frame loop: true when a period has passed since the last accepted snapshot (false when off).
    bool due() const;
    // Frame loop: hands a snapshot to the writer thread when due; false (and nothing done) when not due or when the
    // writer is still busy with the previous one. Never waits for the disk.
    bool offer(FleetHealth snapshot);
    // Writes `last` (when given; the caller sets up = false) and joins. Idempotent.
    void stop(std::optional<FleetHealth> last = std::nullopt);

    // Tests: waits until every snapshot offered so far has been written or has failed.
    bool sync(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    uint64_t writes() const { return writes_.load(); }
    uint64_t failures() const { return failures_.load(); }
    const std::filesystem::path& file() const { return options_.file; }

private:
    void run();
    void write(const FleetHealth& h);

    MetricsWriterOptions options_;
    std::shared_ptr<spdlog::logger> log_;
    std::atomic<int64_t> next_due_ns_{0};  // steady clock
    std::atomic<uint64_t> writes_{0}, failures_{0};

    std::mutex mutex_;  // guards what follows
    std::condition_variable wake_, done_;
    std::optional<FleetHealth> slot_;
    bool stop_requested_ = false;
    uint64_t offered_ = 0, handled_ = 0;

    // Writer thread only.
    uint64_t failing_since_attempts_ = 0;
    std::chrono::steady_clock::time_point last_failure_log_{};

    std::thread thread_;
};

}  // namespace qmi::app
