#include "connect/schema.h"

#include "connect/value.h"

namespace sluice::connect {

std::string_view schema_type_name(SchemaType type) {
  switch (type) {
    case SchemaType::kInt8:
      return "int8";
    case SchemaType::kInt16:
      return "int16";
    case SchemaType::kInt32:
      return "int32";
    case SchemaType::kInt64:
      return "int64";
    case SchemaType::kFloat32:
      return "float";
    case SchemaType::kFloat64:
      return "double";
    case SchemaType::kBoolean:
      return "boolean";
    case SchemaType::kString:
      return "string";
    case SchemaType::kBytes:
      return "bytes";
    case SchemaType::kArray:
      return "array";
    case SchemaType::kMap:
      return "map";
    case SchemaType::kStruct:
      return "struct";
  }
  return "unknown";
}

int numeric_widening_rank(SchemaType type) {
  switch (type) {
    case SchemaType::kInt8:
      return 0;
    case SchemaType::kInt16:
      return 1;
    case SchemaType::kInt32:
      return 2;
    case SchemaType::kInt64:
      return 3;
    case SchemaType::kFloat32:
      return 4;
    case SchemaType::kFloat64:
      return 5;
    default:
      return -1;
  }
}

bool is_primitive(SchemaType type) {
  return type != SchemaType::kArray && type != SchemaType::kMap && type != SchemaType::kStruct;
}

const Field* Schema::field(std::string_view field_name) const {
  for (const Field& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const std::string* Schema::parameter(std::string_view key) const {
  for (const auto& [k, v] : parameters) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {
SchemaPtr make_optional(SchemaType type) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  s->optional = true;
  return s;
}
}  // namespace

const SchemaPtr& Schema::optional_string() {
  static const SchemaPtr kSchema = make_optional(SchemaType::kString);
  return kSchema;
}

const SchemaPtr& Schema::optional_bytes() {
  static const SchemaPtr kSchema = make_optional(SchemaType::kBytes);
  return kSchema;
}

bool schemas_equal(const Schema* a, const Schema* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  if (a->type != b->type || a->optional != b->optional || a->name != b->name ||
      a->version != b->version || a->doc != b->doc || a->parameters != b->parameters) {
    return false;
  }
  const bool a_def = a->default_value != nullptr, b_def = b->default_value != nullptr;
  if (a_def != b_def) return false;
  if (a_def && !values_equal(a->default_value->value(), b->default_value->value())) return false;
  if (a->fields.size() != b->fields.size()) return false;
  for (size_t i = 0; i < a->fields.size(); ++i) {
    if (a->fields[i].name != b->fields[i].name || a->fields[i].index != b->fields[i].index ||
        !schemas_equal(a->fields[i].schema.get(), b->fields[i].schema.get())) {
      return false;
    }
  }
  return schemas_equal(a->key_schema.get(), b->key_schema.get()) &&
         schemas_equal(a->value_schema.get(), b->value_schema.get());
}

}  // namespace sluice::connect
