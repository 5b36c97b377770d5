// JsonSchemaLoader: the text of a registered JSON Schema (and of the schemas it references) ->
// the schema tree that Confluent's JsonSchema hands to JsonSchemaData, i.e. what the everit
// JSON Schema library's SchemaLoader builds for drafts 4, 6 and 7
// (https://github.com/everit-org/json-schema, "SchemaLoader"):
//
//   - a JSON object with "$ref" is a reference, whatever else it holds;
//   - otherwise each keyword family yields one schema, in this order: "enum", the combinators
//     ("allOf", "anyOf", "oneOf"), "not", "const" (not in draft 4), "type" (a list of types is
//     an anyOf of one schema per type), then the keywords of a type without "type" (array,
//     object, number, string keywords; "if"/"then"/"else"); one schema is that schema, several
//     are a synthetic allOf, none is the empty schema;
//   - "title", "description" and "default" belong to that resulting schema, and so do the
//     keywords no family used (the "unprocessed properties": connect.type, connect.index,
//     connect.version, connect.parameters);
//   - object properties are kept in java.util.HashMap order of their names, as everit stores
//     them, because that order becomes the Connect struct's field order when no connect.index
//     is given;
//   - a "$ref" is a JSON pointer into the document that holds it ("#/definitions/Address"), or a
//     referenced document by the name the registry's reference gives it, with an optional
//     pointer fragment ("address.json#/definitions/Street"); every "$ref" to the same target
//     shares one loaded target, which is how everit's reference knots work and how a recursive
//     schema is a cycle.
//
// Documents declaring draft 2019-09 or 2020-12 are read with the same (draft 7) rules.
//
// Ownership: a LoadedJsonSchema owns the JSON trees (copied into its Arena) and every node;
// nodes point into it and live as long as it does. Immutable once loaded; safe to read from any
// thread. Loading is not on the hot path (once per registered schema).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connect/json_tree.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

enum class JsonSchemaKind : uint8_t {
  kBoolean,
  kNumber,
  kString,
  kNull,
  kEnum,
  kConst,
  kCombined,
  kArray,
  kObject,
  kReference,
  kEmpty,        // {} or an object with no schema keyword
  kTrue,         // the boolean schema true
  kFalse,        // the boolean schema false
  kNot,          // "not"
  kConditional,  // "if" / "then" / "else"
};

enum class JsonSchemaCriterion : uint8_t { kAllOf, kAnyOf, kOneOf };

// "allOf", "anyOf", "oneOf".
std::string_view json_schema_criterion_name(JsonSchemaCriterion criterion);

struct JsonSchemaNode {
  JsonSchemaKind kind = JsonSchemaKind::kEmpty;
  // The JSON object this schema was loaded from (nullptr for the boolean schemas).
  const JsonNode* json = nullptr;

  // Common properties.
  std::optional<std::string_view> title;
  std::optional<std::string_view> description;
  const JsonNode* default_value = nullptr;  // set when "default" is present (JSON null included)
  // The unprocessed properties JsonSchemaData reads.
  std::optional<std::string_view> connect_type;
  std::optional<int32_t> connect_index;
  std::optional<int32_t> connect_version;
  const JsonNode* connect_parameters = nullptr;  // an object of strings

  bool requires_integer = false;        // kNumber ("type": "integer")
  bool has_format = false;              // kString with "format"
  std::vector<const JsonNode*> values;  // kEnum: the possible values; kConst: one
  JsonSchemaCriterion criterion = JsonSchemaCriterion::kAllOf;  // kCombined
  bool synthetic = false;                         // kCombined made of several keyword families
  std::vector<const JsonSchemaNode*> subschemas;  // kCombined
  const JsonSchemaNode* items = nullptr;          // kArray: the schema of all items, if one
  // kObject: properties in java.util.HashMap order of their names.
  std::vector<std::pair<std::string_view, const JsonSchemaNode*>> properties;
  std::vector<std::string_view> required;                 // kObject
  const JsonSchemaNode* additional_properties = nullptr;  // kObject: schema form only
  std::string_view ref;                                   // kReference: the "$ref" text
  const JsonSchemaNode* referred = nullptr;               // kReference: its target

  bool is_required(std::string_view property) const;
};

// A schema as text: the registered schema, or one it references under `name` (the reference's
// name in the registry, which its "$ref"s use).
struct JsonSchemaSource {
  std::string name;
  std::string text;
};

class LoadedJsonSchema {
 public:
  LoadedJsonSchema() = default;
  LoadedJsonSchema(const LoadedJsonSchema&) = delete;
  LoadedJsonSchema& operator=(const LoadedJsonSchema&) = delete;

  const JsonSchemaNode& root() const { return *root_; }
  // The root document as parsed (for validation) and its "title" (JsonSchema.name()).
  const JsonNode& root_json() const { return *documents_.front().json; }
  std::optional<std::string_view> name() const;

 private:
  friend class JsonSchemaLoader;
  friend Result<std::unique_ptr<LoadedJsonSchema>> load_json_schema(
      const JsonSchemaSource& schema, const std::vector<JsonSchemaSource>& referenced);
  struct Document {
    std::string name;  // "" for the registered schema itself
    std::string uri;   // its resolution scope ("" when unknown)
    const JsonNode* json = nullptr;
  };
  Arena arena_;
  std::deque<Document> documents_;  // the registered schema first
  std::deque<JsonSchemaNode> nodes_;
  const JsonSchemaNode* root_ = nullptr;
};

// Parses and loads `schema` with the schemas it references (transitively, each by its
// reference name). Malformed JSON, an unknown "type", a "$ref" that resolves to nothing and the
// like are kDataError naming the place.
Result<std::unique_ptr<LoadedJsonSchema>> load_json_schema(
    const JsonSchemaSource& schema, const std::vector<JsonSchemaSource>& referenced);

}  // namespace sluice::connect
