// parse_consumer_lag against statistics JSON shaped as librdkafka's STATISTICS.md documents it.
#include "kafka/consumer_statistics.h"

#include <gtest/gtest.h>

namespace sluice::kafka {
namespace {

TEST(ConsumerStatisticsTest, ReadsTheLagOfEachKnownPartition) {
  const char* json = R"({
    "name": "connector-consumer-s3-0#consumer-1", "type": "consumer", "ts": 1234,
    "brokers": {"localhost:9092/1": {"name": "localhost:9092/1", "toppars": {}}},
    "topics": {
      "orders": {"topic": "orders", "age": 1000, "partitions": {
        "0": {"partition": 0, "consumer_lag": 12, "consumer_lag_stored": 20, "hi_offset": 100},
        "1": {"partition": 1, "consumer_lag": 0, "hi_offset": 5},
        "2": {"partition": 2, "consumer_lag": -1},
        "-1": {"partition": -1, "consumer_lag": -1}}},
      "pay\"ments": {"topic": "pay\"ments", "partitions": {
        "7": {"partition": 7, "consumer_lag": 3000000000}}}
    },
    "cgrp": {"state": "up"}
  })";
  Result<std::vector<PartitionLag>> lags = parse_consumer_lag(json);
  ASSERT_TRUE(lags.ok()) << lags.status().to_string();
  ASSERT_EQ(lags->size(), 3u);
  auto find = [&](const std::string& topic, int32_t partition) -> int64_t {
    for (const PartitionLag& l : *lags) {
      if (l.topic == topic && l.partition == partition) return l.lag;
    }
    return -100;
  };
  EXPECT_EQ(find("orders", 0), 12);
  EXPECT_EQ(find("orders", 1), 0);
  EXPECT_EQ(find("orders", 2), -100);  // not known yet: left out
  EXPECT_EQ(find("pay\"ments", 7), 3000000000);
}

TEST(ConsumerStatisticsTest, NoTopicsMeansNoLagAndGarbageIsAnError) {
  Result<std::vector<PartitionLag>> none = parse_consumer_lag(R"({"name":"c","topics":{}})");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(parse_consumer_lag("{not json").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_consumer_lag("[1]").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::kafka
