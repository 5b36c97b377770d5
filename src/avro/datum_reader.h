// Schema-driven walks over one binary-encoded datum: skip it, or render it as Avro's JSON
// encoding, for tooling and tests (checking that a block holds exactly its count of objects,
// dumping a file like avro-tools tojson).
//
// JSON encoding (Avro specification, "JSON Encoding"): null, true/false, numbers (float as
// Java's Float.toString and double as Double.toString, with JDK 17's digits; non-finite ones as the
// strings "NaN", "Infinity",
// "-Infinity"), strings escaped as Jackson does, bytes and fixed as strings whose code points
// U+0000..U+00FF are the bytes, enums as their symbol, arrays, maps and records as JSON arrays and
// objects, a union value as null or {"<branch full name>": value}.
//
// Nesting deeper than kMaxDatumDepth (possible only through recursive schemas) is rejected rather
// than recursing without bound. Stateless and thread-safe; the decoder is the caller's.
#pragma once

#include <string>

#include "avro/decoder.h"
#include "avro/schema.h"
#include "util/status.h"

namespace sluice::avro {

inline constexpr int kMaxDatumDepth = 1000;

// Reads past one datum of `schema`, checking it as it goes (lengths, enum and union indexes).
Status skip_datum(Decoder& decoder, const Schema& schema);

// Reads one datum of `schema` and appends its JSON encoding to `out`.
Status append_datum_json(Decoder& decoder, const Schema& schema, std::string& out);

}  // namespace sluice::avro
