// ConnectToAvroSchema: a Connect schema -> the Avro schema Confluent's AvroData.fromConnectSchema
// makes of it, the writer schema of every file Confluent's AvroFormat writes. Its to_json() is
// Java's Schema.toString() of that schema, byte for byte.
//
//   Connect                     Avro
//   INT8, INT16                 int + "connect.type": "int8" / "int16"
//   INT32, INT64                int, long
//   FLOAT32, FLOAT64, BOOLEAN   float, double, boolean
//   STRING                      string; an enum when it carries the Avro (or generalized) Enum
//                               parameters and enhanced.avro.schema.support (or
//                               generalized.sum.type.support) is on
//   BYTES                       bytes; fixed when named with connect.fixed.size
//   Decimal                     bytes (or fixed) + "scale", "precision" (connect.decimal.precision,
//                               else 64), ..., "logicalType": "decimal" (not when scale < 0 or
//                               scale > precision: then only the legacy logicalType property)
//   Date, Time, Timestamp       int date, int time-millis, long timestamp-millis
//   ARRAY                       array
//   MAP, non-optional STRING    map (optional string keys too with allow.optional.map.keys)
//   key
//   other MAP                   array of record io.confluent.connect.avro.MapEntry {key, value}
//                               (a named map: a record of that name, connect.internal.type
//                               MapEntry)
//   STRUCT                      record named by the schema (namespace = the dotted prefix), or
//                               io.confluent.connect.avro.ConnectDefault, ConnectDefault2, ... in
//                               the order unnamed structs (and unnamed enums) are met
//   io.confluent.connect.avro.  union of the fields' types (null first when optional)
//   Union struct
//   optional X                  ["null", X] with field default null, or [X, "null"] when X has a
//                               default (an optional STRUCT is always ["null", record])
// with, when connect.meta.data is on, the properties connect.doc, connect.version,
// connect.parameters (all parameters but io.confluent.connect.avro.field.default),
// connect.default (unless that flag says the default came from an Avro field default),
// connect.name and connect.type, in that order, then logicalType, then every parameter whose
// name starts with "avro" as a property. Record fields carry the field schema's default
// (connect_to_avro_default.h); a default Avro rejects for the field's type is dropped, as Java's
// "Ignoring invalid default for field". Record and field docs come from the
// io.confluent.connect.avro.record.doc / field.doc.<name> parameters.
//
// An equal Connect schema met twice becomes the same Avro type (written by name the second time).
// As Java's fromConnectSchemaWithCycle, an array item, map value, union branch or optional struct
// whose Connect name already named a record is that record, even if it differs (Protobuf schemas
// reuse a message type with another Tag parameter); two different non-optional struct fields with
// one name fail with "Can't redefine: <name>", as Schema.toString() does. A record is declared
// (and known by its name) before its fields are converted, as Java declares it, so a recursive
// schema's reference node (schema.h) is written by the record's full name; a reference to an
// unnamed struct finds its record through the struct it stands for.
// Names invalid in Avro fail unless scrub.invalid.names.
//
// Results are cached by schema identity in a least-recently-used cache of schemas.cache.config
// entries that keeps the Connect schemas alive. Errors are kDataError. Not thread-safe (the
// cache); one instance per format writer or converter.
#pragma once

#include <list>
#include <memory>

#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"
#include "util/status.h"

namespace sluice::connect {

class ConnectToAvroSchema {
 public:
  explicit ConnectToAvroSchema(AvroDataConfig config = {});

  // REQUIRES: schema non-null (Java's schemaless "Anything" schema is not supported).
  Result<avro::SchemaPtr> convert(const SchemaPtr& schema);

  const AvroDataConfig& config() const { return config_; }
  size_t cached_count() const { return cache_.size(); }

 private:
  struct CacheEntry {
    SchemaPtr connect;
    avro::SchemaPtr avro;
  };

  AvroDataConfig config_;
  std::list<CacheEntry> cache_;  // most recently used first
};

}  // namespace sluice::connect
