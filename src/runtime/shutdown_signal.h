// ShutdownSignal: turns SIGTERM and SIGINT into a flag the task loops check.
//
// The handler only stores to an atomic (async-signal-safe); the loops notice within one poll
// timeout and run the graceful shutdown: finish or abandon uploads, commit what is durable, leave
// the group, exit 0.
#pragma once

#include <atomic>

namespace sluice::runtime {

class ShutdownSignal {
 public:
  // Installs the handlers (once per process).
  static void install();
  static bool requested() { return flag().load(std::memory_order_relaxed); }
  // For tests and for an orderly stop requested through the REST API.
  static void request() { flag().store(true, std::memory_order_relaxed); }
  static void clear() { flag().store(false, std::memory_order_relaxed); }

 private:
  static std::atomic<bool>& flag();
};

}  // namespace sluice::runtime
