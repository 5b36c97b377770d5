// parse_consumer_lag against statistics JSON shaped as librdkafka's STATISTICS.md documents it.
#include "kafka/consumer_statistics.h"

#include <gtest/gtest.h>

namespace sluice::kafka {
namespace {

TEST(ConsumerStatisticsTest, TheLagCountsFromThePositionNotTheCommittedOffset) {
  const char* json = R"({
    "name": "connector-consumer-s3-0#consumer-1", "type": "consumer", "ts": 1234,
    "brokers": {"localhost:9092/1": {"name": "localhost:9092/1", "toppars": {}}},
    "topics": {
      "orders": {"topic": "orders", "age": 1000, "partitions": {
        "0": {"partition": 0, "app_offset": 90, "committed_offset": 40, "hi_offset": 100,
              "ls_offset": 95, "consumer_lag": 60},
        "1": {"partition": 1, "app_offset": -1001, "committed_offset": 5, "hi_offset": 5,
              "ls_offset": 5, "consumer_lag": 0},
        "2": {"partition": 2, "app_offset": -1001, "hi_offset": -1001, "consumer_lag": -1},
        "3": {"partition": 3, "app_offset": 12, "hi_offset": 10, "consumer_lag": 0},
        "-1": {"partition": -1, "app_offset": -1001, "hi_offset": -1001, "consumer_lag": -1}}},
      "pay\"ments": {"topic": "pay\"ments", "partitions": {
        "7": {"partition": 7, "app_offset": 1, "hi_offset": 3000000001, "consumer_lag": 3000000000}}}
    },
    "cgrp": {"state": "up"}
  })";
  auto lag_of = [&](LagEnd end, const std::string& topic, int32_t partition) -> int64_t {
    Result<std::vector<PartitionLag>> lags = parse_consumer_lag(json, end);
    EXPECT_TRUE(lags.ok()) << lags.status().to_string();
    if (!lags.ok()) return -200;
    EXPECT_EQ(lags->size(), 4u);
    for (const PartitionLag& l : *lags) {
      if (l.topic == topic && l.partition == partition) return l.lag;
    }
    return -100;
  };
  // hi_offset - app_offset, not consumer_lag (from the committed offset, which sluice moves only
  // once data is durable in S3).
  EXPECT_EQ(lag_of(LagEnd::kHighWatermark, "orders", 0), 10);
  EXPECT_EQ(lag_of(LagEnd::kLastStable, "orders", 0), 5);  // read_committed: ls_offset
  // Nothing handed over since the assignment: the position is the committed offset.
  EXPECT_EQ(lag_of(LagEnd::kHighWatermark, "orders", 1), 0);
  EXPECT_EQ(lag_of(LagEnd::kHighWatermark, "orders", 2), -100);  // not known yet: left out
  EXPECT_EQ(lag_of(LagEnd::kHighWatermark, "orders", 3), 0);     // never negative
  EXPECT_EQ(lag_of(LagEnd::kHighWatermark, "pay\"ments", 7), 3000000000);
}

TEST(ConsumerStatisticsTest, NoTopicsMeansNoLagAndGarbageIsAnError) {
  Result<std::vector<PartitionLag>> none =
      parse_consumer_lag(R"({"name":"c","topics":{}})", LagEnd::kHighWatermark);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(parse_consumer_lag("{not json", LagEnd::kHighWatermark).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_consumer_lag("[1]", LagEnd::kHighWatermark).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::kafka
