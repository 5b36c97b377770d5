// Avro defaults -> Connect default values, as Confluent's AvroData.toConnectSchema derives a
// Connect schema's default (defaultValueFromAvro).
//
// Two sources, converted by different Java paths that this file reproduces:
//  * a record field's "default": Avro's Field.defaultVal() turns the JSON into Java objects
//    against the field's Avro schema (JacksonUtils.toObject: a union default is read against the
//    first branch, bytes as ISO-8859-1), then AvroData.toConnectData converts those objects to the
//    Connect schema (field_default_to_connect);
//  * a "connect.default" property, read from the JSON directly by Avro type
//    (defaultValueFromAvroWithoutLogical: numbers cast, text read as Jackson's asText, a
//    non-array for an array dropped, ...) (connect_default_to_connect).
// Both finish with the logical conversion (Decimal, Date, Time, Timestamp) and with the check
// SchemaBuilder.defaultValue makes (ConnectSchema.validateValue). Any failure means Java logs
// "Ignoring invalid default" and keeps no default: these functions then return false.
//
// Values are built in `arena` (strings copied), which must outlive them. Stateless and
// thread-safe.
#pragma once

#include "avro/json_value.h"
#include "avro/schema.h"
#include "connect/avro_data_config.h"
#include "connect/schema.h"
#include "connect/value.h"

namespace sluice::connect {

// `schema` is the Connect schema being built for `avro` (not yet optional).
bool field_default_to_connect(const avro::JsonValue& json, const avro::Schema& avro,
                              const Schema& schema, const AvroDataConfig& config, Arena& arena,
                              Value* out);
bool connect_default_to_connect(const avro::JsonValue& json, const avro::Schema& avro,
                                const Schema& schema, const AvroDataConfig& config, Arena& arena,
                                Value* out);

}  // namespace sluice::connect
