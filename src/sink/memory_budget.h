// MemoryBudget: one limit on the bytes that all open files of the process hold in memory.
//
// The Java connector allocates a full s3.part.size buffer per open file, so memory grows with the
// number of open files until the JVM dies. sluice charges every buffered byte to one budget
// instead: buffers grow only as data arrives, and when the budget is spent the task stops taking
// records (backpressure) until uploads give memory back. Charging never fails, because a record
// that is half encoded cannot be refused; the caller checks over_limit() between batches.
// Charged: every part buffer (PartBuffer) and what format writers hold outside it (an Avro file's
// block being built and its compressed copy), through the util::MemoryAccount interface.
// Thread-safe: writers charge from task threads, uploads release from upload threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

#include "util/memory_account.h"

namespace sluice::sink {

class MemoryBudget final : public util::MemoryAccount {
 public:
  explicit MemoryBudget(size_t limit_bytes) : limit_(limit_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  void charge(size_t bytes) override;
  void release(size_t bytes) override;

  size_t used() const { return used_.load(std::memory_order_relaxed); }
  size_t peak() const { return peak_.load(std::memory_order_relaxed); }
  size_t limit() const { return limit_; }
  bool over_limit() const { return used() >= limit_; }

  // Waits until used() < limit() or the timeout passes; returns whether memory is available.
  bool wait_for_room(std::chrono::milliseconds timeout);
  // How many threads are in wait_for_room() now (for metrics).
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

 private:
  const size_t limit_;
  std::atomic<size_t> used_{0};
  std::atomic<size_t> peak_{0};
  std::atomic<size_t> waiting_{0};
  std::mutex mutex_;
  std::condition_variable room_;
};

// Bytes charged to a MemoryBudget, released when the owner is destroyed: moves with the buffer it
// accounts for (from a writer to an upload job).
using BudgetCharge = util::MemoryCharge;

}  // namespace sluice::sink
