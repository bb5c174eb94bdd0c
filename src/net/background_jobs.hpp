// One background thread running periodic jobs (the content feed, the weekly map refresh), each with its own period
// and its own exponential backoff with jitter after failures. The render thread never waits on it: stop() cancels a
// transfer in flight (http_fetch's cancel flag) and wakes the sleeping thread at once.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace qmi::net {

enum class JobResult {
    Succeeded,  // next run after the job's period
    Failed,     // the job has logged its one line; next run after the backoff delay
    Cancelled,  // stopped by BackgroundJobs::stop(): neither success nor failure
};

struct PeriodicJob {
    std::string name;                                        // "content feed", "map refresh"
    std::chrono::milliseconds period{std::chrono::minutes{15}};
    std::chrono::milliseconds first_run{0};                  // delay after start() before the first run
    std::chrono::milliseconds retry_initial{std::chrono::seconds{30}};  // first retry delay after a failure
    std::chrono::milliseconds retry_max{std::chrono::hours{1}};         // backoff cap
    std::function<JobResult(const std::atomic<bool>& cancel)> run;
};

// Delay before the next try after `consecutive_failures` (>= 1) failures: initial * 2^(n-1), capped at `max`,
// then "equal jitter": uniformly in [d/2, d] (unit_random in [0, 1)) so that a fleet of kiosks that lost the
// network together does not hit the server in the same second when it comes back.
std::chrono::milliseconds retry_delay(unsigned consecutive_failures, std::chrono::milliseconds initial,
                                      std::chrono::milliseconds max, double unit_random);

class BackgroundJobs {
public:
    // jitter_seed 0: seeded from std::random_device (tests pass a fixed seed).
    explicit BackgroundJobs(uint64_t jitter_seed = 0);
    ~BackgroundJobs();  // stop()
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    void add(PeriodicJob job);  // before start()
    bool empty() const { return slots_.empty(); }
    void start();
    // Sets the cancel flag, wakes the thread, joins it. A transfer in flight aborts within http_fetch's progress
    // callback granularity; a file being written is finished (writes are atomic and short). Idempotent.
    void stop();
    bool running() const { return thread_.joinable(); }

private:
    void loop();

    struct Slot {
        PeriodicJob job;
        std::chrono::steady_clock::time_point due;
        unsigned failures = 0;
    };
    std::vector<Slot> slots_;
    std::atomic<bool> cancel_{false};
    std::mutex mutex_;  // guards nothing but the wait; the render thread never touches it
    std::condition_variable wake_;
    std::thread thread_;
    uint64_t rng_state_;
};

}  // namespace qmi::net
