// MemoryBudget: one limit on the bytes that all open files of the process hold in memory.
//
// The Java connector allocates a full s3.part.size buffer per open file, so memory grows with the
// number of open files until the JVM dies. sluice charges every buffered byte to one budget
// instead: buffers grow only as data arrives, and when the budget is spent the task stops taking
// records (backpressure) until uploads give memory back. Charging never fails, because a record
// that is half encoded cannot be refused; the caller checks over_limit() between batches.
// Thread-safe: writers charge from task threads, uploads release from upload threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace sluice::sink {

class MemoryBudget {
 public:
  explicit MemoryBudget(size_t limit_bytes) : limit_(limit_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  void charge(size_t bytes);
  void release(size_t bytes);

  size_t used() const { return used_.load(std::memory_order_relaxed); }
  size_t peak() const { return peak_.load(std::memory_order_relaxed); }
  size_t limit() const { return limit_; }
  bool over_limit() const { return used() >= limit_; }

  // Waits until used() < limit() or the timeout passes; returns whether memory is available.
  bool wait_for_room(std::chrono::milliseconds timeout);

 private:
  const size_t limit_;
  std::atomic<size_t> used_{0};
  std::atomic<size_t> peak_{0};
  std::mutex mutex_;
  std::condition_variable room_;
};

// Bytes charged to a MemoryBudget, released when the owner is destroyed: moves with the buffer it
// accounts for (from a writer to an upload job).
class BudgetCharge {
 public:
  BudgetCharge() = default;
  BudgetCharge(MemoryBudget* budget, size_t bytes) : budget_(budget), bytes_(bytes) {
    if (budget_ != nullptr) budget_->charge(bytes_);
  }
  BudgetCharge(BudgetCharge&& other) noexcept : budget_(other.budget_), bytes_(other.bytes_) {
    other.bytes_ = 0;
  }
  BudgetCharge& operator=(BudgetCharge&& other) noexcept {
    if (this != &other) {
      reset();
      budget_ = other.budget_;
      bytes_ = other.bytes_;
      other.bytes_ = 0;
    }
    return *this;
  }
  ~BudgetCharge() { reset(); }

  // Adjusts the charge to `bytes` (grows or shrinks).
  void resize(size_t bytes);
  size_t bytes() const { return bytes_; }
  void reset() {
    if (budget_ != nullptr && bytes_ > 0) budget_->release(bytes_);
    bytes_ = 0;
  }

 private:
  MemoryBudget* budget_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace sluice::sink
