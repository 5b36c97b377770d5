// ProtobufDataConfig: the settings of Confluent's ProtobufData (io.confluent.connect.protobuf.
// ProtobufDataConfig and its base io.confluent.connect.schema.AbstractDataConfig, schema-registry
// 7.7), read from a ProtobufConverter's sub-config. Documented by Confluent under "Protobuf
// converter" (https://docs.confluent.io/platform/current/schema-registry/connect.html#protobuf).
//
//   key                               default  effect when reading Protobuf (what sluice does)
//   schemas.cache.config              1000     size of the converted-schema cache (at least 1)
//   enhanced.protobuf.schema.support  false    structs, enums and maps named by full name
//                                              (with the package) instead of the simple name
//   generalized.sum.type.support      false    oneofs and enums carry
//   org.apache.kafka.connect.data.
//                                              Union / Enum parameters instead of the io.confluent.
//                                              connect.protobuf.* ones
//   int.for.enums                     false    enums become INT32 (the number), not STRING
//   optional.for.nullables            false    only fields declared `optional` become optional
//                                              Connect fields (messages, enums, arrays, maps are
//                                              optional anyway); otherwise every field is optional
//   optional.for.proto2               true     an unset proto2 `optional` scalar is null rather
//                                              than its default
//   wrapper.for.nullables             false    google.protobuf.*Value fields become optional
//                                              primitives, and scalar fields required
//   wrapper.for.raw.primitives        true     a google.protobuf.*Value message is its primitive
//                                              (top-level and nested alike, as in Java 7.7)
//   generate.struct.for.nulls         false    an unset message field is a struct of defaults,
//                                              not null
//   generate.index.for.unions         true     a oneof's field is named <oneof>_<index>, not
//   <oneof> flatten.unions                    false    a oneof's members are fields of the message
//   itself scrub.invalid.names               false    Connect -> Protobuf only: no effect on
//   reading ignore.default.for.nullables      false    Connect -> Protobuf only: no effect on
//   reading
//
// Every key is implemented (the last two act only in the direction sluice never takes, as in
// Java). A plain value type: copy it freely; safe to read from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "connect/converter_options.h"

namespace sluice::connect {

struct ProtobufDataConfig {
  static constexpr std::string_view kSchemasCacheSize = "schemas.cache.config";
  static constexpr std::string_view kEnhancedSchemaSupport = "enhanced.protobuf.schema.support";
  static constexpr std::string_view kGeneralizedSumTypeSupport = "generalized.sum.type.support";
  static constexpr std::string_view kIntForEnums = "int.for.enums";
  static constexpr std::string_view kOptionalForNullables = "optional.for.nullables";
  static constexpr std::string_view kOptionalForProto2 = "optional.for.proto2";
  static constexpr std::string_view kWrapperForNullables = "wrapper.for.nullables";
  static constexpr std::string_view kWrapperForRawPrimitives = "wrapper.for.raw.primitives";
  static constexpr std::string_view kGenerateStructForNulls = "generate.struct.for.nulls";
  static constexpr std::string_view kGenerateIndexForUnions = "generate.index.for.unions";
  static constexpr std::string_view kFlattenUnions = "flatten.unions";
  static constexpr std::string_view kScrubInvalidNames = "scrub.invalid.names";
  static constexpr std::string_view kIgnoreDefaultForNullables = "ignore.default.for.nullables";

  int32_t schemas_cache_size = 1000;
  bool enhanced_schema_support = false;
  bool generalized_sum_type_support = false;
  bool int_for_enums = false;
  bool optional_for_nullables = false;
  bool optional_for_proto2 = true;
  bool wrapper_for_nullables = false;
  bool wrapper_for_raw_primitives = true;
  bool generate_struct_for_nulls = false;
  bool generate_index_for_unions = true;
  bool flatten_unions = false;
  bool scrub_invalid_names = false;
  bool ignore_default_for_nullables = false;

  // Math.max(1, schemas.cache.config), as AbstractDataConfig.schemaCacheSize().
  int32_t effective_cache_size() const { return schemas_cache_size < 1 ? 1 : schemas_cache_size; }

  // Reads every key above with ConfigDef's rules; a bad value is recorded in `options` in
  // ConfigException's words and leaves the default in place.
  static ProtobufDataConfig read(ConverterOptions& options);
};

}  // namespace sluice::connect
