// schema.compatibility: when does a record's value schema, different from the schema of the file
// its encoded partition has open, start a new file, and when is the record projected into the
// open file instead? As Confluent's S3 sink decides it (storage-common's
// StorageSchemaCompatibility; documented under schema.compatibility in
// https://docs.confluent.io/kafka-connectors/s3-sink/current/configuration_options.html):
//
//   NONE      any schema that is not equal to the file's (Connect schema equality) starts a new
//             file; nothing is projected.
//   BACKWARD  both schemas need a version. A new file starts when the record's schema cannot be
//   FULL      projected onto the file's (types neither equal nor a numeric widening, names or
//             compatibility parameters differ, an optional record schema against a required file
//             schema without default, a required file field without default that the record
//             lacks; checked through struct fields, array elements and map keys and values, and
//             once per pair of recursive schemas met through reference nodes, schema.h), or
//             when the record's version is newer than the file's. Otherwise the record is
//             projected onto the file's schema.
//   FORWARD   the same, but a record version older than the file's starts a new file.
//
// Only value schemas count; a switch between schemaless and schema'd values is decided by the
// caller (it always starts a new file). Stateless.
#pragma once

#include "connect/schema.h"
#include "util/status.h"

namespace sluice::sink {

enum class SchemaCompatibility { kNone, kBackward, kForward, kFull };

// Why a record cannot go into the open file (kCompatible when it can).
enum class SchemaChange {
  kCompatible,
  kDifferentSchema,  // NONE: not equal
  kDifferentType,
  kDifferentName,
  kDifferentParameters,
  kIncompatibleOptionality,  // optional record schema, required file schema without default
  kMissingRequiredField,     // the file has a required field without default the record lacks
  kDifferentVersion,
};

// Decides for a record schema against the open file's schema.
// REQUIRES: record != nullptr and file != nullptr.
// kDataError "Schema version required for BACKWARD compatibility" (and FORWARD, FULL) when a
// schema has no version under a mode that compares versions, as the Java connector throws.
Result<SchemaChange> check_schema_change(SchemaCompatibility mode, const connect::Schema* record,
                                         const connect::Schema* file);

// Java's name of the mode ("BACKWARD"), for messages.
const char* schema_compatibility_name(SchemaCompatibility mode);

}  // namespace sluice::sink
