// RecordConverter: one Kafka record -> SinkRecord (kafka-connect.md §1.5, §4 stages).
#include "connect/record_converter.h"

#include <gtest/gtest.h>

#include <vector>

#include "connect/byte_array_converter.h"
#include "connect/json_converter.h"
#include "connect/number_converters.h"
#include "connect/simple_header_converter.h"
#include "connect/string_converter.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

// Counts calls, to show that later stages are skipped after a failure.
class CountingConverter final : public Converter {
 public:
  std::string_view class_name() const override { return "test.CountingConverter"; }
  Status to_connect(std::string_view, KafkaBytes, Arena&, SchemaAndValue& out) override {
    ++calls;
    out = SchemaAndValue{};
    return Status::ok_status();
  }
  int calls = 0;
};

KafkaRecordView record(KafkaBytes key, KafkaBytes value,
                       std::span<const KafkaHeaderView> headers = {}, int64_t timestamp = 1000) {
  KafkaRecordView r;
  r.topic = "orders";
  r.partition = 3;
  r.offset = 1200;
  r.timestamp = timestamp;
  r.timestamp_type = TimestampType::kCreateTime;
  r.key = key;
  r.value = value;
  r.headers = headers;
  return r;
}

TEST(RecordConverterTest, ConvertsKeyValueAndHeaders) {
  RecordConverter rc(std::make_unique<StringConverter>(),
                     std::make_unique<JsonConverter>(JsonConverterConfig{.schemas_enable = false}),
                     std::make_unique<SimpleHeaderConverter>());
  const std::vector<KafkaHeaderView> headers = {
      {"attempt", "3"}, {"trace", std::nullopt}, {"tags", "[\"a\",\"b\"]"}};
  Arena arena;
  SinkRecord out;
  ASSERT_TRUE(rc.convert(record("k1", R"({"id":7})", headers), arena, out).ok());
  EXPECT_EQ(out.topic, "orders");
  EXPECT_EQ(out.partition, 3);
  EXPECT_EQ(out.offset, 1200);
  EXPECT_EQ(out.timestamp, 1000);
  EXPECT_EQ(out.timestamp_type, TimestampType::kCreateTime);
  EXPECT_EQ(render(out.key_schema.get()), "optional string");
  EXPECT_EQ(render(out.key), "\"k1\"");
  EXPECT_EQ(out.value_schema, nullptr);
  EXPECT_EQ(render(out.value), "{\"id\":7}");
  EXPECT_EQ(out.raw_key, "k1");
  EXPECT_FALSE(out.raw_key_is_null);
  EXPECT_EQ(out.raw_value, R"({"id":7})");
  ASSERT_EQ(out.headers.size(), 3u);
  EXPECT_EQ(out.headers[0].key, "attempt");
  EXPECT_EQ(render(out.headers[0].schema.get()), "int8");
  EXPECT_EQ(render(out.headers[0].value), "3");
  EXPECT_EQ(out.headers[0].raw, "3");
  EXPECT_EQ(out.headers[1].schema, nullptr);
  EXPECT_TRUE(out.headers[1].value.is_null());
  EXPECT_TRUE(out.headers[1].raw_is_null);
  EXPECT_EQ(render(out.headers[2].schema.get()), "array<string>");
  EXPECT_EQ(render(out.headers[2].value), "[\"a\",\"b\"]");
}

TEST(RecordConverterTest, TombstoneKeepsRawNullness) {
  RecordConverter rc(std::make_unique<ByteArrayConverter>(), std::make_unique<StringConverter>(),
                     std::make_unique<SimpleHeaderConverter>());
  Arena arena;
  SinkRecord out;
  ASSERT_TRUE(rc.convert(record(std::nullopt, std::nullopt), arena, out).ok());
  EXPECT_TRUE(out.raw_key_is_null);
  EXPECT_TRUE(out.raw_value_is_null);
  EXPECT_EQ(render(out.value_schema.get()), "optional string");
  EXPECT_TRUE(out.value.is_null());
  EXPECT_TRUE(out.headers.empty());
}

TEST(RecordConverterTest, TimestampMinusOneIsAbsent) {
  RecordConverter rc(std::make_unique<ByteArrayConverter>(), std::make_unique<ByteArrayConverter>(),
                     std::make_unique<SimpleHeaderConverter>());
  Arena arena;
  SinkRecord out;
  ASSERT_TRUE(rc.convert(record("k", "v", {}, -1), arena, out).ok());
  EXPECT_FALSE(out.timestamp.has_value());
  ASSERT_TRUE(rc.convert(record("k", "v", {}, 0), arena, out).ok());
  EXPECT_EQ(out.timestamp, 0);
}

TEST(RecordConverterTest, OtherNegativeTimestampsFailOutsideErrorTolerance) {
  RecordConverter rc(std::make_unique<ByteArrayConverter>(), std::make_unique<ByteArrayConverter>(),
                     std::make_unique<SimpleHeaderConverter>());
  Arena arena;
  SinkRecord out;
  ConversionFailure failure;
  Status st = rc.convert(record("k", "v", {}, -5), arena, out, &failure);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "topic=orders partition=3 offset=1200 stage=TIMESTAMP: Invalid record timestamp -5");
  EXPECT_EQ(failure.stage, ConversionStage::kTimestamp);
  EXPECT_FALSE(failure.tolerable);
  EXPECT_EQ(failure.message, "Invalid record timestamp -5");
}

TEST(RecordConverterTest, ValueFailureNamesRecordStageAndClass) {
  RecordConverter rc(std::make_unique<StringConverter>(), std::make_unique<JsonConverter>(),
                     std::make_unique<SimpleHeaderConverter>());
  Arena arena;
  SinkRecord out;
  ConversionFailure failure;
  Status st = rc.convert(record("k", "{not json"), arena, out, &failure);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message().rfind("topic=orders partition=3 offset=1200 stage=VALUE_CONVERTER "
                               "class=org.apache.kafka.connect.json.JsonConverter: Converting "
                               "byte[] to Kafka Connect data failed due to serialization error: ",
                               0),
            0u)
      << st.message();
  EXPECT_EQ(failure.stage, ConversionStage::kValueConverter);
  EXPECT_EQ(failure.class_name, "org.apache.kafka.connect.json.JsonConverter");
  EXPECT_TRUE(failure.tolerable);
  EXPECT_EQ(failure.message.rfind("Converting byte[]", 0), 0u);
}

TEST(RecordConverterTest, KeyFailureSkipsTheLaterStages) {
  auto counting = std::make_unique<CountingConverter>();
  CountingConverter* value = counting.get();
  RecordConverter rc(std::make_unique<NumberConverter>(NumberKind::kLong), std::move(counting),
                     std::make_unique<SimpleHeaderConverter>());
  Arena arena;
  SinkRecord out;
  ConversionFailure failure;
  Status st = rc.convert(record("short", "v"), arena, out, &failure);
  EXPECT_EQ(st.message(),
            "topic=orders partition=3 offset=1200 stage=KEY_CONVERTER "
            "class=org.apache.kafka.connect.converters.LongConverter: Failed to deserialize long: "
            "Size of data received by LongDeserializer is not 8");
  EXPECT_EQ(failure.stage, ConversionStage::kKeyConverter);
  EXPECT_EQ(value->calls, 0);
}

TEST(RecordConverterTest, HeaderFailureIsTheHeaderStage) {
  RecordConverter rc(std::make_unique<ByteArrayConverter>(), std::make_unique<ByteArrayConverter>(),
                     std::make_unique<JsonConverter>());
  const std::vector<KafkaHeaderView> headers = {{"h", "not an envelope"}};
  Arena arena;
  SinkRecord out;
  ConversionFailure failure;
  Status st = rc.convert(record("k", "v", headers), arena, out, &failure);
  EXPECT_EQ(failure.stage, ConversionStage::kHeaderConverter);
  EXPECT_EQ(st.message().rfind("topic=orders partition=3 offset=1200 stage=HEADER_CONVERTER "
                               "class=org.apache.kafka.connect.json.JsonConverter: ",
                               0),
            0u)
      << st.message();
}

TEST(RecordConverterTest, NullHeaderValueNeedsAnOptionalSchema) {
  RecordConverter rc(std::make_unique<ByteArrayConverter>(), std::make_unique<ByteArrayConverter>(),
                     std::make_unique<JsonConverter>());
  const std::vector<KafkaHeaderView> headers = {
      {"h", R"({"schema":{"type":"string"},"payload":5})"}};
  Arena arena;
  SinkRecord out;
  ConversionFailure failure;
  Status st = rc.convert(record("k", "v", headers), arena, out, &failure);
  EXPECT_EQ(failure.message, "A null value requires an optional schema but was Schema{STRING}");
}

TEST(RecordConverterTest, ArenaResetReleasesHeaderSchemas) {
  RecordConverter rc(std::make_unique<ByteArrayConverter>(), std::make_unique<ByteArrayConverter>(),
                     std::make_unique<SimpleHeaderConverter>());
  const std::vector<KafkaHeaderView> headers = {{"h", "[1,2]"}};
  Arena arena;
  std::weak_ptr<const Schema> header_schema;
  {
    SinkRecord out;
    ASSERT_TRUE(rc.convert(record("k", "v", headers), arena, out).ok());
    header_schema = out.headers[0].schema;
  }
  EXPECT_FALSE(header_schema.expired());  // the arena still holds the header
  arena.reset();
  EXPECT_TRUE(header_schema.expired());
}

TEST(RecordConverterTest, StageNames) {
  EXPECT_EQ(conversion_stage_name(ConversionStage::kKeyConverter), "KEY_CONVERTER");
  EXPECT_EQ(conversion_stage_name(ConversionStage::kValueConverter), "VALUE_CONVERTER");
  EXPECT_EQ(conversion_stage_name(ConversionStage::kHeaderConverter), "HEADER_CONVERTER");
}

}  // namespace
}  // namespace sluice::connect
