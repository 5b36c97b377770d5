#include "connect/json_schema.h"

#include <memory>

#include "connect/json_to_connect.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

bool is_text(const JsonNode* node) {
  return node != nullptr && node->type == JsonType::kString;
}

struct TypeName {
  std::string_view name;
  SchemaType type;
};
constexpr TypeName kTypeNames[] = {
    {"boolean", SchemaType::kBoolean}, {"int8", SchemaType::kInt8},
    {"int16", SchemaType::kInt16},     {"int32", SchemaType::kInt32},
    {"int64", SchemaType::kInt64},     {"float", SchemaType::kFloat32},
    {"double", SchemaType::kFloat64},  {"bytes", SchemaType::kBytes},
    {"string", SchemaType::kString},   {"array", SchemaType::kArray},
    {"map", SchemaType::kMap},         {"struct", SchemaType::kStruct},
};

// asConnectSchema; a JSON null gives a null schema (a SchemaBuilder check then refuses it).
Result<SchemaPtr> build(const JsonNode& json, bool replace_null_with_default) {
  if (json.type == JsonType::kNull) return SchemaPtr();
  const JsonNode* type_node = json.get("type");
  if (!is_text(type_node)) return Status::data_error("Schema must contain 'type' field");
  auto schema = std::make_shared<Schema>();
  bool known = false;
  for (const TypeName& t : kTypeNames) {
    if (t.name == type_node->text) {
      schema->type = t.type;
      known = true;
      break;
    }
  }
  if (!known) {
    return Status::data_error("Unknown schema type: " + std::string(type_node->text));
  }
  switch (schema->type) {
    case SchemaType::kArray: {
      const JsonNode* items = json.get("items");
      if (items == nullptr || items->type == JsonType::kNull) {
        return Status::data_error("Array schema did not specify the element type");
      }
      SLUICE_ASSIGN_OR_RETURN(schema->value_schema, build(*items, replace_null_with_default));
      break;
    }
    case SchemaType::kMap: {
      const JsonNode* keys = json.get("keys");
      if (keys == nullptr) return Status::data_error("Map schema did not specify the key type");
      const JsonNode* values = json.get("values");
      if (values == nullptr) return Status::data_error("Map schema did not specify the value type");
      SLUICE_ASSIGN_OR_RETURN(schema->key_schema, build(*keys, replace_null_with_default));
      SLUICE_ASSIGN_OR_RETURN(schema->value_schema, build(*values, replace_null_with_default));
      if (schema->key_schema == nullptr) return Status::data_error("keySchema cannot be null.");
      if (schema->value_schema == nullptr) {
        return Status::data_error("valueSchema cannot be null.");
      }
      break;
    }
    case SchemaType::kStruct: {
      const JsonNode* fields = json.get("fields");
      if (fields == nullptr || fields->type != JsonType::kArray) {
        return Status::data_error("Struct schema's \"fields\" argument is not an array.");
      }
      for (const JsonNode& field : fields->items) {
        const JsonNode* name = field.get("field");
        if (!is_text(name)) {
          return Status::data_error("Struct schema's field name not specified properly");
        }
        SLUICE_ASSIGN_OR_RETURN(SchemaPtr field_schema, build(field, replace_null_with_default));
        const std::string field_name(name->text);
        if (field_name.empty()) return Status::data_error("fieldName cannot be null.");
        if (schema->field(field_name) != nullptr) {
          return Status::data_error("Cannot create field because of field name duplication " +
                                    field_name);
        }
        schema->fields.push_back(
            Field{field_name, static_cast<int>(schema->fields.size()), std::move(field_schema)});
      }
      break;
    }
    default:
      break;
  }

  const JsonNode* optional = json.get("optional");
  schema->optional =
      optional != nullptr && optional->type == JsonType::kBoolean && optional->boolean;
  if (const JsonNode* name = json.get("name"); is_text(name))
    schema->name = std::string(name->text);
  if (const JsonNode* version = json.get("version");
      version != nullptr && version->type == JsonType::kNumber) {
    if (version->integral) schema->version = json_int_value(*version);
  }
  if (const JsonNode* doc = json.get("doc"); is_text(doc)) schema->doc = std::string(doc->text);
  if (const JsonNode* params = json.get("parameters");
      params != nullptr && params->type == JsonType::kObject) {
    for (size_t i = 0; i < params->items.size(); ++i) {
      if (params->items[i].type != JsonType::kString) {
        return Status::data_error("Schema parameters must have string values.");
      }
      schema->parameters.emplace_back(std::string(params->keys[i]),
                                      std::string(params->items[i].text));
    }
  }
  if (const JsonNode* default_node = json.get("default"); default_node != nullptr) {
    // SchemaBuilder.defaultValue(convertToConnect(builder, node)): converted with everything
    // but the default already set, then validated against the schema.
    auto owned = std::make_shared<OwnedValue>();
    JsonToConnect converter(replace_null_with_default, owned->arena(), /*copy_text=*/true);
    Value value;
    SLUICE_RETURN_IF_ERROR(converter.convert(schema.get(), default_node, &value));
    if (!value.is_null()) {
      if (schema->type == SchemaType::kStruct || !validate_value("null", *schema, value).ok()) {
        return Status::data_error("Invalid default value");
      }
      owned->set(value);
      schema->default_value = std::move(owned);
    } else if (!schema->optional) {
      return Status::data_error("Invalid default value");
    }
  }
  return SchemaPtr(std::move(schema));
}

}  // namespace

Result<SchemaPtr> json_to_connect_schema(const JsonNode& json, bool replace_null_with_default) {
  return build(json, replace_null_with_default);
}

const SchemaPtr* JsonSchemaCache::find(std::string_view text) {
  auto it = index_.find(text);
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &it->second->second;
}

void JsonSchemaCache::insert(std::string_view text, SchemaPtr schema) {
  if (capacity_ <= 0) return;
  if (auto it = index_.find(text); it != index_.end()) {
    it->second->second = std::move(schema);
    entries_.splice(entries_.begin(), entries_, it->second);
    return;
  }
  entries_.emplace_front(std::string(text), std::move(schema));
  index_.emplace(entries_.front().first, entries_.begin());
  while (entries_.size() > static_cast<size_t>(capacity_)) {
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

}  // namespace sluice::connect
