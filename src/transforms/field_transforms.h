// The field transforms of Apache Kafka's connect-transforms (InsertField, ReplaceField, MaskField,
// ValueToKey, HoistField, ExtractField, SetSchemaMetadata, Flatten, Cast, HeaderFrom,
// TimestampConverter), each with its "$Key" and "$Value" variant where Kafka has both.
//
// The transform_registry lists these types with the others; each transform's behaviour, keys and
// messages are described in its own source file.
#pragma once

#include <vector>

#include "transforms/transform_registry.h"

namespace sluice::transforms {

// Every field transform type, "$Key" before "$Value", in the order listed above.
std::vector<TransformType> field_transform_types();

// The types of one transform, for field_transform_types() (one source file each).
void add_insert_field_types(std::vector<TransformType>& out);
void add_replace_field_types(std::vector<TransformType>& out);
void add_mask_field_types(std::vector<TransformType>& out);
void add_value_to_key_types(std::vector<TransformType>& out);
void add_hoist_field_types(std::vector<TransformType>& out);
void add_extract_field_types(std::vector<TransformType>& out);
void add_set_schema_metadata_types(std::vector<TransformType>& out);
void add_flatten_types(std::vector<TransformType>& out);
void add_cast_types(std::vector<TransformType>& out);
void add_header_from_types(std::vector<TransformType>& out);
void add_timestamp_converter_types(std::vector<TransformType>& out);

}  // namespace sluice::transforms
