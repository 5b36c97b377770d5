#include "transforms/operand.h"

#include "connect/standard_schemas.h"
#include "format/java_type_names.h"

namespace sluice::transforms {

using connect::Schema;
using connect::SchemaPtr;
using connect::Value;
using connect::ValueKind;

std::string_view java_class_of(const Schema* schema, const Value& value) {
  std::string_view printed = format::java_class_name(schema, value);
  constexpr std::string_view kPrefix = "class ";
  if (printed.starts_with(kPrefix)) printed.remove_prefix(kPrefix.size());
  return printed;
}

Status require_struct(const Schema* schema, const Value& value, std::string_view purpose) {
  if (value.kind() == ValueKind::kStruct) return Status::ok_status();
  return data_error("Only Struct objects supported for [" + std::string(purpose) +
                    "], found: " + std::string(java_class_of(schema, value)));
}

Status require_map(const Value& value, std::string_view purpose) {
  if (value.kind() == ValueKind::kMap) return Status::ok_status();
  return data_error("Only Map objects supported in absence of schema for [" + std::string(purpose) +
                    "], found: " + std::string(java_class_of(nullptr, value)));
}

Value struct_get(const Value& struct_value, size_t index, bool replace_null_with_default) {
  const Value& raw = struct_value.items()[index];
  if (!raw.is_null() || !replace_null_with_default) return raw;
  const SchemaPtr& field_schema = struct_value.struct_schema()->fields[index].schema;
  if (field_schema != nullptr && field_schema->default_value != nullptr) {
    return field_schema->default_value->value();
  }
  return raw;
}

Value deep_copy(const Value& value, connect::Arena& arena) {
  switch (value.kind()) {
    case ValueKind::kString:
      return Value::string(arena.copy(value.as_text()));
    case ValueKind::kBytes:
      return value.is_decimal() ? Value::decimal(arena.copy(value.as_text()), value.decimal_scale())
                                : Value::bytes(arena.copy(value.as_text()));
    case ValueKind::kArray:
    case ValueKind::kMap:
    case ValueKind::kStruct: {
      std::span<Value> items = arena.allocate_array<Value>(value.items().size());
      for (size_t i = 0; i < items.size(); ++i) items[i] = deep_copy(value.items()[i], arena);
      if (value.kind() == ValueKind::kArray) return Value::array(items);
      if (value.kind() == ValueKind::kStruct) return Value::structure(value.struct_schema(), items);
      return value.map_in_java_order() ? Value::ordered_map(items) : Value::map(items);
    }
    default:
      return value;
  }
}

Status check_put(std::string_view field_name, const Schema& schema, const Value& value) {
  if (!value.is_null() || schema.optional) return Status::ok_status();
  return data_error("Invalid value: null used for required field: \"" + std::string(field_name) +
                    "\", schema type: " + std::string(connect::java_type_name(schema.type)));
}

std::shared_ptr<Schema> struct_schema_like(const Schema& from) {
  auto schema = std::make_shared<Schema>();
  schema->type = connect::SchemaType::kStruct;
  schema->name = from.name;
  schema->version = from.version;
  schema->doc = from.doc;
  schema->parameters = from.parameters;
  return schema;
}

std::shared_ptr<Schema> schema_copy(const Schema& from) {
  auto schema = std::make_shared<Schema>();
  schema->type = from.type;
  schema->optional = from.optional;
  schema->name = from.name;
  schema->version = from.version;
  schema->doc = from.doc;
  schema->parameters = from.parameters;
  schema->default_value = from.default_value;
  schema->fields = from.fields;
  schema->key_schema = from.key_schema;
  schema->value_schema = from.value_schema;
  return schema;
}

void add_field(Schema& schema, std::string name, SchemaPtr field_schema) {
  const int index = static_cast<int>(schema.fields.size());
  schema.fields.push_back(connect::Field{std::move(name), index, std::move(field_schema)});
}

Status add_unique_field(Schema& schema, std::string name, SchemaPtr field_schema) {
  if (schema.field(name) != nullptr) {
    return data_error("Cannot create field because of field name duplication " + name);
  }
  add_field(schema, std::move(name), std::move(field_schema));
  return Status::ok_status();
}

bool map_keys_equal(const Value& a, const Value& b) {
  if (a.kind() == ValueKind::kString && b.kind() == ValueKind::kString) {
    return a.as_text() == b.as_text();
  }
  return connect::values_equal(a, b);
}

MapBuilder MapBuilder::hash_map_copy(const Value& source, size_t extra, JavaMapOrder& order,
                                     connect::Arena& arena) {
  MapBuilder map(source.map_size() + extra, arena,
                 format::hash_map_capacity_for_copy(static_cast<uint32_t>(source.map_size())));
  for (uint32_t i : order.iteration_order(source)) map.put(source.map_key(i), source.map_value(i));
  return map;
}

void MapBuilder::put(Value key, Value value) {
  for (size_t i = 0; i < size_; ++i) {
    if (map_keys_equal(entries_[2 * i], key)) {
      entries_[2 * i + 1] = value;
      return;
    }
  }
  entries_[2 * size_] = key;
  entries_[2 * size_ + 1] = value;
  ++size_;
}

void MapBuilder::remove(std::string_view key) {
  const Value wanted = Value::string(key);
  for (size_t i = 0; i < size_; ++i) {
    if (!map_keys_equal(entries_[2 * i], wanted)) continue;
    for (size_t j = i + 1; j < size_; ++j) {
      entries_[2 * (j - 1)] = entries_[2 * j];
      entries_[2 * (j - 1) + 1] = entries_[2 * j + 1];
    }
    --size_;
    return;
  }
}

}  // namespace sluice::transforms
