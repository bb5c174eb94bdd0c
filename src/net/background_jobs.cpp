#include "net/background_jobs.hpp"

#include <algorithm>
#include <random>

namespace qmi::net {

using namespace std::chrono;

milliseconds retry_delay(unsigned consecutive_failures, milliseconds initial, milliseconds max,
                         double unit_random) {
    if (consecutive_failures == 0) consecutive_failures = 1;
    // Double until the cap; never shift past it (no overflow however long the outage).
    milliseconds base = std::max(initial, milliseconds{1});
    for (unsigned i = 1; i < consecutive_failures && base < max; ++i) base *= 2;
    base = std::min(base, max);
    unit_random = std::clamp(unit_random, 0.0, 1.0);
    const auto half = base / 2;
    return half + milliseconds{static_cast<int64_t>(static_cast<double>((base - half).count()) * unit_random)};
}

BackgroundJobs::BackgroundJobs(uint64_t jitter_seed)
    : rng_state_(jitter_seed != 0 ? jitter_seed : (uint64_t{std::random_device{}()} << 32) | std::random_device{}()) {}

BackgroundJobs::~BackgroundJobs() { stop(); }

void BackgroundJobs::add(PeriodicJob job) {
    if (running()) return;  // the thread owns slots_ once started
    slots_.push_back({std::move(job), {}, 0});
}

void BackgroundJobs::start() {
    if (running()) return;
    cancel_ = false;
    const auto now = steady_clock::now();
    for (auto& slot : slots_) slot.due = now + slot.job.first_run;
    thread_ = std::thread([this] { loop(); });
}

void BackgroundJobs::stop() {
    {
        std::lock_guard lock(mutex_);
        cancel_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void BackgroundJobs::loop() {
    std::mt19937_64 rng(rng_state_);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    while (!cancel_) {
        if (slots_.empty()) {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return cancel_.load(); });
            break;
        }
        auto next = std::min_element(slots_.begin(), slots_.end(),
                                     [](const Slot& a, const Slot& b) { return a.due < b.due; });
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_until(lock, next->due, [&] { return cancel_.load(); })) break;
        }
        const JobResult result = next->job.run(cancel_);
        if (result == JobResult::Cancelled || cancel_) break;
        const auto now = steady_clock::now();
        if (result == JobResult::Succeeded) {
            next->failures = 0;
            next->due = now + next->job.period;
        } else {
            ++next->failures;
            next->due = now + retry_delay(next->failures, next->job.retry_initial, next->job.retry_max, unit(rng));
        }
    }
}

}  // namespace qmi::net
