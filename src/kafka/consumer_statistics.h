// What sluice reads from librdkafka's statistics (the JSON its stats callback receives every
// statistics.interval.ms; fields as documented in librdkafka's STATISTICS.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace sluice::kafka {

// How often sluice asks librdkafka for statistics (the consumer lag metric's refresh period).
inline constexpr int kStatisticsIntervalMs = 5000;

struct PartitionLag {
  std::string topic;
  int32_t partition = 0;
  // The records between the partition's end and the consumer's position: Kafka's records-lag.
  int64_t lag = 0;
};

// Which end of a partition the lag is measured from, as the consumer reads it (isolation.level).
enum class LagEnd { kHighWatermark, kLastStable };

// The consumer lag of every partition the statistics name with a known position, as Kafka's
// consumer reports records-lag: the partition's end (topics.<t>.partitions.<p>.hi_offset, or
// ls_offset for read_committed consumers) minus the consumer's position (app_offset, the offset
// after the last message handed to the application), never below 0. Not librdkafka's own
// consumer_lag, which counts from the committed offset: sluice commits only what is durable in
// S3, so that figure stays high until files rotate even when the consumer has caught up.
// Before any message of a partition reached the application its position is the committed
// offset, so librdkafka's consumer_lag is used then. librdkafka's internal partition -1 and
// partitions whose lag is not known yet are left out.
// kInvalidArgument when `json` is not statistics JSON.
Result<std::vector<PartitionLag>> parse_consumer_lag(std::string_view json, LagEnd end);

}  // namespace sluice::kafka
