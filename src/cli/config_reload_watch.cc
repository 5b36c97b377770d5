#include "cli/config_reload_watch.h"

namespace sluice::cli {

ConfigReloadWatch::ConfigReloadWatch(std::chrono::milliseconds first_ttl, Check check,
                                     std::function<void()> on_change)
    : check_(std::move(check)), on_change_(std::move(on_change)) {
  thread_ = std::thread([this, first_ttl] { run(first_ttl); });
}

ConfigReloadWatch::~ConfigReloadWatch() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool ConfigReloadWatch::changed() const {
  std::lock_guard lock(mutex_);
  return changed_;
}

void ConfigReloadWatch::run(std::chrono::milliseconds first_ttl) {
  std::chrono::milliseconds delay = std::max(first_ttl, std::chrono::milliseconds(1000));
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, delay, [this]() REQUIRES(mutex_) { return stop_; })) return;
    }
    CheckResult result = check_();
    switch (result.outcome) {
      case CheckResult::Outcome::kChanged: {
        {
          std::lock_guard lock(mutex_);
          if (stop_) return;
          changed_ = true;
        }
        on_change_();
        return;
      }
      case CheckResult::Outcome::kUnchanged:
        if (!result.next_ttl) return;  // nothing expires any more
        delay = *result.next_ttl;
        break;
      case CheckResult::Outcome::kFailed:
        break;  // the same delay again
    }
    delay = std::max(delay, std::chrono::milliseconds(1000));
  }
}

}  // namespace sluice::cli
