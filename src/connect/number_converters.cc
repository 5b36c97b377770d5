#include "connect/number_converters.h"

#include <bit>
#include <string>

#include "connect/standard_schemas.h"

namespace sluice::connect {
namespace {

struct KindInfo {
  std::string_view class_name;
  std::string_view type_name;     // NumberConverter's typeName in "Failed to deserialize <type>: "
  std::string_view deserializer;  // the name Kafka's deserializer uses in its size message
  size_t width;
  SchemaType schema_type;
};

const KindInfo& info(NumberKind kind) {
  static const KindInfo kInfo[] = {
      {"org.apache.kafka.connect.converters.ShortConverter", "short", "ShortDeserializer", 2,
       SchemaType::kInt16},
      {"org.apache.kafka.connect.converters.IntegerConverter", "integer", "IntegerDeserializer", 4,
       SchemaType::kInt32},
      {"org.apache.kafka.connect.converters.LongConverter", "long", "LongDeserializer", 8,
       SchemaType::kInt64},
      // Kafka's FloatDeserializer and DoubleDeserializer say just "Deserializer".
      {"org.apache.kafka.connect.converters.FloatConverter", "float", "Deserializer", 4,
       SchemaType::kFloat32},
      {"org.apache.kafka.connect.converters.DoubleConverter", "double", "Deserializer", 8,
       SchemaType::kFloat64},
      {"org.apache.kafka.connect.converters.BooleanConverter", "boolean", "BooleanDeserializer", 1,
       SchemaType::kBoolean},
  };
  return kInfo[static_cast<size_t>(kind)];
}

uint64_t big_endian(std::string_view bytes) {
  uint64_t v = 0;
  for (char c : bytes) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

}  // namespace

std::string_view NumberConverter::class_name_of(NumberKind kind) {
  return info(kind).class_name;
}

Status NumberConverter::to_connect(std::string_view /*topic*/, KafkaBytes bytes, Arena& /*arena*/,
                                   SchemaAndValue& out) {
  const KindInfo& k = info(kind_);
  if (!bytes) {
    out.schema = optional_schema(k.schema_type);
    out.value = Value::null();
    return Status::ok_status();
  }
  if (bytes->size() != k.width) {
    return Status::data_error("Failed to deserialize " + std::string(k.type_name) +
                              ": Size of data received by " + std::string(k.deserializer) +
                              " is not " + std::to_string(k.width));
  }
  const uint64_t raw = big_endian(*bytes);
  Value value;
  switch (kind_) {
    case NumberKind::kShort:
      value = Value::integer(static_cast<int16_t>(raw));
      break;
    case NumberKind::kInteger:
      value = Value::integer(static_cast<int32_t>(raw));
      break;
    case NumberKind::kLong:
      value = Value::integer(static_cast<int64_t>(raw));
      break;
    case NumberKind::kFloat:
      value = Value::float32(std::bit_cast<float>(static_cast<uint32_t>(raw)));
      break;
    case NumberKind::kDouble:
      value = Value::float64(std::bit_cast<double>(raw));
      break;
    case NumberKind::kBoolean:
      if (raw > 1) {
        return Status::data_error(
            "Failed to deserialize boolean: Unexpected byte received by BooleanDeserializer: " +
            std::to_string(static_cast<int8_t>(raw)));
      }
      value = Value::boolean(raw == 1);
      break;
  }
  out.schema = optional_schema(k.schema_type);
  out.value = value;
  return Status::ok_status();
}

}  // namespace sluice::connect
