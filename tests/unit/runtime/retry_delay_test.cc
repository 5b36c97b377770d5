// Connect's retry backoff (RetryWithToleranceOperator.backoff in Apache Kafka's connect-runtime):
// 300 ms, 600 ms, 1200 ms, ... and past errors.retry.delay.max.ms a random delay below it.
#include "runtime/retry_delay.h"

#include <gtest/gtest.h>

namespace sluice::runtime {
namespace {

TEST(RetryDelayTest, DoublesFromThreeHundredMillisecondsUpToTheCap) {
  std::minstd_rand random(7);
  EXPECT_EQ(connect_retry_delay_ms(1, 60000, random), 300);
  EXPECT_EQ(connect_retry_delay_ms(2, 60000, random), 600);
  EXPECT_EQ(connect_retry_delay_ms(3, 60000, random), 1200);
  EXPECT_EQ(connect_retry_delay_ms(8, 60000, random), 38400);
  EXPECT_EQ(connect_retry_delay_ms(2, 600, random), 600);  // equal to the cap is kept
}

TEST(RetryDelayTest, PastTheCapTheDelayIsRandomBelowIt) {
  std::minstd_rand random(7);
  bool varied = false;
  int64_t first = connect_retry_delay_ms(9, 60000, random);  // 76800 > 60000
  for (int i = 0; i < 50; ++i) {
    const int64_t d = connect_retry_delay_ms(9 + i % 30, 60000, random);
    EXPECT_GE(d, 0);
    EXPECT_LT(d, 60000);
    varied |= d != first;
  }
  EXPECT_TRUE(varied);
  EXPECT_LT(connect_retry_delay_ms(1000, 1000, random), 1000);  // no overflow for late attempts
  EXPECT_EQ(connect_retry_delay_ms(1, 0, random), 0);
}

}  // namespace
}  // namespace sluice::runtime
