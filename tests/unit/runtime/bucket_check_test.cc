// The bucket check at start (wait_for_bucket): transient HeadBucket failures are retried with
// capped full-jitter backoff for as long as they last, a failure no retry fixes ends it with what
// to check, and a stop asked for while waiting ends it as cancelled.
#include "runtime/bucket_check.h"

#include <gtest/gtest.h>

#include <vector>

#include "storage/memory_object_store.h"

namespace sluice::runtime {
namespace {

using std::chrono::milliseconds;
using storage::ObjectStoreOp;

class BucketCheckTest : public ::testing::Test {
 protected:
  BucketCheckClock clock(int stop_after_sleeps = -1) {
    BucketCheckClock c;
    c.sleep = [this, stop_after_sleeps](milliseconds d) {
      sleeps_.push_back(d);
      return stop_after_sleeps < 0 || static_cast<int>(sleeps_.size()) < stop_after_sleeps;
    };
    c.uniform = [] { return 0.999; };  // the top of each jitter range
    return c;
  }

  storage::MemoryObjectStore store_;
  // base 200 ms, cap 5 s (s3.retry.backoff.ms, retry.backoff.ms defaults)
  storage::RetryPolicy backoff_{1, milliseconds(200), milliseconds(5000)};
  std::vector<milliseconds> sleeps_;
};

TEST_F(BucketCheckTest, TransientFailuresAreRetriedWithCappedBackoffUntilTheBucketAnswers) {
  // Far more rounds than s3.part.retries: 503 SlowDown for a while must not end the process.
  store_.fail_next(ObjectStoreOp::kHeadBucket,
                   Status::retriable("S3 HeadBucket failed: status=503 code=SlowDown attempts=3"),
                   12);
  Status st = wait_for_bucket(store_, backoff_, clock());
  EXPECT_TRUE(st.ok()) << st.to_string();
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kHeadBucket), 13);
  ASSERT_EQ(sleeps_.size(), 12u);
  // Full jitter below 200, 400, 800, ... ms, never above the 5 s cap.
  EXPECT_EQ(sleeps_[0], milliseconds(199));
  EXPECT_EQ(sleeps_[1], milliseconds(399));
  EXPECT_EQ(sleeps_[4], milliseconds(3196));
  EXPECT_EQ(sleeps_[5], milliseconds(4995));
  EXPECT_EQ(sleeps_[11], milliseconds(4995));
}

TEST_F(BucketCheckTest, AFailureNoRetryFixesEndsTheCheckSayingWhatToCheck) {
  store_.fail_next(ObjectStoreOp::kHeadBucket, Status::retriable("connection reset"), 2);
  store_.fail_next(ObjectStoreOp::kHeadBucket,
                   Status::fatal("S3 HeadBucket failed: bucket=b status=404: bucket b does not "
                                 "exist"));
  Status st = wait_for_bucket(store_, backoff_, clock());
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(st.message().find("check s3.bucket.name"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("bucket b does not exist"), std::string::npos) << st.message();
  EXPECT_EQ(sleeps_.size(), 2u);
}

TEST_F(BucketCheckTest, AStopWhileWaitingEndsTheCheckAsCancelled) {
  store_.fail_next(ObjectStoreOp::kHeadBucket, Status::retriable("timeout"), 100);
  Status st = wait_for_bucket(store_, backoff_, clock(/*stop_after_sleeps=*/3));
  EXPECT_EQ(st.code(), StatusCode::kCancelled) << st.to_string();
  EXPECT_EQ(store_.call_count(ObjectStoreOp::kHeadBucket), 3);
}

TEST_F(BucketCheckTest, TheRealClockReturnsAtOnceWhenAStopIsRequested) {
  BucketCheckClock real = real_bucket_check_clock([] { return true; });
  auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(real.sleep(milliseconds(60000)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(1000));
  BucketCheckClock running = real_bucket_check_clock([] { return false; });
  EXPECT_TRUE(running.sleep(milliseconds(20)));
  double u = running.uniform();
  EXPECT_GE(u, 0.0);
  EXPECT_LT(u, 1.0);
}

}  // namespace
}  // namespace sluice::runtime
