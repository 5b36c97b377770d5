#include "connect/protobuf_data_config.h"

namespace sluice::connect {

ProtobufDataConfig ProtobufDataConfig::read(ConverterOptions& options) {
  ProtobufDataConfig c;
  // ConfigDef definition order: AbstractDataConfig's keys, then ProtobufDataConfig's.
  c.generalized_sum_type_support =
      options.boolean(kGeneralizedSumTypeSupport, c.generalized_sum_type_support);
  c.ignore_default_for_nullables =
      options.boolean(kIgnoreDefaultForNullables, c.ignore_default_for_nullables);
  c.schemas_cache_size = options.int32(kSchemasCacheSize, c.schemas_cache_size);
  c.enhanced_schema_support = options.boolean(kEnhancedSchemaSupport, c.enhanced_schema_support);
  c.scrub_invalid_names = options.boolean(kScrubInvalidNames, c.scrub_invalid_names);
  c.int_for_enums = options.boolean(kIntForEnums, c.int_for_enums);
  c.optional_for_nullables = options.boolean(kOptionalForNullables, c.optional_for_nullables);
  c.optional_for_proto2 = options.boolean(kOptionalForProto2, c.optional_for_proto2);
  c.wrapper_for_nullables = options.boolean(kWrapperForNullables, c.wrapper_for_nullables);
  c.wrapper_for_raw_primitives =
      options.boolean(kWrapperForRawPrimitives, c.wrapper_for_raw_primitives);
  c.generate_struct_for_nulls =
      options.boolean(kGenerateStructForNulls, c.generate_struct_for_nulls);
  c.generate_index_for_unions =
      options.boolean(kGenerateIndexForUnions, c.generate_index_for_unions);
  c.flatten_unions = options.boolean(kFlattenUnions, c.flatten_unions);
  return c;
}

}  // namespace sluice::connect
