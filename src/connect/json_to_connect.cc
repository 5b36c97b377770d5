#include "connect/json_to_connect.h"

#include <string>

#include "connect/decimal_bytes.h"
#include "connect/jackson_base64.h"
#include "connect/json_number.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

constexpr int64_t kMillisPerDay = 86400000;

int64_t long_value(const JsonNode& node) {
  return json_long_value(node);
}
int32_t int_value(const JsonNode& node) {
  return json_int_value(node);
}
bool is_int32(const JsonNode& node) {
  return json_is_int(node);
}
double double_value(const JsonNode& node) {
  return json_double_value(node);
}

std::string type_error(std::string_view what, std::string_view expected, const JsonNode* node) {
  return "Invalid type for " + std::string(what) + ", underlying representation should be " +
         std::string(expected) + " but was " + std::string(json_node_type_name(node));
}

}  // namespace

Status JsonToConnect::convert(const Schema* schema, const JsonNode* node, Value* out) {
  if (schema != nullptr) {
    if (node == nullptr || node->type == JsonType::kNull) {
      if (schema->default_value != nullptr && replace_null_with_default_) {
        *out = schema->default_value->value();  // already converted when the schema was built
        return Status::ok_status();
      }
      if (schema->optional || (schema_data() && node == nullptr)) {
        *out = Value::null();
        return Status::ok_status();
      }
      return Status::data_error("Invalid null value for required " +
                                std::string(java_type_name(schema->type)) + " field");
    }
    bool handled = false;
    if (schema->name) SLUICE_RETURN_IF_ERROR(convert_logical(*schema, *node, &handled, out));
    if (handled) return Status::ok_status();
    return convert_typed(*schema, *node, out);
  }
  if (node == nullptr || node->type == JsonType::kNull) {
    *out = Value::null();
    return Status::ok_status();
  }
  return infer(*node, out);
}

Status JsonToConnect::convert_logical(const Schema& schema, const JsonNode& node, bool* handled,
                                      Value* out) {
  const std::string& name = *schema.name;
  *handled = true;
  if (name == kDecimalLogicalName) {
    if (node.type == JsonType::kNumber) {
      JsonNumber number;
      std::string ignored;
      JsonNumber::parse(node.text, &number, &ignored);  // validated when the tree was built
      *out = Value::decimal(number.unscaled_bytes(arena_), number.scale());
      return Status::ok_status();
    }
    if (node.type == JsonType::kString) {
      // Decimal.toLogical(schema, binaryValue()): Java wraps every failure in "Invalid bytes".
      std::string_view bytes;
      std::string cause;
      std::optional<int32_t> scale;
      if (!jackson_base64_decode(node.text, arena_, &bytes, &cause)) {
      } else if (bytes.empty()) {
        cause = "Zero length BigInteger";
      } else if (const std::string* scale_text = schema.parameter("scale"); scale_text == nullptr) {
        cause = "Invalid Decimal schema: scale parameter not found.";
      } else if (scale = parse_java_int(*scale_text); !scale) {
        cause = "Invalid scale parameter found in Decimal schema: For input string: \"" +
                *scale_text + "\"";
      }
      if (!cause.empty()) return Status::data_error("Invalid bytes for Decimal field: " + cause);
      *out = Value::decimal(minimal_twos_complement(bytes), *scale);
      return Status::ok_status();
    }
    return Status::data_error(type_error("Decimal", "numeric or bytes", &node));
  }
  if (name == kDateLogicalName || name == kTimeLogicalName) {
    const bool is_date = name == kDateLogicalName;
    if (!is_int32(node)) {
      return Status::data_error(type_error(is_date ? "Date" : "Time", "integer", &node));
    }
    const int32_t v = int_value(node);
    if (!is_date && (v < 0 || v > kMillisPerDay)) {
      return Status::data_error(
          "Time values must use number of milliseconds greater than 0 and less than 86400000");
    }
    *out = Value::integer(v);
    return Status::ok_status();
  }
  if (name == kTimestampLogicalName) {
    if (node.type != JsonType::kNumber || !node.integral) {
      return Status::data_error(type_error("Timestamp", "integral", &node));
    }
    *out = Value::integer(long_value(node));
    return Status::ok_status();
  }
  *handled = false;
  return Status::ok_status();
}

Status JsonToConnect::convert_typed(const Schema& schema, const JsonNode& node, Value* out) {
  switch (schema.type) {
    case SchemaType::kBoolean:
      *out = Value::boolean(node.type == JsonType::kBoolean && node.boolean);
      return Status::ok_status();
    case SchemaType::kInt8:
      *out = Value::integer(static_cast<int8_t>(int_value(node)));
      return Status::ok_status();
    case SchemaType::kInt16:
      *out = Value::integer(static_cast<int16_t>(int_value(node)));
      return Status::ok_status();
    case SchemaType::kInt32:
      *out = Value::integer(int_value(node));
      return Status::ok_status();
    case SchemaType::kInt64:
      *out = Value::integer(long_value(node));
      return Status::ok_status();
    case SchemaType::kFloat32:
      *out = Value::float32(json_float_value(node));
      return Status::ok_status();
    case SchemaType::kFloat64:
      *out = Value::float64(double_value(node));
      return Status::ok_status();
    case SchemaType::kString:
      *out = node.type == JsonType::kString ? Value::string(text(node.text)) : Value::null();
      return Status::ok_status();
    case SchemaType::kBytes: {
      if (node.type != JsonType::kString && schema_data()) {
        // binaryValue() is null, so Java keeps decimalValue(), which no BYTES schema accepts.
        return Status::data_error(
            "Invalid Java object for schema with type BYTES: class java.math.BigDecimal");
      }
      if (node.type != JsonType::kString) {
        *out = Value::null();
        return Status::ok_status();
      }
      std::string_view bytes;
      std::string error;
      if (!jackson_base64_decode(node.text, arena_, &bytes, &error)) {
        return Status::data_error("Invalid bytes field: " + error);
      }
      *out = Value::bytes(bytes);
      return Status::ok_status();
    }
    case SchemaType::kArray: {
      // Jackson iterates an object's values and a scalar as empty; there is no type check.
      const size_t count =
          node.type == JsonType::kArray || node.type == JsonType::kObject ? node.items.size() : 0;
      std::span<Value> items = arena_.allocate_array<Value>(count);
      for (size_t i = 0; i < count; ++i) {
        SLUICE_RETURN_IF_ERROR(convert(schema.value_schema.get(), &node.items[i], &items[i]));
      }
      *out = Value::array(items);
      return Status::ok_status();
    }
    case SchemaType::kMap:
      return convert_map(schema, node, out);
    case SchemaType::kStruct:
      return convert_struct(schema, node, out);
  }
  return Status::data_error("Unknown schema type: " + std::string(java_type_name(schema.type)));
}

Status JsonToConnect::convert_map(const Schema& schema, const JsonNode& node, Value* out) {
  const Schema* key_schema = schema.key_schema.get();
  const Schema* value_schema = schema.value_schema.get();
  const bool string_keys = key_schema == nullptr || (key_schema->type == SchemaType::kString &&
                                                     !(schema_data() && key_schema->optional));
  if (string_keys) {
    if (node.type != JsonType::kObject) {
      return Status::data_error(
          "Maps with string fields should be encoded as JSON objects, but found " +
          std::string(json_node_type_name(&node)));
    }
    std::span<Value> entries = arena_.allocate_array<Value>(node.items.size() * 2);
    for (size_t i = 0; i < node.items.size(); ++i) {
      entries[2 * i] = Value::string(text(node.keys[i]));
      SLUICE_RETURN_IF_ERROR(convert(value_schema, &node.items[i], &entries[2 * i + 1]));
    }
    *out = Value::map(entries);
    return Status::ok_status();
  }
  if (schema_data()) return convert_entry_objects(schema, node, out);
  if (node.type != JsonType::kArray) {
    return Status::data_error(
        "Maps with non-string fields should be encoded as JSON array of tuples, but found " +
        std::string(json_node_type_name(&node)));
  }
  std::span<Value> entries = arena_.allocate_array<Value>(node.items.size() * 2);
  size_t count = 0;
  for (const JsonNode& entry : node.items) {
    if (entry.type != JsonType::kArray) {
      return Status::data_error("Found invalid map entry instead of array tuple: " +
                                std::string(json_node_type_name(&entry)));
    }
    if (entry.items.size() != 2) {
      return Status::data_error("Found invalid map entry, expected length 2 but found :" +
                                std::to_string(entry.items.size()));
    }
    Value key, value;
    SLUICE_RETURN_IF_ERROR(convert(key_schema, &entry.items[0], &key));
    SLUICE_RETURN_IF_ERROR(convert(value_schema, &entry.items[1], &value));
    // A HashMap: an equal key replaces the earlier entry's value and keeps its place.
    size_t at = 0;
    while (at < count && !values_equal(entries[2 * at], key)) ++at;
    if (at == count) {
      entries[2 * count] = key;
      ++count;
    }
    entries[2 * at + 1] = value;
  }
  *out = Value::map(entries.first(count * 2));
  return Status::ok_status();
}

// JsonSchemaData's form of a map with non-string keys: [{"key": k, "value": v}, ...].
Status JsonToConnect::convert_entry_objects(const Schema& schema, const JsonNode& node,
                                            Value* out) {
  if (node.type != JsonType::kArray) {
    return Status::data_error(
        "Maps with non-string fields should be encoded as JSON array of objects, but found " +
        std::string(json_node_type_name(&node)));
  }
  std::span<Value> entries = arena_.allocate_array<Value>(node.items.size() * 2);
  size_t count = 0;
  for (const JsonNode& entry : node.items) {
    if (entry.type != JsonType::kObject) {
      return Status::data_error("Found invalid map entry instead of object: " +
                                std::string(json_node_type_name(&entry)));
    }
    if (entry.items.size() != 2) {
      return Status::data_error("Found invalid map entry, expected length 2 but found :" +
                                std::to_string(entry.items.size()));
    }
    Value key, value;
    SLUICE_RETURN_IF_ERROR(convert(schema.key_schema.get(), entry.get("key"), &key));
    SLUICE_RETURN_IF_ERROR(convert(schema.value_schema.get(), entry.get("value"), &value));
    size_t at = 0;
    while (at < count && !values_equal(entries[2 * at], key)) ++at;
    if (at == count) {
      entries[2 * count] = key;
      ++count;
    }
    entries[2 * at + 1] = value;
  }
  *out = Value::map(entries.first(count * 2));
  return Status::ok_status();
}

Status JsonToConnect::convert_struct(const Schema& schema, const JsonNode& node, Value* out) {
  if (schema_data() && is_json_schema_union(schema)) return convert_union(schema, node, out);
  if (node.type != JsonType::kObject) {
    return Status::data_error("Structs should be encoded as JSON objects, but found " +
                              std::string(json_node_type_name(&node)));
  }
  std::span<Value> fields = arena_.allocate_array<Value>(schema.fields.size());
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    const Field& field = schema.fields[i];
    Value& value = fields[static_cast<size_t>(field.index)];
    SLUICE_RETURN_IF_ERROR(convert(field.schema.get(), node.get(field.name, i), &value));
    // Struct.put validates; JsonSchemaData does not put a null at all, so the field stays unset.
    if (schema_data() && value.is_null()) continue;
    SLUICE_RETURN_IF_ERROR(validate_value(field.name, *field.schema, value));
  }
  *out = Value::structure(&schema, fields);
  return Status::ok_status();
}

namespace {

// JsonSchemaData.isInstanceOfSchemaTypeForSimpleSchema: whether `node` is of the branch's type.
bool is_instance_of(const Schema& branch, const JsonNode& node) {
  const bool number = node.type == JsonType::kNumber;
  switch (branch.type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64:
      return number && node.integral;
    case SchemaType::kFloat32:
    case SchemaType::kFloat64:
      return number;
    case SchemaType::kBoolean:
      return node.type == JsonType::kBoolean;
    case SchemaType::kString:
      return node.type == JsonType::kString;
    case SchemaType::kBytes:
      // isBinary() never holds for parsed text; isBigDecimal() does for non-integral numbers.
      return number && !node.integral;
    case SchemaType::kArray:
      return node.type == JsonType::kArray;
    case SchemaType::kMap:
      return node.type == JsonType::kObject || node.type == JsonType::kArray;
    case SchemaType::kStruct:
      return false;
  }
  return false;
}

// JsonSchemaData.matchStructSchema: how many property names a struct branch shares with `node`,
// counted recursively.
int match_struct(const Schema& branch, const JsonNode& node) {
  if (branch.type != SchemaType::kStruct || node.type != JsonType::kObject) return 0;
  int matched = 0;
  for (const Field& field : branch.fields) {
    const JsonNode* child = node.get(field.name);
    if (child == nullptr) continue;
    matched += 1 + match_struct(*field.schema, *child);
  }
  return matched;
}

}  // namespace

Status JsonToConnect::convert_union(const Schema& schema, const JsonNode& node, Value* out) {
  const Field* chosen = nullptr;
  int best = 0;
  for (const Field& field : schema.fields) {
    if (is_instance_of(*field.schema, node)) {
      chosen = &field;
      break;
    }
    const int matched = match_struct(*field.schema, node);
    if (matched > best) {
      best = matched;
      chosen = &field;
    }
  }
  if (chosen == nullptr) return Status::data_error("Did not find matching oneof field for data");
  std::span<Value> fields = arena_.allocate_array<Value>(schema.fields.size());
  Value& value = fields[static_cast<size_t>(chosen->index)];
  SLUICE_RETURN_IF_ERROR(convert(chosen->schema.get(), &node, &value));
  SLUICE_RETURN_IF_ERROR(validate_value(chosen->name, *chosen->schema, value));
  *out = Value::structure(&schema, fields);
  return Status::ok_status();
}

bool is_json_schema_union(const Schema& schema) {
  if (schema.type != SchemaType::kStruct) return false;
  if (schema.name && *schema.name == "io.confluent.connect.json.OneOf") return true;
  return schema.parameter("org.apache.kafka.connect.data.Union") != nullptr;
}

Status JsonToConnect::infer(const JsonNode& node, Value* out) {
  switch (node.type) {
    case JsonType::kNull:
      *out = Value::null();
      break;
    case JsonType::kBoolean:
      *out = Value::boolean(node.boolean);
      break;
    case JsonType::kNumber:
      *out = node.integral ? Value::integer(long_value(node)) : Value::float64(double_value(node));
      break;
    case JsonType::kString:
      *out = Value::string(text(node.text));
      break;
    case JsonType::kArray: {
      std::span<Value> items = arena_.allocate_array<Value>(node.items.size());
      for (size_t i = 0; i < node.items.size(); ++i) {
        SLUICE_RETURN_IF_ERROR(infer(node.items[i], &items[i]));
      }
      *out = Value::array(items);
      break;
    }
    case JsonType::kObject: {
      std::span<Value> entries = arena_.allocate_array<Value>(node.items.size() * 2);
      for (size_t i = 0; i < node.items.size(); ++i) {
        entries[2 * i] = Value::string(text(node.keys[i]));
        SLUICE_RETURN_IF_ERROR(infer(node.items[i], &entries[2 * i + 1]));
      }
      *out = Value::map(entries);
      break;
    }
  }
  return Status::ok_status();
}

Status validate_value(std::string_view name, const Schema& schema, const Value& value) {
  if (value.is_null()) {
    if (schema.optional) return Status::ok_status();
    return Status::data_error("Invalid value: null used for required field: \"" +
                              std::string(name) +
                              "\", schema type: " + std::string(java_type_name(schema.type)));
  }
  if (schema.type == SchemaType::kArray && schema.value_schema != nullptr) {
    for (const Value& item : value.items()) {
      SLUICE_RETURN_IF_ERROR(validate_value("null", *schema.value_schema, item));
    }
  } else if (schema.type == SchemaType::kMap && schema.key_schema && schema.value_schema) {
    for (size_t i = 0; i < value.map_size(); ++i) {
      SLUICE_RETURN_IF_ERROR(validate_value("null", *schema.key_schema, value.map_key(i)));
      SLUICE_RETURN_IF_ERROR(validate_value("null", *schema.value_schema, value.map_value(i)));
    }
  }
  return Status::ok_status();
}

}  // namespace sluice::connect
