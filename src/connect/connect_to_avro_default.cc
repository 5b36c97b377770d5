#include "connect/connect_to_avro_default.h"

#include <string>
#include <utility>

#include "connect/avro_data_names.h"
#include "connect/decimal_bytes.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

using avro::JsonValue;
namespace ad = avro_data;

constexpr int64_t kMillisPerDay = 86400000;

// new String(bytes, ISO_8859_1), as UTF-8.
std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

Status bad_type(const Schema& schema) {
  return Status::data_error("Invalid type used for default value of " +
                            std::string(java_type_name(schema.type)) + " field");
}

// Struct.get(field): a null field value reads as the field schema's default.
const Value& field_value(const Value& s, const Field& field) {
  const Value& v = s.items()[static_cast<size_t>(field.index)];
  if (v.is_null() && field.schema->default_value != nullptr) {
    return field.schema->default_value->value();
  }
  return v;
}

Result<JsonValue> to_json(const Schema& schema, const Value& value, const AvroDataConfig& config);

// TO_AVRO_LOGICAL_CONVERTERS (looked up by the exact schema name).
Result<JsonValue> logical_to_json(const Schema& schema, const Value& value, bool* handled) {
  *handled = true;
  const std::string& name = *schema.name;
  if (name == kDecimalLogicalName) {
    if (!value.is_decimal()) return bad_type(schema);
    const std::string* scale_text = schema.parameter(ad::kDecimalScaleParam);
    std::optional<int32_t> scale = scale_text ? ad::parse_int(*scale_text) : std::nullopt;
    if (!scale) return Status::data_error("Invalid Decimal schema: scale parameter not found.");
    if (*scale != value.decimal_scale()) {
      return Status::data_error("BigDecimal has mismatching scale value for given Decimal schema");
    }
    return JsonValue::string(latin1_to_utf8(minimal_twos_complement(value.as_text())));
  }
  if (name == kTimeLogicalName) {
    if (value.kind() != ValueKind::kInt) return bad_type(schema);
    if (value.as_int() < 0 || value.as_int() >= kMillisPerDay) {
      return Status::data_error(
          "Kafka Connect Time type should not have any date fields set to non-zero values.");
    }
    return JsonValue::integer(value.as_int());
  }
  *handled = false;
  return JsonValue::null();
}

Result<JsonValue> map_to_json(const Schema& schema, const Value& value,
                              const AvroDataConfig& config) {
  if (value.kind() != ValueKind::kMap) return bad_type(schema);
  const Schema& key = *schema.key_schema;
  if (key.type == SchemaType::kString && (!key.optional || config.allow_optional_map_keys)) {
    avro::JsonObject members;
    for (size_t i = 0; i < value.map_size(); ++i) {
      if (value.map_key(i).kind() != ValueKind::kString) return bad_type(schema);
      SLUICE_ASSIGN_OR_RETURN(JsonValue v,
                              to_json(*schema.value_schema, value.map_value(i), config));
      members.emplace_back(std::string(value.map_key(i).as_text()), std::move(v));
    }
    return JsonValue::object(std::move(members));
  }
  avro::JsonArray entries;
  for (size_t i = 0; i < value.map_size(); ++i) {
    SLUICE_ASSIGN_OR_RETURN(JsonValue k, to_json(key, value.map_key(i), config));
    SLUICE_ASSIGN_OR_RETURN(JsonValue v, to_json(*schema.value_schema, value.map_value(i), config));
    entries.push_back(JsonValue::array({std::move(k), std::move(v)}));
  }
  return JsonValue::array(std::move(entries));
}

Result<JsonValue> struct_to_json(const Schema& schema, const Value& value,
                                 const AvroDataConfig& config) {
  if (value.kind() != ValueKind::kStruct || value.items().size() != schema.fields.size()) {
    return bad_type(schema);
  }
  const bool is_union = ad::is_union_schema(schema);
  avro::JsonObject members;
  for (const Field& field : schema.fields) {
    SLUICE_ASSIGN_OR_RETURN(JsonValue v, to_json(*field.schema, field_value(value, field), config));
    if (is_union) return v;
    std::string name = ad::scrub_name(field.name, config.scrub_invalid_names);
    bool replaced = false;  // ObjectNode.put: a repeated key keeps its place
    for (auto& [k, old] : members) {
      if (k == name) {
        old = std::move(v);
        replaced = true;
      }
    }
    if (!replaced) members.emplace_back(std::move(name), std::move(v));
  }
  return JsonValue::object(std::move(members));
}

Result<JsonValue> to_json(const Schema& schema, const Value& value, const AvroDataConfig& config) {
  if (value.is_null()) return JsonValue::null();
  if (schema.name) {
    bool handled = false;
    SLUICE_ASSIGN_OR_RETURN(JsonValue v, logical_to_json(schema, value, &handled));
    if (handled) return v;
  }
  switch (schema.type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64:
      if (value.kind() != ValueKind::kInt) return bad_type(schema);
      return JsonValue::integer(value.as_int());
    case SchemaType::kFloat32:
      if (value.kind() != ValueKind::kFloat32) return bad_type(schema);
      return JsonValue::float_number(static_cast<float>(value.as_double()));
    case SchemaType::kFloat64:
      if (value.kind() != ValueKind::kFloat64) return bad_type(schema);
      return JsonValue::number(value.as_double());
    case SchemaType::kBoolean:
      if (value.kind() != ValueKind::kBoolean) return bad_type(schema);
      return JsonValue::boolean(value.as_bool());
    case SchemaType::kString:
      if (value.kind() != ValueKind::kString) return bad_type(schema);
      return JsonValue::string(std::string(value.as_text()));
    case SchemaType::kBytes:
      if (value.kind() != ValueKind::kBytes) return bad_type(schema);
      return JsonValue::string(latin1_to_utf8(value.as_text()));
    case SchemaType::kArray: {
      if (value.kind() != ValueKind::kArray) return bad_type(schema);
      avro::JsonArray items;
      for (const Value& item : value.items()) {
        SLUICE_ASSIGN_OR_RETURN(JsonValue v, to_json(*schema.value_schema, item, config));
        items.push_back(std::move(v));
      }
      return JsonValue::array(std::move(items));
    }
    case SchemaType::kMap:
      return map_to_json(schema, value, config);
    case SchemaType::kStruct:
      return struct_to_json(schema, value, config);
  }
  return bad_type(schema);
}

}  // namespace

Result<JsonValue> connect_default_to_json(const Schema& schema, const Value& value,
                                          const AvroDataConfig& config) {
  return to_json(schema, value, config);
}

}  // namespace sluice::connect
