// The Parquet schema of a ParquetFormat file, derived as Confluent's writer derives it: the
// view's Connect schema becomes an Avro schema through AvroData (connect/connect_to_avro_schema.h),
// and that Avro schema becomes the Parquet message through parquet-avro's AvroSchemaConverter
// (parquet-java 1.15, the version Confluent's S3 sink 12.x ships):
//
//   record -> group of its fields (fields of Avro type null are left out); the message is named
//     after the root record's full name
//   boolean, int, long, float, double -> BOOLEAN, INT32, INT64, FLOAT, DOUBLE
//   bytes -> BYTE_ARRAY; string -> BYTE_ARRAY (STRING); enum -> BYTE_ARRAY (ENUM);
//   fixed -> FIXED_LEN_BYTE_ARRAY(size)
//   ["null", T] -> T made OPTIONAL; a union of other shapes -> a group of OPTIONAL member0,
//     member1, ... (one per non-null branch), OPTIONAL when the union holds null
//   array -> the 2-level list `group NAME (LIST) { repeated T array; }`, or, when the file must
//     use parquet.avro.write-old-list-structure=false, the 3-level `list`/`element` list
//   map -> `group NAME (MAP) { repeated group key_value (MAP_KEY_VALUE) { required binary key
//     (STRING); value; } }`
//   logical types Avro 1.11 knows: decimal -> DECIMAL(precision, scale), date -> DATE,
//     time-millis/-micros -> TIME(UTC), timestamp-millis/-micros -> TIMESTAMP(UTC),
//     local-timestamp-millis/-micros -> TIMESTAMP(local); uuid on a string stays STRING.
//
// Confluent's ParquetRecordWriterProvider turns the 3-level lists on for the whole file when the
// view's Connect schema has, anywhere, an array whose items are optional
// (has_array_of_optional_items), because the 2-level shape cannot store a null item.
#pragma once

#include "avro/schema.h"
#include "connect/schema.h"
#include "parquet/nested_schema.h"
#include "util/status.h"

namespace sluice::format {

enum class ParquetListShape : uint8_t {
  kTwoLevel,    // parquet.avro.write-old-list-structure=true (parquet-avro's default)
  kThreeLevel,  // parquet.avro.write-old-list-structure=false
};

// Whether a struct field, map value or array item anywhere under `schema` is an array with
// optional items (Confluent's schemaHasArrayOfOptionalItems; map keys are not looked at).
bool has_array_of_optional_items(const connect::Schema& schema);

// The Parquet message of `record`. kDataError, with parquet-avro's wording where it has one, for
// an Avro schema that is not a record ("Avro schema must be a record."), a union of only nulls,
// a record without any field to write (Parquet has no empty groups), or a recursive record
// (parquet-avro never ends on one).
Result<parquet::NestedSchema> avro_to_parquet_schema(const avro::Schema& record,
                                                     ParquetListShape lists);

}  // namespace sluice::format
