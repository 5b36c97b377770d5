// JsonSchemaToConnect: a loaded JSON Schema (json_schema_loader.h) -> the Connect schema
// Confluent's JsonSchemaConverter gives a record (JsonSchemaData.toConnectSchema, schema-registry
// 7.7; https://docs.confluent.io/platform/current/schema-registry/connect.html#json-schema):
//
//   JSON Schema                          Connect
//   boolean                              BOOLEAN
//   integer / number                     INT64 / FLOAT64; connect.type int8, int16, int32, int64,
//                                        float32, float64 or bytes picks that type
//   string                               STRING; BYTES (base64 text) with connect.type bytes
//   enum, const                          STRING with parameter io.confluent.connect.json.Enum=""
//                                        and io.confluent.connect.json.Enum.<v>=<v> per value
//                                        (generalized: org.apache.kafka.connect.data.Enum.<v> =
//                                        the value's index)
//   object                               STRUCT, fields ordered by connect.index, else in the
//                                        order the properties are loaded; MAP(STRING, additional
//                                        properties) with connect.type map
//   array                                ARRAY(items); MAP(key, value) with connect.type map and
//                                        items an object with properties key and value
//   oneOf / anyOf of null and T          T, optional
//   oneOf / anyOf, other                 STRUCT io.confluent.connect.json.OneOf with a field
//                                        io.confluent.connect.json.OneOf.field.<i> per non-null
//                                        branch, optional when a branch is null (generalized:
//                                        connect_union_<n>, fields connect_union_field_<i>)
//   one-branch oneOf/anyOf/allOf         the branch (flatten.singleton.unions)
//   allOf                                the merged properties as a STRUCT; else the branch that
//                                        carries the type (string with enum/const/format, number)
//   $ref                                 the referred schema
// then "title" -> name (unless the type set one), connect.version (else the registry version,
// for the top-level schema only) -> version, "description" -> doc, connect.parameters ->
// parameters, "default" -> default value (converted like a payload), and a property not listed
// in "required" made optional with use.optional.for.nonrequired=true. Logical types come from
// the title: "org.apache.kafka.connect.data.Decimal" with connect.parameters {"scale": "2"}.
//
// A $ref to an object schema that was converted before gives the same struct again, and Java
// then marks that struct with parameter io.confluent.connect.json.Id = "#id<n>" (n counts such
// reuses); sluice adds the same parameter. A $ref back to an object schema that is still being
// converted (a recursive schema) makes a cyclic Connect schema: the $ref becomes a reference node
// (schema.h) standing for that struct, with its own optional flag and the struct's parameters in
// HashMap order, as Java's SchemaWrapper of the builder. A default value is converted before the
// reference nodes are complete, so a default that holds the recursive struct itself fails as an
// invalid default.
//
// Errors are kDataError with Java's messages where Java has one ("Unsupported schema type
// org.everit.json.schema.EmptySchema", "Array schema did not specify the items type", ...).
// Stateless between calls; not thread-safe during one.
#pragma once

#include <cstdint>
#include <optional>

#include "connect/json_schema_data_config.h"
#include "connect/json_schema_loader.h"
#include "connect/schema.h"
#include "util/status.h"

namespace sluice::connect {

// JsonSchemaData.toConnectSchema(schema with `version`).
Result<SchemaPtr> json_schema_to_connect(const LoadedJsonSchema& schema,
                                         std::optional<int32_t> version,
                                         const JsonSchemaDataConfig& config);

}  // namespace sluice::connect
