// Converter and HeaderConverter: Kafka bytes -> Connect data (kafka-connect.md §2).
//
// The C++ counterparts of org.apache.kafka.connect.storage.Converter#toConnectData and
// HeaderConverter#toConnectHeader. A task owns one key, one value and one header converter (Java
// instantiates them per task too); a converter is not thread-safe because it reuses its parser
// and scratch buffers between records.
//
// Hot-path contract: converting a record allocates nothing on the heap in the steady state.
// Strings and bytes in the result are views into the input bytes when no decoding is needed,
// otherwise copies in the caller's Arena; the caller keeps both alive while the record is used.
#pragma once

#include <optional>
#include <string_view>

#include "connect/schema.h"
#include "connect/value.h"
#include "util/status.h"

namespace sluice::connect {

// Bytes as Kafka delivered them; std::nullopt is a Kafka null (a tombstone or a null header),
// which is different from an empty value.
using KafkaBytes = std::optional<std::string_view>;

// Connect's SchemaAndValue. A null schema means "no schema" (schemaless JSON, a null header).
struct SchemaAndValue {
  SchemaPtr schema;
  Value value;
};

class Converter {
 public:
  virtual ~Converter() = default;
  // The fully-qualified Java class this converter stands in for, for error reports (the
  // dead-letter queue's __connect.errors.class.name).
  virtual std::string_view class_name() const = 0;
  // Converts a record key or value. Failures are StatusCode::kDataError with Connect's wording.
  virtual Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                            SchemaAndValue& out) = 0;
};

class HeaderConverter {
 public:
  virtual ~HeaderConverter() = default;
  virtual std::string_view class_name() const = 0;
  // Converts one header value. Failures are StatusCode::kDataError.
  virtual Status to_connect_header(std::string_view topic, std::string_view header_key,
                                   KafkaBytes bytes, Arena& arena, SchemaAndValue& out) = 0;
};

// Most Connect converters implement both interfaces and convert a header exactly like a value;
// deriving from this gives them the header side for free.
class DataAndHeaderConverter : public Converter, public HeaderConverter {
 public:
  Status to_connect_header(std::string_view topic, std::string_view /*header_key*/,
                           KafkaBytes bytes, Arena& arena, SchemaAndValue& out) override {
    return to_connect(topic, bytes, arena, out);
  }
};

}  // namespace sluice::connect
