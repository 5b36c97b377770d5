// JsonToConnect: a parsed JSON value + an optional Connect schema -> a Connect value, with
// JsonConverter's rules (kafka-connect.md §2.3, JsonConverter.convertToConnect).
//
// With a schema the conversion is lax on purpose, because Java's is: numbers are narrowed with
// silent wrap-around, a non-number read as a number is 0, a non-string read as a string is null,
// JSON null takes the schema default (replace.null.with.default), logical types are checked by
// schema name first. Without a schema the type is inferred (integral -> INT64, other numbers ->
// FLOAT64, objects -> maps with string keys in input order). Struct field values are validated
// as Struct.put does (ConnectSchema.validateValue).
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

class JsonToConnect {
 public:
  JsonToConnect(bool replace_null_with_default, Arena& arena, bool copy_text = false)
      : replace_null_with_default_(replace_null_with_default),
        arena_(arena),
        copy_text_(copy_text) {}

  // `schema` may be null (infer); `node` nullptr is a missing member (Java null).
  Status convert(const Schema* schema, const JsonNode* node, Value* out);

 private:
  Status convert_typed(const Schema& schema, const JsonNode& node, Value* out);
  Status convert_logical(const Schema& schema, const JsonNode& node, bool* handled, Value* out);
  Status infer(const JsonNode& node, Value* out);
  std::string_view text(std::string_view s) { return copy_text_ ? arena_.copy(s) : s; }

  bool replace_null_with_default_;
  Arena& arena_;
  bool copy_text_;
};

// ConnectSchema.validateValue(name, schema, value) for values built by the converters: nulls in
// required schemas, recursively through arrays and maps ("Invalid value: null used for required
// field: \"id\", schema type: INT32"). Nested elements are reported with the name "null", as Java.
Status validate_value(std::string_view name, const Schema& schema, const Value& value);

}  // namespace sluice::connect
