// AvroValueEncoder: Connect values -> Avro binary as Confluent's AvroFormat writes them, checked
// byte for byte against the records of real Confluent files, rule by rule, and round trips with
// the decoder.
#include "connect/avro_value_encoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>

#include "avro/container_reader.h"
#include "avro/datum_reader.h"
#include "avro/decoder.h"
#include "avro_test_util.h"
#include "connect/avro_to_connect_schema.h"
#include "connect/avro_value_decoder.h"
#include "connect/connect_to_avro_schema.h"
#include "connect/json_converter.h"

namespace sluice::connect {
namespace {

using testing::connect_schema;
using testing::to_hex;

// java.util.HashMap iteration order for String keys put in order into a default HashMap:
// buckets by (h ^ h >>> 16) & (capacity - 1), insertion order within a bucket. (The format layer
// has the full replay; this is enough for the golden records.)
class StringHashMapOrder final : public MapEntryOrder {
 public:
  void order(const Schema&, const Value& map, std::vector<uint32_t>& order) override {
    const size_t n = map.map_size();
    size_t capacity = 16;
    while (n > capacity * 3 / 4) capacity *= 2;
    std::vector<uint32_t> bucket(n);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t h = java_hash(map.map_key(i).as_text());
      bucket[i] = (h ^ (h >> 16)) & static_cast<uint32_t>(capacity - 1);
    }
    order.resize(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return bucket[a] < bucket[b]; });
  }

 private:
  // String.hashCode over the UTF-16 units of UTF-8 text.
  static uint32_t java_hash(std::string_view s) {
    uint32_t h = 0;
    for (size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      uint32_t cp;
      size_t len;
      if (c < 0x80) {
        cp = c, len = 1;
      } else if (c < 0xE0) {
        cp = c & 0x1F, len = 2;
      } else if (c < 0xF0) {
        cp = c & 0x0F, len = 3;
      } else {
        cp = c & 0x07, len = 4;
      }
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
      i += len;
      if (cp >= 0x10000) {
        h = h * 31 + (0xD800 + ((cp - 0x10000) >> 10));
        h = h * 31 + (0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        h = h * 31 + cp;
      }
    }
    return h;
  }
};

// The datums of a container file, one string each.
std::vector<std::string> file_datums(const std::string& file) {
  std::vector<std::string> datums;
  auto reader = avro::ContainerReader::open(file);
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return datums;
  for (;;) {
    auto block = (*reader)->next_block();
    EXPECT_TRUE(block.ok());
    if (!block.ok() || !block->has_value()) break;
    avro::Decoder decoder((*block)->data);
    for (int64_t i = 0; i < (*block)->count; ++i) {
      const size_t start = decoder.position();
      EXPECT_TRUE(avro::skip_datum(decoder, *(*reader)->schema()).ok());
      datums.emplace_back((*block)->data.substr(start, decoder.position() - start));
    }
  }
  return datums;
}

TEST(AvroEncoderGoldenTest, ConfluentRecordsByteForByte) {
  const std::pair<const char*, const char*> cases[] = {
      {"avro/confluent/golden-avro-snappy+0+0000000000.avro",
       "avro/connect/avro-snappy-p0-0.values"},
      {"avro/confluent/golden-avro-deflate+1+0000000050.avro",
       "avro/connect/avro-deflate-p1-50.values"},
  };
  for (const auto& [file, values] : cases) {
    const std::string bytes = testing::read_data(file);
    const std::vector<std::string> datums = file_datums(bytes);
    const std::vector<std::string> inputs = testing::read_lines(values);
    ASSERT_EQ(datums.size(), inputs.size()) << file;
    JsonConverter json;
    ConnectToAvroSchema schemas;
    StringHashMapOrder order;
    AvroValueEncoder encoder({}, &order);
    for (size_t i = 0; i < inputs.size(); ++i) {
      Arena arena;
      SchemaAndValue record;
      ASSERT_TRUE(json.to_connect("t", inputs[i], arena, record).ok());
      auto avro = schemas.convert(record.schema);
      ASSERT_TRUE(avro.ok());
      std::string out;
      ASSERT_TRUE(encoder.encode(*record.schema, **avro, record.value, out).ok());
      EXPECT_EQ(to_hex(out), to_hex(datums[i])) << file << " record " << i;
    }
  }
}

class AvroEncoderTest : public ::testing::Test {
 protected:
  // Hex of the encoded value, or "ERROR <message>". `payload` is JsonConverter payload JSON.
  std::string encode(std::string_view schema_json, std::string_view payload) {
    JsonConverterConfig json_config;
    json_config.replace_null_with_default = false;
    JsonConverter json(json_config);
    SchemaAndValue record;
    const std::string envelope =
        "{\"schema\":" + std::string(schema_json) + ",\"payload\":" + std::string(payload) + "}";
    Status st = json.to_connect("t", envelope, arena_, record);
    if (!st.ok()) return "JSON ERROR " + st.message();
    ConnectToAvroSchema schemas(config_);
    auto avro = schemas.convert(record.schema);
    if (!avro.ok()) return "SCHEMA ERROR " + avro.status().message();
    AvroValueEncoder encoder(config_);
    std::string out = "kept";
    st = encoder.encode(*record.schema, **avro, record.value, out);
    if (!st.ok()) return "ERROR " + st.message() + (out == "kept" ? "" : " (buffer changed)");
    return to_hex(out.substr(4));
  }
  AvroDataConfig config_;
  Arena arena_;
};

TEST_F(AvroEncoderTest, Primitives) {
  EXPECT_EQ(encode(R"({"type":"int8"})", "-1"), "01");
  EXPECT_EQ(encode(R"({"type":"int16"})", "64"), "8001");
  EXPECT_EQ(encode(R"({"type":"int64"})", "1099511627776"), "808080808040");
  EXPECT_EQ(encode(R"({"type":"float"})", "1.5"), "0000c03f");
  EXPECT_EQ(encode(R"({"type":"double"})", "-0.25"), "000000000000d0bf");
  EXPECT_EQ(encode(R"({"type":"boolean"})", "true"), "01");
  EXPECT_EQ(encode(R"({"type":"string"})", R"("foo")"), "06666f6f");
  EXPECT_EQ(encode(R"({"type":"bytes"})", R"("AP8=")"), "0400ff");
}

TEST_F(AvroEncoderTest, OptionalValues) {
  EXPECT_EQ(encode(R"({"type":"int32","optional":true})", "null"), "00");
  EXPECT_EQ(encode(R"({"type":"int32","optional":true})", "5"), "020a");
  // [int, null] when the schema has a default.
  EXPECT_EQ(encode(R"({"type":"int32","optional":true,"default":1})", "5"), "000a");
  EXPECT_EQ(encode(R"({"type":"int32"})", "null").substr(0, 11), "JSON ERROR ");
}

TEST_F(AvroEncoderTest, NullStructFieldsTakeTheirDefault) {
  const char* schema = R"({"type":"struct","fields":[
      {"field":"a","type":"int32","optional":true,"default":7}]})";
  EXPECT_EQ(encode(schema, R"({"a":null})"), "000e");
  config_.ignore_default_for_nullables = true;
  EXPECT_EQ(encode(schema, R"({"a":null})"), "02");
}

TEST_F(AvroEncoderTest, LogicalTypes) {
  const char* decimal = R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal",
                            "parameters":{"scale":"2"}})";
  EXPECT_EQ(encode(decimal, "-123.45"), "04cfc7");
  EXPECT_EQ(encode(decimal, "1.5"),
            "ERROR BigDecimal has mismatching scale value for given Decimal schema");
  EXPECT_EQ(encode(R"({"type":"int32","name":"org.apache.kafka.connect.data.Date"})", "19000"),
            "f0a802");
  EXPECT_EQ(encode(R"({"type":"int32","name":"org.apache.kafka.connect.data.Time"})", "3723004"),
            "f8bbc603");
  EXPECT_EQ(
      encode(R"({"type":"int32","name":"org.apache.kafka.connect.data.Time"})", "86400000"),
      "ERROR Kafka Connect Time type should not have any date fields set to non-zero values.");
  EXPECT_EQ(encode(R"({"type":"int64","name":"org.apache.kafka.connect.data.Timestamp"})",
                   "1700000000123"),
            "f6a1abfef962");
}

TEST_F(AvroEncoderTest, CollectionsAndMaps) {
  EXPECT_EQ(encode(R"({"type":"array","items":{"type":"int64"}})", "[3,27]"), "04063600");
  EXPECT_EQ(encode(R"({"type":"array","items":{"type":"int64"}})", "[]"), "00");
  EXPECT_EQ(
      encode(R"({"type":"map","keys":{"type":"string"},"values":{"type":"int32"}})", R"({"k":64})"),
      "02026b800100");
  // Non-string keys: an array of MapEntry records.
  EXPECT_EQ(encode(R"({"type":"map","keys":{"type":"int32"},"values":{"type":"string"}})",
                   R"([[1,"a"]])"),
            "02"
            "02"
            "0261"
            "00");
}

TEST_F(AvroEncoderTest, EnumsFixedAndUnions) {
  const char* color = R"({"type":"string","name":"Color","parameters":{
      "io.confluent.connect.avro.Enum":"Color","io.confluent.connect.avro.Enum.RED":"RED",
      "io.confluent.connect.avro.Enum.BLUE":"BLUE"}})";
  EXPECT_EQ(encode(color, R"("BLUE")"), "08424c5545");
  config_.enhanced_avro_schema_support = true;
  EXPECT_EQ(encode(color, R"("BLUE")"), "02");
  EXPECT_EQ(encode(color, R"("PINK")"),
            "ERROR enum value 'PINK' is not in the enum symbol set: [RED, BLUE]");
  const char* fixed = R"({"type":"bytes","name":"F","parameters":{"connect.fixed.size":"2"}})";
  EXPECT_EQ(encode(fixed, R"("YWI=")"), "6162");
  EXPECT_EQ(encode(fixed, R"("YWJj")"), "6162");  // Java writes the first `size` bytes
  EXPECT_EQ(encode(fixed, R"("YQ==")").substr(0, 6), "ERROR ");
  const char* union_schema = R"({"type":"struct","name":"io.confluent.connect.avro.Union",
      "optional":true,"fields":[{"field":"int","type":"int32","optional":true},
                                {"field":"string","type":"string","optional":true}]})";
  EXPECT_EQ(encode(union_schema, R"({"string":"x"})"), "040278");
  EXPECT_EQ(encode(union_schema, R"({"int":1,"string":"x"})"), "0202");
  EXPECT_EQ(encode(union_schema, R"({})"), "00");
}

TEST_F(AvroEncoderTest, FailureLeavesTheBufferAsItWas) {
  EXPECT_EQ(encode(R"({"type":"array","items":{"type":"bytes","parameters":{"scale":"2"},
                      "name":"org.apache.kafka.connect.data.Decimal"}})",
                   "[1.25,2.5]"),
            "ERROR BigDecimal has mismatching scale value for given Decimal schema");
}

// Decoding a Confluent payload, writing it as AvroFormat would, and reading that back gives the
// same Connect value.
TEST(AvroRoundTripTest, WirePayloadsThroughTheWriterSchema) {
  {
    // Without enhanced.avro.schema.support the enum member of the union "u" becomes a second
    // "string" branch, which Avro refuses, as in Java.
    AvroDataConfig plain;
    avro::SchemaPtr writer =
        testing::avro_schema(testing::read_data("avro/connect/wire_all_types.avsc"));
    SchemaPtr connect = *AvroToConnectSchema(plain).convert(writer);
    EXPECT_FALSE(ConnectToAvroSchema(plain).convert(connect).ok());
  }
  {
    AvroDataConfig config;
    config.enhanced_avro_schema_support = true;
    avro::SchemaPtr writer =
        testing::avro_schema(testing::read_data("avro/connect/wire_all_types.avsc"));
    AvroToConnectSchema to_connect(config);
    ConnectToAvroSchema from_connect(config);
    SchemaPtr connect = *to_connect.convert(writer);
    auto avro = from_connect.convert(connect);
    ASSERT_TRUE(avro.ok()) << avro.status().message();
    SchemaPtr connect_again = *AvroToConnectSchema(config).convert(*avro);
    for (const std::string& hex_payload : testing::read_lines("avro/connect/wire_all_types.hex")) {
      Arena arena;
      const std::string payload = testing::unhex(hex_payload);
      Value first, second;
      AvroValueDecoder decoder(config);
      ASSERT_TRUE(
          decoder.decode(std::string_view(payload).substr(5), *writer, *connect, arena, &first)
              .ok());
      std::string datum;
      AvroValueEncoder encoder(config);
      Status st = encoder.encode(*connect, **avro, first, datum);
      ASSERT_TRUE(st.ok()) << st.message();
      ASSERT_TRUE(decoder.decode(datum, **avro, *connect_again, arena, &second).ok());
      EXPECT_EQ(testing::render(second), testing::render(first));
    }
  }
}

}  // namespace
}  // namespace sluice::connect
