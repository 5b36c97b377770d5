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
  // topics.<topic>.partitions.<partition>.consumer_lag: the partition's high watermark minus the
  // consumer's position (or committed offset when it has no position yet).
  int64_t lag = 0;
};

// The consumer lag of every partition the statistics name with a known lag: librdkafka's
// internal partition -1 and partitions with consumer_lag -1 (not known yet) are left out.
// kInvalidArgument when `json` is not statistics JSON.
Result<std::vector<PartitionLag>> parse_consumer_lag(std::string_view json);

}  // namespace sluice::kafka
