// Connect's Values.convertToString(schema, value): how the headers view turns each header value
// into the string stored in the headers file (confluent-s3-sink.md §4.0 item 4, §4.6).
//
// Rules (Kafka Connect's Values.append): numbers via their Java toString (Float/Double.toString,
// BigDecimal.toString for Decimal), booleans "true"/"false", strings as they are at the top level
// and as "..." with only `\` and `"` backslash-escaped when nested, bytes as Base64, lists as
// [a,b], maps as {k:v} in the map's own order, structs as {"field":value} (field defaults
// substituted for nulls), nested nulls as null; java.util.Date values (Date/Time/Timestamp logical
// types) as "HH:mm:ss.SSS'Z'" when the instant is before 1970-01-02 (so every negative instant
// prints as a time of day), "yyyy-MM-dd" at a midnight, else "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'".
//
// Java formats the dates in the worker JVM's default time zone (the formats set none); we use UTC,
// which is what a worker running in UTC (the usual container default, and MSK Connect) writes.
//
// Map order: the header converter decides it (SimpleHeaderConverter builds a LinkedHashMap, so the
// text's order), so entries are written in the order the Value holds them.
#pragma once

#include <string>

#include "connect/schema.h"
#include "connect/value.h"
#include "util/java_number_format.h"
#include "util/status.h"

namespace sluice::format {

// Appends Values.convertToString(schema, value) for a non-null value. A value that has no string
// form (a kind that does not match its schema) is a data error.
// Floats and doubles print with `digits` (java_number_format.h).
Status append_connect_value_string(std::string& out, const connect::Schema* schema,
                                   const connect::Value& value,
                                   util::JavaDoubleDigits digits = util::JavaDoubleDigits::kJdk17);

}  // namespace sluice::format
