// The Java names that appear in the Java connector's error messages, so sluice's messages read the
// same (users search logs and issues for them).
#pragma once

#include <string_view>

#include "connect/schema.h"
#include "connect/value.h"

namespace sluice::format {

// "class java.lang.String" etc.: the value's Java class as Class.toString() prints it.
std::string_view java_class_name(const connect::Schema* schema, const connect::Value& value);

// The schema type a value stands for: the schema's when known, else the type of the Java class
// JsonConverter would produce for it (ConnectSchema.schemaType: Long -> INT64, Double -> FLOAT64,
// HashMap -> MAP, ...; a null is STRING).
connect::SchemaType connect_schema_type(const connect::Schema* schema, const connect::Value& value);

}  // namespace sluice::format
