// AvroDataConfig: the settings of Confluent's AvroData (io.confluent.connect.avro.AvroDataConfig
// and its base io.confluent.connect.schema.AbstractDataConfig), read from a converter's
// sub-config (AvroConverter's "value.converter." keys) or from a format's settings.
//
//   key                            default  effect
//   schemas.cache.config           1000     size of each converted-schema cache (at least 1 is
//   used) enhanced.avro.schema.support   false    Avro enums stay enums and union member fields
//   carry
//                                           full names when converting back to Avro
//   connect.meta.data              true     connect.* properties on Avro schemas, Avro docs and
//                                           defaults as Connect parameters
//   scrub.invalid.names            false    Connect names made valid Avro names
//   generalized.sum.type.support   false    enums/unions as
//   org.apache.kafka.connect.data.Enum/Union ignore.default.for.nullables   false    a null struct
//   field is written as null, not its default allow.optional.map.keys        false    maps with
//   optional string keys stay Avro maps flatten.singleton.union        true     a one-branch Avro
//   union is its branch discard.type.doc.default       false    (deprecated) only Avro field docs
//   and defaults kept
//
// The key is "flatten.singleton.union" (singular) in Confluent's AvroDataConfig; the JSON Schema
// converter's similar key is plural. "connect.decimal.precision" is not a setting: it is a
// Connect Decimal schema parameter (see connect_to_avro_schema.h).
//
// A plain value type: copy it freely; safe to read from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "connect/converter_options.h"

namespace sluice::connect {

struct AvroDataConfig {
  static constexpr std::string_view kSchemasCacheSize = "schemas.cache.config";
  static constexpr std::string_view kEnhancedAvroSchemaSupport = "enhanced.avro.schema.support";
  static constexpr std::string_view kConnectMetaData = "connect.meta.data";
  static constexpr std::string_view kScrubInvalidNames = "scrub.invalid.names";
  static constexpr std::string_view kGeneralizedSumTypeSupport = "generalized.sum.type.support";
  static constexpr std::string_view kIgnoreDefaultForNullables = "ignore.default.for.nullables";
  static constexpr std::string_view kAllowOptionalMapKeys = "allow.optional.map.keys";
  static constexpr std::string_view kFlattenSingletonUnion = "flatten.singleton.union";
  static constexpr std::string_view kDiscardTypeDocDefault = "discard.type.doc.default";

  int32_t schemas_cache_size = 1000;
  bool enhanced_avro_schema_support = false;
  bool connect_meta_data = true;
  bool scrub_invalid_names = false;
  bool generalized_sum_type_support = false;
  bool ignore_default_for_nullables = false;
  bool allow_optional_map_keys = false;
  bool flatten_singleton_union = true;
  bool discard_type_doc_default = false;

  // AbstractDataConfig.schemaCacheSize(): Math.max(1, schemas.cache.config).
  int32_t effective_cache_size() const { return schemas_cache_size < 1 ? 1 : schemas_cache_size; }

  // Reads every key above with ConfigDef's rules; bad values are recorded in `options` in
  // ConfigException's words ("Invalid value x for configuration value.converter.connect.meta.data:
  // Expected value to be either true or false") and leave the default in place.
  static AvroDataConfig read(ConverterOptions& options);
  // The same from a sub-config map; problems are appended to `problems`, naming prefix + key.
  static AvroDataConfig parse(const std::map<std::string, std::string>& config,
                              const std::string& prefix, std::vector<std::string>& problems);
};

}  // namespace sluice::connect
