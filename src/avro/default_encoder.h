// encode_default: a field's JSON default value in Avro's binary encoding, as Java's
// ResolvingGrammarGenerator.encode writes it when a reader field has no writer counterpart (Avro
// specification 1.11, "Schema Resolution": "if the reader's record schema has a field that
// contains a default value, and writer's schema does not have a field with the same name, then
// the reader should use the default value from its field").
//
//   record   each field from the object's member of that name, else that field's own default;
//            neither: "No default value for: <field>"
//   enum     the symbol's index; union: branch 0 and the value in the first branch's schema
//   array, map   items / members in order; fixed, bytes: the string's code points as ISO-8859-1
//            bytes (fixed: truncated or zero-padded to the size); int, long, float, double: the
//            JSON number narrowed as Java's JsonNode.intValue() / longValue() / doubleValue()
//            do; boolean, null, string as themselves
//
// A value of the wrong JSON kind is a kDataError with Java's wording ("Non-numeric default value
// for int: ..."). Stateless and thread-safe.
#pragma once

#include <string>

#include "avro/json_value.h"
#include "avro/schema.h"
#include "util/status.h"

namespace sluice::avro {

// Appends the binary encoding of `value` read as a datum of `schema` to `out`.
Status encode_default(const JsonValue& value, const Schema& schema, std::string& out);

}  // namespace sluice::avro
