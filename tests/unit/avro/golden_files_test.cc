// Real output of Confluent's S3 sink (kafka-connect-s3 12.1.9, AvroFormat, on OpenJDK 17), copied
// from the project's golden corpus (avro-snappy partition 0 and avro-deflate partition 1).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro/container_reader.h"
#include "avro/datum_reader.h"
#include "avro/decoder.h"
#include "avro/schema_parser.h"
#include "avro/schema_writer.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;
using testing::read_file;

std::string golden(std::string_view name) {
  return read_file(testing::data_dir() / "confluent" / name);
}

constexpr std::string_view kSnappyFile = "golden-avro-snappy+0+0000000000.avro";
constexpr std::string_view kDeflateFile = "golden-avro-deflate+1+0000000050.avro";

TEST(GoldenFilesTest, SchemaHeaderRoundTripsByteForByte) {
  for (std::string_view name : {kSnappyFile, kDeflateFile}) {
    SCOPED_TRACE(name);
    std::string file = golden(name);
    auto reader = ContainerReader::open(file);
    ASSERT_TRUE(reader.ok()) << reader.status().to_string();
    std::string_view text = (*reader)->schema_json();
    auto schema = parse_schema(text);  // with Java's default validation
    ASSERT_TRUE(schema.ok()) << schema.status().to_string();
    EXPECT_EQ((*schema)->to_json(), text);
    EXPECT_EQ(schema_to_json(*(*reader)->schema()), text);
    // Header entry order: avro.schema, then avro.codec.
    ASSERT_EQ((*reader)->metadata().size(), 2u);
    EXPECT_EQ((*reader)->metadata()[0].first, "avro.schema");
    EXPECT_EQ((*reader)->metadata()[1].first, "avro.codec");
  }
}

TEST(GoldenFilesTest, ConfluentSchemaModel) {
  auto reader = ContainerReader::open(golden(kSnappyFile));
  ASSERT_TRUE(reader.ok());
  const Schema& rich = *(*reader)->schema();
  EXPECT_EQ(rich.full_name(), "com.example.Rich");
  EXPECT_EQ(rich.prop("connect.name")->as_string(), "com.example.Rich");
  const Schema& price = rich.field("price")->schema();
  EXPECT_EQ(price.logical_type(), LogicalType::kDecimal);
  EXPECT_EQ(price.decimal_precision(), 10);
  EXPECT_EQ(price.decimal_scale(), 2);
  ASSERT_EQ(price.props().size(), 6u);
  EXPECT_EQ(price.props()[3].name, "connect.parameters");
  EXPECT_EQ(price.props()[3].value.find("connect.decimal.precision")->as_string(), "10");
  EXPECT_EQ(rich.field("created")->schema().logical_type(), LogicalType::kTimestampMillis);
  EXPECT_EQ(rich.field("day")->schema().logical_type(), LogicalType::kDate);
  EXPECT_TRUE(rich.field("opt")->default_value()->is_null());
  EXPECT_EQ(rich.field("nested")->schema().full_name(), "com.example.Nested");
  EXPECT_EQ(parsing_canonical_form(rich).substr(0, 48),
            R"({"name":"com.example.Rich","type":"record","fiel)");
}

TEST(GoldenFilesTest, RecordsDecode) {
  for (std::string_view name : {kSnappyFile, kDeflateFile}) {
    SCOPED_TRACE(name);
    std::string file = golden(name);
    auto reader = ContainerReader::open(file);
    ASSERT_TRUE(reader.ok());
    int64_t records = 0;
    std::string first;
    for (;;) {
      auto block = (*reader)->next_block();
      ASSERT_TRUE(block.ok()) << block.status().to_string();
      if (!*block) break;
      Decoder decoder((*block)->data);
      for (int64_t i = 0; i < (*block)->count; ++i) {
        std::string json;
        ASSERT_TRUE(append_datum_json(decoder, *(*reader)->schema(), json).ok());
        if (records + i == 0) first = json;
      }
      EXPECT_TRUE(decoder.at_end());
      records += (*block)->count;
    }
    EXPECT_EQ(records, 50);  // flush.size=50
    if (name == kSnappyFile) {
      // fastavro's decoding of the same record: id 0, "emoji 😀👍🏽🇰🇷👩‍👩‍👧
      // and 𝄞", flag true, nested {a: 0, b: "b"}, tags ["green", "red"].
      EXPECT_THAT(first, HasSubstr("{\"id\":0,\"name\":\"emoji \xf0\x9f\x98\x80"));
      EXPECT_THAT(
          first,
          HasSubstr(R"("flag":true,"nested":{"a":0,"b":{"string":"b"}},"tags":["green","red"])"));
      EXPECT_THAT(first, HasSubstr(R"("opt":{"double":-1.0E21})"));
    }
  }
}

}  // namespace
}  // namespace sluice::avro
