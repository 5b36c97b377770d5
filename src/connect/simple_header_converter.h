// SimpleHeaderConverter: org.apache.kafka.connect.storage.SimpleHeaderConverter, the default
// header.converter (kafka-connect.md §2.5).
//
// A null header is (null, null). Anything else is decoded as UTF-8 (malformed bytes become U+FFFD,
// as `new String(bytes, UTF_8)`) and typed by Values.parseString (see values_parser.h). When the
// parser fails in a way Java reports as an Error rather than a DataException, the header keeps
// its raw bytes with the BYTES schema, as Java does after logging a warning.
#pragma once

#include "connect/converter.h"

namespace sluice::connect {

class SimpleHeaderConverter final : public HeaderConverter {
 public:
  static constexpr std::string_view kClassName =
      "org.apache.kafka.connect.storage.SimpleHeaderConverter";

  std::string_view class_name() const override { return kClassName; }
  Status to_connect_header(std::string_view topic, std::string_view header_key, KafkaBytes bytes,
                           Arena& arena, SchemaAndValue& out) override;
};

}  // namespace sluice::connect
