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
  parsed.latest = LatestSchemaOptions::read(options);
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
      files_(static_cast<size_t>(config_.data.effective_cache_size())),
      readers_(static_cast<size_t>(config_.data.effective_cache_size())) {
  if (config_.latest.enabled()) {
    // Confluent's Protobuf deserializer lets use.latest.version win over the metadata lookup.
    latest_ = std::make_unique<LatestSchemaLookup>(config_.latest,
                                                   LatestPrecedence::kLatestVersionFirst, client_);
  }
}

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
  const std::string_view frame_key = bytes->substr(1, bytes->size() - 1 - payload.size());
  Result<const WriterSchema*> found =
      writers_.find_or_load(topic, frame_key, [&]() -> Result<WriterSchema> {
        std::string_view path_bytes = *path;
        SLUICE_ASSIGN_OR_RETURN(std::vector<int32_t> indexes,
                                read_protobuf_message_indexes(path_bytes));
        return load(frame->id, indexes, topic);
      });
  if (!found.ok()) return deserialize_error(topic, found.status());
  const WriterSchema* writer = *found;
  if (latest_ != nullptr) {
    Result<const WriterSchema*> reader = latest_for(*writer, topic, frame_key);
    if (!reader.ok()) {
      return deserialize_error(
          topic, reader.status().with_context("Error deserializing Protobuf message for id " +
                                              std::to_string(frame->id.value)));
    }
    writer = *reader;
  }
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
  writer.subject =
      subject_name(config_.subject_strategy, topic, is_key_, writer.message->full_name());
  Result<schema_registry::SchemaVersion> version =
      client_->version_of(writer.subject, **registered);
  if (!version.ok()) {
    return version.status().with_context("Error retrieving Protobuf schema" + for_id);
  }
  writer.version = *version;
  writer.registered = *registered;
  SLUICE_ASSIGN_OR_RETURN(writer.connect, to_connect_.convert(*writer.message, version->value));
  return writer;
}

Result<const ProtobufConverter::WriterSchema*> ProtobufConverter::latest_for(
    const WriterSchema& writer, std::string_view topic, std::string_view frame_key) {
  SLUICE_ASSIGN_OR_RETURN(const schema_registry::SubjectSchema* latest,
                          latest_->reader_for(writer.subject, *writer.registered, writer.version));
  if (latest->schema.id == writer.registered->id) return &writer;
  reader_key_.assign(frame_key);
  reader_key_.push_back('\0');
  reader_key_.append(std::to_string(latest->schema.id.value));
  return readers_.find_or_load(topic, reader_key_, [&] { return load_reader(writer, *latest); });
}

Result<ProtobufConverter::WriterSchema> ProtobufConverter::load_reader(
    const WriterSchema& writer, const schema_registry::SubjectSchema& latest) {
  if (latest.schema.kind != schema_registry::SchemaKind::kProtobuf) {
    return Status::data_error("the latest schema of subject " + writer.subject.name() +
                              " (version " + std::to_string(latest.version.value) + ") is a " +
                              std::string(schema_registry::schema_kind_name(latest.schema.kind)) +
                              " schema, not Protobuf");
  }
  WriterSchema reader;
  reader.registered = std::make_shared<const schema_registry::RegisteredSchema>(latest.schema);
  SLUICE_ASSIGN_OR_RETURN(reader.file, load_file(*reader.registered));
  // The writer's message by its full name in the latest schema's own file; without one, the
  // latest schema as it is, i.e. its first message (ProtobufSchema's default name).
  const google::protobuf::FileDescriptor* file = reader.file->file();
  const google::protobuf::Descriptor* message =
      file->pool()->FindMessageTypeByName(writer.message->full_name());
  if (message == nullptr || message->file() != file) {
    const int32_t first = 0;
    SLUICE_ASSIGN_OR_RETURN(message, reader.file->message_at(std::span<const int32_t>(&first, 1)));
  }
  reader.message = message;
  reader.subject = writer.subject;
  reader.version = latest.version;
  SLUICE_ASSIGN_OR_RETURN(reader.connect, to_connect_.convert(*message, latest.version.value));
  return reader;
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
