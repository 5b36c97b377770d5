// Test helper: a compact, unambiguous rendering of Connect values and schemas, so a test can
// assert a whole converted value in one EXPECT_EQ.
//
// null, true, 42 (kInt), f:1.5 (kFloat32), d:1.5 (kFloat64), "text", 0x00dd (bytes),
// dec(0x00dd,2) (decimal), [a,b], {k:v,...} (map, in order), Struct{name=v,...}.
#pragma once

#include <cstdio>
#include <string>

#include "connect/schema.h"
#include "connect/standard_schemas.h"
#include "connect/value.h"

namespace sluice::connect::testing {

inline std::string hex(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "0x";
  for (char c : bytes) {
    out.push_back(kHex[static_cast<uint8_t>(c) >> 4]);
    out.push_back(kHex[static_cast<uint8_t>(c) & 0xF]);
  }
  return out;
}

inline std::string render(const Value& v) {
  char buf[64];
  switch (v.kind()) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBoolean:
      return v.as_bool() ? "true" : "false";
    case ValueKind::kInt:
      return std::to_string(v.as_int());
    case ValueKind::kFloat32:
      std::snprintf(buf, sizeof(buf), "f:%.9g", v.as_double());
      return buf;
    case ValueKind::kFloat64:
      std::snprintf(buf, sizeof(buf), "d:%.17g", v.as_double());
      return buf;
    case ValueKind::kString:
      return "\"" + std::string(v.as_text()) + "\"";
    case ValueKind::kBytes:
      if (v.is_decimal()) {
        return "dec(" + hex(v.as_text()) + "," + std::to_string(v.decimal_scale()) + ")";
      }
      return hex(v.as_text());
    case ValueKind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += ",";
        out += render(v.items()[i]);
      }
      return out + "]";
    }
    case ValueKind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < v.map_size(); ++i) {
        if (i > 0) out += ",";
        out += render(v.map_key(i)) + ":" + render(v.map_value(i));
      }
      return out + "}";
    }
    case ValueKind::kStruct: {
      std::string out = "Struct{";
      const Schema* s = v.struct_schema();
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out += ",";
        out += (s != nullptr && i < s->fields.size() ? s->fields[i].name : "?") + "=" +
               render(v.items()[i]);
      }
      return out + "}";
    }
  }
  return "?";
}

// "int32", "optional string", "Decimal(scale=2) bytes", "array<int8>", "map<string,int8>",
// "struct com.example.Order{id:int32,...}", "none" for a null schema.
inline std::string render(const Schema* s) {
  if (s == nullptr) return "none";
  std::string out = s->optional ? "optional " : "";
  if (s->is_reference()) return out + "ref " + s->reference_target->name.value_or("?");
  if (s->name) {
    if (*s->name == kDecimalLogicalName) {
      const std::string* scale = s->parameter("scale");
      out += "Decimal(scale=" + (scale ? *scale : std::string("?")) + ") ";
    } else if (*s->name == kDateLogicalName) {
      out += "Date ";
    } else if (*s->name == kTimeLogicalName) {
      out += "Time ";
    } else if (*s->name == kTimestampLogicalName) {
      out += "Timestamp ";
    }
  }
  out += std::string(schema_type_name(s->type));
  if (s->type == SchemaType::kArray) out += "<" + render(s->value_schema.get()) + ">";
  if (s->type == SchemaType::kMap) {
    out += "<" + render(s->key_schema.get()) + "," + render(s->value_schema.get()) + ">";
  }
  if (s->type == SchemaType::kStruct) {
    if (s->name) out += " " + *s->name;
    out += "{";
    for (size_t i = 0; i < s->fields.size(); ++i) {
      if (i > 0) out += ",";
      out += s->fields[i].name + ":" + render(s->fields[i].schema.get());
    }
    out += "}";
  }
  return out;
}

}  // namespace sluice::connect::testing
