// Values.parseString: infers a Connect schema and value from the text of a header
// (kafka-connect.md §2.5), as SimpleHeaderConverter does for every non-null header.
//
// The rules are Connect's, including its tokenizer's quirks, because they decide what a header
// becomes: "true"/"false" -> BOOLEAN; integral numbers -> the narrowest of INT8..INT64; other
// numbers -> FLOAT32 when finite as a float (lossy), else FLOAT64, else Decimal; the exact ISO
// shapes yyyy-MM-dd, HH:mm:ss.SSS'Z', yyyy-MM-dd'T'HH:mm:ss.SSS'Z' -> Date/Time/Timestamp (parsed
// leniently, in UTC); [...] and {...} -> ARRAY/MAP with a common element schema when one exists;
// anything else -> STRING with the original text. Only the first value is read ("1,2" is INT8 1).
//
// Follows the Apache Kafka 3.8+ implementation (ValueParser/SchemaMerger), which agrees with the
// 3.0-3.7 one except for arrays mixing types that have no common schema.
#pragma once

#include <string_view>

#include "connect/converter.h"
#include "connect/value.h"

namespace sluice::connect {

// Parses `text` (already decoded UTF-8). A null schema and value is Java's null result (the text
// "null"). Returns false where Java would throw an Error (nesting too deep for the parser), which
// SimpleHeaderConverter turns into a BYTES header.
bool parse_values_string(std::string_view text, Arena& arena, SchemaAndValue* out);

}  // namespace sluice::connect
