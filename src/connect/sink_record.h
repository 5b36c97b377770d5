// SinkRecord: one Kafka record after conversion, as the sink sees it.
//
// Views (topic, raw bytes, header keys) point into the librdkafka message, which the batch keeps
// alive until every record of the batch has been written; decoded values live in the batch Arena.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "connect/schema.h"
#include "connect/value.h"

namespace sluice::connect {

enum class TimestampType : uint8_t { kNone, kCreateTime, kLogAppendTime };

struct Header {
  std::string_view key;  // valid UTF-8, as Java's consumer decodes it
  SchemaPtr schema;
  Value value;
  std::string_view raw;  // the header's bytes as they came from Kafka
  bool raw_is_null = false;
};

struct SinkRecord {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::optional<int64_t> timestamp;  // milliseconds since the epoch; absent for broker value -1
  TimestampType timestamp_type = TimestampType::kNone;

  SchemaPtr key_schema;
  Value key;
  SchemaPtr value_schema;
  Value value;
  std::span<const Header> headers;

  // The bytes as they came from Kafka, kept for the dead-letter queue and for error messages.
  std::string_view raw_key;
  std::string_view raw_value;
  bool raw_key_is_null = true;
  bool raw_value_is_null = true;
};

}  // namespace sluice::connect
