// JsonSchemaDataConfig: the settings of Confluent's JsonSchemaData
// (io.confluent.connect.json.JsonSchemaDataConfig with its base AbstractDataConfig) and of the
// JSON Schema deserializer behind JsonSchemaConverter (KafkaJsonSchemaDeserializerConfig), read
// from the converter's sub-config ("value.converter." keys). Keys and defaults are Confluent's
// (https://docs.confluent.io/platform/current/schema-registry/connect.html#json-schema):
//
//   key                             default    effect in sluice (a sink only reads)
//   json.fail.invalid.schema        false      validate each payload against its schema
//   object.additional.properties    true       none: only used when Connect data is serialized
//   use.optional.for.nonrequired    false      properties missing from `required` become optional
//   decimal.format                  BASE64     none for reading; BASE64 or NUMERIC (any case)
//   flatten.singleton.unions        true       a one-branch oneOf/anyOf/allOf is its branch
//   generalized.sum.type.support    false      unions as connect_union_<n> structs with
//                                              org.apache.kafka.connect.data.Union, enums with
//                                              org.apache.kafka.connect.data.Enum (symbol -> index)
//   ignore.modern.dialects          false      see below
//   ignore.default.for.nullables    false      none: only used when Connect data is serialized
//   schemas.cache.config            1000       size of the converted-schema cache (at least 1)
//   json.fail.unknown.properties    true       none: only used when deserializing into a Java class
//   json.key.type / json.value.type java.lang.Object  only java.lang.Object or Jackson's JsonNode
//                                              (the JSON tree Connect converts) are accepted
//   type.property                   javaType   the schema property naming a Java class to
//                                              deserialize into; see json_schema_converter.h
//
// ignore.modern.dialects: Java reads schemas that declare draft 2019-09 or 2020-12 with another
// library unless this is true; sluice always reads them with the draft-7 rules (what Java does
// with ignore.modern.dialects=true), which docs/compatibility.md lists as a difference.
//
// A plain value type: copy it freely; safe to read from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "connect/converter_options.h"

namespace sluice::connect {

struct JsonSchemaDataConfig {
  static constexpr std::string_view kFailInvalidSchema = "json.fail.invalid.schema";
  static constexpr std::string_view kFailUnknownProperties = "json.fail.unknown.properties";
  static constexpr std::string_view kObjectAdditionalProperties = "object.additional.properties";
  static constexpr std::string_view kUseOptionalForNonRequired = "use.optional.for.nonrequired";
  static constexpr std::string_view kDecimalFormat = "decimal.format";
  static constexpr std::string_view kFlattenSingletonUnions = "flatten.singleton.unions";
  static constexpr std::string_view kGeneralizedSumTypeSupport = "generalized.sum.type.support";
  static constexpr std::string_view kIgnoreModernDialects = "ignore.modern.dialects";
  static constexpr std::string_view kIgnoreDefaultForNullables = "ignore.default.for.nullables";
  static constexpr std::string_view kSchemasCacheSize = "schemas.cache.config";
  static constexpr std::string_view kKeyType = "json.key.type";
  static constexpr std::string_view kValueType = "json.value.type";
  static constexpr std::string_view kTypeProperty = "type.property";

  bool fail_invalid_schema = false;
  bool fail_unknown_properties = true;
  bool object_additional_properties = true;
  bool use_optional_for_nonrequired = false;
  std::string decimal_format = "BASE64";
  bool flatten_singleton_unions = true;
  bool generalized_sum_type_support = false;
  bool ignore_modern_dialects = false;
  bool ignore_default_for_nullables = false;
  int32_t schemas_cache_size = 1000;
  std::string type_property = "javaType";

  // AbstractDataConfig.schemaCacheSize(): Math.max(1, schemas.cache.config).
  int32_t effective_cache_size() const { return schemas_cache_size < 1 ? 1 : schemas_cache_size; }

  // Reads every key above with ConfigDef's rules; a bad value is recorded in `options` in
  // ConfigException's words, naming the full key, and leaves the default in place.
  static JsonSchemaDataConfig read(ConverterOptions& options);
};

}  // namespace sluice::connect
