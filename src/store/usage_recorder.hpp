// The usage statistics recorder: the frame loop hands it events, a background thread counts them per hour and
// writes the counts to var/usage.sqlite (store/usage_db.hpp). The frame loop never waits on the disk.
//
// Loop usage:
//     UsageRecorder usage(usage_recorder_options(root, settings, [&] { return clock.now(); }));   // at start-up
//     usage.start();                                                        // opens the database on its thread
//     usage.record(UsageEvent::session_start(clock.now()));                 // any frame, O(1), never blocks
//     usage.record(UsageEvent::commune_tap(clock.now(), "91027", true));
//     UsageFigures f = usage.today(clock.now());                            // staff screen, fleet health
//     usage.stop();                                                         // at exit: last write, joins
//
// record() copies the 24-byte event into a fixed ring (4096 events by default) and returns: no allocation, no lock,
// no system call, no exception. When the ring is full (the writer stuck on a slow or full disk for minutes) the
// event is counted as dropped instead, and the next write stores how many were lost ("not_recorded"), so a report
// never silently under-counts. record() is meant for ONE thread (the frame loop); a concurrent call from another
// thread is refused and counted as dropped rather than corrupting the ring.
//
// The writer thread wakes every write_period, moves the ring's events into per-hour counts and writes them in one
// transaction. A failed write (disk full, file unwritable) keeps the counts in memory (bounded) and retries with a
// growing delay up to a minute: the first failure is one warning line, then at most one line an hour while it
// lasts, and one line when writes succeed again. A damaged file is set aside and recreated (usage_db.hpp).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/settings.hpp"
#include "core/usage.hpp"
#include "store/event_ring.hpp"
#include "store/usage_db.hpp"

namespace qmi::store {

struct UsageRecorderOptions {
    UsageDbOptions db;                              // db.file empty = statistics off: record() does nothing
    size_t queue_capacity = 4096;                   // events between two wake-ups; a busy kiosk makes a few a second
    std::chrono::milliseconds write_period{2000};   // a power cut loses at most this much (plus SQLite's NORMAL sync)
    size_t max_pending_rows = 50000;                // counts kept in memory while the disk refuses writes (~5 MB)
    std::function<date::sys_seconds()> now;         // retention, file names; null = the system clock
};

// <root>/var/usage.sqlite with kiosk.json's stats.* (disabled when stats.enabled is false). `now` must be the clock
// the events are stamped with (the kiosk's clock, shifted by --now): retention and "today" are measured on it.
UsageRecorderOptions usage_recorder_options(const std::filesystem::path& root, const Settings& settings,
                                            std::function<date::sys_seconds()> now,
                                            std::shared_ptr<spdlog::logger> logger = nullptr);

struct UsageRecorderStatus {
    bool enabled = false;
    uint64_t recorded = 0;     // events accepted by record()
    uint64_t dropped = 0;      // events lost: ring full, concurrent record(), pending counts beyond their bound
    bool store_ok = true;      // the last write (or open) succeeded
    std::string last_error;    // one line when !store_ok
    size_t pending_rows = 0;   // counts waiting for a write that works
    uint64_t writes = 0;       // successful writes
};

class UsageRecorder {
public:
    explicit UsageRecorder(UsageRecorderOptions options);
    ~UsageRecorder();  // stop()
    UsageRecorder(const UsageRecorder&) = delete;
    UsageRecorder& operator=(const UsageRecorder&) = delete;

    void start();  // starts the writer thread, which opens the database; no-op when disabled or started
    // Wakes the writer for a last write of everything recorded, then joins. Idempotent. One write attempt: a locked
    // database waits at most SQLite's busy timeout (1 s); only a disk the kernel itself is stuck on holds it longer.
    void stop();

    // Frame loop. True when the event was queued. See the header comment: O(1), never blocks, never throws.
    bool record(const UsageEvent& event) noexcept;

    // Figures of `now`'s Paris day: what the database held at start plus what was recorded since (up to one
    // write_period behind). Any thread; takes a lock the writer holds only while merging a batch (microseconds).
    UsageFigures today(date::sys_seconds now) const;
    UsageRecorderStatus status() const;
    uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }

    // Tests and tools, never the frame loop: makes the writer process everything recorded before this call now
    // (ignoring its retry delay) and waits for it. False when it did not happen within `timeout`.
    bool sync(std::chrono::milliseconds timeout = std::chrono::seconds(10));

private:
    void run();
    void cycle(bool force_write);
    date::sys_seconds now() const;

    UsageRecorderOptions options_;
    std::shared_ptr<spdlog::logger> log_;
    bool enabled_ = false;

    EventRing<UsageEvent> ring_;
    std::atomic_flag producing_ = ATOMIC_FLAG_INIT;
    std::atomic<uint64_t> recorded_{0}, dropped_{0};

    // Writer thread only.
    std::unique_ptr<UsageDb> db_;
    UsageTally pending_;
    std::vector<UsageEvent> batch_;
    uint64_t dropped_written_ = 0;  // dropped_ already added to pending_ as not_recorded
    std::chrono::steady_clock::time_point retry_at_{}, last_prune_{}, last_failure_log_{};
    std::chrono::milliseconds backoff_{0};
    uint64_t failed_attempts_ = 0;

    mutable std::mutex mutex_;  // guards what follows
    std::condition_variable wake_;
    std::condition_variable synced_;
    bool stop_requested_ = false;
    uint64_t sync_requested_ = 0, sync_done_ = 0;
    UsageTally recent_;  // the last two Paris days, for today()
    UsageRecorderStatus status_;

    std::thread thread_;
};

}  // namespace qmi::store
