#include "connect/json_schema_data_config.h"

#include <vector>

namespace sluice::connect {
namespace {

// The Java types JsonSchemaConverter can hand to JsonSchemaData: its deserializer returns the
// JSON tree itself for these, and a bean of that class for any other, which JsonSchemaData cannot
// convert.
bool is_tree_type(std::string_view class_name) {
  return class_name == "java.lang.Object" ||
         class_name == "com.fasterxml.jackson.databind.JsonNode";
}

void read_target_type(ConverterOptions& options, std::string_view key) {
  const std::string value = options.string(key, "java.lang.Object");
  if (!is_tree_type(value)) {
    options.add_problem(key, value,
                        "sluice converts JSON Schema payloads as JSON trees only "
                        "(java.lang.Object or com.fasterxml.jackson.databind.JsonNode), not into a "
                        "Java class");
  }
}

}  // namespace

JsonSchemaDataConfig JsonSchemaDataConfig::read(ConverterOptions& options) {
  JsonSchemaDataConfig c;
  // AbstractDataConfig's keys, then JsonSchemaDataConfig's, then the deserializer's.
  c.generalized_sum_type_support =
      options.boolean(kGeneralizedSumTypeSupport, c.generalized_sum_type_support);
  c.ignore_default_for_nullables =
      options.boolean(kIgnoreDefaultForNullables, c.ignore_default_for_nullables);
  c.schemas_cache_size = options.int32(kSchemasCacheSize, c.schemas_cache_size);
  c.object_additional_properties =
      options.boolean(kObjectAdditionalProperties, c.object_additional_properties);
  c.use_optional_for_nonrequired =
      options.boolean(kUseOptionalForNonRequired, c.use_optional_for_nonrequired);
  c.ignore_modern_dialects = options.boolean(kIgnoreModernDialects, c.ignore_modern_dialects);
  c.decimal_format =
      options.choice_ignoring_case(kDecimalFormat, c.decimal_format, {"BASE64", "NUMERIC"});
  c.flatten_singleton_unions = options.boolean(kFlattenSingletonUnions, c.flatten_singleton_unions);
  c.fail_unknown_properties = options.boolean(kFailUnknownProperties, c.fail_unknown_properties);
  c.fail_invalid_schema = options.boolean(kFailInvalidSchema, c.fail_invalid_schema);
  read_target_type(options, kKeyType);
  read_target_type(options, kValueType);
  c.type_property = options.string(kTypeProperty, c.type_property);
  return c;
}

}  // namespace sluice::connect
