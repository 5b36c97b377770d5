#include "connect/schema_projector.h"

#include <algorithm>
#include <cctype>

namespace sluice::connect {
namespace {

constexpr std::string_view kEnumParameters[] = {
    "org.apache.kafka.connect.data.Enum",   // AvroData's generalized enums
    "io.confluent.connect.avro.Enum",       // AvroData
    "io.confluent.connect.protobuf.Enum"};  // ProtobufData

constexpr std::string_view kDocumentationParameters[] = {
    "connect.record.doc", "connect.record.aliases", "connect.record.namespace"};
constexpr std::string_view kFieldDocPrefix = "io.confluent.connect.avro.field.doc.";

// Java's Schema.Type names, as SchemaProjectorException prints them.
std::string type_name(SchemaType type) {
  std::string out(schema_type_name(type));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Java's Map.toString, in the schema's parameter order.
std::string parameters_text(const Schema& schema) {
  if (schema.parameters.empty()) return "null";
  std::string out = "{";
  for (const auto& [key, value] : schema.parameters) {
    if (out.size() > 1) out.append(", ");
    out.append(key).append("=").append(value);
  }
  return out.append("}");
}

bool contains_entry(const std::vector<std::pair<std::string, std::string>>& entries,
                    const std::pair<std::string, std::string>& entry) {
  return std::find(entries.begin(), entries.end(), entry) != entries.end();
}

Status check_maybe_compatible(const Schema& source, const Schema& target) {
  if (source.type != target.type && !is_promotable(source.type, target.type)) {
    return Status::data_error("Schema type mismatch. source type: " + type_name(source.type) +
                              " and target type: " + type_name(target.type));
  }
  if (source.name != target.name) {
    return Status::data_error("Schema name mismatch. source name: " + source.name.value_or("null") +
                              " and target name: " + target.name.value_or("null"));
  }
  // Java compares parameters only when both schemas have some.
  if (!source.parameters.empty() && !target.parameters.empty() &&
      !parameters_projectable(source, target)) {
    if (is_enum_schema(source) && is_enum_schema(target)) {
      return Status::data_error(
          "Schema parameters mismatch. Source parameter: " + parameters_text(source) +
          " is not a subset of target parameters: " + parameters_text(target));
    }
    return Status::data_error(
        "Schema parameters not equal. source parameters: " + parameters_text(source) +
        " and target parameters: " + parameters_text(target));
  }
  return Status::ok_status();
}

Value project_primitive(const Schema& source, const Value& value, const Schema& target) {
  if (!is_promotable(source.type, target.type)) return value;
  const bool from_float =
      value.kind() == ValueKind::kFloat32 || value.kind() == ValueKind::kFloat64;
  switch (target.type) {
    case SchemaType::kFloat32: {
      const double d = from_float ? value.as_double() : static_cast<double>(value.as_int());
      return Value::float32(static_cast<float>(d));
    }
    case SchemaType::kFloat64:
      return Value::float64(from_float ? value.as_double() : static_cast<double>(value.as_int()));
    default:
      return value;  // integer widening keeps the number
  }
}

Result<Value> project_required(const Schema& source, const Value& value, const Schema& target,
                               Arena& arena);

Result<Value> project_struct(const Schema& source, const Value& value, const Schema& target,
                             Arena& arena) {
  std::span<Value> out = arena.allocate_array<Value>(target.fields.size());
  for (size_t i = 0; i < target.fields.size(); ++i) {
    const Field& target_field = target.fields[i];
    const Field* source_field = source.field(target_field.name);
    if (source_field != nullptr) {
      const Value* field_value = value.struct_field(target_field.name);
      Result<Value> projected =
          project_value(*source_field->schema, field_value != nullptr ? *field_value : Value(),
                        *target_field.schema, arena);
      if (!projected.ok()) {
        return Status::data_error("Error projecting " + source_field->name + ": " +
                                  projected.status().message());
      }
      out[i] = *projected;
    } else if (target_field.schema->optional) {
      out[i] = Value::null();  // read back as the field's default, as Struct.get does
    } else if (target_field.schema->default_value != nullptr) {
      out[i] = target_field.schema->default_value->value();
    } else {
      return Status::data_error("Required field `" + target_field.name +
                                "` is missing from source schema");
    }
  }
  return Value::structure(&target, out);
}

Result<Value> project_array(const Schema& source, const Value& value, const Schema& target,
                            Arena& arena) {
  std::span<const Value> items = value.items();
  std::span<Value> out = arena.allocate_array<Value>(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    Result<Value> projected =
        project_value(*source.value_schema, items[i], *target.value_schema, arena);
    if (!projected.ok()) return projected.status();
    out[i] = *projected;
  }
  return Value::array(out);
}

Result<Value> project_map(const Schema& source, const Value& value, const Schema& target,
                          Arena& arena) {
  std::span<Value> out = arena.allocate_array<Value>(value.items().size());
  for (size_t i = 0; i < value.map_size(); ++i) {
    Result<Value> key =
        project_value(*source.key_schema, value.map_key(i), *target.key_schema, arena);
    if (!key.ok()) return key.status();
    Result<Value> mapped =
        project_value(*source.value_schema, value.map_value(i), *target.value_schema, arena);
    if (!mapped.ok()) return mapped.status();
    out[2 * i] = *key;
    out[2 * i + 1] = *mapped;
  }
  return Value::map(out);
}

Result<Value> project_required(const Schema& source, const Value& value, const Schema& target,
                               Arena& arena) {
  switch (target.type) {
    case SchemaType::kStruct:
      return project_struct(source, value, target, arena);
    case SchemaType::kArray:
      return project_array(source, value, target, arena);
    case SchemaType::kMap:
      return project_map(source, value, target, arena);
    default:
      return project_primitive(source, value, target);
  }
}

}  // namespace

bool is_promotable(SchemaType source, SchemaType target) {
  const int from = numeric_widening_rank(source);
  const int to = numeric_widening_rank(target);
  return from >= 0 && to >= 0 && from <= to;
}

bool is_enum_schema(const Schema& schema) {
  return std::any_of(std::begin(kEnumParameters), std::end(kEnumParameters),
                     [&](std::string_view key) { return schema.parameter(key) != nullptr; });
}

std::vector<std::pair<std::string, std::string>> compatibility_parameters(const Schema& schema) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : schema.parameters) {
    const std::string_view key = entry.first;
    const bool documentation =
        key.starts_with(kFieldDocPrefix) ||
        std::find(std::begin(kDocumentationParameters), std::end(kDocumentationParameters), key) !=
            std::end(kDocumentationParameters);
    if (!documentation) out.push_back(entry);
  }
  return out;
}

bool parameters_projectable(const Schema& source, const Schema& target) {
  const auto from = compatibility_parameters(source);
  const auto to = compatibility_parameters(target);
  if (is_enum_schema(source) && is_enum_schema(target)) {
    return std::all_of(from.begin(), from.end(),
                       [&](const auto& entry) { return contains_entry(to, entry); });
  }
  // Map equality: the same entries, in any order.
  return from.size() == to.size() && std::all_of(from.begin(), from.end(), [&](const auto& e) {
           return contains_entry(to, e);
         });
}

Result<Value> project_value(const Schema& source, const Value& value, const Schema& target,
                            Arena& arena) {
  SLUICE_RETURN_IF_ERROR(check_maybe_compatible(source, target));
  if (source.optional && !target.optional) {
    if (target.default_value == nullptr) {
      return Status::data_error(
          "Writer schema is optional, however, target schema does not provide a default value.");
    }
    if (value.is_null()) return target.default_value->value();
    return project_required(source.resolved(), value, target.resolved(), arena);
  }
  if (value.is_null()) return Value::null();
  // The value is finite: a reference node is followed like the schema it stands for.
  return project_required(source.resolved(), value, target.resolved(), arena);
}

}  // namespace sluice::connect
