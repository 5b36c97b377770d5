#include "connect/json_converter.h"

#include "connect/converter_options.h"
#include "connect/json_to_connect.h"

namespace sluice::connect {

JsonConverterConfig JsonConverterConfig::parse(const std::map<std::string, std::string>& config,
                                               const std::string& prefix,
                                               std::vector<std::string>& problems) {
  ConverterOptions options(config, prefix);
  JsonConverterConfig parsed;
  parsed.schemas_enable = options.boolean("schemas.enable", true);
  parsed.schemas_cache_size = options.int32("schemas.cache.size", 1000);
  parsed.decimal_format =
      options.choice_ignoring_case("decimal.format", "BASE64", {"BASE64", "NUMERIC"}) == "NUMERIC"
          ? DecimalFormat::kNumeric
          : DecimalFormat::kBase64;
  parsed.replace_null_with_default = options.boolean("replace.null.with.default", true);
  problems.insert(problems.end(), options.problems().begin(), options.problems().end());
  return parsed;
}

JsonConverter::JsonConverter(JsonConverterConfig config)
    : config_(config), schema_cache_(config.schemas_cache_size) {}

Status JsonConverter::to_connect(std::string_view /*topic*/, KafkaBytes bytes, Arena& arena,
                                 SchemaAndValue& out) {
  out.schema = nullptr;
  out.value = Value::null();
  if (!bytes) return Status::ok_status();  // a tombstone: SchemaAndValue.NULL
  reader_.start_document();
  JsonToConnect converter(config_.replace_null_with_default, arena);

  if (!config_.schemas_enable) {
    Status st = reader_.read_values(*bytes, arena, &out.value);
    if (!st.ok()) return Status::data_error(std::string(kSerializationError) + st.message());
    return Status::ok_status();
  }

  JsonReader::Envelope envelope;
  Status st = reader_.read_envelope(*bytes, arena, &envelope);
  if (!st.ok()) return Status::data_error(std::string(kSerializationError) + st.message());
  if (!envelope.valid) return Status::data_error(std::string(kEnvelopeError));
  SchemaPtr schema;
  switch (envelope.schema_kind) {
    case JsonReader::Envelope::SchemaKind::kNull:
      break;
    case JsonReader::Envelope::SchemaKind::kOther:
      return Status::data_error("Schema must contain 'type' field");
    case JsonReader::Envelope::SchemaKind::kObject: {
      SLUICE_ASSIGN_OR_RETURN(schema, schema_for(envelope.schema_text, arena));
      break;
    }
  }
  SLUICE_RETURN_IF_ERROR(converter.convert(schema.get(), envelope.payload, &out.value));
  out.schema = std::move(schema);
  return Status::ok_status();
}

Result<SchemaPtr> JsonConverter::schema_for(std::string_view schema_text, Arena& arena) {
  if (const SchemaPtr* cached = schema_cache_.find(schema_text)) return *cached;
  // The envelope pass only captured the schema's text; its syntax is checked here, and a syntax
  // error is still reported as the serialization error Java's parse-first order gives.
  const JsonNode* json = nullptr;
  Status st = reader_.read(schema_text, arena, &json);
  if (!st.ok()) return Status::data_error(std::string(kSerializationError) + st.message());
  SLUICE_ASSIGN_OR_RETURN(SchemaPtr schema,
                          json_to_connect_schema(*json, config_.replace_null_with_default));
  schema_cache_.insert(schema_text, schema);
  return schema;
}

}  // namespace sluice::connect
