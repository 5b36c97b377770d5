#include "format/schema_fit.h"

#include <string_view>

namespace sluice::format {
namespace {

using connect::Schema;
using connect::SchemaType;

// The logical type AvroData converts a primitive by (its Java class depends on it), or "".
std::string_view logical_name(const Schema& schema) {
  for (std::string_view name : {connect::kDecimalLogicalName, connect::kDateLogicalName,
                                connect::kTimeLogicalName, connect::kTimestampLogicalName}) {
    if (schema.is_logical(name)) return name;
  }
  return {};
}

}  // namespace

bool avro_data_accepts(const Schema& file, const Schema& schema) {
  if (&file == &schema) return true;
  if (file.type != schema.type) return false;
  // A recursive schema's inner reference equals only an equal reference (cycles end there).
  if (file.is_reference() || schema.is_reference()) return connect::schemas_equal(&file, &schema);
  switch (file.type) {
    case SchemaType::kStruct:
      return connect::schemas_equal(&file, &schema);
    case SchemaType::kArray:
      return avro_data_accepts(*file.value_schema, *schema.value_schema);
    case SchemaType::kMap:
      return avro_data_accepts(*file.key_schema, *schema.key_schema) &&
             avro_data_accepts(*file.value_schema, *schema.value_schema);
    default:
      return logical_name(file) == logical_name(schema);
  }
}

}  // namespace sluice::format
