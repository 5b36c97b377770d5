// ProtobufConverter: io.confluent.connect.protobuf.ProtobufConverter, Kafka bytes in Confluent's
// wire format (magic byte, schema id, message-index path, protobuf message) -> Connect data, with
// the writer schema from a Confluent Schema Registry
// (https://docs.confluent.io/platform/current/schema-registry/connect.html#protobuf).
//
// For each record: the frame and the message-index path are read (confluent_wire_format.h); the
// writer schema of (topic, id, path) comes from the cache or is loaded once: the registered
// .proto text with its references (protobuf_schema_loader.h, one descriptor pool per schema id),
// the message the path selects, its version under the record's subject (the subject name
// strategy, with the selected message's full name as the record name), and ProtobufData's
// Connect schema of it with that version (protobuf_to_connect_schema.h); then the message is
// decoded straight into the batch Arena (protobuf_value_decoder.h). The registry is asked once
// per schema id, reference and subject, never per record.
//
// Configuration: the registry settings (schema_registry_options.h), the subject name strategy,
// and every ProtobufData key (protobuf_data_config.h). With use.latest.version=true or
// use.latest.with.metadata the message is read, as Confluent's deserializer reads it, with the
// subject's latest schema (latest_schema_lookup.h): the message of the writer's full name in that
// schema (else its first message), whose Connect schema carries the latest version; fields the
// writer has and the reader lacks are unknown fields, dropped as ProtobufData drops them.
//
// Errors: a payload that does not decode (bad magic byte, unknown id, a message-index path that
// selects nothing, truncated or malformed protobuf) is a kDataError "Failed to deserialize data
// for topic <t> to Protobuf: ...", which follows errors.tolerance; an unreachable registry is
// kRetriable and refused credentials kFatal, with the same prefix. Java's class is a key/value
// Converter only, not a HeaderConverter: converter_factory refuses it as header.converter.
//
// Not thread-safe (caches, decoder scratch): one converter per task and slot, as in Connect.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connect/converter.h"
#include "connect/latest_schema_lookup.h"
#include "connect/protobuf_data_config.h"
#include "connect/protobuf_schema_loader.h"
#include "connect/protobuf_to_connect_schema.h"
#include "connect/protobuf_value_decoder.h"
#include "connect/subject_name_strategy.h"
#include "connect/writer_schema_cache.h"
#include "schema_registry/registry_client_config.h"
#include "schema_registry/schema_registry_client.h"
#include "util/lru_cache.h"

namespace sluice::connect {

struct ProtobufConverterConfig {
  schema_registry::RegistryClientConfig registry;
  ProtobufDataConfig data;
  SubjectNameStrategy subject_strategy = SubjectNameStrategy::kTopicName;
  LatestSchemaOptions latest;

  // Reads the converter's sub-config (prefix stripped; `prefix` is for messages); problems are
  // appended to `problems`.
  static ProtobufConverterConfig parse(const std::map<std::string, std::string>& config,
                                       const std::string& prefix, bool is_key,
                                       std::vector<std::string>& problems);
};

class ProtobufConverter final : public DataAndHeaderConverter {
 public:
  static constexpr std::string_view kClassName = "io.confluent.connect.protobuf.ProtobufConverter";

  // `client` may be shared by converters that use the same registry settings.
  // REQUIRES: client != nullptr.
  ProtobufConverter(ProtobufConverterConfig config, bool is_key,
                    std::shared_ptr<schema_registry::SchemaRegistryClient> client);

  std::string_view class_name() const override { return kClassName; }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;

 private:
  // The writer schema of one (topic, id, message path): the descriptors (kept alive with their
  // pool) and the Connect schema.
  // With use.latest.version, also the reader schema a writer's messages are read as.
  struct WriterSchema {
    std::shared_ptr<const ProtobufSchemaFile> file;
    const google::protobuf::Descriptor* message = nullptr;
    SchemaPtr connect;
    std::shared_ptr<const schema_registry::RegisteredSchema> registered;
    schema_registry::Subject subject{""};
    schema_registry::SchemaVersion version;
  };
  Result<WriterSchema> load(schema_registry::SchemaId id, std::span<const int32_t> indexes,
                            std::string_view topic);
  // With use.latest.version: the schema `writer`'s messages are read as; `frame_key` is the
  // frame's id and message-index bytes.
  Result<const WriterSchema*> latest_for(const WriterSchema& writer, std::string_view topic,
                                         std::string_view frame_key);
  Result<WriterSchema> load_reader(const WriterSchema& writer,
                                   const schema_registry::SubjectSchema& latest);
  Result<std::shared_ptr<const ProtobufSchemaFile>> load_file(
      const schema_registry::RegisteredSchema& registered);

  const ProtobufConverterConfig config_;
  const bool is_key_;
  std::shared_ptr<schema_registry::SchemaRegistryClient> client_;
  ProtobufToConnectSchema to_connect_;
  ProtobufValueDecoder decoder_;
  // Keyed by topic, '\0', the 4 id bytes and the message-index bytes of the frame.
  WriterSchemaCache<WriterSchema> writers_;
  LruCache<schema_registry::SchemaId, std::shared_ptr<const ProtobufSchemaFile>> files_;
  // use.latest.version / use.latest.with.metadata only (else null / unused).
  std::unique_ptr<LatestSchemaLookup> latest_;
  // Keyed by topic, '\0', the frame key, '\0', reader id.
  WriterSchemaCache<WriterSchema> readers_;
  std::string reader_key_;  // reused: no allocation per record
};

}  // namespace sluice::connect
