// Where a worker configuration and a connector configuration meet: which converter each slot
// uses (kafka-connect.md §2.0) and which connector client overrides the worker allows (§5.1).
#pragma once

#include <vector>

#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/converter_config.h"
#include "config/worker_config.h"

namespace sluice::config {

struct ResolvedConverters {
  ConverterSpec key;
  ConverterSpec value;
  ConverterSpec header;
};

// Per slot: when the connector names a converter class, that class with only the connector's
// sub-config; otherwise the worker's class with only the worker's sub-config. The two layers'
// sub-configs are never merged.
ResolvedConverters resolve_converters(const WorkerConfig& worker,
                                      const S3SinkConnectorConfig& connector);

// Errors for connector consumer.override.* / producer.override.* / admin.override.* keys that the
// worker's connector.client.config.override.policy forbids: None allows none, Principal only
// sasl.jaas.config, sasl.mechanism and security.protocol, All everything.
std::vector<ConfigProblem> check_client_overrides(const WorkerConfig& worker,
                                                  const S3SinkConnectorConfig& connector);

}  // namespace sluice::config
