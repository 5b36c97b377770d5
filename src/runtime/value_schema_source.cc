#include "runtime/value_schema_source.h"

#include <string>

#include "config/converter_resolution.h"
#include "connect/converter_options.h"
#include "connect/schema_registry_options.h"
#include "connect/supplied_value_schema.h"
#include "util/log.h"

namespace sluice::runtime {

namespace {

constexpr const char* kFileKey = "sluice.value.schema.file";
constexpr const char* kSubjectKey = "sluice.value.schema.subject";

connect::SuppliedRegistrySettings registry_settings(const config::WorkerConfig& worker,
                                                    const config::S3SinkConnectorConfig& c) {
  config::ResolvedConverters converters = config::resolve_converters(worker, c);
  return connect::supplied_registry_settings(c, converters.value.config);
}

}  // namespace

std::vector<config::ConfigProblem> check_value_schema_config(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& c) {
  std::vector<config::ConfigProblem> out;
  if (c.value_schema_file()) {
    Result<connect::SchemaPtr> schema =
        connect::load_supplied_schema_file(*c.value_schema_file(), c.value_schema_type());
    if (!schema.ok()) {
      out.push_back(config::ConfigProblem{
          kFileKey, *c.value_schema_file(),
          "Invalid value '" + *c.value_schema_file() + "' for configuration " + kFileKey + ": " +
              schema.status().message() + " (allowed: a readable " +
              (c.value_schema_type() == config::ValueSchemaType::kAvro
                   ? std::string("Avro schema, .avsc; set sluice.value.schema.type=json for a "
                                 "JSON Schema")
                   : std::string("JSON Schema")) +
              ")"});
    }
  }
  if (c.value_schema_subject()) {
    connect::SuppliedRegistrySettings settings = registry_settings(worker, c);
    connect::ConverterOptions options(settings.config, settings.prefix);
    schema_registry::RegistryClientConfig registry = connect::read_schema_registry_options(options);
    for (const std::string& problem : options.problems()) {
      out.push_back(config::ConfigProblem{
          kSubjectKey, *c.value_schema_subject(),
          "Invalid value '" + *c.value_schema_subject() + "' for configuration " + kSubjectKey +
              ": the Schema Registry settings for it are not usable: " + problem +
              " (set sluice.value.schema.registry.url, or a value converter with "
              "schema.registry.url)"});
    }
  }
  return out;
}

Result<connect::SchemaPtr> load_value_schema(const config::WorkerConfig& worker,
                                             const config::S3SinkConnectorConfig& c) {
  if (c.value_schema_file()) {
    Result<connect::SchemaPtr> schema =
        connect::load_supplied_schema_file(*c.value_schema_file(), c.value_schema_type());
    if (!schema.ok()) {
      return Status::invalid_argument(std::string(kFileKey) + "='" + *c.value_schema_file() +
                                      "': " + schema.status().message());
    }
    SLUICE_LOG(kRuntime).info("binding schemaless values to the schema in {} ({})",
                              *c.value_schema_file(), config::to_string(c.value_schema_type()));
    return schema;
  }
  if (!c.value_schema_subject()) return connect::SchemaPtr();
  connect::SuppliedRegistrySettings settings = registry_settings(worker, c);
  connect::ConverterOptions options(settings.config, settings.prefix);
  schema_registry::RegistryClientConfig registry = connect::read_schema_registry_options(options);
  if (!options.problems().empty() || registry.urls.empty()) {
    return Status::invalid_argument(std::string(kSubjectKey) +
                                    ": no usable Schema Registry settings");
  }
  schema_registry::SchemaRegistryClient client(std::move(registry));
  Result<connect::SchemaPtr> schema =
      connect::fetch_supplied_schema(client, *c.value_schema_subject());
  if (schema.ok()) {
    SLUICE_LOG(kRuntime).info("binding schemaless values to the latest schema of subject {}",
                              *c.value_schema_subject());
  }
  return schema;
}

}  // namespace sluice::runtime
