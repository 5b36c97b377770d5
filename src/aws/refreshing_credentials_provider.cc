#include "aws/refreshing_credentials_provider.h"

#include <algorithm>
#include <utility>

namespace sluice::aws {

using std::chrono::system_clock;

RefreshingCredentialsProvider::RefreshingCredentialsProvider(
    std::unique_ptr<CredentialsProvider> source, RefreshOptions options)
    : source_(std::move(source)),
      options_(std::move(options)),
      random_(static_cast<unsigned>(std::random_device{}())) {}

system_clock::time_point RefreshingCredentialsProvider::now() const {
  return options_.clock ? options_.clock() : system_clock::now();
}

RefreshingCredentialsProvider::Due RefreshingCredentialsProvider::due_times(
    const AwsCredentials& fresh, system_clock::time_point now) {
  Due due{system_clock::time_point::max(), system_clock::time_point::max()};
  if (!fresh.expiration) return due;
  system_clock::duration advisory = options_.advisory_window;
  if (options_.jitter.count() > 0) {
    std::uniform_int_distribution<system_clock::rep> pick(0, options_.jitter.count());
    advisory += system_clock::duration(pick(random_));
  }
  // A set that lives shorter than the windows would otherwise be "due" from the moment it
  // arrives and be refetched on every call.
  system_clock::duration left = std::max(*fresh.expiration - now, system_clock::duration::zero());
  due.advisory = *fresh.expiration - std::min(advisory, left / 2);
  due.mandatory = *fresh.expiration - std::min(options_.mandatory_window, left / 4);
  return due;
}

Result<AwsCredentials> RefreshingCredentialsProvider::credentials() {
  std::unique_lock lock(mutex_);
  while (true) {
    system_clock::time_point t = now();
    if (cached_) {
      if (t < due_.advisory) return *cached_;
      // Advisory window: someone else refreshing, or a recent failure: keep the cached set.
      if (t < due_.mandatory && (refreshing_ || t < next_attempt_)) return *cached_;
      // Mandatory window but still valid after a recent failure: do not hammer the source.
      if (t < *cached_->expiration && t < next_attempt_ && !refreshing_) return *cached_;
    }
    if (!refreshing_) break;
    refreshed_.wait(lock);  // mandatory (or nothing cached): wait for the refresh in flight
  }
  refreshing_ = true;
  lock.unlock();
  Result<AwsCredentials> fresh = source_->credentials();
  lock.lock();
  refreshing_ = false;
  refreshed_.notify_all();
  system_clock::time_point t = now();
  if (fresh.ok()) {
    cached_ = fresh.value();
    due_ = due_times(*cached_, t);
    next_attempt_ = {};
    return fresh;
  }
  if (cached_ && cached_->expiration && t < *cached_->expiration) {
    next_attempt_ = t + options_.retry_after_failure;
    return *cached_;
  }
  cached_.reset();
  return fresh;
}

void RefreshingCredentialsProvider::invalidate() {
  {
    std::lock_guard lock(mutex_);
    cached_.reset();
    next_attempt_ = {};
  }
  source_->invalidate();
}

}  // namespace sluice::aws
