#include "connect/json_schema_loader.h"

#include <array>
#include <cctype>

#include "avro/container_writer.h"
#include "connect/json_number.h"

namespace sluice::connect {
namespace {

// Deeper schemas than this are refused rather than risking the stack.
constexpr int kMaxSchemaDepth = 256;

constexpr std::array<std::string_view, 8> kObjectKeywords = {
    "properties",   "required",          "minProperties",        "maxProperties",
    "dependencies", "patternProperties", "additionalProperties", "propertyNames"};
constexpr std::array<std::string_view, 6> kArrayKeywords = {
    "items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains"};
constexpr std::array<std::string_view, 5> kNumberKeywords = {
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"};
constexpr std::array<std::string_view, 4> kStringKeywords = {"minLength", "maxLength", "pattern",
                                                             "format"};
constexpr std::array<std::string_view, 3> kConditionalKeywords = {"if", "then", "else"};

// Draft 4 has neither "propertyNames" nor "contains" (the last keyword of each list above).
template <size_t N>
bool has_any(const JsonNode& json, const std::array<std::string_view, N>& keywords, bool draft4) {
  for (size_t i = 0; i < N; ++i) {
    if (draft4 && (keywords[i] == "propertyNames" || keywords[i] == "contains")) continue;
    if (json.get(keywords[i]) != nullptr) return true;
  }
  return false;
}

JsonNode copy_node(const JsonNode& node, Arena& arena) {
  JsonNode copy = node;
  if (node.type == JsonType::kArray || node.type == JsonType::kObject) {
    std::span<JsonNode> items = arena.allocate_array<JsonNode>(node.items.size());
    for (size_t i = 0; i < items.size(); ++i) items[i] = copy_node(node.items[i], arena);
    copy.items = items;
    if (node.type == JsonType::kObject) {
      std::span<std::string_view> keys = arena.allocate_array<std::string_view>(node.size());
      for (size_t i = 0; i < keys.size(); ++i) keys[i] = node.keys[i];
      copy.keys = keys.data();
    }
  }
  return copy;
}

// Parses `text` into a tree that lives in `arena` (the text is copied there too, because the
// tree's strings may point into it).
Result<const JsonNode*> parse_document(std::string_view text, Arena& arena) {
  const std::string_view owned = arena.copy(text);
  JsonReader reader;
  reader.start_document();
  const JsonNode* root = nullptr;
  SLUICE_RETURN_IF_ERROR(reader.read(owned, arena, &root));
  if (root == nullptr) return Status::data_error("the schema is empty");
  JsonNode* copy = &arena.allocate_array<JsonNode>(1)[0];
  *copy = copy_node(*root, arena);
  return copy;
}

std::optional<std::string_view> string_member(const JsonNode& json, std::string_view key) {
  const JsonNode* member = json.get(key);
  if (member == nullptr || member->type != JsonType::kString) return std::nullopt;
  return member->text;
}

// An Integer-valued unprocessed property (connect.index, connect.version); Java casts it to
// Integer, so anything else is refused.
Status int_member(const JsonNode& json, std::string_view key, std::optional<int32_t>* out) {
  const JsonNode* member = json.get(key);
  if (member == nullptr) return Status::ok_status();
  if (member->type != JsonType::kNumber || !json_is_int(*member)) {
    return Status::data_error("\"" + std::string(key) + "\" must be an int, not " +
                              std::string(json_node_type_name(member)));
  }
  *out = json_int_value(*member);
  return Status::ok_status();
}

// Java's URI.resolve for the reference names used here: an absolute reference stays, a relative
// one replaces the last path segment of the base.
std::string resolve_uri(std::string_view base, std::string_view ref) {
  if (ref.find(':') != std::string_view::npos || base.empty()) return std::string(ref);
  if (ref.substr(0, 2) == "./") ref.remove_prefix(2);
  const size_t slash = base.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref);
  return std::string(base.substr(0, slash + 1)).append(ref);
}

// The RFC 6901 pointer `fragment` ("/definitions/A~1B", percent-encoded as in a URI) in `root`.
const JsonNode* evaluate_pointer(const JsonNode& root, std::string_view fragment) {
  std::string decoded;
  for (size_t i = 0; i < fragment.size(); ++i) {
    const bool escape = fragment[i] == '%' && i + 2 < fragment.size() &&
                        std::isxdigit(static_cast<unsigned char>(fragment[i + 1])) &&
                        std::isxdigit(static_cast<unsigned char>(fragment[i + 2]));
    if (escape) {
      decoded.push_back(
          static_cast<char>(std::stoi(std::string(fragment.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(fragment[i]);
    }
  }
  const JsonNode* node = &root;
  std::string_view rest = decoded;
  while (!rest.empty()) {
    if (rest[0] != '/') return nullptr;
    rest.remove_prefix(1);
    const size_t end = rest.find('/');
    std::string token(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    std::string unescaped;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        unescaped.push_back(token[i + 1] == '0' ? '~' : '/');
        ++i;
      } else {
        unescaped.push_back(token[i]);
      }
    }
    if (node->type == JsonType::kObject) {
      node = node->get(unescaped);
    } else if (node->type == JsonType::kArray && !unescaped.empty() &&
               unescaped.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(unescaped) < node->items.size()) {
      node = &node->items[std::stoul(unescaped)];
    } else {
      return nullptr;
    }
    if (node == nullptr) return nullptr;
  }
  return node;
}

}  // namespace

std::string_view json_schema_criterion_name(JsonSchemaCriterion criterion) {
  switch (criterion) {
    case JsonSchemaCriterion::kAllOf:
      return "allOf";
    case JsonSchemaCriterion::kAnyOf:
      return "anyOf";
    case JsonSchemaCriterion::kOneOf:
      return "oneOf";
  }
  return "allOf";
}

bool JsonSchemaNode::is_required(std::string_view property) const {
  for (std::string_view r : required) {
    if (r == property) return true;
  }
  return false;
}

std::optional<std::string_view> LoadedJsonSchema::name() const {
  return string_member(root_json(), "title");
}

// Builds the nodes of one LoadedJsonSchema. Not thread-safe; lives for one load.
class JsonSchemaLoader {
 public:
  JsonSchemaLoader(LoadedJsonSchema& out, bool draft4) : out_(out), draft4_(draft4) {}

  Result<const JsonSchemaNode*> load(const JsonNode& json, size_t doc, int depth);

 private:
  JsonSchemaNode* add(JsonSchemaKind kind, const JsonNode* json) {
    JsonSchemaNode& node = out_.nodes_.emplace_back();
    node.kind = kind;
    node.json = json;
    return &node;
  }
  Status load_into(const JsonNode& json, size_t doc, int depth, JsonSchemaNode* node);
  Status load_families(const JsonNode& json, size_t doc, int depth,
                       std::vector<JsonSchemaNode*>& found);
  Result<JsonSchemaNode*> load_type(const JsonNode& json, std::string_view type, size_t doc,
                                    int depth);
  Result<JsonSchemaNode*> load_object(const JsonNode& json, size_t doc, int depth);
  Result<JsonSchemaNode*> load_array(const JsonNode& json, size_t doc, int depth);
  JsonSchemaNode* load_string(const JsonNode& json);
  Result<JsonSchemaNode*> load_combined(const JsonNode& json, JsonSchemaCriterion criterion,
                                        size_t doc, int depth);
  Status add_common(const JsonNode& json, JsonSchemaNode& node) const;
  Result<const JsonSchemaNode*> resolve(std::string_view ref, size_t doc, int depth);

  LoadedJsonSchema& out_;
  const bool draft4_;
  // The loaded target of each absolute reference (everit's reference knots).
  std::vector<std::pair<std::string, JsonSchemaNode*>> knots_;
};

Result<const JsonSchemaNode*> JsonSchemaLoader::load(const JsonNode& json, size_t doc, int depth) {
  if (depth > kMaxSchemaDepth) {
    return Status::data_error("schemas nest deeper than " + std::to_string(kMaxSchemaDepth));
  }
  if (json.type == JsonType::kBoolean) {
    return add(json.boolean ? JsonSchemaKind::kTrue : JsonSchemaKind::kFalse, nullptr);
  }
  if (json.type != JsonType::kObject) {
    return Status::data_error("a schema must be an object or a boolean, not " +
                              std::string(json_node_type_name(&json)));
  }
  JsonSchemaNode* node = add(JsonSchemaKind::kEmpty, &json);
  SLUICE_RETURN_IF_ERROR(load_into(json, doc, depth, node));
  return node;
}

// Fills `node` (already allocated, so that a reference met while loading can point at it).
Status JsonSchemaLoader::load_into(const JsonNode& json, size_t doc, int depth,
                                   JsonSchemaNode* node) {
  if (const JsonNode* ref = json.get("$ref"); ref != nullptr) {
    if (ref->type != JsonType::kString) return Status::data_error("\"$ref\" must be a string");
    node->kind = JsonSchemaKind::kReference;
    node->ref = ref->text;
    SLUICE_ASSIGN_OR_RETURN(node->referred, resolve(ref->text, doc, depth));
    return add_common(json, *node);
  }
  std::vector<JsonSchemaNode*> found;
  SLUICE_RETURN_IF_ERROR(load_families(json, doc, depth, found));
  if (found.size() == 1) {
    *node = std::move(*found.front());
  } else if (found.size() > 1) {
    node->kind = JsonSchemaKind::kCombined;
    node->criterion = JsonSchemaCriterion::kAllOf;
    node->synthetic = true;
    node->subschemas.assign(found.begin(), found.end());
  }
  node->json = &json;
  return add_common(json, *node);
}

Status JsonSchemaLoader::load_families(const JsonNode& json, size_t doc, int depth,
                                       std::vector<JsonSchemaNode*>& found) {
  if (const JsonNode* values = json.get("enum"); values != nullptr) {
    if (values->type != JsonType::kArray) return Status::data_error("\"enum\" must be an array");
    JsonSchemaNode* node = add(JsonSchemaKind::kEnum, &json);
    for (const JsonNode& v : values->items) node->values.push_back(&v);
    found.push_back(node);
  }
  // everit collects the combinator keywords through a HashSet: allOf, oneOf, anyOf.
  for (JsonSchemaCriterion c :
       {JsonSchemaCriterion::kAllOf, JsonSchemaCriterion::kOneOf, JsonSchemaCriterion::kAnyOf}) {
    if (json.get(json_schema_criterion_name(c)) == nullptr) continue;
    SLUICE_ASSIGN_OR_RETURN(JsonSchemaNode * node, load_combined(json, c, doc, depth));
    found.push_back(node);
  }
  if (const JsonNode* negated = json.get("not"); negated != nullptr) {
    JsonSchemaNode* node = add(JsonSchemaKind::kNot, &json);
    SLUICE_ASSIGN_OR_RETURN(const JsonSchemaNode* child, load(*negated, doc, depth + 1));
    node->subschemas.push_back(child);
    found.push_back(node);
  }
  if (const JsonNode* value = json.get("const"); value != nullptr && !draft4_) {
    JsonSchemaNode* node = add(JsonSchemaKind::kConst, &json);
    node->values.push_back(value);
    found.push_back(node);
  }
  // "type" builds one schema per type named, each using its type's keywords; the keywords of
  // every other family still make a schema of their own that does not require its type ({"type":
  // "string", "minimum": 1} is a string and a number schema).
  bool used_array = false, used_object = false, used_number = false, used_string = false;
  auto mark_used = [&](std::string_view t) {
    used_array = used_array || t == "array";
    used_object = used_object || t == "object";
    used_number = used_number || t == "number" || t == "integer";
    used_string = used_string || t == "string";
  };
  if (const JsonNode* type = json.get("type"); type != nullptr) {
    if (type->type == JsonType::kString) {
      SLUICE_ASSIGN_OR_RETURN(JsonSchemaNode * node, load_type(json, type->text, doc, depth));
      found.push_back(node);
      mark_used(type->text);
    } else if (type->type == JsonType::kArray) {
      JsonSchemaNode* any = add(JsonSchemaKind::kCombined, &json);
      any->criterion = JsonSchemaCriterion::kAnyOf;
      for (const JsonNode& t : type->items) {
        if (t.type != JsonType::kString) return Status::data_error("\"type\" lists a non-string");
        SLUICE_ASSIGN_OR_RETURN(JsonSchemaNode * node, load_type(json, t.text, doc, depth));
        any->subschemas.push_back(node);
        mark_used(t.text);
      }
      found.push_back(any);
    } else {
      return Status::data_error("\"type\" must be a string or an array");
    }
  }
  if (!used_array && has_any(json, kArrayKeywords, draft4_)) {
    SLUICE_ASSIGN_OR_RETURN(JsonSchemaNode * node, load_array(json, doc, depth));
    found.push_back(node);
  }
  if (!used_object && has_any(json, kObjectKeywords, draft4_)) {
    SLUICE_ASSIGN_OR_RETURN(JsonSchemaNode * node, load_object(json, doc, depth));
    found.push_back(node);
  }
  if (!used_number && has_any(json, kNumberKeywords, false)) {
    found.push_back(add(JsonSchemaKind::kNumber, &json));
  }
  if (!used_string && has_any(json, kStringKeywords, false)) found.push_back(load_string(json));
  if (!draft4_ && has_any(json, kConditionalKeywords, false)) {
    found.push_back(add(JsonSchemaKind::kConditional, &json));
  }
  return Status::ok_status();
}

Result<JsonSchemaNode*> JsonSchemaLoader::load_type(const JsonNode& json, std::string_view type,
                                                    size_t doc, int depth) {
  if (type == "string") return load_string(json);
  if (type == "integer" || type == "number") {
    JsonSchemaNode* node = add(JsonSchemaKind::kNumber, &json);
    node->requires_integer = type == "integer";
    return node;
  }
  if (type == "boolean") return add(JsonSchemaKind::kBoolean, &json);
  if (type == "null") return add(JsonSchemaKind::kNull, &json);
  if (type == "array") return load_array(json, doc, depth);
  if (type == "object") return load_object(json, doc, depth);
  return Status::data_error("unknown type: [" + std::string(type) + "]");
}

JsonSchemaNode* JsonSchemaLoader::load_string(const JsonNode& json) {
  JsonSchemaNode* node = add(JsonSchemaKind::kString, &json);
  node->has_format = json.get("format") != nullptr;
  return node;
}

Result<JsonSchemaNode*> JsonSchemaLoader::load_object(const JsonNode& json, size_t doc, int depth) {
  JsonSchemaNode* node = add(JsonSchemaKind::kObject, &json);
  if (const JsonNode* properties = json.get("properties"); properties != nullptr) {
    if (properties->type != JsonType::kObject) {
      return Status::data_error("\"properties\" must be an object");
    }
    std::vector<std::string_view> names(properties->keys, properties->keys + properties->size());
    std::vector<std::pair<std::string_view, const JsonSchemaNode*>> loaded;
    for (size_t i = 0; i < names.size(); ++i) {
      // everit skips an "$id" member that is not itself a schema object.
      const std::string_view id_keyword = draft4_ ? "id" : "$id";
      if (names[i] == id_keyword && properties->items[i].type != JsonType::kObject) continue;
      Result<const JsonSchemaNode*> child = load(properties->items[i], doc, depth + 1);
      if (!child.ok()) {
        return child.status().with_context("property \"" + std::string(names[i]) + "\"");
      }
      loaded.emplace_back(names[i], *child);
    }
    std::vector<std::string_view> kept;
    for (const auto& [name, _] : loaded) kept.push_back(name);
    for (size_t i : avro::java_hash_map_order(kept)) node->properties.push_back(loaded[i]);
  }
  if (const JsonNode* extra = json.get("additionalProperties");
      extra != nullptr && extra->type == JsonType::kObject) {
    SLUICE_ASSIGN_OR_RETURN(node->additional_properties, load(*extra, doc, depth + 1));
  }
  if (const JsonNode* required = json.get("required"); required != nullptr) {
    if (required->type != JsonType::kArray)
      return Status::data_error("\"required\" must be an array");
    for (const JsonNode& r : required->items) {
      if (r.type != JsonType::kString) return Status::data_error("\"required\" lists a non-string");
      node->required.push_back(r.text);
    }
  }
  return node;
}

Result<JsonSchemaNode*> JsonSchemaLoader::load_array(const JsonNode& json, size_t doc, int depth) {
  JsonSchemaNode* node = add(JsonSchemaKind::kArray, &json);
  const JsonNode* items = json.get("items");
  if (items != nullptr && (items->type == JsonType::kObject || items->type == JsonType::kBoolean)) {
    SLUICE_ASSIGN_OR_RETURN(node->items, load(*items, doc, depth + 1));
  }
  return node;
}

Result<JsonSchemaNode*> JsonSchemaLoader::load_combined(const JsonNode& json,
                                                        JsonSchemaCriterion criterion, size_t doc,
                                                        int depth) {
  const JsonNode* list = json.get(json_schema_criterion_name(criterion));
  if (list->type != JsonType::kArray) {
    return Status::data_error("\"" + std::string(json_schema_criterion_name(criterion)) +
                              "\" must be an array");
  }
  JsonSchemaNode* node = add(JsonSchemaKind::kCombined, &json);
  node->criterion = criterion;
  for (const JsonNode& sub : list->items) {
    SLUICE_ASSIGN_OR_RETURN(const JsonSchemaNode* child, load(sub, doc, depth + 1));
    node->subschemas.push_back(child);
  }
  return node;
}

Status JsonSchemaLoader::add_common(const JsonNode& json, JsonSchemaNode& node) const {
  node.title = string_member(json, "title");
  node.description = string_member(json, "description");
  node.default_value = json.get("default");
  node.connect_type = string_member(json, "connect.type");
  SLUICE_RETURN_IF_ERROR(int_member(json, "connect.index", &node.connect_index));
  SLUICE_RETURN_IF_ERROR(int_member(json, "connect.version", &node.connect_version));
  if (const JsonNode* params = json.get("connect.parameters"); params != nullptr) {
    if (params->type != JsonType::kObject) {
      return Status::data_error("\"connect.parameters\" must be an object");
    }
    for (const JsonNode& v : params->items) {
      if (v.type != JsonType::kString) {
        return Status::data_error("\"connect.parameters\" values must be strings");
      }
    }
    node.connect_parameters = params;
  }
  return Status::ok_status();
}

Result<const JsonSchemaNode*> JsonSchemaLoader::resolve(std::string_view ref, size_t doc,
                                                        int depth) {
  const size_t hash = ref.find('#');
  const std::string_view location = ref.substr(0, hash);
  const std::string_view fragment =
      hash == std::string_view::npos ? std::string_view() : ref.substr(hash + 1);
  size_t target_doc = doc;
  if (!location.empty()) {
    const std::string wanted = resolve_uri(out_.documents_[doc].uri, location);
    target_doc = out_.documents_.size();
    for (size_t i = 1; i < out_.documents_.size(); ++i) {
      const LoadedJsonSchema::Document& d = out_.documents_[i];
      if (d.uri == wanted || d.name == location) target_doc = i;
    }
    if (target_doc == out_.documents_.size()) {
      return Status::data_error("$ref " + std::string(ref) +
                                " names no schema among the schema's references");
    }
  }
  std::string key = out_.documents_[target_doc].uri.empty() ? out_.documents_[target_doc].name
                                                            : out_.documents_[target_doc].uri;
  key.append("#").append(fragment);
  for (const auto& [k, target] : knots_) {
    if (k == key) return target;
  }
  const JsonNode* json = evaluate_pointer(*out_.documents_[target_doc].json, fragment);
  if (json == nullptr) return Status::data_error("$ref " + std::string(ref) + " points to nothing");
  // Registered before loading, so that a reference back to it while loading finds it.
  JsonSchemaNode* target = add(JsonSchemaKind::kEmpty, json);
  knots_.emplace_back(std::move(key), target);
  if (json->type == JsonType::kBoolean) {
    target->kind = json->boolean ? JsonSchemaKind::kTrue : JsonSchemaKind::kFalse;
    target->json = nullptr;
    return target;
  }
  if (json->type != JsonType::kObject) {
    return Status::data_error("$ref " + std::string(ref) + " points to a " +
                              std::string(json_node_type_name(json)) + ", not a schema");
  }
  Status st = load_into(*json, target_doc, depth + 1, target);
  if (!st.ok()) return st.with_context("$ref " + std::string(ref));
  return target;
}

Result<std::unique_ptr<LoadedJsonSchema>> load_json_schema(
    const JsonSchemaSource& schema, const std::vector<JsonSchemaSource>& referenced) {
  auto out = std::make_unique<LoadedJsonSchema>();
  SLUICE_ASSIGN_OR_RETURN(const JsonNode* root, parse_document(schema.text, out->arena_));
  // The draft (from "$schema") decides the id keyword and the draft-4 keyword set.
  const std::optional<std::string_view> dialect = string_member(*root, "$schema");
  const bool draft4 = dialect && dialect->find("draft-04") != std::string_view::npos;
  const std::optional<std::string_view> id = string_member(*root, draft4 ? "id" : "$id");
  out->documents_.push_back({"", id ? std::string(*id) : std::string(), root});
  for (const JsonSchemaSource& ref : referenced) {
    Result<const JsonNode*> parsed = parse_document(ref.text, out->arena_);
    if (!parsed.ok()) return parsed.status().with_context("referenced schema " + ref.name);
    out->documents_.push_back(
        {ref.name, resolve_uri(out->documents_.front().uri, ref.name), *parsed});
  }
  JsonSchemaLoader loader(*out, draft4);
  SLUICE_ASSIGN_OR_RETURN(out->root_, loader.load(*root, 0, 0));
  return out;
}

}  // namespace sluice::connect
