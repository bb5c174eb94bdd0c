#include "store/usage_recorder.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace qmi::store {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kMaxBackoff{60000};
constexpr std::chrono::hours kFailureLogInterval{1};
constexpr std::chrono::hours kPruneInterval{1};
constexpr std::chrono::hours kRecentWindow{48};  // "today" in Paris is always inside the last 48 UTC hours

}  // namespace

UsageRecorderOptions usage_recorder_options(const std::filesystem::path& root, const Settings& settings,
                                            std::function<date::sys_seconds()> now,
                                            std::shared_ptr<spdlog::logger> logger) {
    UsageRecorderOptions o;
    if (settings.stats.enabled) o.db.file = root / "var" / "usage.sqlite";
    o.db.max_bytes = static_cast<int64_t>(settings.stats.max_mb) * 1024 * 1024;
    o.db.retention_days = settings.stats.retention_days;
    o.db.logger = std::move(logger);
    o.now = std::move(now);
    return o;
}

UsageRecorder::UsageRecorder(UsageRecorderOptions options)
    : options_(std::move(options)),
      log_(options_.db.logger ? options_.db.logger : spdlog::default_logger()),
      enabled_(!options_.db.file.empty()),
      ring_(options_.queue_capacity),
      pending_(options_.max_pending_rows),
      recent_(options_.max_pending_rows) {
    status_.enabled = enabled_;
    batch_.reserve(ring_.capacity());
}

UsageRecorder::~UsageRecorder() { stop(); }

date::sys_seconds UsageRecorder::now() const {
    return options_.now ? options_.now() : date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void UsageRecorder::start() {
    if (!enabled_ || thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_requested_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void UsageRecorder::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_requested_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

bool UsageRecorder::record(const UsageEvent& event) noexcept {
    if (!enabled_) return false;
    // A second thread calling at the same moment would break the single-producer ring: refuse it instead.
    if (producing_.test_and_set(std::memory_order_acquire)) {
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    const bool queued = ring_.push(event);
    producing_.clear(std::memory_order_release);
    (queued ? recorded_ : dropped_).fetch_add(1, std::memory_order_relaxed);
    return queued;
}

UsageFigures UsageRecorder::today(date::sys_seconds now) const {
    std::vector<UsageRow> rows;
    {
        std::lock_guard lock(mutex_);
        rows = recent_.rows();
    }
    return usage_figures_of_day(rows, now);
}

UsageRecorderStatus UsageRecorder::status() const {
    std::lock_guard lock(mutex_);
    UsageRecorderStatus s = status_;
    s.recorded = recorded_.load(std::memory_order_relaxed);
    s.dropped = dropped_.load(std::memory_order_relaxed);
    return s;
}

bool UsageRecorder::sync(std::chrono::milliseconds timeout) {
    if (!thread_.joinable()) return false;
    std::unique_lock lock(mutex_);
    const uint64_t ticket = ++sync_requested_;
    wake_.notify_all();
    return synced_.wait_for(lock, timeout, [&] { return sync_done_ >= ticket; });
}

void UsageRecorder::run() {
    db_ = std::make_unique<UsageDb>(options_.db);
    const date::sys_seconds start = now();
    DbResult opened = db_->open(start);
    if (opened.ok()) {
        std::string error;
        std::vector<UsageRow> rows = db_->rows_since(hour_of(start) - kRecentWindow, &error);
        std::lock_guard lock(mutex_);
        recent_.add_rows(rows);
    } else {
        log_->warn("usage statistics: {}; counts are kept in memory and written when it works", opened.error);
        last_failure_log_ = SteadyClock::now();
        failed_attempts_ = 1;
        backoff_ = std::chrono::milliseconds(1000);
        retry_at_ = SteadyClock::now() + backoff_;
        std::lock_guard lock(mutex_);
        status_.store_ok = false;
        status_.last_error = opened.error;
    }
    last_prune_ = SteadyClock::now();

    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, options_.write_period,
                       [&] { return stop_requested_ || sync_requested_ != sync_done_; });
        const bool stopping = stop_requested_;
        const uint64_t ticket = sync_requested_;
        const bool forced = stopping || ticket != sync_done_;
        lock.unlock();
        cycle(forced);
        lock.lock();
        sync_done_ = ticket;
        synced_.notify_all();
        if (stopping) break;
    }
    lock.unlock();
    if (!pending_.empty())
        log_->error("usage statistics: {} hourly counts could not be written before exit", pending_.size());
    db_->close();
}

void UsageRecorder::cycle(bool force_write) {
    batch_.clear();
    ring_.pop_all(batch_);
    const date::sys_seconds t = now();

    UsageTally fresh(batch_.size() + 1);
    for (const UsageEvent& e : batch_) fresh.add(e);
    // Events that could not be kept become a count of their own, so the report says they are missing.
    const uint64_t dropped = dropped_.load(std::memory_order_relaxed);
    if (dropped > dropped_written_) {
        fresh.add(UsageEvent::not_recorded(t), dropped - dropped_written_);
        dropped_written_ = dropped;
    }
    if (!fresh.empty()) {
        const std::vector<UsageRow> rows = fresh.rows();
        for (const UsageRow& r : rows) {
            if (!pending_.add(r.hour, r.metric, UsageSubject::from(r.subject), r.count)) {
                // The disk has refused writes for so long that the counts in memory reached their bound.
                dropped_.fetch_add(r.count, std::memory_order_relaxed);
                dropped_written_ += r.count;  // cannot be stored either: counted in the status only
            }
        }
        std::lock_guard lock(mutex_);
        recent_.merge(fresh);
    }

    const auto steady = SteadyClock::now();
    if (!pending_.empty() && (force_write || steady >= retry_at_)) {
        const DbResult r = db_->add(pending_.rows(), t);
        if (r.ok()) {
            if (failed_attempts_ > 0)
                log_->info("usage statistics: writing works again after {} failed attempts ({} hourly counts kept)",
                           failed_attempts_, pending_.size());
            pending_.clear();
            failed_attempts_ = 0;
            backoff_ = std::chrono::milliseconds(0);
            std::lock_guard lock(mutex_);
            status_.store_ok = true;
            status_.last_error.clear();
            ++status_.writes;
        } else {
            ++failed_attempts_;
            if (failed_attempts_ == 1) {
                log_->warn("usage statistics: {}; counts are kept in memory and written when it works", r.error);
                last_failure_log_ = steady;
            } else if (steady - last_failure_log_ >= kFailureLogInterval) {
                log_->warn("usage statistics: still failing after {} attempts: {} ({} hourly counts waiting)",
                           failed_attempts_, r.error, pending_.size());
                last_failure_log_ = steady;
            }
            backoff_ = std::min(kMaxBackoff, std::max(std::chrono::milliseconds(1000), backoff_ * 2));
            retry_at_ = steady + backoff_;
            std::lock_guard lock(mutex_);
            status_.store_ok = false;
            status_.last_error = r.error;
        }
    }

    if (steady - last_prune_ >= kPruneInterval) {
        last_prune_ = steady;
        if (db_->is_open()) db_->prune(t);
        std::lock_guard lock(mutex_);
        recent_.erase_before(hour_of(t) - kRecentWindow);
    }
    std::lock_guard lock(mutex_);
    status_.pending_rows = pending_.size();
}

}  // namespace qmi::store
