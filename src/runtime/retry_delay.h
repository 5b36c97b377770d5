// Kafka Connect's backoff between retries of a retriable record failure (errors.retry.*), as its
// RetryWithToleranceOperator computes it: 300 ms doubled per attempt, and once that would pass
// errors.retry.delay.max.ms, a random delay below that cap instead.
#pragma once

#include <cstdint>
#include <random>

namespace sluice::runtime {

inline constexpr int64_t kRetryDelayMinMs = 300;

// The delay before retry number `attempt` (1 for the first retry). `max_delay_ms` is
// errors.retry.delay.max.ms; 0 retries at once. REQUIRES: attempt >= 1, max_delay_ms >= 0.
int64_t connect_retry_delay_ms(int attempt, int64_t max_delay_ms, std::minstd_rand& random);

}  // namespace sluice::runtime
