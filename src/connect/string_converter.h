// StringConverter: org.apache.kafka.connect.storage.StringConverter (kafka-connect.md §2.1).
//
// Every key, value or header becomes an optional STRING decoded with the configured charset
// (`converter.encoding`, default UTF-8); malformed input never fails, it becomes U+FFFD as on the
// JDK. A null stays null, with the optional STRING schema still attached.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connect/charset_decoder.h"
#include "connect/converter.h"
#include "util/status.h"

namespace sluice::connect {

class StringConverter final : public DataAndHeaderConverter {
 public:
  static constexpr std::string_view kClassName = "org.apache.kafka.connect.storage.StringConverter";

  explicit StringConverter(Charset charset = Charset::kUtf8) : charset_(charset) {}

  // Reads `converter.encoding` (and, with priority, `key.deserializer.encoding` /
  // `value.deserializer.encoding`, which Kafka's StringDeserializer honours). Problems are
  // appended to `problems` ("Invalid value ... for configuration <prefix>converter.encoding: ...").
  static std::unique_ptr<StringConverter> configure(
      const std::map<std::string, std::string>& config, const std::string& prefix, bool is_key,
      std::vector<std::string>& problems);

  std::string_view class_name() const override { return kClassName; }
  Status to_connect(std::string_view topic, KafkaBytes bytes, Arena& arena,
                    SchemaAndValue& out) override;

  Charset charset() const { return charset_; }

 private:
  Charset charset_;
};

}  // namespace sluice::connect
