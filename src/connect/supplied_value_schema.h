// The value schema a user supplies with sluice.value.schema.* (a sluice extension), as the Connect
// schema the schemaless value binder (schemaless_value_binder.h) binds values to.
//
// An Avro schema becomes the Connect schema Confluent's AvroConverter gives records written with
// it (AvroData.toConnectSchema with the converter's default settings, avro_to_connect_schema.h);
// a JSON Schema the one JsonSchemaConverter gives (JsonSchemaData.toConnectSchema with its
// defaults, json_schema_to_connect.h). So the files written are the ones Confluent's connector
// writes for records that carried that schema.
//
// Sources: a file (read once at start) or a Schema Registry subject's latest version (fetched
// once at start; schemas with references are refused). The registry settings are the
// sluice.value.schema.registry.* keys, read like a Confluent converter's settings with `url`
// for `schema.registry.url` and `ssl.*` for `schema.registry.ssl.*`; without them, the value
// converter's own registry settings. Start-up only; nothing here is on the record path.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/connector_config.h"
#include "connect/schema.h"
#include "schema_registry/schema_registry_client.h"
#include "util/status.h"

namespace sluice::connect {

// Schema text -> Connect schema; kInvalidArgument describing what is wrong.
Result<SchemaPtr> supplied_schema_from_text(std::string_view text, config::ValueSchemaType type,
                                            std::optional<int32_t> version = std::nullopt);

// sluice.value.schema.file: reads and converts the file; kInvalidArgument naming the problem.
Result<SchemaPtr> load_supplied_schema_file(const std::string& path, config::ValueSchemaType type);

// The registry settings for sluice.value.schema.subject, as a converter sub-config, and the
// prefix that messages about them use.
struct SuppliedRegistrySettings {
  std::map<std::string, std::string> config;
  std::string prefix;
};
SuppliedRegistrySettings supplied_registry_settings(
    const config::S3SinkConnectorConfig& connector,
    const std::map<std::string, std::string>& value_converter_config);

// The subject's latest version, converted. kInvalidArgument for a schema that cannot be used
// (a Protobuf schema, references, a schema the mappings refuse); the client's code otherwise.
Result<SchemaPtr> fetch_supplied_schema(schema_registry::SchemaRegistryClient& client,
                                        const std::string& subject);

}  // namespace sluice::connect
