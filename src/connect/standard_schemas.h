// The predefined schemas of Connect's Schema and SchemaBuilder (INT8_SCHEMA,
// OPTIONAL_STRING_SCHEMA, Date.SCHEMA, Decimal.schema(scale), ...), shared by the converters.
//
// The fixed ones are process-wide immutable singletons, so handing one to a record costs a
// reference count, not an allocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "connect/schema.h"

namespace sluice::connect {

// Schema.INT8_SCHEMA ... Schema.BYTES_SCHEMA: required, no name. Only for primitive types.
const SchemaPtr& required_schema(SchemaType type);
// Schema.OPTIONAL_INT8_SCHEMA ... Schema.OPTIONAL_BYTES_SCHEMA. Only for primitive types.
const SchemaPtr& optional_schema(SchemaType type);

// Date.SCHEMA, Time.SCHEMA, Timestamp.SCHEMA: required, version 1.
const SchemaPtr& date_schema();
const SchemaPtr& time_schema();
const SchemaPtr& timestamp_schema();
// Decimal.schema(scale): required BYTES named Decimal, version 1, parameter scale.
SchemaPtr decimal_schema(int32_t scale);

// Java's Schema.Type enum name: "INT8", "FLOAT32", "STRUCT", ... (as in Connect's messages).
std::string_view java_type_name(SchemaType type);
// ConnectSchema.toString(): "Schema{com.example.Order:STRUCT}" or "Schema{STRING}".
std::string java_schema_string(const Schema& schema);

}  // namespace sluice::connect
