// Schema projection: rewrites a value written with one Connect schema so that it reads as a value
// of another, compatible schema. The S3 sink uses it under schema.compatibility BACKWARD, FORWARD
// and FULL, where records of an older (or newer) schema version go into a file opened with another
// version (Confluent's storage-common SchemaProjector; its rules are summed up in Kafka's
// SchemaProjector javadoc, https://kafka.apache.org/documentation/#connect_schemas):
//
//   - the types must be equal or a numeric widening along int8 -> int16 -> int32 -> int64 ->
//     float32 -> float64; names must be equal; parameters must be equal once documentation-only
//     parameters are left out (connect.record.doc, connect.record.aliases,
//     connect.record.namespace, io.confluent.connect.avro.field.doc.*), except that an enum's
//     source symbols need only be a subset of the target's;
//   - an optional source projects onto a required target only if the target has a default, which
//     replaces a null;
//   - a struct takes every target field from the source field of the same name (projected in
//     turn); a field the source lacks is left null if the target field is optional (a writer then
//     prints its default, as Connect's Struct.get does), else takes its default, else fails;
//   - arrays and maps are projected element by element;
//   - a reference node of a recursive schema (schema.h) is projected as the schema it stands for
//     (the value is finite, so this ends).
//
// Stateless. The projected value's arrays, maps and structs are allocated in the caller's Arena;
// strings and bytes still point into the source value.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

// Whether a value of `source` type may be written as `target` type: equal, or a widening along
// int8 -> int16 -> int32 -> int64 -> float32 -> float64.
bool is_promotable(SchemaType source, SchemaType target);

// Whether `schema` is an enum as AvroData or ProtobufData renders one (its parameters name
// org.apache.kafka.connect.data.Enum, io.confluent.connect.avro.Enum or
// io.confluent.connect.protobuf.Enum).
bool is_enum_schema(const Schema& schema);

// The parameters that matter for compatibility: all but the documentation-only ones.
std::vector<std::pair<std::string, std::string>> compatibility_parameters(const Schema& schema);

// Whether the parameters of `source` may project onto those of `target`: equal (documentation-only
// parameters left out), or for two enums, the source's entries a subset of the target's.
bool parameters_projectable(const Schema& source, const Schema& target);

// Projects `value`, written with `source`, onto `target`. kDataError, worded as Connect's
// SchemaProjectorException, when the schemas do not allow it.
Result<Value> project_value(const Schema& source, const Value& value, const Schema& target,
                            Arena& arena);

}  // namespace sluice::connect
