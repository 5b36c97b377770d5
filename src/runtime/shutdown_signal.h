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
  // Whether the task loops should stop (a stop or a restart was asked for).
  static bool requested() { return flag().load(std::memory_order_seq_cst); }
  // A stop for good: the signal handlers, a failed task, tests, the REST API.
  static void request() {
    stopping().store(true, std::memory_order_seq_cst);
    flag().store(true, std::memory_order_seq_cst);
  }
  // Stops the task loops so that the caller can start the connector again (a config provider's
  // value changed, config.action.reload=restart). A stop for good requested too wins.
  static void request_restart() { flag().store(true, std::memory_order_seq_cst); }
  // After the runtime stopped: true (and the request is cleared) when it stopped only for a
  // restart; false when a stop for good was requested, which then stays requested. A signal that
  // arrives while this runs is never lost: the handler sets `stopping` before the flag.
  static bool consume_restart() {
    flag().store(false, std::memory_order_seq_cst);
    if (stopping().load(std::memory_order_seq_cst)) {
      flag().store(true, std::memory_order_seq_cst);
      return false;
    }
    return true;
  }
  // The flag itself, for code that can abort a blocking call when it is set
  // (http::HttpClientOptions::cancel).
  static const std::atomic<bool>* cancel_flag() { return &flag(); }
  static void clear() {
    stopping().store(false, std::memory_order_seq_cst);
    flag().store(false, std::memory_order_seq_cst);
  }

 private:
  static std::atomic<bool>& flag();
  static std::atomic<bool>& stopping();
};

}  // namespace sluice::runtime
