// What Kafka says about a topic for `sluice verify`: each partition's log start offset and high
// watermark, and the committed offsets of the connector's group connect-<name>.
//
// One librdkafka consumer built from the worker's consumer.* and the connector's
// consumer.override.* keys (kafka/client_config.h, as the tasks' consumers are), with the group's
// id; it never subscribes, so it does not join the group or disturb a running connector. Logins
// whose tokens sluice fetches itself (MSK IAM, OAUTHBEARER with OIDC) are not supported here:
// kInvalidArgument saying so. Used by the main thread only.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "cli/verify_coverage.h"
#include "config/connector_config.h"
#include "config/worker_config.h"
#include "util/status.h"

namespace sluice::cli {

// Partition number to its offsets. kNotFound when the topic does not exist; kRetriable when Kafka
// did not answer within `timeout`.
Result<std::map<int32_t, PartitionOffsets>> read_topic_offsets(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector,
    const std::string& topic, std::chrono::milliseconds timeout);

}  // namespace sluice::cli
