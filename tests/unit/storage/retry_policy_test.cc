#include "storage/retry_policy.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicyTest, AttemptsIncludeTheFirst) {
  // Spec confluent-s3-sink.md §2.2: s3.part.retries is the maximum number of attempts including
  // the first, so the default 3 means two retries.
  RetryPolicy policy(3, milliseconds(200));
  EXPECT_TRUE(policy.may_retry_after(1));
  EXPECT_TRUE(policy.may_retry_after(2));
  EXPECT_FALSE(policy.may_retry_after(3));
  EXPECT_EQ(RetryPolicy(0, milliseconds(200)).max_attempts(), 1);
  EXPECT_FALSE(RetryPolicy(0, milliseconds(200)).may_retry_after(1));
}

TEST(RetryPolicyTest, BoundDoublesFromTheBaseBeforeTheSecondAttempt) {
  // Spec §6.5: before attempt n >= 2 wait uniform in [0, min(cap, base * 2^(n-2))).
  RetryPolicy policy(10, milliseconds(200));
  EXPECT_EQ(policy.max_delay_before(1), milliseconds(0));
  EXPECT_EQ(policy.max_delay_before(2), milliseconds(200));
  EXPECT_EQ(policy.max_delay_before(3), milliseconds(400));
  EXPECT_EQ(policy.max_delay_before(4), milliseconds(800));
  EXPECT_EQ(policy.max_delay_before(10), milliseconds(200 * 256));
}

TEST(RetryPolicyTest, BoundStopsAtTheCapWithoutOverflow) {
  RetryPolicy policy(1000, milliseconds(200), milliseconds(20'000));
  EXPECT_EQ(policy.max_delay_before(8), milliseconds(12'800));
  EXPECT_EQ(policy.max_delay_before(9), milliseconds(20'000));
  EXPECT_EQ(policy.max_delay_before(1000), milliseconds(20'000));
  // The Java connector's cap is one day.
  EXPECT_EQ(RetryPolicy(1000, milliseconds(200)).max_delay_before(900),
            milliseconds(24LL * 3600 * 1000));
}

TEST(RetryPolicyTest, FullJitterScalesTheDrawAndStaysBelowTheBound) {
  RetryPolicy policy(5, milliseconds(200));
  EXPECT_EQ(policy.delay_before(2, 0.0), milliseconds(0));
  EXPECT_EQ(policy.delay_before(2, 0.5), milliseconds(100));
  EXPECT_EQ(policy.delay_before(3, 0.25), milliseconds(100));
  EXPECT_EQ(policy.delay_before(3, 0.9999999), milliseconds(399));
  EXPECT_EQ(policy.delay_before(3, 1.0), milliseconds(399));  // clamped below the bound
  EXPECT_EQ(policy.delay_before(1, 0.7), milliseconds(0));
  EXPECT_EQ(RetryPolicy(5, milliseconds(0)).delay_before(3, 0.5), milliseconds(0));
}

}  // namespace
}  // namespace sluice::storage
