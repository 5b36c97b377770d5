#include "sink/memory_budget.h"

namespace sluice::sink {

void MemoryBudget::charge(size_t bytes) {
  size_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  size_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

void MemoryBudget::release(size_t bytes) {
  size_t before = used_.fetch_sub(bytes, std::memory_order_relaxed);
  if (before >= limit_ && before - bytes < limit_) {
    // Crossing back under the limit: wake a task waiting for room. Taking the mutex orders the
    // notification after the waiter's check, so the wake-up cannot be lost.
    std::lock_guard<std::mutex> lock(mutex_);
    room_.notify_all();
  }
}

bool MemoryBudget::wait_for_room(std::chrono::milliseconds timeout) {
  waiting_.fetch_add(1, std::memory_order_relaxed);
  std::unique_lock<std::mutex> lock(mutex_);
  bool room = room_.wait_for(lock, timeout, [this] { return !over_limit(); });
  waiting_.fetch_sub(1, std::memory_order_relaxed);
  return room;
}

}  // namespace sluice::sink
