#include "format/json_value_encoder.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include "connect/standard_schemas.h"
#include "format/base64.h"
#include "format/java_big_decimal.h"
#include "format/java_date_format.h"
#include "format/java_hash_code.h"
#include "format/java_type_names.h"
#include "format/logical_types.h"
#include "util/java_number_format.h"
#include "util/json_string_escape.h"

namespace sluice::format {
namespace {

using connect::Schema;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

void append_integer(std::string& out, int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof(buf), v).ptr);
}

// Jackson's writeNumber(double/float): non-finite values are written as strings
// (JsonWriteFeature.WRITE_NAN_AS_STRINGS is on by default).
void append_json_double(std::string& out, double v, util::JavaDoubleDigits digits) {
  bool quote = !std::isfinite(v);
  if (quote) out.push_back('"');
  util::append_java_double(out, v, digits);
  if (quote) out.push_back('"');
}

void append_json_float(std::string& out, float v, util::JavaDoubleDigits digits) {
  bool quote = !std::isfinite(v);
  if (quote) out.push_back('"');
  util::append_java_float(out, v, digits);
  if (quote) out.push_back('"');
}

Status invalid_type(const Schema* schema, const Value& v) {
  // JsonConverter turns the ClassCastException into this DataException.
  std::string type_name =
      schema ? std::string(connect::java_type_name(schema->type)) : std::string("unknown schema");
  return Status::data_error("Invalid type for " + type_name + ": " +
                            std::string(java_class_name(schema, v)));
}

// Object.toString() of a map key, as Jackson's default key serializer uses it.
Status append_java_to_string(std::string& out, const Schema* schema, const Value& v,
                             util::JavaDoubleDigits digits) {
  LogicalType logical = logical_type(schema);
  if (is_decimal_value(schema, v)) {
    SLUICE_ASSIGN_OR_RETURN(int32_t scale, decimal_value_scale(schema, v));
    append_java_big_decimal(out, v.as_text(), scale);
    return Status::ok_status();
  }
  switch (v.kind()) {
    case ValueKind::kNull:
      out.append("null");
      break;
    case ValueKind::kBoolean:
      out.append(v.as_bool() ? "true" : "false");
      break;
    case ValueKind::kInt:
      append_integer(out, logical == LogicalType::kNone
                              ? v.as_int()
                              : logical_epoch_millis(logical, v.as_int()));
      break;
    case ValueKind::kFloat32:
      util::append_java_float(out, static_cast<float>(v.as_double()), digits);
      break;
    case ValueKind::kFloat64:
      util::append_java_double(out, v.as_double(), digits);
      break;
    case ValueKind::kString:
      out.append(v.as_text());
      break;
    case ValueKind::kBytes:
      // Java prints "[B@<identity hash>", which nothing can reproduce; Base64 keeps the content.
      append_base64(out, v.as_text());
      break;
    case ValueKind::kArray: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out.append(", ");
        first = false;
        SLUICE_RETURN_IF_ERROR(append_java_to_string(
            out, schema ? schema->value_schema.get() : nullptr, item, digits));
      }
      out.push_back(']');
      break;
    }
    case ValueKind::kMap: {
      out.push_back('{');
      for (size_t i = 0; i < v.map_size(); ++i) {
        if (i != 0) out.append(", ");
        SLUICE_RETURN_IF_ERROR(append_java_to_string(
            out, schema ? schema->key_schema.get() : nullptr, v.map_key(i), digits));
        out.push_back('=');
        SLUICE_RETURN_IF_ERROR(append_java_to_string(
            out, schema ? schema->value_schema.get() : nullptr, v.map_value(i), digits));
      }
      out.push_back('}');
      break;
    }
    case ValueKind::kStruct:
      return Status::fatal("A Struct cannot be a JSON map key (no Jackson key serializer)");
  }
  return Status::ok_status();
}

}  // namespace

size_t JsonValueEncoder::push_map_order(const Schema* key_schema, const Value& map) {
  size_t base = order_.size();
  uint32_t count = static_cast<uint32_t>(map.map_size());
  if (options_.java_map_order && count > 1 && !map.map_in_java_order()) {
    ConnectMapKeys keys(key_schema, map);
    map_order_.compute(count, keys, order_);
  } else {
    for (uint32_t i = 0; i < count; ++i) order_.push_back(i);
  }
  return base;
}

Status JsonValueEncoder::append_converter_json(std::string& out, const Schema* schema,
                                               const Value& v) {
  if (v.is_null()) {
    if (schema == nullptr) {
      out.append("null");
      return Status::ok_status();
    }
    // replace.null.with.default=true, the JsonConverter default.
    if (schema->default_value) {
      return append_converter_json(out, schema, schema->default_value->value());
    }
    if (schema->optional) {
      out.append("null");
      return Status::ok_status();
    }
    return Status::data_error(
        "Conversion error: null value for field that is required and has no default value");
  }

  switch (logical_type(schema)) {
    case LogicalType::kNone:
      break;
    case LogicalType::kDecimal: {
      if (v.kind() != ValueKind::kBytes) {
        return Status::data_error("Invalid type for Decimal, expected BigDecimal but was " +
                                  std::string(java_class_name(schema, v)));
      }
      SLUICE_ASSIGN_OR_RETURN(int32_t scale, decimal_value_scale(schema, v));
      if (options_.decimal_format == JsonDecimalFormat::kNumeric) {
        append_java_big_decimal(out, v.as_text(), scale);
      } else {
        // Decimal.fromLogical refuses to rescale.
        SLUICE_ASSIGN_OR_RETURN(int32_t schema_scale, decimal_scale(*schema));
        if (scale != schema_scale) {
          return Status::data_error(
              "BigDecimal has mismatching scale value for given Decimal schema");
        }
        out.push_back('"');
        append_base64(out, minimal_twos_complement(v.as_text()));
        out.push_back('"');
      }
      return Status::ok_status();
    }
    case LogicalType::kDate:
    case LogicalType::kTime:
    case LogicalType::kTimestamp:
      if (v.kind() != ValueKind::kInt) {
        return Status::data_error("Invalid type for " + *schema->name + ", expected Date but was " +
                                  std::string(java_class_name(schema, v)));
      }
      append_integer(out, v.as_int());
      return Status::ok_status();
  }

  SchemaType type;
  if (schema != nullptr) {
    type = schema->type;
  } else {
    // No schema (only below a schemaless top level): the type follows the Java class.
    switch (v.kind()) {
      case ValueKind::kBoolean:
        type = SchemaType::kBoolean;
        break;
      case ValueKind::kInt:
        type = SchemaType::kInt64;
        break;
      case ValueKind::kFloat32:
        type = SchemaType::kFloat32;
        break;
      case ValueKind::kFloat64:
        type = SchemaType::kFloat64;
        break;
      case ValueKind::kString:
        type = SchemaType::kString;
        break;
      case ValueKind::kBytes:
        type = SchemaType::kBytes;
        break;
      case ValueKind::kArray:
        type = SchemaType::kArray;
        break;
      case ValueKind::kMap:
        type = SchemaType::kMap;
        break;
      default:
        type = SchemaType::kStruct;
        break;
    }
  }

  switch (type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64:
      if (v.kind() != ValueKind::kInt) return invalid_type(schema, v);
      append_integer(out, v.as_int());
      return Status::ok_status();
    case SchemaType::kFloat32:
      if (v.kind() != ValueKind::kFloat32 && v.kind() != ValueKind::kFloat64) {
        return invalid_type(schema, v);
      }
      append_json_float(out, static_cast<float>(v.as_double()), options_.double_digits);
      return Status::ok_status();
    case SchemaType::kFloat64:
      if (v.kind() != ValueKind::kFloat64 && v.kind() != ValueKind::kFloat32) {
        return invalid_type(schema, v);
      }
      append_json_double(out, v.as_double(), options_.double_digits);
      return Status::ok_status();
    case SchemaType::kBoolean:
      if (v.kind() != ValueKind::kBoolean) return invalid_type(schema, v);
      out.append(v.as_bool() ? "true" : "false");
      return Status::ok_status();
    case SchemaType::kString:
      if (v.kind() != ValueKind::kString) return invalid_type(schema, v);
      util::append_json_string(out, v.as_text());
      return Status::ok_status();
    case SchemaType::kBytes:
      if (v.kind() != ValueKind::kBytes) return invalid_type(schema, v);
      out.push_back('"');
      append_base64(out, v.as_text());
      out.push_back('"');
      return Status::ok_status();
    case SchemaType::kArray: {
      if (v.kind() != ValueKind::kArray) return invalid_type(schema, v);
      const Schema* element = schema ? schema->value_schema.get() : nullptr;
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out.push_back(',');
        first = false;
        SLUICE_RETURN_IF_ERROR(append_converter_json(out, element, item));
      }
      out.push_back(']');
      return Status::ok_status();
    }
    case SchemaType::kMap: {
      if (v.kind() != ValueKind::kMap) return invalid_type(schema, v);
      const Schema* key_schema = schema ? schema->key_schema.get() : nullptr;
      const Schema* value_schema = schema ? schema->value_schema.get() : nullptr;
      bool object_mode;
      if (schema != nullptr) {
        object_mode = key_schema != nullptr && key_schema->type == SchemaType::kString;
      } else {
        object_mode = true;
        for (size_t i = 0; i < v.map_size(); ++i) {
          if (v.map_key(i).kind() != ValueKind::kString) object_mode = false;
        }
      }
      size_t base = push_map_order(key_schema, v);
      size_t count = order_.size() - base;
      out.push_back(object_mode ? '{' : '[');
      Status status;
      for (size_t k = 0; k < count && status.ok(); ++k) {
        uint32_t i = order_[base + k];
        if (k != 0) out.push_back(',');
        if (object_mode) {
          // ObjectNode.set(mapKey.asText(), ...): the key's JSON rendering as text.
          const Value& key = v.map_key(i);
          if (key.kind() == ValueKind::kString) {
            util::append_json_string(out, key.as_text());
          } else {
            std::string key_json;
            status = append_converter_json(key_json, key_schema, key);
            if (!status.ok()) break;
            util::append_json_string(out, key_json);
          }
          out.push_back(':');
          status = append_converter_json(out, value_schema, v.map_value(i));
        } else {
          out.push_back('[');
          status = append_converter_json(out, key_schema, v.map_key(i));
          if (!status.ok()) break;
          out.push_back(',');
          status = append_converter_json(out, value_schema, v.map_value(i));
          out.push_back(']');
        }
      }
      order_.resize(base);
      SLUICE_RETURN_IF_ERROR(status);
      out.push_back(object_mode ? '}' : ']');
      return Status::ok_status();
    }
    case SchemaType::kStruct: {
      if (v.kind() != ValueKind::kStruct) return invalid_type(schema, v);
      const Schema* own = v.struct_schema();
      if (schema == nullptr || own == nullptr ||
          (own != schema && !connect::schemas_equal(own, schema))) {
        return Status::data_error("Mismatching schema.");
      }
      auto items = v.items();
      out.push_back('{');
      for (size_t i = 0; i < schema->fields.size(); ++i) {
        const connect::Field& field = schema->fields[i];
        if (i != 0) out.push_back(',');
        util::append_json_string(out, field.name);
        out.push_back(':');
        Value null_value;
        SLUICE_RETURN_IF_ERROR(append_converter_json(out, field.schema.get(),
                                                     i < items.size() ? items[i] : null_value));
      }
      out.push_back('}');
      return Status::ok_status();
    }
  }
  return invalid_type(schema, v);
}

Status JsonValueEncoder::append_map_key_text(std::string& out, const Schema* schema,
                                             const Value& key) {
  if (key.is_null()) {
    return Status::fatal(
        "Null key for a Map not allowed in JSON (use a converting NullKeySerializer)");
  }
  if (key.kind() == ValueKind::kString) {
    util::append_json_string(out, key.as_text());
    return Status::ok_status();
  }
  LogicalType logical = logical_type(schema);
  std::string text;
  if (key.kind() == ValueKind::kInt && logical != LogicalType::kNone &&
      logical != LogicalType::kDecimal) {
    // A java.util.Date key: Jackson formats it with StdDateFormat (WRITE_DATE_KEYS_AS_TIMESTAMPS
    // is off by default).
    append_jackson_date_key(text, logical_epoch_millis(logical, key.as_int()));
    util::append_json_string(out, text);
    return Status::ok_status();
  }
  SLUICE_RETURN_IF_ERROR(append_java_to_string(text, schema, key, options_.double_digits));
  util::append_json_string(out, text);
  return Status::ok_status();
}

Status JsonValueEncoder::append_object_mapper_json(std::string& out, const Schema* schema,
                                                   const Value& v) {
  LogicalType logical = logical_type(schema);
  if (is_decimal_value(schema, v)) {
    // BigDecimal: Jackson writes toString() as a number (WRITE_BIGDECIMAL_AS_PLAIN is off).
    SLUICE_ASSIGN_OR_RETURN(int32_t scale, decimal_value_scale(schema, v));
    append_java_big_decimal(out, v.as_text(), scale);
    return Status::ok_status();
  }
  switch (v.kind()) {
    case ValueKind::kNull:
      out.append("null");
      break;
    case ValueKind::kBoolean:
      out.append(v.as_bool() ? "true" : "false");
      break;
    case ValueKind::kInt:
      // A java.util.Date (Date/Time/Timestamp) is written as epoch milliseconds
      // (WRITE_DATES_AS_TIMESTAMPS).
      append_integer(out, logical == LogicalType::kNone || logical == LogicalType::kDecimal
                              ? v.as_int()
                              : logical_epoch_millis(logical, v.as_int()));
      break;
    case ValueKind::kFloat32:
      append_json_float(out, static_cast<float>(v.as_double()), options_.double_digits);
      break;
    case ValueKind::kFloat64:
      append_json_double(out, v.as_double(), options_.double_digits);
      break;
    case ValueKind::kString:
      util::append_json_string(out, v.as_text());
      break;
    case ValueKind::kBytes:
      out.push_back('"');
      append_base64(out, v.as_text());
      out.push_back('"');
      break;
    case ValueKind::kArray: {
      const Schema* element = schema ? schema->value_schema.get() : nullptr;
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out.push_back(',');
        first = false;
        SLUICE_RETURN_IF_ERROR(append_object_mapper_json(out, element, item));
      }
      out.push_back(']');
      break;
    }
    case ValueKind::kMap: {
      const Schema* key_schema = schema ? schema->key_schema.get() : nullptr;
      const Schema* value_schema = schema ? schema->value_schema.get() : nullptr;
      size_t base = push_map_order(key_schema, v);
      size_t count = order_.size() - base;
      out.push_back('{');
      Status status;
      for (size_t k = 0; k < count && status.ok(); ++k) {
        uint32_t i = order_[base + k];
        if (k != 0) out.push_back(',');
        status = append_map_key_text(out, key_schema, v.map_key(i));
        if (!status.ok()) break;
        out.push_back(':');
        status = append_object_mapper_json(out, value_schema, v.map_value(i));
      }
      order_.resize(base);
      SLUICE_RETURN_IF_ERROR(status);
      out.push_back('}');
      break;
    }
    case ValueKind::kStruct:
      // Jackson has no serializer for Struct (no bean properties): an IOException in Java, which
      // the connector turns into a ConnectException that fails the task.
      return Status::fatal(
          "No serializer found for class org.apache.kafka.connect.data.Struct: a Struct nested in "
          "a schemaless map or list cannot be written as JSON");
  }
  return Status::ok_status();
}

}  // namespace sluice::format
