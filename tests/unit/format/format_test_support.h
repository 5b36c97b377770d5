// Helpers for building Connect schemas and values in the format tests.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connect/schema.h"
#include "connect/value.h"

namespace sluice::format::testing {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::Value;

inline SchemaPtr primitive(SchemaType type, bool optional = false) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  s->optional = optional;
  return s;
}

inline SchemaPtr logical(std::string_view name, SchemaType type, bool optional = false) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  s->optional = optional;
  s->name = std::string(name);
  s->version = 1;
  return s;
}

inline SchemaPtr decimal(int scale, bool optional = false) {
  auto s = std::make_shared<Schema>();
  s->type = SchemaType::kBytes;
  s->optional = optional;
  s->name = std::string(connect::kDecimalLogicalName);
  s->version = 1;
  s->parameters.emplace_back("scale", std::to_string(scale));
  return s;
}

inline SchemaPtr with_default(SchemaPtr base, Value default_value) {
  auto s = std::make_shared<Schema>(*base);
  auto owned = std::make_shared<connect::OwnedValue>();
  owned->set(default_value);
  s->default_value = owned;
  return s;
}

inline SchemaPtr array_of(SchemaPtr element, bool optional = false) {
  auto s = std::make_shared<Schema>();
  s->type = SchemaType::kArray;
  s->optional = optional;
  s->value_schema = std::move(element);
  return s;
}

inline SchemaPtr map_of(SchemaPtr key, SchemaPtr value, bool optional = false) {
  auto s = std::make_shared<Schema>();
  s->type = SchemaType::kMap;
  s->optional = optional;
  s->key_schema = std::move(key);
  s->value_schema = std::move(value);
  return s;
}

inline SchemaPtr struct_of(std::string_view name,
                           std::initializer_list<std::pair<std::string, SchemaPtr>> fields,
                           bool optional = false) {
  auto s = std::make_shared<Schema>();
  s->type = SchemaType::kStruct;
  s->optional = optional;
  if (!name.empty()) s->name = std::string(name);
  int index = 0;
  for (const auto& [field_name, field_schema] : fields) {
    s->fields.push_back(connect::Field{field_name, index++, field_schema});
  }
  return s;
}

// Values whose items live in `arena`.
inline Value list(connect::Arena& arena, std::initializer_list<Value> items) {
  auto span = arena.allocate_array<Value>(items.size());
  size_t i = 0;
  for (const Value& v : items) span[i++] = v;
  return Value::array(span);
}

// `entries` alternates key, value.
inline Value map(connect::Arena& arena, std::initializer_list<Value> entries) {
  auto span = arena.allocate_array<Value>(entries.size());
  size_t i = 0;
  for (const Value& v : entries) span[i++] = v;
  return Value::map(span);
}

inline Value record(connect::Arena& arena, const SchemaPtr& schema,
                    std::initializer_list<Value> fields) {
  auto span = arena.allocate_array<Value>(fields.size());
  size_t i = 0;
  for (const Value& v : fields) span[i++] = v;
  return Value::structure(schema.get(), span);
}

inline std::string unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

inline std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

}  // namespace sluice::format::testing
