// Translation of Java Kafka client properties (what users put in worker and connector configs)
// into librdkafka properties.
//
// Kafka Connect builds a sink task's consumer from: Connect's defaults, the worker's
// bootstrap.servers, the worker's `consumer.*` keys, then the connector's `consumer.override.*`
// keys. Most Java consumer keys have a librdkafka twin of the same name; some are spelled
// differently, some have no meaning for librdkafka (deserializers, Java class names) and are
// dropped with a note, and a few cannot be honoured and are reported as problems.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "util/status.h"

namespace sluice::kafka {

struct ClientConfigInput {
  std::string bootstrap_servers;
  std::string group_id;   // connect-<name>
  std::string client_id;  // connector-consumer-<name>-<task>
  // Java-named consumer properties, in increasing priority: worker consumer.* (prefix stripped),
  // then connector consumer.override.* (prefix stripped).
  std::vector<std::map<std::string, std::string>> layers;
};

struct ClientConfig {
  std::map<std::string, std::string> properties;  // librdkafka names
  std::vector<std::string> notes;                 // dropped or adapted keys, for a warning log line
  int max_poll_records = 500;
};

// Fails (kInvalidArgument) for values librdkafka cannot accept, naming the key and the value.
Result<ClientConfig> translate_consumer_config(const ClientConfigInput& input);

}  // namespace sluice::kafka
