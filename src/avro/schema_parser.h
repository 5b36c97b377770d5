// SchemaParser: Avro schema JSON text to a Schema, with the rules of Java's Schema.Parser (1.11).
//
// What it accepts and how it reads it (besides the checks listed in schema_builder.h):
//  * JSON with comments (json_reader.h); a schema is a type name string, an object with "type",
//    or an array (a union);
//  * a type name resolves to a primitive, else to the named type "<enclosing namespace>.<name>",
//    else to "<name>" without namespace; an object {"type": "<defined name>"} resolves only
//    against the enclosing namespace and ignores its other members (as Java does);
//  * "namespace", "doc", "order", enum "default" and field "doc" that are not strings are ignored
//    where Java ignores them (namespace and docs dropped) and rejected where Java fails;
//  * a string default of a float or double field is read as Java's Double.valueOf ("NaN",
//    "-Infinity", " 1.5f ") and kept as a number;
//  * every member that is not reserved becomes a property, in order.
//
// Errors are kDataError: "avro schema: <problem> (at <JSON path>)", the path in the form
// $.fields[2].type[1].
//
// Named types defined by one parse() stay known to later parse() calls on the same parser, like
// Java's Parser (Schema Registry references are parsed that way). Not thread-safe; the schemas it
// returns are immutable and shareable.
#pragma once

#include <string_view>
#include <vector>

#include "avro/json_value.h"
#include "avro/schema.h"
#include "avro/schema_builder.h"
#include "util/status.h"

namespace sluice::avro {

using SchemaParseOptions = SchemaBuilderOptions;

class SchemaParser {
 public:
  explicit SchemaParser(SchemaParseOptions options = {}) : options_(options) {}

  Result<SchemaPtr> parse(std::string_view json_text);
  Result<SchemaPtr> parse(const JsonValue& json);

 private:
  SchemaParseOptions options_;
  std::vector<SchemaPtr> known_;  // earlier results, whose named types later schemas may use
};

// Parses one self-contained schema.
Result<SchemaPtr> parse_schema(std::string_view json_text, SchemaParseOptions options = {});

}  // namespace sluice::avro
