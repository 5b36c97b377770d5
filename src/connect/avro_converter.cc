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
  parsed.latest = LatestSchemaOptions::read(options);
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
      writers_(static_cast<size_t>(config_.data.effective_cache_size())),
      readers_(static_cast<size_t>(config_.data.effective_cache_size())) {
  if (config_.latest.enabled()) {
    // Confluent's Avro deserializer asks for the latest version with metadata first.
    latest_ = std::make_unique<LatestSchemaLookup>(config_.latest, LatestPrecedence::kMetadataFirst,
                                                   client_);
  }
}

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
  std::string_view payload = frame->payload;
  const avro::Schema* data_schema = writer->avro.get();
  const SchemaPtr* connect = &writer->connect;
  if (latest_ != nullptr) {
    const ReaderSchema* reader = nullptr;
    Status resolved = resolve_latest(*writer, bytes->substr(1, 4), arena, topic, payload, reader);
    if (!resolved.ok()) {
      return deserialize_error(topic,
                               resolved.with_context("Error deserializing Avro message for id " +
                                                     std::to_string(frame->id.value)));
    }
    data_schema = reader->avro.get();
    connect = &reader->connect;
  }
  Status decoded = decoder_.decode(payload, *data_schema, **connect, arena, &out.value);
  if (!decoded.ok()) {
    return deserialize_error(topic,
                             decoded.with_context("Error deserializing Avro message for id " +
                                                  std::to_string(frame->id.value)));
  }
  out.schema = *connect;
  return Status::ok_status();
}

Status AvroConverter::resolve_latest(const WriterSchema& writer, std::string_view id_bytes,
                                     Arena& arena, std::string_view topic,
                                     std::string_view& payload, const ReaderSchema*& reader) {
  SLUICE_ASSIGN_OR_RETURN(const schema_registry::SubjectSchema* latest,
                          latest_->reader_for(writer.subject, *writer.registered, writer.version));
  reader_key_.assign(id_bytes);
  reader_key_.push_back('\0');
  reader_key_.append(std::to_string(latest->schema.id.value));
  SLUICE_ASSIGN_OR_RETURN(reader, readers_.find_or_load(topic, reader_key_, [&] {
    return load_reader(writer, *latest);
  }));
  if (reader->plan == nullptr) return Status::ok_status();
  SLUICE_RETURN_IF_ERROR(transcoder_.transcode(payload, *reader->plan, resolved_));
  // Decoded strings and bytes may point into the datum: it must live as long as the batch.
  payload = arena.copy(resolved_);
  return Status::ok_status();
}

Result<AvroConverter::ReaderSchema> AvroConverter::load_reader(
    const WriterSchema& writer, const schema_registry::SubjectSchema& latest) {
  ReaderSchema reader{writer.avro, writer.connect, nullptr};
  if (latest.schema.id == writer.registered->id) return reader;
  if (latest.schema.kind != schema_registry::SchemaKind::kAvro) {
    return Status::data_error("the latest schema of subject " + writer.subject.name() +
                              " (version " + std::to_string(latest.version.value) + ") is a " +
                              std::string(schema_registry::schema_kind_name(latest.schema.kind)) +
                              " schema, not Avro");
  }
  SLUICE_ASSIGN_OR_RETURN(avro::SchemaPtr parsed, parse_with_references(latest.schema));
  if (parsed->to_json() == writer.avro->to_json()) return reader;
  if (writer.avro->type() != avro::Type::kRecord) {
    // Java pairs the writer's Connect schema with the value resolved to the reader's schema
    // (NonRecordContainer), a mix sluice does not reproduce.
    return Status::data_error(
        "the writer schema is a " + std::string(avro::type_name(writer.avro->type())) +
        ", not a record, and differs from the latest schema of subject " + writer.subject.name() +
        " (version " + std::to_string(latest.version.value) +
        "); sluice resolves only record schemas to the latest version");
  }
  SLUICE_ASSIGN_OR_RETURN(avro::ResolutionPlan plan,
                          avro::ResolutionPlan::build(writer.avro, parsed));
  reader.plan = std::make_shared<const avro::ResolutionPlan>(std::move(plan));
  // The record carries the reader's schema; its Connect version is the writer's, as Confluent's
  // deserializer reports it (GenericContainerWithVersion).
  SLUICE_ASSIGN_OR_RETURN(reader.connect, to_connect_.convert(parsed, writer.version.value));
  reader.avro = std::move(parsed);
  return reader;
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
  return WriterSchema{std::move(avro), std::move(connect), std::move(registered), subject,
                      *version};
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
