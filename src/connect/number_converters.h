// The fixed-width converters of org.apache.kafka.connect.converters (kafka-connect.md §2.4):
// ShortConverter, IntegerConverter, LongConverter, FloatConverter, DoubleConverter (big-endian
// two's complement / IEEE-754 bits) and BooleanConverter (one byte, 0x01 or 0x00, AK 3.7+).
//
// The input must have exactly the type's width; anything else is a DataException worded as
// Connect's ("Failed to deserialize long: Size of data received by LongDeserializer is not 8").
// A null stays null with the type's optional schema. They take no configuration.
#pragma once

#include <cstdint>

#include "connect/converter.h"

namespace sluice::connect {

enum class NumberKind : uint8_t { kShort, kInteger, kLong, kFloat, kDouble, kBoolean };

class NumberConverter final : public DataAndHeaderConverter {
 public:
  explicit NumberConverter(NumberKind kind) : kind_(kind) {}

  // "org.apache.kafka.connect.converters.LongConverter" etc.
  static std::string_view class_name_of(NumberKind kind);

  std::string_view class_name() const override { return class_name_of(kind_); }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;
  NumberKind kind() const { return kind_; }

 private:
  NumberKind kind_;
};

}  // namespace sluice::connect
