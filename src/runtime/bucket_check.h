// wait_for_bucket: the bucket check at start (S3 HeadBucket), repeated for as long as its failure
// is transient, so that S3 throttling or a network hiccup at start never ends the process.
//
// Each round is one ObjectStore::head_bucket() (itself tried s3.part.retries times); between
// rounds the wait is the RetryPolicy's full-jitter exponential backoff (base s3.retry.backoff.ms,
// capped at retry.backoff.ms), and each retry is logged with its reason. An answer no retry can
// fix (a missing bucket, a wrong region, a refused request) ends the check with a Status that says
// what to fix. A free function over injected time and chance: no state, no threads.
#pragma once

#include <chrono>
#include <functional>

#include "storage/object_store.h"
#include "storage/retry_policy.h"
#include "util/status.h"

namespace sluice::runtime {

struct BucketCheckClock {
  // Waits between rounds; returns false when a stop was requested meanwhile.
  std::function<bool(std::chrono::milliseconds)> sleep;
  std::function<double()> uniform;  // a draw in [0, 1) for jitter
};

// The real clock: sleeps in short slices, returning false as soon as `stop_requested()` is true;
// jitter from a randomly seeded engine.
BucketCheckClock real_bucket_check_clock(std::function<bool()> stop_requested);

// OK once the bucket answered (HeadBucket's 403 counts, as in the Java connector: see
// S3ObjectStore::head_bucket); kCancelled when a stop was requested while waiting; otherwise the
// non-retriable failure, naming the settings to check. `backoff`'s max_attempts is not used.
Status wait_for_bucket(storage::ObjectStore& store, const storage::RetryPolicy& backoff,
                       const BucketCheckClock& clock);

}  // namespace sluice::runtime
