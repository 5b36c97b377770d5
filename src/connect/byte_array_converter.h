// ByteArrayConverter: org.apache.kafka.connect.converters.ByteArrayConverter (kafka-connect.md
// §2.2). Passes the bytes through unchanged as an optional BYTES value (a view, no copy); a null
// stays null with the optional BYTES schema. It has no configuration.
#pragma once

#include "connect/converter.h"

namespace sluice::connect {

class ByteArrayConverter final : public DataAndHeaderConverter {
 public:
  static constexpr std::string_view kClassName =
      "org.apache.kafka.connect.converters.ByteArrayConverter";

  std::string_view class_name() const override { return kClassName; }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;
};

}  // namespace sluice::connect
