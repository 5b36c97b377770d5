#include "runtime/bucket_check.h"

#include <algorithm>
#include <memory>
#include <random>
#include <thread>

#include "util/log.h"

namespace sluice::runtime {

BucketCheckClock real_bucket_check_clock(std::function<bool()> stop_requested) {
  BucketCheckClock clock;
  clock.sleep = [stop_requested](std::chrono::milliseconds delay) {
    constexpr std::chrono::milliseconds kSlice{100};
    auto until = std::chrono::steady_clock::now() + delay;
    for (;;) {
      if (stop_requested()) return false;
      auto left = until - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return true;
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, kSlice));
    }
  };
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  clock.uniform = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
  return clock;
}

Status wait_for_bucket(storage::ObjectStore& store, const storage::RetryPolicy& backoff,
                       const BucketCheckClock& clock) {
  for (int round = 1;; ++round) {
    Status st = store.head_bucket();
    if (st.ok()) {
      if (round > 1) SLUICE_LOG(kRuntime).info("S3 bucket check succeeded at round {}", round);
      return st;
    }
    if (st.code() == StatusCode::kCancelled) return st;
    if (!st.is_retriable()) {
      return st.with_context(
          "the S3 bucket check at start failed and retrying cannot fix it (check s3.bucket.name, "
          "s3.region, store.url and the credentials)");
    }
    std::chrono::milliseconds delay = backoff.delay_before(round + 1, clock.uniform());
    SLUICE_LOG(kRuntime).warn(
        "S3 bucket check at start failed transiently (round {}), retrying in {} ms: {}", round,
        delay.count(), st.message());
    if (!clock.sleep(delay)) {
      return Status::cancelled("stop requested during the S3 bucket check");
    }
  }
}

}  // namespace sluice::runtime
