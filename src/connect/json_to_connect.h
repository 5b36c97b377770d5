// JsonToConnect: a parsed JSON value + an optional Connect schema -> a Connect value, with
// JsonConverter's rules (kafka-connect.md §2.3, JsonConverter.convertToConnect), or with the
// rules of Confluent's JsonSchemaData.toConnectData, which JsonSchemaConverter uses.
//
// With a schema the conversion is lax on purpose, because Java's is: numbers are narrowed with
// silent wrap-around, a non-number read as a number is 0, a non-string read as a string is null,
// JSON null takes the schema default (replace.null.with.default), logical types are checked by
// schema name first. Without a schema the type is inferred (integral -> INT64, other numbers ->
// FLOAT64, objects -> maps with string keys in input order). Struct field values are validated
// as Struct.put does (ConnectSchema.validateValue).
//
// JsonSchemaData differs from JsonConverter in these points: a JSON null takes the schema's
// default whatever replace.null.with.default says; a missing struct property (or one read as
// null, such as a number in a string field) is left unset instead of failing; a map whose key
// schema is not a required STRING is an array of {"key": k, "value": v} objects (not of
// [k, v] pairs); a BYTES field holding something other than a string fails; and a struct named
// io.confluent.connect.json.OneOf (or carrying org.apache.kafka.connect.data.Union) is a union:
// the first branch whose type the JSON node has (integral numbers for ints, any number for
// floats, non-integral numbers for BYTES, ...) gets the value, else the struct branch sharing
// the most property names with it, recursively.
//
// Values are built in the Arena given at construction; strings are views into the JSON text
// unless `copy_text` asks for copies (schema defaults must outlive the message they came from).
#pragma once

#include <string_view>

#include "connect/json_tree.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

enum class JsonToConnectRules : uint8_t { kJsonConverter, kJsonSchemaData };

class JsonToConnect {
 public:
  JsonToConnect(bool replace_null_with_default, Arena& arena, bool copy_text = false,
                JsonToConnectRules rules = JsonToConnectRules::kJsonConverter)
      : replace_null_with_default_(replace_null_with_default ||
                                   rules == JsonToConnectRules::kJsonSchemaData),
        arena_(arena),
        copy_text_(copy_text),
        rules_(rules) {}

  // `schema` may be null (infer); `node` nullptr is a missing member (Java null).
  Status convert(const Schema* schema, const JsonNode* node, Value* out);

 private:
  Status convert_typed(const Schema& schema, const JsonNode& node, Value* out);
  Status convert_logical(const Schema& schema, const JsonNode& node, bool* handled, Value* out);
  Status infer(const JsonNode& node, Value* out);
  Status convert_map(const Schema& schema, const JsonNode& node, Value* out);
  Status convert_entry_objects(const Schema& schema, const JsonNode& node, Value* out);
  Status convert_struct(const Schema& schema, const JsonNode& node, Value* out);
  Status convert_union(const Schema& schema, const JsonNode& node, Value* out);
  std::string_view text(std::string_view s) { return copy_text_ ? arena_.copy(s) : s; }
  bool schema_data() const { return rules_ == JsonToConnectRules::kJsonSchemaData; }

  bool replace_null_with_default_;
  Arena& arena_;
  bool copy_text_;
  JsonToConnectRules rules_;
};

// Whether `schema` is a JsonSchemaData union struct (io.confluent.connect.json.OneOf, or the
// generalized org.apache.kafka.connect.data.Union).
bool is_json_schema_union(const Schema& schema);

// ConnectSchema.validateValue(name, schema, value) for values built by the converters: nulls in
// required schemas, recursively through arrays and maps ("Invalid value: null used for required
// field: \"id\", schema type: INT32"). Nested elements are reported with the name "null", as Java.
Status validate_value(std::string_view name, const Schema& schema, const Value& value);

}  // namespace sluice::connect
