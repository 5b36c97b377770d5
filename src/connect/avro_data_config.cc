#include "connect/avro_data_config.h"

namespace sluice::connect {

AvroDataConfig AvroDataConfig::read(ConverterOptions& options) {
  AvroDataConfig c;
  // ConfigDef definition order: AbstractDataConfig's keys, then AvroDataConfig's.
  c.generalized_sum_type_support =
      options.boolean(kGeneralizedSumTypeSupport, c.generalized_sum_type_support);
  c.ignore_default_for_nullables =
      options.boolean(kIgnoreDefaultForNullables, c.ignore_default_for_nullables);
  c.schemas_cache_size = options.int32(kSchemasCacheSize, c.schemas_cache_size);
  c.enhanced_avro_schema_support =
      options.boolean(kEnhancedAvroSchemaSupport, c.enhanced_avro_schema_support);
  c.scrub_invalid_names = options.boolean(kScrubInvalidNames, c.scrub_invalid_names);
  c.connect_meta_data = options.boolean(kConnectMetaData, c.connect_meta_data);
  c.discard_type_doc_default = options.boolean(kDiscardTypeDocDefault, c.discard_type_doc_default);
  c.allow_optional_map_keys = options.boolean(kAllowOptionalMapKeys, c.allow_optional_map_keys);
  c.flatten_singleton_union = options.boolean(kFlattenSingletonUnion, c.flatten_singleton_union);
  return c;
}

AvroDataConfig AvroDataConfig::parse(const std::map<std::string, std::string>& config,
                                     const std::string& prefix,
                                     std::vector<std::string>& problems) {
  ConverterOptions options(config, prefix);
  AvroDataConfig c = read(options);
  problems.insert(problems.end(), options.problems().begin(), options.problems().end());
  return c;
}

}  // namespace sluice::connect
