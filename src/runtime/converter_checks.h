// The converters' sub-configs checked before connecting anywhere: `sluice validate` and `sluice
// run` build each slot's converter once, as the tasks will, and report every problem (a missing
// schema.registry.url, a bad value) as a configuration error, so a bad converter setting exits 2
// instead of failing the task after it joined the group. Building a converter connects nowhere.
// The sluice.value.schema.* schema is checked here too (value_schema_source.h).
#pragma once

#include <vector>

#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/worker_config.h"

namespace sluice::runtime {

std::vector<config::ConfigProblem> check_converter_configs(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector);

}  // namespace sluice::runtime
