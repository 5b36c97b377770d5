// RetryPolicy: how many times one S3 request is tried and how long to wait in between, as the
// Java connector's SDK does (spec confluent-s3-sink.md §6.5): s3.part.retries is the number of
// attempts including the first, and before attempt n >= 2 the wait is uniform in
// [0, min(cap, base * 2^(n-2))) ("full jitter"), base = s3.retry.backoff.ms.
//
// A value type with no state; the random draw and the sleeping come from the caller, so tests are
// fast and deterministic.
#pragma once

#include <chrono>

namespace sluice::storage {

class RetryPolicy {
 public:
  // The Java connector's cap: one day (spec confluent-s3-sink.md §6.5).
  static constexpr std::chrono::milliseconds kDefaultCap = std::chrono::hours(24);

  // max_attempts below 1 is taken as 1; a negative base as 0.
  RetryPolicy(int max_attempts, std::chrono::milliseconds base,
              std::chrono::milliseconds cap = kDefaultCap);

  int max_attempts() const { return max_attempts_; }
  // Whether another attempt may follow attempt `attempt` (1-based).
  bool may_retry_after(int attempt) const { return attempt < max_attempts_; }

  // min(cap, base * 2^(attempt-2)): the exclusive upper bound of the wait before `attempt`
  // (>= 2); zero for the first attempt.
  std::chrono::milliseconds max_delay_before(int attempt) const;

  // The wait before `attempt` for a uniform draw `unit` in [0, 1).
  std::chrono::milliseconds delay_before(int attempt, double unit) const;

 private:
  int max_attempts_;
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
};

}  // namespace sluice::storage
