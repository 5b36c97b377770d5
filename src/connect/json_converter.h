// JsonConverter: org.apache.kafka.connect.json.JsonConverter, bytes -> Connect data
// (kafka-connect.md §2.3).
//
// schemas.enable=false: the first JSON value of the input is converted with type inference and no
// schema (empty input and JSON null give (null, null)). schemas.enable=true: the input must be an
// object with exactly "schema" and "payload"; the schema is parsed once per distinct schema text
// (an LRU of schemas.cache.size entries) and the payload converted with Connect's lax rules. A
// Kafka null is (null, null) in both modes.
//
// One instance per task slot: it owns a simdjson parser and scratch space that every record
// reuses, so it is not thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connect/converter.h"
#include "connect/json_schema.h"
#include "connect/json_tree.h"

namespace sluice::connect {

struct JsonConverterConfig {
  enum class DecimalFormat : uint8_t { kBase64, kNumeric };

  bool schemas_enable = true;
  int32_t schemas_cache_size = 1000;
  // Only affects serialisation (writing JSON); parsed and validated here so that a converter
  // config is checked in one place.
  DecimalFormat decimal_format = DecimalFormat::kBase64;
  bool replace_null_with_default = true;

  // Parses the converter's sub-config; problems are appended to `problems`, naming the full key
  // (`prefix` + key).
  static JsonConverterConfig parse(const std::map<std::string, std::string>& config,
                                   const std::string& prefix, std::vector<std::string>& problems);
};

class JsonConverter final : public DataAndHeaderConverter {
 public:
  static constexpr std::string_view kClassName = "org.apache.kafka.connect.json.JsonConverter";
  // The DataException prefix for anything the JSON parser rejects.
  static constexpr std::string_view kSerializationError =
      "Converting byte[] to Kafka Connect data failed due to serialization error: ";
  static constexpr std::string_view kEnvelopeError =
      "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not "
      "contain additional fields. If you are trying to deserialize plain JSON data, set "
      "schemas.enable=false in your converter configuration.";

  explicit JsonConverter(JsonConverterConfig config = {});

  std::string_view class_name() const override { return kClassName; }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;

  const JsonConverterConfig& config() const { return config_; }
  size_t cached_schema_count() const { return schema_cache_.size(); }

 private:
  Result<SchemaPtr> schema_for(std::string_view schema_text, Arena& arena);

  JsonConverterConfig config_;
  JsonReader reader_;
  JsonSchemaCache schema_cache_;
};

}  // namespace sluice::connect
