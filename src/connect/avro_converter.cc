#include "connect/avro_converter.h"

#include <functional>

#include "avro/schema_parser.h"
#include "connect/confluent_wire_format.h"
#include "connect/schema_registry_options.h"

namespace sluice::connect {

namespace {

constexpr int kMaxReferenceDepth = 32;

Status deserialize_error(std::string_view topic, const Status& cause) {
  return Status(cause.code(), "Failed to deserialize data for topic " + std::string(topic) +
                                  " to Avro: " + cause.message());
}

}  // namespace

AvroConverterConfig AvroConverterConfig::parse(const std::map<std::string, std::string>& config,
                                               const std::string& prefix, bool is_key,
                                               std::vector<std::string>& problems) {
  ConverterOptions options(config, prefix);
  AvroConverterConfig parsed;
  parsed.registry = read_schema_registry_options(options);
  parsed.data = AvroDataConfig::read(options);
  parsed.subject_strategy = read_subject_name_strategy(options, is_key);
  problems.insert(problems.end(), options.problems().begin(), options.problems().end());
  return parsed;
}

AvroConverter::AvroConverter(AvroConverterConfig config, bool is_key,
                             std::shared_ptr<schema_registry::SchemaRegistryClient> client)
    : config_(std::move(config)),
      is_key_(is_key),
      client_(std::move(client)),
      to_connect_(config_.data),
      decoder_(config_.data),
      writers_(static_cast<size_t>(config_.data.effective_cache_size())) {}

Status AvroConverter::to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                                 SchemaAndValue& out) {
  out.schema = nullptr;
  out.value = Value::null();
  if (!bytes) return Status::ok_status();  // a tombstone: SchemaAndValue.NULL
  Result<WireFrame> frame = parse_wire_frame(*bytes);
  if (!frame.ok()) return deserialize_error(topic, frame.status());
  // The frame's id bytes identify the writer schema.
  Result<const WriterSchema*> found =
      writers_.find_or_load(topic, bytes->substr(1, 4), [&] { return load(frame->id, topic); });
  if (!found.ok()) return deserialize_error(topic, found.status());
  const WriterSchema* writer = *found;
  Status decoded =
      decoder_.decode(frame->payload, *writer->avro, *writer->connect, arena, &out.value);
  if (!decoded.ok()) {
    return deserialize_error(topic,
                             decoded.with_context("Error deserializing Avro message for id " +
                                                  std::to_string(frame->id.value)));
  }
  out.schema = writer->connect;
  return Status::ok_status();
}

Result<AvroConverter::WriterSchema> AvroConverter::load(schema_registry::SchemaId id,
                                                        std::string_view topic) {
  const schema_registry::Subject hint =
      subject_name(SubjectNameStrategy::kTopicName, topic, is_key_, "");
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<const schema_registry::RegisteredSchema> registered,
                          client_->schema_by_id(id, hint));
  if (registered->kind != schema_registry::SchemaKind::kAvro) {
    return Status::data_error("schema id " + std::to_string(id.value) + " is a " +
                              std::string(schema_registry::schema_kind_name(registered->kind)) +
                              " schema, not Avro");
  }
  SLUICE_ASSIGN_OR_RETURN(avro::SchemaPtr avro, parse_with_references(*registered));
  const schema_registry::Subject subject =
      subject_name(config_.subject_strategy, topic, is_key_, avro->full_name());
  Result<schema_registry::SchemaVersion> version = client_->version_of(subject, *registered);
  if (!version.ok()) {
    return version.status().with_context("Error retrieving Avro " +
                                         std::string(is_key_ ? "key" : "value") +
                                         " schema version for id " + std::to_string(id.value));
  }
  SLUICE_ASSIGN_OR_RETURN(SchemaPtr connect, to_connect_.convert(avro, version->value));
  return WriterSchema{std::move(avro), std::move(connect)};
}

Result<avro::SchemaPtr> AvroConverter::parse_with_references(
    const schema_registry::RegisteredSchema& schema) {
  // Referenced schemas define named types the main one uses: parse them first, depth first, in
  // the order given, with one parser that remembers every named type (as Confluent's
  // AvroSchemaProvider does).
  avro::SchemaParser parser;
  std::function<Status(const schema_registry::RegisteredSchema&, int)> parse_refs =
      [&](const schema_registry::RegisteredSchema& s, int depth) -> Status {
    if (depth > kMaxReferenceDepth) {
      return Status::data_error("schema references nest deeper than " +
                                std::to_string(kMaxReferenceDepth));
    }
    for (const schema_registry::SchemaReference& ref : s.references) {
      SLUICE_ASSIGN_OR_RETURN(
          schema_registry::SubjectSchema referenced,
          client_->subject_version(schema_registry::Subject(ref.subject),
                                   schema_registry::SchemaVersion{ref.version}));
      SLUICE_RETURN_IF_ERROR(parse_refs(referenced.schema, depth + 1));
      Result<avro::SchemaPtr> parsed = parser.parse(referenced.schema.text);
      if (!parsed.ok()) {
        return parsed.status().with_context("referenced schema " + ref.name + " (subject " +
                                            ref.subject + " version " +
                                            std::to_string(ref.version) + ")");
      }
    }
    return Status::ok_status();
  };
  SLUICE_RETURN_IF_ERROR(parse_refs(schema, 0));
  Result<avro::SchemaPtr> parsed = parser.parse(schema.text);
  if (!parsed.ok()) {
    return parsed.status().with_context("schema id " + std::to_string(schema.id.value));
  }
  return std::move(*parsed);
}

}  // namespace sluice::connect
