// ConfigReloadWatch: the TTL half of `config.action.reload=restart`.
//
// When the earliest TTL of the values resolved from config providers passes, it asks `check` to
// resolve the configurations again. If a value changed it calls `on_change` once (the CLI then
// stops the runtime and starts it with the new values) and stops watching; if none changed it
// waits for the TTL the new resolution gives; if resolving failed (provider unreachable) it keeps
// the running values and tries again after the same TTL, at least a second later.
//
// Owns one thread, started by the constructor and joined by the destructor; `check` and
// `on_change` run on it and must stay callable until the watch is destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "util/thread_annotations.h"

namespace sluice::cli {

class ConfigReloadWatch {
 public:
  struct CheckResult {
    enum class Outcome { kUnchanged, kChanged, kFailed } outcome = Outcome::kUnchanged;
    std::optional<std::chrono::milliseconds> next_ttl;  // for kUnchanged
  };
  using Check = std::function<CheckResult()>;

  ConfigReloadWatch(std::chrono::milliseconds first_ttl, Check check,
                    std::function<void()> on_change);
  ~ConfigReloadWatch();
  ConfigReloadWatch(const ConfigReloadWatch&) = delete;
  ConfigReloadWatch& operator=(const ConfigReloadWatch&) = delete;

  // Whether on_change was called.
  bool changed() const;

 private:
  void run(std::chrono::milliseconds first_ttl);

  Check check_;
  std::function<void()> on_change_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ GUARDED_BY(mutex_) = false;
  bool changed_ GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace sluice::cli
