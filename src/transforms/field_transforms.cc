#include "transforms/field_transforms.h"

namespace sluice::transforms {

std::vector<TransformType> field_transform_types() {
  std::vector<TransformType> types;
  add_insert_field_types(types);
  add_replace_field_types(types);
  add_mask_field_types(types);
  add_value_to_key_types(types);
  add_hoist_field_types(types);
  add_extract_field_types(types);
  add_set_schema_metadata_types(types);
  add_flatten_types(types);
  add_cast_types(types);
  add_header_from_types(types);
  add_timestamp_converter_types(types);
  return types;
}

}  // namespace sluice::transforms
