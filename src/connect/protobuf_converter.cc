#include "connect/protobuf_converter.h"

#include "connect/confluent_wire_format.h"
#include "connect/schema_registry_options.h"

namespace sluice::connect {

namespace {

Status deserialize_error(std::string_view topic, const Status& cause) {
  return Status(cause.code(), "Failed to deserialize data for topic " + std::string(topic) +
                                  " to Protobuf: " + cause.message());
}

}  // namespace

ProtobufConverterConfig ProtobufConverterConfig::parse(
    const std::map<std::string, std::string>& config, const std::string& prefix, bool is_key,
    std::vector<std::string>& problems) {
  ConverterOptions options(config, prefix);
  ProtobufConverterConfig parsed;
  parsed.registry = read_schema_registry_options(options);
  parsed.data = ProtobufDataConfig::read(options);
  parsed.subject_strategy = read_subject_name_strategy(options, is_key);
  problems.insert(problems.end(), options.problems().begin(), options.problems().end());
  return parsed;
}

ProtobufConverter::ProtobufConverter(ProtobufConverterConfig config, bool is_key,
                                     std::shared_ptr<schema_registry::SchemaRegistryClient> client)
    : config_(std::move(config)),
      is_key_(is_key),
      client_(std::move(client)),
      to_connect_(config_.data),
      decoder_(config_.data),
      writers_(static_cast<size_t>(config_.data.effective_cache_size())),
      files_(static_cast<size_t>(config_.data.effective_cache_size())) {}

Status ProtobufConverter::to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                                     SchemaAndValue& out) {
  out.schema = nullptr;
  out.value = Value::null();
  if (!bytes) return Status::ok_status();  // a tombstone: SchemaAndValue.NULL
  Result<WireFrame> frame = parse_wire_frame(*bytes);
  if (!frame.ok()) return deserialize_error(topic, frame.status());
  std::string_view payload = frame->payload;
  Result<std::string_view> path = skip_protobuf_message_indexes(payload);
  if (!path.ok()) {
    return deserialize_error(
        topic, path.status().with_context("Error deserializing Protobuf message for id " +
                                          std::to_string(frame->id.value)));
  }
  // The id and path bytes as they are on the wire identify the writer message for this topic.
  Result<const WriterSchema*> found = writers_.find_or_load(
      topic, bytes->substr(1, bytes->size() - 1 - payload.size()), [&]() -> Result<WriterSchema> {
        std::string_view path_bytes = *path;
        SLUICE_ASSIGN_OR_RETURN(std::vector<int32_t> indexes,
                                read_protobuf_message_indexes(path_bytes));
        return load(frame->id, indexes, topic);
      });
  if (!found.ok()) return deserialize_error(topic, found.status());
  const WriterSchema* writer = *found;
  Status decoded = decoder_.decode(payload, *writer->message, *writer->connect, arena, &out.value);
  if (!decoded.ok()) {
    return deserialize_error(topic,
                             decoded.with_context("Error deserializing Protobuf message for id " +
                                                  std::to_string(frame->id.value)));
  }
  out.schema = writer->connect;
  return Status::ok_status();
}

Result<ProtobufConverter::WriterSchema> ProtobufConverter::load(schema_registry::SchemaId id,
                                                                std::span<const int32_t> indexes,
                                                                std::string_view topic) {
  const std::string for_id = " for id " + std::to_string(id.value);
  const schema_registry::Subject hint =
      subject_name(SubjectNameStrategy::kTopicName, topic, is_key_, "");
  Result<std::shared_ptr<const schema_registry::RegisteredSchema>> registered =
      client_->schema_by_id(id, hint);
  if (!registered.ok()) {
    return registered.status().with_context("Error retrieving Protobuf schema" + for_id);
  }
  if ((*registered)->kind != schema_registry::SchemaKind::kProtobuf) {
    return Status::data_error("schema id " + std::to_string(id.value) + " is a " +
                              std::string(schema_registry::schema_kind_name((*registered)->kind)) +
                              " schema, not Protobuf");
  }
  WriterSchema writer;
  SLUICE_ASSIGN_OR_RETURN(writer.file, load_file(**registered));
  Result<const google::protobuf::Descriptor*> message = writer.file->message_at(indexes);
  if (!message.ok()) {
    return message.status().with_context("Error deserializing Protobuf message" + for_id);
  }
  writer.message = *message;
  const schema_registry::Subject subject =
      subject_name(config_.subject_strategy, topic, is_key_, writer.message->full_name());
  Result<schema_registry::SchemaVersion> version = client_->version_of(subject, **registered);
  if (!version.ok()) {
    return version.status().with_context("Error retrieving Protobuf schema" + for_id);
  }
  SLUICE_ASSIGN_OR_RETURN(writer.connect, to_connect_.convert(*writer.message, version->value));
  return writer;
}

Result<std::shared_ptr<const ProtobufSchemaFile>> ProtobufConverter::load_file(
    const schema_registry::RegisteredSchema& registered) {
  if (const auto* cached = files_.get(registered.id)) return *cached;
  ProtobufReferenceFetcher fetch = [this](const schema_registry::SchemaReference& ref)
      -> Result<schema_registry::RegisteredSchema> {
    SLUICE_ASSIGN_OR_RETURN(schema_registry::SubjectSchema referenced,
                            client_->subject_version(schema_registry::Subject(ref.subject),
                                                     schema_registry::SchemaVersion{ref.version}));
    return std::move(referenced.schema);
  };
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<const ProtobufSchemaFile> file,
                          load_protobuf_schema(registered, fetch));
  files_.put(registered.id, file);
  return file;
}

}  // namespace sluice::connect
