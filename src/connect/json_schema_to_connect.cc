#include "connect/json_schema_to_connect.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "avro/container_writer.h"
#include "connect/json_to_connect.h"
#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

constexpr std::string_view kOneOfName = "io.confluent.connect.json.OneOf";
constexpr std::string_view kIdParameter = "io.confluent.connect.json.Id";
constexpr std::string_view kEnumParameter = "io.confluent.connect.json.Enum";
constexpr std::string_view kGeneralizedUnion = "org.apache.kafka.connect.data.Union";
constexpr std::string_view kGeneralizedEnum = "org.apache.kafka.connect.data.Enum";

using Builder = std::shared_ptr<Schema>;

Builder make(SchemaType type) {
  auto b = std::make_shared<Schema>();
  b->type = type;
  return b;
}

// SchemaBuilder.parameter(): a new key goes last, an existing one keeps its place.
void put_parameter(Schema& s, std::string_view key, std::string value) {
  for (auto& [k, v] : s.parameters) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  s.parameters.emplace_back(std::string(key), std::move(value));
}

// The everit class JsonSchemaData names when it meets a schema it cannot convert.
std::string_view everit_class(JsonSchemaKind kind) {
  switch (kind) {
    case JsonSchemaKind::kNull:
      return "org.everit.json.schema.NullSchema";
    case JsonSchemaKind::kTrue:
      return "org.everit.json.schema.TrueSchema";
    case JsonSchemaKind::kFalse:
      return "org.everit.json.schema.FalseSchema";
    case JsonSchemaKind::kNot:
      return "org.everit.json.schema.NotSchema";
    case JsonSchemaKind::kConditional:
      return "org.everit.json.schema.ConditionalSchema";
    default:
      return "org.everit.json.schema.EmptySchema";
  }
}

// Object.toString() of an enum or const value as everit holds it.
std::string value_text(const JsonNode& node) {
  switch (node.type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBoolean:
      return node.boolean ? "true" : "false";
    case JsonType::kNumber:
    case JsonType::kString:
      return std::string(node.text);
    case JsonType::kArray:
    case JsonType::kObject: {
      std::string out(node.type == JsonType::kArray ? "[" : "{");
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0) out.push_back(',');
        if (node.type == JsonType::kObject) out.append("\"").append(node.keys[i]).append("\":");
        const JsonNode& item = node.items[i];
        out.append(item.type == JsonType::kString ? "\"" + std::string(item.text) + "\""
                                                  : value_text(item));
      }
      out.push_back(node.type == JsonType::kArray ? ']' : '}');
      return out;
    }
  }
  return "";
}

// One toConnectSchema() call tree (Java's ToConnectContext).
class Conversion {
 public:
  explicit Conversion(const JsonSchemaDataConfig& config) : config_(config) {}

  Result<Builder> convert(const JsonSchemaNode* node, std::optional<int32_t> version,
                          bool force_optional);
  // Gives every reused struct (and every reference node) its final parameters (see reuse()).
  void finish();

 private:
  struct StructEntry {
    const JsonSchemaNode* node;
    Builder schema;
    bool done;
  };
  struct Reuse {
    Builder original;
    Builder copy;
    bool optional;
  };

  Result<Builder> build(const JsonSchemaNode& node, std::optional<int32_t> version,
                        bool force_optional, bool* finished);
  Result<Builder> build_number(const JsonSchemaNode& node) const;
  Builder build_enum(const std::vector<const JsonNode*>& values) const;
  Result<Builder> build_union(const JsonSchemaNode& node, std::optional<int32_t> version,
                              bool* finished);
  Result<Builder> build_array(const JsonSchemaNode& node);
  Result<Builder> build_object(const JsonSchemaNode& node);
  Result<Builder> build_all_of(const JsonSchemaNode& node, std::optional<int32_t> version,
                               bool force_optional);
  Result<Builder> follow(const JsonSchemaNode& reference, std::optional<int32_t> version,
                         bool force_optional);
  Status finish_common(const JsonSchemaNode& node, std::optional<int32_t> version, Schema& b) const;
  StructEntry* find_struct(const JsonSchemaNode* node);
  Builder reuse(StructEntry& entry, bool optional);

  const JsonSchemaDataConfig& config_;
  std::vector<StructEntry> structs_;
  std::vector<Reuse> reuses_;
  std::vector<Builder> references_;  // reference nodes for recursive $refs
  int id_index_ = 0;
  int union_index_ = 0;
};

Result<Builder> Conversion::convert(const JsonSchemaNode* node, std::optional<int32_t> version,
                                    bool force_optional) {
  if (node == nullptr) return Builder();
  bool finished = false;
  SLUICE_ASSIGN_OR_RETURN(Builder b, build(*node, version, force_optional, &finished));
  if (finished) return b;
  SLUICE_RETURN_IF_ERROR(finish_common(*node, version, *b));
  if (force_optional) b->optional = true;
  return b;
}

// The schema's own part; *finished when Java returns it as is (no title, default, ...).
Result<Builder> Conversion::build(const JsonSchemaNode& node, std::optional<int32_t> version,
                                  bool force_optional, bool* finished) {
  switch (node.kind) {
    case JsonSchemaKind::kBoolean:
      return make(SchemaType::kBoolean);
    case JsonSchemaKind::kNumber:
      return build_number(node);
    case JsonSchemaKind::kString:
      return make(node.connect_type == "bytes" ? SchemaType::kBytes : SchemaType::kString);
    case JsonSchemaKind::kConst:
    case JsonSchemaKind::kEnum:
      return build_enum(node.values);
    case JsonSchemaKind::kCombined:
      if (node.subschemas.size() == 1 && config_.flatten_singleton_unions) {
        *finished = true;
        return convert(node.subschemas.front(), std::nullopt, false);
      }
      if (node.criterion == JsonSchemaCriterion::kAllOf) {
        *finished = true;
        return build_all_of(node, version, force_optional);
      }
      return build_union(node, version, finished);
    case JsonSchemaKind::kArray:
      return build_array(node);
    case JsonSchemaKind::kObject:
      return build_object(node);
    case JsonSchemaKind::kReference:
      *finished = true;
      return follow(node, version, force_optional);
    default:
      return Status::data_error("Unsupported schema type " + std::string(everit_class(node.kind)));
  }
}

Result<Builder> Conversion::build_number(const JsonSchemaNode& node) const {
  if (!node.connect_type)
    return make(node.requires_integer ? SchemaType::kInt64 : SchemaType::kFloat64);
  static constexpr std::pair<std::string_view, SchemaType> kTypes[] = {
      {"int8", SchemaType::kInt8},       {"int16", SchemaType::kInt16},
      {"int32", SchemaType::kInt32},     {"int64", SchemaType::kInt64},
      {"float32", SchemaType::kFloat32}, {"float64", SchemaType::kFloat64},
      {"bytes", SchemaType::kBytes}};
  for (const auto& [name, type] : kTypes) {
    if (*node.connect_type == name) return make(type);
  }
  return Status::data_error("Unsupported type " + std::string(*node.connect_type));
}

Builder Conversion::build_enum(const std::vector<const JsonNode*>& values) const {
  Builder b = make(SchemaType::kString);
  const std::string_view param =
      config_.generalized_sum_type_support ? kGeneralizedEnum : kEnumParameter;
  put_parameter(*b, param, "");
  for (size_t i = 0; i < values.size(); ++i) {
    std::string symbol = value_text(*values[i]);
    std::string key = std::string(param) + "." + symbol;
    put_parameter(*b, key,
                  config_.generalized_sum_type_support ? std::to_string(i) : std::move(symbol));
  }
  return b;
}

Result<Builder> Conversion::build_union(const JsonSchemaNode& node, std::optional<int32_t> version,
                                        bool* finished) {
  const std::string name = config_.generalized_sum_type_support
                               ? "connect_union_" + std::to_string(union_index_++)
                               : std::string(kOneOfName);
  if (node.subschemas.size() == 2) {
    const JsonSchemaNode* non_null = nullptr;
    bool has_null = false;
    for (const JsonSchemaNode* sub : node.subschemas) {
      if (sub->kind == JsonSchemaKind::kNull) {
        has_null = true;
      } else {
        non_null = sub;
      }
    }
    if (has_null) {
      *finished = true;
      return convert(non_null, version, true);
    }
  }
  Builder b = make(SchemaType::kStruct);
  b->name = name;
  if (config_.generalized_sum_type_support) put_parameter(*b, kGeneralizedUnion, name);
  int index = 0;
  for (const JsonSchemaNode* sub : node.subschemas) {
    if (sub->kind == JsonSchemaKind::kNull) {
      b->optional = true;
      continue;
    }
    const std::string field_name = config_.generalized_sum_type_support
                                       ? "connect_union_field_" + std::to_string(index)
                                       : name + ".field." + std::to_string(index);
    SLUICE_ASSIGN_OR_RETURN(Builder field, convert(sub, std::nullopt, true));
    b->fields.push_back(Field{field_name, index, std::move(field)});
    ++index;
  }
  return b;
}

Result<Builder> Conversion::build_array(const JsonSchemaNode& node) {
  if (node.items == nullptr)
    return Status::data_error("Array schema did not specify the items type");
  if (node.connect_type == "map" && node.items->kind == JsonSchemaKind::kObject) {
    const JsonSchemaNode* key = nullptr;
    const JsonSchemaNode* value = nullptr;
    for (const auto& [name, schema] : node.items->properties) {
      if (name == "key") key = schema;
      if (name == "value") value = schema;
    }
    Builder b = make(SchemaType::kMap);
    SLUICE_ASSIGN_OR_RETURN(b->key_schema, convert(key, std::nullopt, false));
    SLUICE_ASSIGN_OR_RETURN(b->value_schema, convert(value, std::nullopt, false));
    if (b->key_schema == nullptr) return Status::data_error("keySchema cannot be null.");
    if (b->value_schema == nullptr) return Status::data_error("valueSchema cannot be null.");
    return b;
  }
  Builder b = make(SchemaType::kArray);
  SLUICE_ASSIGN_OR_RETURN(b->value_schema, convert(node.items, std::nullopt, false));
  return b;
}

Result<Builder> Conversion::build_object(const JsonSchemaNode& node) {
  if (node.connect_type == "map") {
    Builder b = make(SchemaType::kMap);
    b->key_schema = required_schema(SchemaType::kString);
    SLUICE_ASSIGN_OR_RETURN(b->value_schema,
                            convert(node.additional_properties, std::nullopt, false));
    if (b->value_schema == nullptr) return Status::data_error("valueSchema cannot be null.");
    return b;
  }
  Builder b = make(SchemaType::kStruct);
  structs_.push_back({&node, b, false});
  // A TreeMap by connect.index; a property without one takes the map's size as its index, and a
  // taken index replaces the property that had it, as in Java.
  std::map<int32_t, std::pair<std::string_view, const JsonSchemaNode*>> sorted;
  for (const auto& property : node.properties) {
    const int32_t index =
        property.second->connect_index.value_or(static_cast<int32_t>(sorted.size()));
    sorted[index] = property;
  }
  int position = 0;
  for (const auto& [_, property] : sorted) {
    const bool optional = config_.use_optional_for_nonrequired && !node.is_required(property.first);
    Result<Builder> field = convert(property.second, std::nullopt, optional);
    if (!field.ok()) {
      return field.status().with_context("property \"" + std::string(property.first) + "\"");
    }
    b->fields.push_back(Field{std::string(property.first), position++, std::move(*field)});
  }
  find_struct(&node)->done = true;
  return b;
}

// JsonSchemaData.collectPropertySchemas: the properties of allOf's object branches, merged.
void collect_properties(const JsonSchemaNode* node,
                        std::vector<std::pair<std::string_view, const JsonSchemaNode*>>& props,
                        std::map<std::string_view, bool>& required,
                        std::set<const JsonSchemaNode*>& visited) {
  if (!visited.insert(node).second) return;
  if (node->kind == JsonSchemaKind::kCombined && node->criterion == JsonSchemaCriterion::kAllOf) {
    for (const JsonSchemaNode* sub : node->subschemas) {
      collect_properties(sub, props, required, visited);
    }
  } else if (node->kind == JsonSchemaKind::kObject) {
    for (const auto& [name, schema] : node->properties) {
      bool found = false;
      for (auto& p : props) {
        if (p.first == name) {
          p.second = schema;  // a LinkedHashMap put keeps the first position
          found = true;
        }
      }
      if (!found) props.emplace_back(name, schema);
      required[name] = node->is_required(name);
    }
  } else if (node->kind == JsonSchemaKind::kReference) {
    collect_properties(node->referred, props, required, visited);
  }
}

Result<Builder> Conversion::build_all_of(const JsonSchemaNode& node, std::optional<int32_t> version,
                                         bool force_optional) {
  const JsonSchemaNode *constant = nullptr, *enumeration = nullptr, *number = nullptr,
                       *string = nullptr, *combined = nullptr, *reference = nullptr;
  std::vector<std::pair<std::string_view, const JsonSchemaNode*>> props;
  std::map<std::string_view, bool> required;
  std::set<const JsonSchemaNode*> visited;
  for (const JsonSchemaNode* sub : node.subschemas) {
    switch (sub->kind) {
      case JsonSchemaKind::kConst:
        constant = sub;
        break;
      case JsonSchemaKind::kEnum:
        enumeration = sub;
        break;
      case JsonSchemaKind::kNumber:
        number = sub;
        break;
      case JsonSchemaKind::kString:
        string = sub;
        break;
      case JsonSchemaKind::kCombined:
        combined = sub;
        break;
      case JsonSchemaKind::kReference:
        reference = sub;
        break;
      default:
        break;
    }
    collect_properties(sub, props, required, visited);
  }
  if (!props.empty()) {
    Builder b = make(SchemaType::kStruct);
    structs_.push_back({&node, b, false});
    int position = 0;
    for (const auto& [name, schema] : props) {
      const bool optional = config_.use_optional_for_nonrequired && !required[name];
      SLUICE_ASSIGN_OR_RETURN(Builder field, convert(schema, std::nullopt, optional));
      b->fields.push_back(Field{std::string(name), position++, std::move(field)});
    }
    find_struct(&node)->done = true;
    if (force_optional) b->optional = true;
    return b;
  }
  if (combined != nullptr) return convert(combined, version, force_optional);
  if (constant != nullptr || enumeration != nullptr) {
    if (string != nullptr)
      return convert(constant != nullptr ? string : enumeration, version, force_optional);
    if (number != nullptr) return convert(number, version, force_optional);
  } else {
    if (string != nullptr && string->has_format) {
      return convert(number != nullptr ? number : string, version, force_optional);
    }
    if (reference != nullptr) return follow(*reference, version, force_optional);
  }
  return Status::data_error("Unsupported criterion allOf for " + value_text(*node.json));
}

Result<Builder> Conversion::follow(const JsonSchemaNode& reference, std::optional<int32_t> version,
                                   bool force_optional) {
  if (StructEntry* entry = find_struct(reference.referred); entry != nullptr) {
    put_parameter(*entry->schema, kIdParameter, "#id" + std::to_string(++id_index_));
    if (!entry->done) {
      // A $ref back to a struct still being converted: Java's SchemaWrapper of that builder,
      // here a reference node (schema.h), completed in finish().
      Builder ref = make_reference(*entry->schema, force_optional);
      references_.push_back(ref);
      return ref;
    }
    return reuse(*entry, force_optional);
  }
  return convert(reference.referred, version, force_optional);
}

Conversion::StructEntry* Conversion::find_struct(const JsonSchemaNode* node) {
  for (StructEntry& entry : structs_) {
    if (entry.node == node) return &entry;
  }
  return nullptr;
}

// Java's SchemaWrapper: the same struct with its own optional flag, whose parameters() is a
// HashMap copy of the struct's (so in hash order). Filled in finish(), when the struct's
// parameters are final.
Builder Conversion::reuse(StructEntry& entry, bool optional) {
  Builder copy = make(SchemaType::kStruct);
  reuses_.push_back({entry.schema, copy, optional});
  return copy;
}

void Conversion::finish() {
  for (const Builder& ref : references_) {
    complete_reference(*ref);
    // parameters() of Java's SchemaWrapper: a HashMap copy of the struct's.
    std::vector<std::string_view> keys;
    for (const auto& [k, _] : ref->reference_target->parameters) keys.push_back(k);
    ref->parameters.clear();
    for (size_t i : avro::java_hash_map_order(keys)) {
      ref->parameters.push_back(ref->reference_target->parameters[i]);
    }
  }
  for (Reuse& r : reuses_) {
    *r.copy = *r.original;
    r.copy->optional = r.optional;
    std::vector<std::string_view> keys;
    for (const auto& [k, _] : r.original->parameters) keys.push_back(k);
    r.copy->parameters.clear();
    for (size_t i : avro::java_hash_map_order(keys)) {
      r.copy->parameters.push_back(r.original->parameters[i]);
    }
  }
}

Status Conversion::finish_common(const JsonSchemaNode& node, std::optional<int32_t> version,
                                 Schema& b) const {
  if (node.title && !b.name) b.name = std::string(*node.title);
  if (node.connect_version) {
    b.version = node.connect_version;
  } else if (version) {
    b.version = version;
  }
  if (node.description) b.doc = std::string(*node.description);
  if (const JsonNode* params = node.connect_parameters; params != nullptr) {
    // Java reads the object into a HashMap before copying it into the schema's parameters.
    std::vector<std::string_view> keys(params->keys, params->keys + params->size());
    for (size_t i : avro::java_hash_map_order(keys)) {
      put_parameter(b, keys[i], std::string(params->items[i].text));
    }
  }
  if (node.default_value != nullptr) {
    // SchemaBuilder.defaultValue(toConnectData(builder, default)), validated by the builder.
    auto owned = std::make_shared<OwnedValue>();
    JsonToConnect converter(true, owned->arena(), /*copy_text=*/true,
                            JsonToConnectRules::kJsonSchemaData);
    Value value;
    SLUICE_RETURN_IF_ERROR(converter.convert(&b, node.default_value, &value));
    if (value.is_null() ? !b.optional
                        : b.type == SchemaType::kStruct || !validate_value("null", b, value).ok()) {
      return Status::data_error("Invalid default value");
    }
    if (!value.is_null()) {
      owned->set(value);
      b.default_value = std::move(owned);
    }
  }
  return Status::ok_status();
}

}  // namespace

Result<SchemaPtr> json_schema_to_connect(const LoadedJsonSchema& schema,
                                         std::optional<int32_t> version,
                                         const JsonSchemaDataConfig& config) {
  Conversion conversion(config);
  SLUICE_ASSIGN_OR_RETURN(Builder root, conversion.convert(&schema.root(), version, false));
  conversion.finish();
  return SchemaPtr(std::move(root));
}

}  // namespace sluice::connect
