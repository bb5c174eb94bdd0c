// A fixed-capacity single-producer / single-consumer ring of trivially copyable values: the frame loop pushes,
// the statistics writer thread pops. push() never waits, never allocates and never fails other than by being full;
// the two threads share nothing but two atomic indices.
#pragma once
#include <atomic>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

namespace qmi::store {

template <class T>
class EventRing {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    // Capacity is rounded up to a power of two (at least 2).
    explicit EventRing(size_t capacity) {
        size_t n = 2;
        while (n < capacity) n *= 2;
        slots_ = std::make_unique<T[]>(n);
        mask_ = n - 1;
    }

    size_t capacity() const { return mask_ + 1; }

    // Producer thread only. False when full (the value is not stored).
    bool push(const T& value) noexcept {
        const size_t head = head_.load(std::memory_order_relaxed);
        if (head - tail_.load(std::memory_order_acquire) > mask_) return false;
        slots_[head & mask_] = value;
        head_.store(head + 1, std::memory_order_release);
        return true;
    }

    // Consumer thread only. Appends everything pushed so far to `out`; returns how many.
    size_t pop_all(std::vector<T>& out) {
        const size_t tail = tail_.load(std::memory_order_relaxed);
        const size_t head = head_.load(std::memory_order_acquire);
        for (size_t i = tail; i != head; ++i) out.push_back(slots_[i & mask_]);
        tail_.store(head, std::memory_order_release);
        return head - tail;
    }

private:
    std::unique_ptr<T[]> slots_;
    size_t mask_ = 1;
    alignas(64) std::atomic<size_t> head_{0};  // next slot the producer writes
    alignas(64) std::atomic<size_t> tail_{0};  // next slot the consumer reads
};

}  // namespace qmi::store
