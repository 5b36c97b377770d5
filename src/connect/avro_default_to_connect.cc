#include "connect/avro_default_to_connect.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "connect/avro_data_names.h"
#include "connect/decimal_bytes.h"
#include "util/java_number_format.h"

namespace sluice::connect {
namespace {

using avro::JsonValue;
using avro::Type;

constexpr int64_t kMillisPerDay = 86400000;

// A Java object as JacksonUtils.toObject returns it (what Field.defaultVal() gives AvroData).
struct JavaObject {
  enum class Kind : uint8_t {
    kJavaNull,   // null: toObject found no conversion for the node and schema
    kNullValue,  // JsonProperties.NULL_VALUE (a JSON null)
    kBoolean,
    kInteger,
    kLong,
    kFloat,
    kDouble,
    kString,
    kBytes,  // byte[]
    kList,
    kMap,  // LinkedHashMap, members in order
  };
  Kind kind = Kind::kJavaNull;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;  // kString (UTF-8) and kBytes
  std::vector<JavaObject> items;
  std::vector<std::pair<std::string, JavaObject>> members;
};
using JKind = JavaObject::Kind;

// ISO-8859-1 bytes of a UTF-8 string (String.getBytes(ISO_8859_1): '?' for what it cannot map).
std::string latin1_bytes(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
      cp = ((c & 0x1Fu) << 6) | (i + 1 < utf8.size() ? (utf8[i + 1] & 0x3F) : 0);
    }
    // A character outside the BMP is two UTF-16 units in Java, so two '?'.
    if (len == 4) out.push_back('?');
    out.push_back(len <= 2 && cp <= 0xFF ? static_cast<char>(cp) : '?');
    i += len;
  }
  return out;
}

// JacksonUtils.toObject(node, schema). Returns false where Java throws (a non-array schema for
// an array, a record without the member's field, an empty union).
bool to_object(const JsonValue& json, const avro::Schema* schema, JavaObject* out) {
  if (schema != nullptr && schema->type() == Type::kUnion) {
    if (schema->branches().empty()) return false;
    return to_object(json, schema->branches()[0], out);
  }
  const Type type = schema == nullptr ? Type::kNull : schema->type();
  const bool any = schema == nullptr;
  out->kind = JKind::kJavaNull;
  switch (json.kind()) {
    case JsonValue::Kind::kNull:
      out->kind = JKind::kNullValue;
      return true;
    case JsonValue::Kind::kBool:
      out->kind = JKind::kBoolean;
      out->boolean = json.as_bool();
      return true;
    case JsonValue::Kind::kInt: {
      const int64_t v = json.as_int();
      const bool is_int = json.is_int32();
      if ((any && is_int) || (is_int && type == Type::kInt)) {
        out->kind = JKind::kInteger;
      } else if (any || type == Type::kLong || type == Type::kInt) {
        out->kind = JKind::kLong;  // a long that does not fit an int stays a Long
      } else if (type == Type::kFloat) {
        out->kind = JKind::kFloat;
        out->real = static_cast<float>(static_cast<double>(v));
      } else if (type == Type::kDouble) {
        out->kind = JKind::kDouble;
        out->real = static_cast<double>(v);
      }
      out->integer = v;
      return true;
    }
    case JsonValue::Kind::kBigInt:
      return true;  // none of toObject's branches: null
    case JsonValue::Kind::kDouble:
      if (any || type == Type::kDouble) {
        out->kind = JKind::kDouble;
        out->real = json.as_double();
      } else if (type == Type::kFloat) {
        out->kind = JKind::kFloat;
        out->real = static_cast<float>(json.as_double());
      }
      return true;
    case JsonValue::Kind::kString:
      if (any || type == Type::kString || type == Type::kEnum) {
        out->kind = JKind::kString;
        out->text = json.as_string();
      } else if (type == Type::kBytes || type == Type::kFixed) {
        out->kind = JKind::kBytes;
        out->text = latin1_bytes(json.as_string());
      }
      return true;
    case JsonValue::Kind::kArray: {
      if (!any && type != Type::kArray) return false;  // getElementType() throws
      out->kind = JKind::kList;
      for (const JsonValue& item : json.as_array()) {
        out->items.emplace_back();
        if (!to_object(item, any ? nullptr : &schema->items(), &out->items.back())) return false;
      }
      return true;
    }
    case JsonValue::Kind::kObject: {
      out->kind = JKind::kMap;
      for (const auto& [key, value] : json.as_object()) {
        const avro::Schema* member = nullptr;
        if (type == Type::kMap) {
          member = &schema->values();
        } else if (type == Type::kRecord) {
          const avro::Field* field = schema->field(key);
          if (field == nullptr) return false;  // getField(key).schema(): NullPointerException
          member = &field->schema();
        }
        out->members.emplace_back(key, JavaObject{});
        if (!to_object(value, member, &out->members.back().second)) return false;
      }
      return true;
    }
  }
  return true;
}

bool is_logical(const Schema& schema, std::string_view name) {
  return schema.name && *schema.name == name;
}

// TO_CONNECT_LOGICAL_CONVERTERS applied to an already converted, non-null value.
bool to_connect_logical(const Schema& schema, Value* value) {
  if (value->is_null() || !schema.name) return true;
  if (is_logical(schema, kDecimalLogicalName)) {
    if (value->kind() != ValueKind::kBytes || value->is_decimal()) return false;
    const std::string* scale_text = schema.parameter(avro_data::kDecimalScaleParam);
    std::optional<int32_t> scale = scale_text ? avro_data::parse_int(*scale_text) : std::nullopt;
    // An empty array is BigInteger's NumberFormatException, which Java does not catch here;
    // dropping the default is the closest a schema conversion can come.
    if (!scale || value->as_text().empty()) return false;
    *value = Value::decimal(minimal_twos_complement(value->as_text()), *scale);
    return true;
  }
  if (is_logical(schema, kTimeLogicalName)) {
    return value->as_int() >= 0 && value->as_int() <= kMillisPerDay;
  }
  return true;
}

class JavaObjectConverter {
 public:
  JavaObjectConverter(const AvroDataConfig& config, Arena& arena)
      : config_(config), arena_(arena) {}

  // AvroData.toConnectData(schema, object, doLogicalConversion).
  bool convert(const Schema& schema, const JavaObject& o, bool logical, Value* out) {
    if (o.kind == JKind::kJavaNull) {
      *out = Value::null();
      return schema.optional;  // validateSchemaValue: "Found null value for non-optional schema"
    }
    if (o.kind == JKind::kNullValue) {
      *out = Value::null();
      return true;
    }
    if (!convert_typed(schema, o, out)) return false;
    return !logical || to_connect_logical(schema, out);
  }

 private:
  bool convert_typed(const Schema& schema, const JavaObject& o, Value* out) {
    switch (schema.type) {
      case SchemaType::kInt8:
      case SchemaType::kInt16:
      case SchemaType::kInt32:
        if (o.kind != JKind::kInteger) return false;
        *out = Value::integer(schema.type == SchemaType::kInt8    ? static_cast<int8_t>(o.integer)
                              : schema.type == SchemaType::kInt16 ? static_cast<int16_t>(o.integer)
                                                                  : o.integer);
        return true;
      case SchemaType::kInt64:
        if (o.kind != JKind::kLong) return false;
        *out = Value::integer(o.integer);
        return true;
      case SchemaType::kFloat32:
        if (o.kind != JKind::kFloat) return false;
        *out = Value::float32(static_cast<float>(o.real));
        return true;
      case SchemaType::kFloat64:
        if (o.kind != JKind::kDouble) return false;
        *out = Value::float64(o.real);
        return true;
      case SchemaType::kBoolean:
        if (o.kind != JKind::kBoolean) return false;
        *out = Value::boolean(o.boolean);
        return true;
      case SchemaType::kString:
        if (o.kind != JKind::kString) return false;
        *out = Value::string(arena_.copy(o.text));
        return true;
      case SchemaType::kBytes:
        if (o.kind != JKind::kBytes) return false;
        *out = Value::bytes(arena_.copy(o.text));
        return true;
      case SchemaType::kArray: {
        if (o.kind != JKind::kList) return false;
        std::span<Value> items = arena_.allocate_array<Value>(o.items.size());
        for (size_t i = 0; i < o.items.size(); ++i) {
          if (!convert(*schema.value_schema, o.items[i], true, &items[i])) return false;
        }
        *out = Value::array(items);
        return true;
      }
      case SchemaType::kMap:
        return convert_map(schema, o, out);
      case SchemaType::kStruct:
        return avro_data::is_union_schema(schema) ? convert_union(schema, o, out)
                                                  : convert_record(schema, o, out);
    }
    return false;
  }

  bool convert_map(const Schema& schema, const JavaObject& o, Value* out) {
    const Schema& key = *schema.key_schema;
    if (key.type == SchemaType::kString && !key.optional) {
      if (o.kind != JKind::kMap) return false;
      std::span<Value> entries = arena_.allocate_array<Value>(o.members.size() * 2);
      for (size_t i = 0; i < o.members.size(); ++i) {
        entries[2 * i] = Value::string(arena_.copy(o.members[i].first));
        if (!convert(*schema.value_schema, o.members[i].second, true, &entries[2 * i + 1])) {
          return false;
        }
      }
      *out = Value::map(entries);
      return true;
    }
    // A MapEntry array: each element is cast to IndexedRecord, which a LinkedHashMap is not.
    if (o.kind != JKind::kList || !o.items.empty()) return false;
    *out = Value::map({});
    return true;
  }

  bool convert_record(const Schema& schema, const JavaObject& o, Value* out) {
    if (o.kind != JKind::kMap) return false;  // cast to IndexedRecord fails
    std::span<Value> fields = arena_.allocate_array<Value>(schema.fields.size());
    for (const Field& field : schema.fields) {
      const std::string name = avro_data::scrub_name(field.name, config_.scrub_invalid_names);
      const JavaObject* member = nullptr;
      for (const auto& [key, value] : o.members) {
        if (key == name) member = &value;
      }
      Value& v = fields[static_cast<size_t>(field.index)];
      if (member != nullptr) {
        if (!convert(*field.schema, *member, true, &v)) return false;
      } else if (field.schema->default_value != nullptr) {
        // getOrDefault hands the Connect default back to toConnectData: only values whose Java
        // class is also the Avro one survive that (not Decimal, Date, Time, Timestamp, Struct).
        const Schema& fs = *field.schema;
        if (fs.name &&
            (is_logical(fs, kDecimalLogicalName) || is_logical(fs, kDateLogicalName) ||
             is_logical(fs, kTimeLogicalName) || is_logical(fs, kTimestampLogicalName))) {
          return false;
        }
        if (fs.type == SchemaType::kStruct) return false;
        v = fs.default_value->value();
      } else if (!field.schema->optional) {
        return false;
      }
    }
    *out = Value::structure(&schema, fields);
    return true;
  }

  // isInstanceOfAvroSchemaTypeForSimpleSchema for the objects toObject makes.
  bool matches(const Schema& field, const JavaObject& o) const {
    if (avro_data::is_enum_schema(field)) return false;  // a String's class name is no enum name
    switch (field.type) {
      case SchemaType::kInt32:
        return o.kind == JKind::kInteger;
      case SchemaType::kInt64:
        return o.kind == JKind::kLong;
      case SchemaType::kFloat32:
        return o.kind == JKind::kFloat;
      case SchemaType::kFloat64:
        return o.kind == JKind::kDouble;
      case SchemaType::kBoolean:
        return o.kind == JKind::kBoolean;
      case SchemaType::kString:
        return o.kind == JKind::kString;
      case SchemaType::kArray:
        return o.kind == JKind::kList;
      case SchemaType::kMap:
        return o.kind == JKind::kMap;
      case SchemaType::kBytes: {
        if (o.kind != JKind::kBytes) return false;
        if (!avro_data::is_fixed_schema(field)) return true;
        auto size = avro_data::parse_int(*field.parameter(avro_data::kFixedSizeParam));
        return size && static_cast<size_t>(*size) == o.text.size();
      }
      default:
        return false;
    }
  }

  bool convert_union(const Schema& schema, const JavaObject& o, Value* out) {
    for (const Field& field : schema.fields) {
      if (!matches(*field.schema, o)) continue;
      std::span<Value> fields = arena_.allocate_array<Value>(schema.fields.size());
      if (!convert(*field.schema, o, true, &fields[static_cast<size_t>(field.index)])) {
        return false;
      }
      *out = Value::structure(&schema, fields);
      return true;
    }
    return false;  // "Did not find matching union field for data"
  }

  const AvroDataConfig& config_;
  Arena& arena_;
};

// Jackson's numeric accessors on any node: numbers cast as Java casts, anything else 0.
double json_double(const JsonValue& j) {
  if (j.kind() == JsonValue::Kind::kInt) return static_cast<double>(j.as_int());
  if (j.kind() == JsonValue::Kind::kDouble) return j.as_double();
  return 0;
}
int64_t java_double_to_long(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}
int64_t json_long(const JsonValue& j) {
  if (j.kind() == JsonValue::Kind::kInt) return j.as_int();
  if (j.kind() == JsonValue::Kind::kDouble) return java_double_to_long(j.as_double());
  return 0;
}
int32_t json_int(const JsonValue& j) {
  if (j.kind() == JsonValue::Kind::kInt) return static_cast<int32_t>(j.as_int());
  if (j.kind() == JsonValue::Kind::kDouble) {
    const double d = j.as_double();
    if (std::isnan(d)) return 0;
    if (d >= 2147483647.0) return std::numeric_limits<int32_t>::max();
    if (d <= -2147483648.0) return std::numeric_limits<int32_t>::min();
    return static_cast<int32_t>(d);
  }
  return 0;
}
// JsonNode.asText().
std::string json_as_text(const JsonValue& j) {
  switch (j.kind()) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return j.as_bool() ? "true" : "false";
    case JsonValue::Kind::kInt:
      return std::to_string(j.as_int());
    case JsonValue::Kind::kBigInt:
      return j.as_string();
    case JsonValue::Kind::kDouble: {
      std::string out;
      if (j.is_float_node()) {
        util::append_java_float(out, static_cast<float>(j.as_double()));
      } else {
        util::append_java_double(out, j.as_double());
      }
      return out;
    }
    case JsonValue::Kind::kString:
      return j.as_string();
    default:
      return "";
  }
}
// JsonNode.asBoolean().
bool json_as_bool(const JsonValue& j) {
  if (j.kind() == JsonValue::Kind::kBool) return j.as_bool();
  if (j.kind() == JsonValue::Kind::kInt) return j.as_int() != 0;
  if (j.kind() == JsonValue::Kind::kString) {
    std::string_view t = j.as_string();
    while (!t.empty() && static_cast<unsigned char>(t.front()) <= ' ') t.remove_prefix(1);
    while (!t.empty() && static_cast<unsigned char>(t.back()) <= ' ') t.remove_suffix(1);
    return t == "true";
  }
  return false;
}

class ConnectDefaultConverter {
 public:
  ConnectDefaultConverter(const AvroDataConfig& config, Arena& arena)
      : config_(config), arena_(arena) {}

  // defaultValueFromAvro: without the logical conversion, then with it.
  bool convert(const Schema& schema, const avro::Schema& avro, const JsonValue* json, Value* out) {
    *out = Value::null();
    if (json == nullptr || json->is_null() || json->kind() == JsonValue::Kind::kBigInt) return true;
    if (!convert_typed(schema, avro, *json, out)) return false;
    return to_connect_logical(schema, out);
  }

 private:
  bool convert_typed(const Schema& schema, const avro::Schema& avro, const JsonValue& j,
                     Value* out) {
    switch (avro.type()) {
      case Type::kInt:
        if (schema.type == SchemaType::kInt8)
          *out = Value::integer(static_cast<int8_t>(json_int(j)));
        if (schema.type == SchemaType::kInt16) {
          *out = Value::integer(static_cast<int16_t>(json_int(j)));
        }
        if (schema.type == SchemaType::kInt32) *out = Value::integer(json_int(j));
        return true;
      case Type::kLong:
        *out = Value::integer(json_long(j));
        return true;
      case Type::kFloat:
        *out = Value::float32(static_cast<float>(json_double(j)));
        return true;
      case Type::kDouble:
        *out = Value::float64(json_double(j));
        return true;
      case Type::kBoolean:
        *out = Value::boolean(json_as_bool(j));
        return true;
      case Type::kString:
      case Type::kEnum:
        *out = Value::string(arena_.copy(json_as_text(j)));
        return true;
      case Type::kBytes:
      case Type::kFixed:
        if (j.is_string()) *out = Value::bytes(arena_.copy(latin1_bytes(j.as_string())));
        return true;  // binaryValue() of any other node is null
      case Type::kArray:
        return convert_array(schema, avro, j, out);
      case Type::kMap:
        return convert_map(schema, avro, j, out);
      case Type::kRecord:
        return convert_record(schema, avro, j, out);
      case Type::kUnion: {
        const avro::Schema* first = avro.branches().empty() ? nullptr : avro.branches()[0];
        if (first == nullptr || first->type() == Type::kNull) return true;
        if (schema.type != SchemaType::kStruct) return false;  // "Cannot look up fields ..."
        const Field* field = schema.field(avro_data::union_member_field_name(*first, 0, config_));
        if (field == nullptr) return false;
        // The member's value itself, not a union Struct: SchemaBuilder.defaultValue rejects it.
        return convert(*field->schema, *first, &j, out);
      }
      default:
        return true;
    }
  }

  bool convert_array(const Schema& schema, const avro::Schema& avro, const JsonValue& j,
                     Value* out) {
    if (!j.is_array() || schema.type != SchemaType::kArray) return false;
    const auto& items = j.as_array();
    std::span<Value> values = arena_.allocate_array<Value>(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      if (!convert(*schema.value_schema, avro.items(), &items[i], &values[i])) return false;
    }
    *out = Value::array(values);
    return true;
  }

  bool convert_map(const Schema& schema, const avro::Schema& avro, const JsonValue& j, Value* out) {
    if (!j.is_object() || schema.type != SchemaType::kMap) return false;
    const auto& members = j.as_object();
    std::span<Value> entries = arena_.allocate_array<Value>(members.size() * 2);
    for (size_t i = 0; i < members.size(); ++i) {
      entries[2 * i] = Value::string(arena_.copy(members[i].first));
      if (!convert(*schema.value_schema, avro.values(), &members[i].second, &entries[2 * i + 1])) {
        return false;
      }
    }
    *out = Value::map(entries);
    return true;
  }

  bool convert_record(const Schema& schema, const avro::Schema& avro, const JsonValue& j,
                      Value* out) {
    if (!j.is_object() || schema.type != SchemaType::kStruct) return false;
    std::span<Value> fields = arena_.allocate_array<Value>(schema.fields.size());
    for (const avro::Field& avro_field : avro.fields()) {
      const Field* field = schema.field(avro_field.name());
      if (field == nullptr) return false;
      Value& v = fields[static_cast<size_t>(field->index)];
      if (!convert(*field->schema, avro_field.schema(), j.find(field->name), &v)) return false;
    }
    *out = Value::structure(&schema, fields);
    return true;
  }

  const AvroDataConfig& config_;
  Arena& arena_;
};

// ConnectSchema.validateValue, as SchemaBuilder.defaultValue and Struct.put apply it.
bool valid_for(const Schema& schema, const Value& v) {
  if (v.is_null()) return schema.optional;
  switch (schema.type) {
    case SchemaType::kInt8:
    case SchemaType::kInt16:
    case SchemaType::kInt32:
    case SchemaType::kInt64:
      return v.kind() == ValueKind::kInt;
    case SchemaType::kFloat32:
      return v.kind() == ValueKind::kFloat32;
    case SchemaType::kFloat64:
      return v.kind() == ValueKind::kFloat64;
    case SchemaType::kBoolean:
      return v.kind() == ValueKind::kBoolean;
    case SchemaType::kString:
      return v.kind() == ValueKind::kString;
    case SchemaType::kBytes:
      return v.kind() == ValueKind::kBytes &&
             v.is_decimal() == is_logical(schema, kDecimalLogicalName);
    case SchemaType::kArray:
      if (v.kind() != ValueKind::kArray) return false;
      for (const Value& item : v.items()) {
        if (!valid_for(*schema.value_schema, item)) return false;
      }
      return true;
    case SchemaType::kMap:
      if (v.kind() != ValueKind::kMap) return false;
      for (size_t i = 0; i < v.map_size(); ++i) {
        if (!valid_for(*schema.key_schema, v.map_key(i)) ||
            !valid_for(*schema.value_schema, v.map_value(i))) {
          return false;
        }
      }
      return true;
    case SchemaType::kStruct:
      if (v.kind() != ValueKind::kStruct || v.struct_schema() != &schema) return false;
      for (const Field& field : schema.fields) {
        if (!valid_for(*field.schema, v.items()[static_cast<size_t>(field.index)])) return false;
      }
      return true;
  }
  return false;
}

// SchemaBuilder.defaultValue on a builder that is not optional yet: null is rejected too.
bool accept(const Schema& schema, const Value& v) {
  return !v.is_null() && valid_for(schema, v);
}

}  // namespace

bool field_default_to_connect(const JsonValue& json, const avro::Schema& avro, const Schema& schema,
                              const AvroDataConfig& config, Arena& arena, Value* out) {
  JavaObject object;
  if (!to_object(json, &avro, &object)) return false;
  JavaObjectConverter converter(config, arena);
  if (!converter.convert(schema, object, true, out)) return false;
  return accept(schema, *out);
}

bool connect_default_to_connect(const JsonValue& json, const avro::Schema& avro,
                                const Schema& schema, const AvroDataConfig& config, Arena& arena,
                                Value* out) {
  ConnectDefaultConverter converter(config, arena);
  if (!converter.convert(schema, avro, &json, out)) return false;
  return accept(schema, *out);
}

}  // namespace sluice::connect
