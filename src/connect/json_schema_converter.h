// JsonSchemaConverter: io.confluent.connect.json.JsonSchemaConverter, Kafka bytes in Confluent's
// wire format (magic byte 0, schema id, UTF-8 JSON text) -> Connect data, with the writer's JSON
// Schema from a Confluent Schema Registry
// (https://docs.confluent.io/platform/current/schema-registry/connect.html#json-schema).
//
// For each record: the frame is read (confluent_wire_format.h); the schema for its id is taken
// from the cache or fetched once (schema_registry_client.h), with the schemas its "$ref"s name
// through the registry's references, and loaded (json_schema_loader.h); its version under the
// record's subject (the subject name strategy; the record name is the schema's "title") is looked
// up, because the Connect schema's version is what the S3 sink's schema.compatibility compares;
// the Connect schema is JsonSchemaData's (json_schema_to_connect.h). The JSON text is parsed with
// Jackson's rules (json_tree.h), validated against the schema when json.fail.invalid.schema=true
// (json_schema_validator.h), and converted straight into the batch Arena with JsonSchemaData's
// value rules (json_to_connect.h). The registry is asked once per schema id and topic.
//
// With use.latest.version=true or use.latest.with.metadata (latest_schema_lookup.h) the subject's
// latest schema takes the writer's place, as in Confluent's deserializer: its Connect schema and
// version, its validator (json.fail.invalid.schema) and its type.property; the payload is read
// as it is.
//
// A schema whose root names a Java class in its type.property ("javaType") is refused per
// record as Java refuses it when that class is not on the worker's class path ("Class X could not
// be found."), since sluice has no Java classes; java.lang.Object and Jackson's JsonNode are
// accepted.
//
// Errors: a payload that does not decode (bad magic byte, truncated frame, invalid JSON, a value
// that does not fit the schema) or a schema the registry does not know is a kDataError
// "Converting byte[] to Kafka Connect data failed due to serialization error of topic <t>: ...",
// which follows errors.tolerance; an unreachable or overloaded registry is kRetriable and refused
// credentials kFatal, with the same prefix. A null value (tombstone) is (null, null).
//
// Not thread-safe (caches, parser scratch): one converter per task and slot, as in Connect. Not a
// header converter: the Java class implements Converter only, so the converter factory refuses
// it for header.converter (it derives from DataAndHeaderConverter only to be built like the
// others).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connect/converter.h"
#include "connect/json_schema_data_config.h"
#include "connect/json_schema_loader.h"
#include "connect/json_schema_validator.h"
#include "connect/json_tree.h"
#include "connect/latest_schema_lookup.h"
#include "connect/subject_name_strategy.h"
#include "connect/writer_schema_cache.h"
#include "schema_registry/registry_client_config.h"
#include "schema_registry/schema_registry_client.h"

namespace sluice::connect {

struct JsonSchemaConverterConfig {
  schema_registry::RegistryClientConfig registry;
  JsonSchemaDataConfig data;
  SubjectNameStrategy subject_strategy = SubjectNameStrategy::kTopicName;
  LatestSchemaOptions latest;

  // Reads the converter's sub-config (prefix stripped; `prefix` is for messages); problems are
  // appended to `problems`.
  static JsonSchemaConverterConfig parse(const std::map<std::string, std::string>& config,
                                         const std::string& prefix, bool is_key,
                                         std::vector<std::string>& problems);
};

class JsonSchemaConverter final : public DataAndHeaderConverter {
 public:
  static constexpr std::string_view kClassName = "io.confluent.connect.json.JsonSchemaConverter";

  // `client` may be shared by converters that use the same registry settings.
  // REQUIRES: client != nullptr.
  JsonSchemaConverter(JsonSchemaConverterConfig config, bool is_key,
                      std::shared_ptr<schema_registry::SchemaRegistryClient> client);

  std::string_view class_name() const override { return kClassName; }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;

 private:
  // The writer schema of one id as seen from one topic (with use.latest.version, also the reader
  // schema a writer's records are read as).
  struct WriterSchema {
    std::shared_ptr<const LoadedJsonSchema> json;
    SchemaPtr connect;
    std::shared_ptr<JsonSchemaValidator> validator;  // json.fail.invalid.schema only
    std::string java_type;  // the root's type.property, when it names a class
    std::shared_ptr<const schema_registry::RegisteredSchema> registered;
    schema_registry::Subject subject{""};
    schema_registry::SchemaVersion version;
  };
  Result<WriterSchema> load(schema_registry::SchemaId id, std::string_view topic);
  // Loads `registered` with its references: the JSON schema, the validator and the Java type
  // (the caller adds subject, version and Connect schema).
  Result<WriterSchema> load_schema(
      std::shared_ptr<const schema_registry::RegisteredSchema> registered);
  // With use.latest.version: the schema `writer`'s records are read as.
  Result<const WriterSchema*> latest_for(const WriterSchema& writer, std::string_view topic,
                                         std::string_view id_bytes);
  Status collect_references(const schema_registry::RegisteredSchema& schema, int depth,
                            std::vector<JsonSchemaSource>& out);
  Status convert_payload(const WriterSchema& writer, std::string_view payload, Arena& arena,
                         Value* out);

  const JsonSchemaConverterConfig config_;
  const bool is_key_;
  std::shared_ptr<schema_registry::SchemaRegistryClient> client_;
  JsonReader reader_;
  // Keyed by topic, '\0', id: the subject (and so the version) depends on both.
  WriterSchemaCache<WriterSchema> writers_;
  // use.latest.version / use.latest.with.metadata only (else null / unused).
  std::unique_ptr<LatestSchemaLookup> latest_;
  // Keyed by topic, '\0', writer id bytes, '\0', reader id.
  WriterSchemaCache<WriterSchema> readers_;
  std::string reader_key_;  // reused: no allocation per record
};

}  // namespace sluice::connect
