#include "app/metrics_writer.hpp"

#include <system_error>

#include <spdlog/spdlog.h>

#include "core/atomic_file.hpp"
#include "core/content_store.hpp"

namespace qmi::app {

namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr std::chrono::hours kFailureLogInterval{1};

int64_t steady_ns(SteadyClock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::optional<date::sys_seconds> seconds_of(const std::optional<std::chrono::system_clock::time_point>& t) {
    if (!t) return std::nullopt;
    return date::floor<std::chrono::seconds>(*t);
}

}  // namespace

MetricsWriterOptions metrics_writer_options(const std::filesystem::path& root, const Settings& settings,
                                            std::shared_ptr<spdlog::logger> logger) {
    MetricsWriterOptions o;
    if (!settings.metrics.textfile.empty()) {
        const std::filesystem::path p = settings.metrics.textfile;
        o.file = p.is_absolute() ? p : root / p;
    }
    o.period = std::chrono::seconds(settings.metrics.period_s);
    o.logger = std::move(logger);
    return o;
}

void add_live_status(FleetHealth& h, const LiveStatus& s) {
    const net::FeedStatus& f = s.feed;
    if (f.shown) {
        h.content_version = f.shown->version;
        h.content_published = f.shown->instant;
    }
    h.content_source = content_source_name(f.source);
    h.feed_configured = s.feed_configured;
    h.last_update_check = seconds_of(f.last_attempt);
    h.last_update_success = seconds_of(f.last_success);
    if (f.last_attempt) h.last_update_ok = f.last_error.empty();
    h.update_checks = f.checks;
    h.updates = f.updates;
    h.update_failures = f.failures;
    h.maps_last_refresh = seconds_of(s.maps_last_success);
}

MetricsWriter::MetricsWriter(MetricsWriterOptions options)
    : options_(std::move(options)), log_(options_.logger ? options_.logger : spdlog::default_logger()) {}

MetricsWriter::~MetricsWriter() { stop(); }

void MetricsWriter::start() {
    if (options_.file.empty() || thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_requested_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

bool MetricsWriter::due() const {
    return thread_.joinable() && steady_ns(SteadyClock::now()) >= next_due_ns_.load(std::memory_order_relaxed);
}

bool MetricsWriter::offer(FleetHealth snapshot) {
    if (!due()) return false;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || slot_) return false;  // the writer holds the lock or has not taken the last one yet
    slot_ = std::move(snapshot);
    ++offered_;
    next_due_ns_.store(steady_ns(SteadyClock::now() + options_.period), std::memory_order_relaxed);
    lock.unlock();
    wake_.notify_one();
    return true;
}

void MetricsWriter::stop(std::optional<FleetHealth> last) {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        if (last) {
            slot_ = std::move(last);
            ++offered_;
        }
        stop_requested_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

bool MetricsWriter::sync(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const uint64_t target = offered_;
    return done_.wait_for(lock, timeout, [&] { return handled_ >= target; });
}

void MetricsWriter::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_requested_ || slot_.has_value(); });
        if (slot_) {
            const FleetHealth h = std::move(*slot_);
            slot_.reset();
            lock.unlock();
            write(h);
            lock.lock();
            ++handled_;
            done_.notify_all();
            continue;  // a final snapshot may be waiting behind a stop request
        }
        if (stop_requested_) break;
    }
}

void MetricsWriter::write(const FleetHealth& h) {
    const std::filesystem::path& file = options_.file;
    std::string error;
    std::error_code ec;
    // write_file_atomically would create a missing directory; this one is node_exporter's, not ours to invent.
    const std::filesystem::path dir = file.parent_path();
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
        error = dir.string() + ": no such directory (is node_exporter's textfile collector set up?)";
    else
        error = write_file_atomically(file, fleet_health_text(h), 0644);

    const auto now = SteadyClock::now();
    if (error.empty()) {
        writes_.fetch_add(1);
        if (failing_since_attempts_ > 0)
            log_->info("metrics: {} written again after {} failed attempts", file.string(), failing_since_attempts_);
        failing_since_attempts_ = 0;
        return;
    }
    failures_.fetch_add(1);
    if (++failing_since_attempts_ == 1 || now - last_failure_log_ >= kFailureLogInterval) {
        log_->warn("metrics: cannot write {}: {}{}", file.string(), error,
                   failing_since_attempts_ > 1 ? " (still failing)" : "");
        last_failure_log_ = now;
    }
}

}  // namespace qmi::app
