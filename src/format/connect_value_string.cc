#include "format/connect_value_string.h"

#include <charconv>
#include <string_view>

#include "format/base64.h"
#include "format/java_big_decimal.h"
#include "format/java_date_format.h"
#include "format/logical_types.h"
#include "util/java_number_format.h"

namespace sluice::format {
namespace {

using connect::Schema;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;

// A nested string: quoted, with only backslash and double quote escaped (Values.escape).
void append_embedded_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

// Values.append with `embedded` = false at the top level, true inside lists, maps and structs.
Status append_value(std::string& out, const Schema* schema, const Value& v, bool embedded,
                    util::JavaDoubleDigits digits) {
  if (v.is_null()) {
    out.append("null");
    return Status::ok_status();
  }
  LogicalType logical = logical_type(schema);
  if (is_decimal_value(schema, v)) {
    SLUICE_ASSIGN_OR_RETURN(int32_t scale, decimal_value_scale(schema, v));
    append_java_big_decimal(out, v.as_text(), scale);
    return Status::ok_status();
  }
  if (logical != LogicalType::kNone && logical != LogicalType::kDecimal &&
      v.kind() == ValueKind::kInt) {
    append_connect_date_string(out, logical_epoch_millis(logical, v.as_int()));
    return Status::ok_status();
  }
  switch (v.kind()) {
    case ValueKind::kNull:
      break;
    case ValueKind::kBoolean:
      out.append(v.as_bool() ? "true" : "false");
      break;
    case ValueKind::kInt: {
      char buf[24];
      out.append(buf, std::to_chars(buf, buf + sizeof(buf), v.as_int()).ptr);
      break;
    }
    case ValueKind::kFloat32:
      util::append_java_float(out, static_cast<float>(v.as_double()), digits);
      break;
    case ValueKind::kFloat64:
      util::append_java_double(out, v.as_double(), digits);
      break;
    case ValueKind::kString:
      if (embedded) {
        append_embedded_string(out, v.as_text());
      } else {
        out.append(v.as_text());
      }
      break;
    case ValueKind::kBytes:
      if (embedded) out.push_back('"');
      append_base64(out, v.as_text());
      if (embedded) out.push_back('"');
      break;
    case ValueKind::kArray: {
      const Schema* element = schema ? schema->value_schema.get() : nullptr;
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out.push_back(',');
        first = false;
        SLUICE_RETURN_IF_ERROR(append_value(out, element, item, true, digits));
      }
      out.push_back(']');
      break;
    }
    case ValueKind::kMap: {
      const Schema* key_schema = schema ? schema->key_schema.get() : nullptr;
      const Schema* value_schema = schema ? schema->value_schema.get() : nullptr;
      out.push_back('{');
      for (size_t i = 0; i < v.map_size(); ++i) {
        if (i != 0) out.push_back(',');
        SLUICE_RETURN_IF_ERROR(append_value(out, key_schema, v.map_key(i), true, digits));
        out.push_back(':');
        SLUICE_RETURN_IF_ERROR(append_value(out, value_schema, v.map_value(i), true, digits));
      }
      out.push_back('}');
      break;
    }
    case ValueKind::kStruct: {
      const Schema* s = v.struct_schema() ? v.struct_schema() : schema;
      if (s == nullptr) return Status::data_error("Struct value without a schema");
      auto items = v.items();
      out.push_back('{');
      for (size_t i = 0; i < s->fields.size(); ++i) {
        if (i != 0) out.push_back(',');
        const connect::Field& field = s->fields[i];
        append_embedded_string(out, field.name);
        out.push_back(':');
        const Value* field_value = i < items.size() ? &items[i] : nullptr;
        // Struct.get substitutes the field's default for a null.
        if ((field_value == nullptr || field_value->is_null()) && field.schema &&
            field.schema->default_value) {
          field_value = &field.schema->default_value->value();
        }
        Value null_value;
        SLUICE_RETURN_IF_ERROR(append_value(out, field.schema.get(),
                                            field_value ? *field_value : null_value, true, digits));
      }
      out.push_back('}');
      break;
    }
  }
  return Status::ok_status();
}

}  // namespace

Status append_connect_value_string(std::string& out, const Schema* schema, const Value& value,
                                   util::JavaDoubleDigits digits) {
  return append_value(out, schema, value, false, digits);
}

}  // namespace sluice::format
