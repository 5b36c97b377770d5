// JsonValueEncoder: renders a Connect value as the JSON text the Java JsonFormat writes for it.
//
// The Java connector has two code paths (confluent-s3-sink.md §4.1), chosen by the Java type of
// the viewed value:
//  (a) a Struct goes through Kafka's JsonConverter with schemas.enable=false
//      (append_converter_json): schema-driven; fields in schema order, nulls replaced by field
//      defaults, Decimal as Base64 of the unscaled bytes or as a BigDecimal number
//      (json.decimal.format), Date/Time/Timestamp as their encoded integers, BYTES as Base64, maps
//      with STRING keys as objects and others as [[k,v],...], type mismatches and missing required
//      values as data errors;
//  (b) anything else goes through a default Jackson ObjectMapper (append_object_mapper_json):
//      String, Long, Double, Boolean, byte[] (Base64), BigDecimal (toString), java.util.Date
//      (epoch milliseconds, so a top-level Date value is millis, not days), Map (keys via
//      toString) and List; a Struct inside a map or list has no serializer and fails the task.
// Both print floating point with Java's Float/Double.toString (Java 17's digits by default, see
// java_number_format.h), non-finite values as "NaN", "Infinity", "-Infinity" (quoted), and strings
// with Jackson's escaping (json_string_escape.h).
//
// Map entries come out in java.util.HashMap iteration order when `java_map_order` is set
// (default): converters build every Connect map as a HashMap, so that is the Java connector's
// order. Turning it off keeps the order the Value holds (the producer's order for schemaless JSON).
//
// Reuses internal scratch buffers: one encoder per writer (not thread-safe), no per-record heap
// allocation once warmed up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "connect/schema.h"
#include "connect/value.h"
#include "format/java_hash_map_order.h"
#include "util/java_number_format.h"
#include "util/status.h"

namespace sluice::format {

// json.decimal.format
enum class JsonDecimalFormat : uint8_t { kBase64, kNumeric };

struct JsonEncoderOptions {
  JsonDecimalFormat decimal_format = JsonDecimalFormat::kBase64;
  bool java_map_order = true;
  // Which Double/Float.toString digits to print (sluice.json.double.digits).
  util::JavaDoubleDigits double_digits = util::JavaDoubleDigits::kJdk17;
};

class JsonValueEncoder {
 public:
  explicit JsonValueEncoder(JsonEncoderOptions options = {}) : options_(options) {}

  // Path (a): JsonConverter.fromConnectData(topic, schema, value), schemas disabled. On error
  // `out` may hold a partial rendering; callers discard it.
  Status append_converter_json(std::string& out, const connect::Schema* schema,
                               const connect::Value& value);
  // Path (b): ObjectMapper.writeValue of the Java object the value stands for.
  Status append_object_mapper_json(std::string& out, const connect::Schema* schema,
                                   const connect::Value& value);

  const JsonEncoderOptions& options() const { return options_; }

 private:
  // Pushes the iteration order of `map`'s entries onto order_ and returns where it starts.
  size_t push_map_order(const connect::Schema* key_schema, const connect::Value& map);
  Status append_map_key_text(std::string& out, const connect::Schema* schema,
                             const connect::Value& key);

  JsonEncoderOptions options_;
  JavaHashMapOrder map_order_;
  std::vector<uint32_t> order_;  // a stack: nested maps push above their parent's entries
};

}  // namespace sluice::format
