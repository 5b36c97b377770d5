#include "config/converter_config.h"

#include "config/key_suggestion.h"

namespace sluice::config {

std::string_view converter_key(ConverterSlot slot) {
  switch (slot) {
    case ConverterSlot::kKey:
      return "key.converter";
    case ConverterSlot::kValue:
      return "value.converter";
    case ConverterSlot::kHeader:
      return "header.converter";
  }
  return "value.converter";
}

const ClassAliases<ConverterClass>& converter_classes() {
  static const ClassAliases<ConverterClass> kClasses(
      {
          {"org.apache.kafka.connect.storage.StringConverter", ConverterClass::kString},
          {"org.apache.kafka.connect.converters.ByteArrayConverter", ConverterClass::kByteArray},
          {"org.apache.kafka.connect.json.JsonConverter", ConverterClass::kJson},
          {"org.apache.kafka.connect.storage.SimpleHeaderConverter", ConverterClass::kSimpleHeader},
          {"io.confluent.connect.avro.AvroConverter", ConverterClass::kAvro},
          {"io.confluent.connect.json.JsonSchemaConverter", ConverterClass::kJsonSchema},
          {"io.confluent.connect.protobuf.ProtobufConverter", ConverterClass::kProtobuf},
          {"org.apache.kafka.connect.converters.ShortConverter", ConverterClass::kShort},
          {"org.apache.kafka.connect.converters.IntegerConverter", ConverterClass::kInteger},
          {"org.apache.kafka.connect.converters.LongConverter", ConverterClass::kLong},
          {"org.apache.kafka.connect.converters.FloatConverter", ConverterClass::kFloat},
          {"org.apache.kafka.connect.converters.DoubleConverter", ConverterClass::kDouble},
          {"org.apache.kafka.connect.converters.BooleanConverter", ConverterClass::kBoolean},
      },
      {"Converter"});
  return kClasses;
}

bool usable_as_key_or_value(ConverterClass converter) {
  return converter != ConverterClass::kSimpleHeader;
}

bool usable_as_header(ConverterClass converter) {
  // AvroConverter, JsonSchemaConverter and ProtobufConverter implement Converter only; the others
  // also implement HeaderConverter.
  return converter != ConverterClass::kAvro && converter != ConverterClass::kJsonSchema &&
         converter != ConverterClass::kProtobuf;
}

Validator converter_class_validator(ConverterSlot slot) {
  std::string description = converter_classes().table().describe();
  // The docs list the classes once; the key's own entry only says which kind it needs.
  std::string summary = slot == ConverterSlot::kHeader
                            ? "a header converter class (see the converter classes above)"
                            : "a converter class (see the converter classes above)";
  return Validator::custom(
      std::move(summary),
      [slot, description](const ConfigValue& value) -> std::optional<std::string> {
        const auto* name = std::get_if<std::string>(&value);
        if (name == nullptr) return std::nullopt;
        std::optional<ConverterClass> converter = converter_classes().resolve(*name);
        if (!converter) {
          std::string reason = "not a converter class sluice supports; use one of " + description;
          if (auto suggestion = closest_match(*name, converter_classes().table().spellings())) {
            reason += "; did you mean '" + *suggestion + "'?";
          }
          return reason;
        }
        if (slot == ConverterSlot::kHeader && !usable_as_header(*converter)) {
          return converter_classes().full_name(*converter) + " is not a HeaderConverter";
        }
        if (slot != ConverterSlot::kHeader && !usable_as_key_or_value(*converter)) {
          return converter_classes().full_name(*converter) +
                 " is a HeaderConverter only and cannot convert keys or values";
        }
        return std::nullopt;
      });
}

std::string_view config_layer_name(ConfigLayer layer) {
  return layer == ConfigLayer::kWorker ? "worker" : "connector";
}

std::map<std::string, std::string> redacted(const std::map<std::string, std::string>& config) {
  std::map<std::string, std::string> out = config;
  for (auto& [key, value] : out) {
    if (is_sensitive_key(key)) value = std::string(Password::kHidden);
  }
  return out;
}

}  // namespace sluice::config
