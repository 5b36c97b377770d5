// AvroConverter: io.confluent.connect.avro.AvroConverter, Kafka bytes in Confluent's wire format
// (magic byte, schema id, Avro binary datum) -> Connect data, with the writer schema from a
// Confluent Schema Registry.
//
// For each record: the frame is read (confluent_wire_format.h); the writer schema for its id is
// taken from the cache or fetched once (schema_registry_client.h) and parsed, with the schemas it
// references; its version under the record's subject (the subject name strategy) is looked up,
// because the Connect schema's version is what the S3 sink's schema.compatibility compares; the
// Connect schema is AvroData's (avro_to_connect_schema.h); the datum is decoded straight into the
// batch Arena (avro_value_decoder.h). The registry is asked once per schema id and subject,
// never per record.
//
// With use.latest.version=true or use.latest.with.metadata (latest_schema_lookup.h) the datum is
// read, as Confluent's deserializer reads it, with the subject's latest schema: a ResolutionPlan
// (avro/resolution_plan.h) built once per (topic, writer id, reader id) rewrites the writer's
// datum into the reader's encoding (avro/resolving_transcoder.h; the bytes are copied into the
// Arena, since decoded strings point into them), which is then decoded with the reader's Connect
// schema carrying the writer's version. A writer schema equal to the reader's is decoded as it is.
//
// Errors: a payload that does not decode (bad magic byte, truncated datum) or a schema the
// registry does not know is a kDataError "Failed to deserialize data for topic <t> to Avro: ...",
// which follows errors.tolerance; an unreachable or overloaded registry is kRetriable and refused
// credentials kFatal, with the same prefix.
//
// Not thread-safe (caches, decoder scratch): one converter per task and slot, as in Connect.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "avro/resolution_plan.h"
#include "avro/resolving_transcoder.h"
#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/avro_to_connect_schema.h"
#include "connect/avro_value_decoder.h"
#include "connect/converter.h"
#include "connect/latest_schema_lookup.h"
#include "connect/subject_name_strategy.h"
#include "connect/writer_schema_cache.h"
#include "schema_registry/registry_client_config.h"
#include "schema_registry/schema_registry_client.h"

namespace sluice::connect {

struct AvroConverterConfig {
  schema_registry::RegistryClientConfig registry;
  AvroDataConfig data;
  SubjectNameStrategy subject_strategy = SubjectNameStrategy::kTopicName;
  LatestSchemaOptions latest;

  // Reads the converter's sub-config (prefix stripped; `prefix` is for messages); problems are
  // appended to `problems`.
  static AvroConverterConfig parse(const std::map<std::string, std::string>& config,
                                   const std::string& prefix, bool is_key,
                                   std::vector<std::string>& problems);
};

class AvroConverter final : public DataAndHeaderConverter {
 public:
  static constexpr std::string_view kClassName = "io.confluent.connect.avro.AvroConverter";

  // `client` may be shared by converters that use the same registry settings.
  // REQUIRES: client != nullptr.
  AvroConverter(AvroConverterConfig config, bool is_key,
                std::shared_ptr<schema_registry::SchemaRegistryClient> client);

  std::string_view class_name() const override { return kClassName; }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;

 private:
  // The writer schema of one id as seen from one topic, in both forms, with its subject and its
  // version there.
  struct WriterSchema {
    avro::SchemaPtr avro;
    SchemaPtr connect;
    std::shared_ptr<const schema_registry::RegisteredSchema> registered;
    schema_registry::Subject subject{""};
    schema_registry::SchemaVersion version;
  };
  // With use.latest.version: what records of one writer schema are read as. `plan` is null when
  // the reader schema is the writer's (the datum is decoded as it is); `unsupported` is set when
  // sluice refuses the pair (a non-record writer schema that differs from the reader's).
  struct ReaderSchema {
    avro::SchemaPtr avro;
    SchemaPtr connect;
    std::shared_ptr<const avro::ResolutionPlan> plan;
  };
  // Fetches, parses and converts the writer schema of `id` for `topic`.
  Result<WriterSchema> load(schema_registry::SchemaId id, std::string_view topic);
  // The reader schema for `writer` when the subject's latest schema is `latest`.
  Result<ReaderSchema> load_reader(const WriterSchema& writer,
                                   const schema_registry::SubjectSchema& latest);
  // The datum of `writer` data resolved to the latest schema: the schema pair to decode with and
  // the bytes (copied into `arena` when rewritten).
  Status resolve_latest(const WriterSchema& writer, std::string_view id_bytes, Arena& arena,
                        std::string_view topic, std::string_view& payload,
                        const ReaderSchema*& reader);
  Result<avro::SchemaPtr> parse_with_references(const schema_registry::RegisteredSchema& schema);

  const AvroConverterConfig config_;
  const bool is_key_;
  std::shared_ptr<schema_registry::SchemaRegistryClient> client_;
  AvroToConnectSchema to_connect_;
  AvroValueDecoder decoder_;
  // Keyed by topic, '\0', id: the subject (and so the version) depends on both.
  WriterSchemaCache<WriterSchema> writers_;
  // use.latest.version / use.latest.with.metadata only (else null / unused).
  std::unique_ptr<LatestSchemaLookup> latest_;
  // Keyed by topic, '\0', writer id bytes, '\0', reader id.
  WriterSchemaCache<ReaderSchema> readers_;
  avro::ResolvingTranscoder transcoder_;
  std::string resolved_;    // the transcoder's output, reused
  std::string reader_key_;  // reused: no allocation per record
};

}  // namespace sluice::connect
