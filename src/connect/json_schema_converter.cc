#include "connect/json_schema_converter.h"

#include "connect/confluent_wire_format.h"
#include "connect/json_schema_to_connect.h"
#include "connect/json_to_connect.h"
#include "connect/schema_registry_options.h"

namespace sluice::connect {

namespace {

constexpr int kMaxReferenceDepth = 32;

Status deserialize_error(std::string_view topic, const Status& cause) {
  return Status(cause.code(),
                "Converting byte[] to Kafka Connect data failed due to serialization error of "
                "topic " +
                    std::string(topic) + ": " + cause.message());
}

std::string message_error(schema_registry::SchemaId id) {
  return "Error deserializing JSON message for id " + std::to_string(id.value);
}

// The class the deserializer would load for a schema naming one in `property`; "" when the JSON
// tree itself is the result.
std::string java_type_of(const LoadedJsonSchema& schema, const std::string& property) {
  const JsonSchemaNode& root = schema.root();
  // Combined roots pick the class of the branch the payload matches; sluice reads only a plain
  // root's property (docs/compatibility.md).
  if (root.kind == JsonSchemaKind::kCombined && !root.synthetic) return "";
  const JsonNode* named = schema.root_json().get(property);
  if (named == nullptr) return "";
  // JsonNode.asText(): a string's text, a number's or boolean's literal, "" for the rest.
  const std::string type = named->type == JsonType::kString || named->type == JsonType::kNumber
                               ? std::string(named->text)
                           : named->type == JsonType::kBoolean ? (named->boolean ? "true" : "false")
                                                               : "";
  if (type == "java.lang.Object" || type == "com.fasterxml.jackson.databind.JsonNode" ||
      type == "com.fasterxml.jackson.databind.node.ObjectNode") {
    return "";
  }
  return type.empty() && named->type == JsonType::kNull ? "" : type;
}

}  // namespace

JsonSchemaConverterConfig JsonSchemaConverterConfig::parse(
    const std::map<std::string, std::string>& config, const std::string& prefix, bool is_key,
    std::vector<std::string>& problems) {
  ConverterOptions options(config, prefix);
  JsonSchemaConverterConfig parsed;
  parsed.registry = read_schema_registry_options(options);
  parsed.data = JsonSchemaDataConfig::read(options);
  parsed.subject_strategy = read_subject_name_strategy(options, is_key);
  parsed.latest = LatestSchemaOptions::read(options);
  problems.insert(problems.end(), options.problems().begin(), options.problems().end());
  return parsed;
}

JsonSchemaConverter::JsonSchemaConverter(
    JsonSchemaConverterConfig config, bool is_key,
    std::shared_ptr<schema_registry::SchemaRegistryClient> client)
    : config_(std::move(config)),
      is_key_(is_key),
      client_(std::move(client)),
      writers_(static_cast<size_t>(config_.data.effective_cache_size())),
      readers_(static_cast<size_t>(config_.data.effective_cache_size())) {
  if (config_.latest.enabled()) {
    // Confluent's JSON Schema deserializer lets use.latest.version win over the metadata lookup.
    latest_ = std::make_unique<LatestSchemaLookup>(config_.latest,
                                                   LatestPrecedence::kLatestVersionFirst, client_);
  }
}

Status JsonSchemaConverter::to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
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
  if (latest_ != nullptr) {
    // Read as the latest schema: its Connect schema and version, validated against it.
    Result<const WriterSchema*> reader = latest_for(*writer, topic, bytes->substr(1, 4));
    if (!reader.ok()) {
      return deserialize_error(topic, reader.status().with_context(message_error(frame->id)));
    }
    writer = *reader;
  }
  Value value;
  Status converted = convert_payload(*writer, frame->payload, arena, &value);
  if (!converted.ok()) {
    return deserialize_error(topic, converted.with_context(message_error(frame->id)));
  }
  out.schema = writer->connect;
  out.value = value;
  return Status::ok_status();
}

Status JsonSchemaConverter::convert_payload(const WriterSchema& writer, std::string_view payload,
                                            Arena& arena, Value* out) {
  reader_.start_document();
  const JsonNode* root = nullptr;
  SLUICE_RETURN_IF_ERROR(reader_.read(payload, arena, &root));
  if (root == nullptr) {
    // Jackson reads no content as a MissingNode; a struct refuses it, and sluice refuses it for
    // the other types too rather than emulate MissingNode's lax accessors.
    if (writer.connect->type == SchemaType::kStruct && !is_json_schema_union(*writer.connect)) {
      return Status::data_error("Structs should be encoded as JSON objects, but found MISSING");
    }
    return Status::data_error("No content to map due to end-of-input");
  }
  if (writer.validator != nullptr) SLUICE_RETURN_IF_ERROR(writer.validator->validate(*root));
  if (!writer.java_type.empty()) {
    return Status::data_error("Class " + writer.java_type + " could not be found.");
  }
  JsonToConnect converter(true, arena, /*copy_text=*/false, JsonToConnectRules::kJsonSchemaData);
  return converter.convert(writer.connect.get(), root, out);
}

Result<const JsonSchemaConverter::WriterSchema*> JsonSchemaConverter::latest_for(
    const WriterSchema& writer, std::string_view topic, std::string_view id_bytes) {
  SLUICE_ASSIGN_OR_RETURN(const schema_registry::SubjectSchema* latest,
                          latest_->reader_for(writer.subject, *writer.registered, writer.version));
  if (latest->schema.id == writer.registered->id) {
    // The writer's own schema; Confluent still reports the version of the latest lookup, which
    // is the writer's.
    return &writer;
  }
  reader_key_.assign(id_bytes);
  reader_key_.push_back('\0');
  reader_key_.append(std::to_string(latest->schema.id.value));
  return readers_.find_or_load(topic, reader_key_, [&]() -> Result<WriterSchema> {
    if (latest->schema.kind != schema_registry::SchemaKind::kJson) {
      return Status::data_error(
          "the latest schema of subject " + writer.subject.name() + " (version " +
          std::to_string(latest->version.value) + ") is a " +
          std::string(schema_registry::schema_kind_name(latest->schema.kind)) +
          " schema, not JSON");
    }
    auto registered = std::make_shared<const schema_registry::RegisteredSchema>(latest->schema);
    SLUICE_ASSIGN_OR_RETURN(WriterSchema reader, load_schema(std::move(registered)));
    reader.subject = writer.subject;
    reader.version = latest->version;
    // The Connect schema is the latest schema's, with its version (JsonSchemaData of the
    // deserializer's reader schema).
    SLUICE_ASSIGN_OR_RETURN(
        reader.connect, json_schema_to_connect(*reader.json, latest->version.value, config_.data));
    return reader;
  });
}

Result<JsonSchemaConverter::WriterSchema> JsonSchemaConverter::load(schema_registry::SchemaId id,
                                                                    std::string_view topic) {
  const schema_registry::Subject hint =
      subject_name(SubjectNameStrategy::kTopicName, topic, is_key_, "");
  SLUICE_ASSIGN_OR_RETURN(std::shared_ptr<const schema_registry::RegisteredSchema> registered,
                          client_->schema_by_id(id, hint));
  if (registered->kind != schema_registry::SchemaKind::kJson) {
    return Status::data_error("schema id " + std::to_string(id.value) + " is a " +
                              std::string(schema_registry::schema_kind_name(registered->kind)) +
                              " schema, not JSON");
  }
  SLUICE_ASSIGN_OR_RETURN(WriterSchema writer, load_schema(registered));
  const std::optional<std::string_view> title = writer.json->name();
  if (config_.subject_strategy != SubjectNameStrategy::kTopicName && !title) {
    return Status::data_error("schema id " + std::to_string(id.value) +
                              " has no \"title\", which the subject name strategy needs");
  }
  writer.subject = subject_name(config_.subject_strategy, topic, is_key_, title.value_or(""));
  Result<schema_registry::SchemaVersion> version = client_->version_of(writer.subject, *registered);
  if (!version.ok()) {
    return version.status().with_context("Error retrieving JSON " +
                                         std::string(is_key_ ? "key" : "value") +
                                         " schema version for id " + std::to_string(id.value));
  }
  writer.version = *version;
  SLUICE_ASSIGN_OR_RETURN(writer.connect,
                          json_schema_to_connect(*writer.json, version->value, config_.data));
  return writer;
}

Result<JsonSchemaConverter::WriterSchema> JsonSchemaConverter::load_schema(
    std::shared_ptr<const schema_registry::RegisteredSchema> registered) {
  std::vector<JsonSchemaSource> referenced;
  SLUICE_RETURN_IF_ERROR(collect_references(*registered, 0, referenced));
  const JsonSchemaSource source{"", registered->text};
  Result<std::unique_ptr<LoadedJsonSchema>> loaded = load_json_schema(source, referenced);
  if (!loaded.ok()) {
    return loaded.status().with_context("Invalid JSON schema id " +
                                        std::to_string(registered->id.value));
  }
  WriterSchema schema;
  schema.json = std::move(*loaded);
  if (config_.data.fail_invalid_schema) {
    SLUICE_ASSIGN_OR_RETURN(schema.validator, JsonSchemaValidator::create(source, referenced));
  }
  schema.java_type = java_type_of(*schema.json, config_.data.type_property);
  schema.registered = std::move(registered);
  return schema;
}

Status JsonSchemaConverter::collect_references(const schema_registry::RegisteredSchema& schema,
                                               int depth, std::vector<JsonSchemaSource>& out) {
  // Confluent's JsonSchemaProvider resolves every reference, transitively, by its name.
  if (depth > kMaxReferenceDepth) {
    return Status::data_error("schema references nest deeper than " +
                              std::to_string(kMaxReferenceDepth));
  }
  for (const schema_registry::SchemaReference& ref : schema.references) {
    bool known = false;
    for (const JsonSchemaSource& s : out) known = known || s.name == ref.name;
    if (known) continue;
    Result<schema_registry::SubjectSchema> referenced = client_->subject_version(
        schema_registry::Subject(ref.subject), schema_registry::SchemaVersion{ref.version});
    if (!referenced.ok()) {
      return referenced.status().with_context("referenced schema " + ref.name + " (subject " +
                                              ref.subject + " version " +
                                              std::to_string(ref.version) + ")");
    }
    out.push_back({ref.name, referenced->schema.text});
    SLUICE_RETURN_IF_ERROR(collect_references(referenced->schema, depth + 1, out));
  }
  return Status::ok_status();
}

}  // namespace sluice::connect
