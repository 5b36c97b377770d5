// SchemalessValueBinder: a schemaless record value + a schema the user supplies
// (sluice.value.schema.*) -> a Connect value of that schema, so that ParquetFormat and
// AvroFormat can write records that carry no schema of their own. A sluice extension: Kafka
// Connect and Confluent's S3 sink have no such step.
//
// Input: JSON text (StringConverter's STRING value, or ByteArrayConverter's BYTES read as UTF-8
// JSON), parsed with JsonReader; or what JsonConverter with schemas.enable=false gives (maps with
// string keys, arrays, INT64 and FLOAT64 numbers, strings, booleans). A null value stays null (a
// tombstone; behavior.on.null.values decides). A value that already carries another schema
// (a struct from AvroConverter, JsonConverter with schemas.enable=true, ...) is refused.
//
// Binding, by target schema (the path names the field: `order.items[2].qty`):
//   STRUCT      a JSON object; fields by name, members the schema does not name are ignored; a
//               missing member takes the field's default, else null when the field is optional,
//               else it is an error; an explicit null is null when optional, else the default,
//               else an error. A union struct (io.confluent.connect.avro.Union,
//               io.confluent.connect.json.OneOf and their generalized forms) takes the value in
//               the first member field that binds it.
//   INT8..INT64 an integer token (no fraction, no exponent) that fits the type's range.
//   FLOAT32/64  any number (FLOAT32: finite values beyond float's range are refused).
//   BOOLEAN     true or false.
//   STRING      a JSON string; for an enum schema one of its symbols.
//   BYTES       base64 text (Jackson's MIME_NO_LINEFEEDS variant, as JsonConverter reads bytes).
//   Decimal     a JSON number or a string holding one, at most `scale` fraction digits (no
//               rounding; fewer digits are padded with zeros), as the schema's scale.
//   Date        an integer (days since the epoch) or "YYYY-MM-DD".
//   Time        an integer (milliseconds of the day, 0..86399999) or "HH:MM[:SS[.fff]]".
//   Timestamp   an integer (milliseconds since the epoch) or ISO-8601 text (iso8601_text.h).
//   ARRAY       a JSON array, elements bound recursively.
//   MAP         a JSON object with a STRING key schema; values bound recursively.
// Anything else is a kDataError "... at field '<path>': <what was expected>, got <what>".
//
// Values go into the caller's Arena (the batch's); strings are views into the message or the
// Arena, defaults point into the supplied schema, which the binder keeps alive. One binder per
// task: the JSON reader inside is reused for every record. Not thread-safe.
#pragma once

#include <memory>

#include "connect/json_tree.h"
#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

class SchemalessValueBinder {
 public:
  // REQUIRES: `schema` is not null.
  explicit SchemalessValueBinder(SchemaPtr schema);

  const SchemaPtr& schema() const { return schema_; }

  // Binds `value` (with the schema its converter gave, null or a plain STRING/BYTES schema) to
  // schema(). On success `*out` is the bound value; kDataError otherwise.
  Status bind(const Schema* value_schema, const Value& value, Arena& arena, Value* out);

 private:
  SchemaPtr schema_;
  JsonReader reader_;
};

}  // namespace sluice::connect
