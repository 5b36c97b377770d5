// The schema sluice.value.schema.* supplies for schemaless values, obtained at start-up: checked
// before connecting anywhere (the file read and converted, the registry settings parsed), and
// loaded when the connector is built (the file again, or the subject's latest version from the
// Schema Registry). Each task then binds values with its own connect::SchemalessValueBinder.
#pragma once

#include <vector>

#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/worker_config.h"
#include "connect/schema.h"
#include "util/status.h"

namespace sluice::runtime {

// Problems with sluice.value.schema.* that need the schema mappings (config/ checks the rest):
// a file that is not a usable Avro or JSON Schema, registry settings that do not parse. Connects
// nowhere.
std::vector<config::ConfigProblem> check_value_schema_config(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector);

// The supplied schema; nullptr when no sluice.value.schema.* source is set. kInvalidArgument
// for a schema that cannot be used; a registry that cannot be reached keeps the client's code.
Result<connect::SchemaPtr> load_value_schema(const config::WorkerConfig& worker,
                                             const config::S3SinkConnectorConfig& connector);

}  // namespace sluice::runtime
