#include "connect/supplied_value_schema.h"

#include <fstream>
#include <sstream>

#include "avro/schema_parser.h"
#include "connect/avro_to_connect_schema.h"
#include "connect/json_schema_loader.h"
#include "connect/json_schema_to_connect.h"

namespace sluice::connect {

Result<SchemaPtr> supplied_schema_from_text(std::string_view text, config::ValueSchemaType type,
                                            std::optional<int32_t> version) {
  Result<SchemaPtr> connect = Status::invalid_argument("no schema");
  if (type == config::ValueSchemaType::kAvro) {
    Result<avro::SchemaPtr> avro = avro::parse_schema(text);
    if (!avro.ok()) {
      return Status::invalid_argument("not a valid Avro schema: " + avro.status().message());
    }
    AvroToConnectSchema converter{AvroDataConfig{}};
    connect = converter.convert(*avro, version);
  } else {
    Result<std::unique_ptr<LoadedJsonSchema>> loaded =
        load_json_schema(JsonSchemaSource{"", std::string(text)}, {});
    if (!loaded.ok()) {
      return Status::invalid_argument("not a valid JSON Schema: " + loaded.status().message());
    }
    connect = json_schema_to_connect(**loaded, version, JsonSchemaDataConfig{});
  }
  if (!connect.ok()) {
    return Status::invalid_argument("the schema has no Connect form: " +
                                    connect.status().message());
  }
  return connect;
}

Result<SchemaPtr> load_supplied_schema_file(const std::string& path, config::ValueSchemaType type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid_argument("cannot read the schema file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::invalid_argument("cannot read the schema file");
  return supplied_schema_from_text(text.str(), type);
}

SuppliedRegistrySettings supplied_registry_settings(
    const config::S3SinkConnectorConfig& connector,
    const std::map<std::string, std::string>& value_converter_config) {
  const std::map<std::string, std::string>& own = connector.value_schema_registry_config();
  if (own.empty()) return {value_converter_config, "value.converter."};
  SuppliedRegistrySettings out{{}, "sluice.value.schema.registry."};
  for (const auto& [key, value] : own) {
    if (key == "url") {
      out.config["schema.registry.url"] = value;
    } else if (key.starts_with("ssl.")) {
      out.config["schema.registry." + key] = value;
    } else {
      out.config[key] = value;
    }
  }
  return out;
}

Result<SchemaPtr> fetch_supplied_schema(schema_registry::SchemaRegistryClient& client,
                                        const std::string& subject) {
  Result<schema_registry::SubjectSchema> latest =
      client.subject_version(schema_registry::Subject(subject), std::nullopt);
  if (!latest.ok()) {
    return Status(latest.status().code() == StatusCode::kDataError ? StatusCode::kInvalidArgument
                                                                   : latest.status().code(),
                  "sluice.value.schema.subject '" + subject +
                      "': cannot fetch its latest version: " + latest.status().message());
  }
  const schema_registry::RegisteredSchema& schema = latest->schema;
  auto refuse = [&](const std::string& why) {
    return Status::invalid_argument("sluice.value.schema.subject '" + subject + "' (version " +
                                    std::to_string(latest->version.value) + "): " + why);
  };
  if (!schema.references.empty()) return refuse("schemas with references are not supported");
  config::ValueSchemaType type;
  switch (schema.kind) {
    case schema_registry::SchemaKind::kAvro:
      type = config::ValueSchemaType::kAvro;
      break;
    case schema_registry::SchemaKind::kJson:
      type = config::ValueSchemaType::kJson;
      break;
    default:
      return refuse("a PROTOBUF schema; AVRO or JSON is allowed");
  }
  Result<SchemaPtr> connect = supplied_schema_from_text(schema.text, type, latest->version.value);
  if (!connect.ok()) return refuse(connect.status().message());
  return connect;
}

}  // namespace sluice::connect
