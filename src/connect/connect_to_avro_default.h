// Connect default values -> the JSON Confluent's AvroData writes for them
// (AvroData.defaultValueFromConnect), both as a record field's "default" and as the
// "connect.default" schema property.
//
//   INT8..INT64 numbers; FLOAT32/FLOAT64 numbers; BOOLEAN; STRING text; BYTES the bytes as an
//   ISO-8859-1 string ("\u0000\u00dd" in the file); Decimal its unscaled two's-complement bytes
//   that way (the value's scale must equal the schema's: "BigDecimal has mismatching scale value
//   for given Decimal schema"); Date days, Time milliseconds, Timestamp milliseconds; ARRAY an
//   array; MAP with (non-optional, or allowed optional) string keys an object, any other MAP an
//   array of [key, value] pairs; STRUCT an object of its fields (a null field takes that field's
//   default, as Struct.get does); a Connect union (io.confluent.connect.avro.Union) the JSON of
//   its first field, even when that one is null.
//
// A FLOAT32 is a Jackson FloatNode (avro::JsonValue::float_number): Float.toString in
// connect.default; the caller widens it to a double ("1.100000023841858") for a field default,
// which goes through Avro's JacksonUtils in Java. Maps come out in the Value's order (Java: the
// HashMap's).
//
// Stateless and thread-safe.
#pragma once

#include "avro/json_value.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

Result<avro::JsonValue> connect_default_to_json(const Schema& schema, const Value& value,
                                                const AvroDataConfig& config);

}  // namespace sluice::connect
