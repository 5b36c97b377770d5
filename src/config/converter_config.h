// Converter classes and their per-slot configuration (kafka-connect.md §2.0).
//
// A converter "slot" is key, value or header. Both the worker and the connector may name a
// converter class for a slot (key.converter=...) together with sub-configs under the slot's
// prefix (key.converter.schemas.enable=...). This header holds what both config classes share:
// the converter classes sluice knows, their aliases, and the ConverterSpec that says which class
// a slot uses and with which sub-config. Which layer wins is decided in converter_resolution.h.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "config/class_alias.h"
#include "config/config_def.h"

namespace sluice::config {

enum class ConverterClass {
  kString,        // org.apache.kafka.connect.storage.StringConverter
  kByteArray,     // org.apache.kafka.connect.converters.ByteArrayConverter
  kJson,          // org.apache.kafka.connect.json.JsonConverter
  kSimpleHeader,  // org.apache.kafka.connect.storage.SimpleHeaderConverter (headers only)
  kAvro,          // io.confluent.connect.avro.AvroConverter (key/value only)
  kJsonSchema,    // io.confluent.connect.json.JsonSchemaConverter (key/value only)
  kProtobuf,      // io.confluent.connect.protobuf.ProtobufConverter (key/value only)
  kShort,         // org.apache.kafka.connect.converters.ShortConverter, and the other
  kInteger,       // fixed-width number converters of kafka-connect.md §2.4
  kLong,
  kFloat,
  kDouble,
  kBoolean,
};

enum class ConverterSlot { kKey, kValue, kHeader };

// "key.converter", "value.converter", "header.converter".
std::string_view converter_key(ConverterSlot slot);

// Every spelling accepted for a converter class: full name, simple name, simple name without
// "Converter" ("StringConverter", "String").
const ClassAliases<ConverterClass>& converter_classes();

// Whether the Java class implements Converter (key/value slots) or HeaderConverter.
bool usable_as_key_or_value(ConverterClass converter);
bool usable_as_header(ConverterClass converter);

// The validator of a `<slot>.converter` key: a known class usable in that slot.
Validator converter_class_validator(ConverterSlot slot);

enum class ConfigLayer { kWorker, kConnector };
std::string_view config_layer_name(ConfigLayer layer);  // "worker", "connector"

// The converter one slot uses.
struct ConverterSpec {
  ConverterClass converter = ConverterClass::kString;
  std::string class_name;  // canonical fully-qualified name
  // The slot's sub-config, prefix stripped ("schemas.enable" -> "false"); may hold secrets
  // (basic.auth.user.info): log it only through redacted().
  std::map<std::string, std::string> config;
  ConfigLayer layer =
      ConfigLayer::kWorker;  // where the class (and therefore the sub-config) came from
};

// A copy of a client or converter sub-config map with every sensitive value (is_sensitive_key)
// replaced by "[hidden]", for logs and messages.
std::map<std::string, std::string> redacted(const std::map<std::string, std::string>& config);

}  // namespace sluice::config
