// parse_json: JSON text to a JsonValue, read the way Avro's Java Schema.Parser reads schema text
// (Jackson with ALLOW_COMMENTS).
//
// Accepted: one JSON value surrounded by whitespace and /* */ or // comments; anything else after
// it is an error (Java: "dangling content after end of schema"). Object members keep their order;
// a repeated key keeps its first position and takes the last value (Jackson's default). Integer
// literals become kInt when they fit a long, else kBigInt with their digits; literals with a
// fraction or exponent become kDouble.
//
// Known differences from Jackson, both on input no schema producer writes: a number literal whose
// value overflows a double (1e400) and a \u escape of a lone UTF-16 surrogate are rejected here
// (nlohmann's lexer refuses them), where Jackson reads Infinity and a lone surrogate.
//
// Stateless and thread-safe.
#pragma once

#include <string_view>

#include "avro/json_value.h"
#include "util/status.h"

namespace sluice::avro {

// Nesting deeper than this is rejected (Jackson 2.15+ defaults to 1000 as well).
inline constexpr int kMaxJsonDepth = 1000;

// Parses `text` (UTF-8). Errors are kDataError and name the line and column.
Result<JsonValue> parse_json(std::string_view text);

}  // namespace sluice::avro
