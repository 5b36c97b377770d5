// AvroRecordWriter: whole AvroFormat files compared with the ones Confluent's connector wrote for
// the same records (the golden files, JsonConverter input): with the golden file's sync marker
// (Java draws one at random per file) and codec, every byte is the same.
#include "format/avro_record_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro/container_reader.h"
#include "connect/avro_test_util.h"
#include "connect/json_converter.h"
#include "format/string_byte_sink.h"

namespace sluice::format {
namespace {

using connect::testing::read_data;
using connect::testing::read_lines;

struct GoldenCase {
  const char* file;
  const char* values;
};

TEST(AvroRecordWriterTest, ConfluentsGoldenFilesByteForByte) {
  const GoldenCase cases[] = {
      {"avro/confluent/golden-avro-snappy+0+0000000000.avro",
       "avro/connect/avro-snappy-p0-0.values"},
      {"avro/confluent/golden-avro-deflate+1+0000000050.avro",
       "avro/connect/avro-deflate-p1-50.values"},
  };
  for (const GoldenCase& c : cases) {
    const std::string golden = read_data(c.file);
    auto reader = avro::ContainerReader::open(golden);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    AvroWriterOptions options;
    options.codec = (*reader)->codec();
    options.sync_marker = (*reader)->sync_marker();
    StringByteSink sink;
    AvroRecordWriter writer(sink, options);
    connect::JsonConverter json;
    connect::Arena arena;
    for (const std::string& input : read_lines(c.values)) {
      connect::SchemaAndValue converted;
      ASSERT_TRUE(json.to_connect("t", input, arena, converted).ok());
      connect::SinkRecord record;
      record.value_schema = converted.schema;
      record.value = converted.value;
      Status st = writer.write(record, RecordView::kValue);
      ASSERT_TRUE(st.ok()) << st.message();
    }
    ASSERT_TRUE(writer.close().ok());
    EXPECT_EQ(writer.bytes_written(), golden.size()) << c.file;
    EXPECT_TRUE(sink.data() == golden) << c.file << ": the file differs from Confluent's";
  }
}

TEST(AvroRecordWriterTest, SchemalessValuesAndHeadersAreRefused) {
  StringByteSink sink;
  AvroRecordWriter writer(sink, {});
  connect::SinkRecord record;
  record.value = connect::Value::string("plain");
  Status schemaless = writer.write(record, RecordView::kValue);
  EXPECT_EQ(schemaless.code(), StatusCode::kDataError);
  EXPECT_THAT(schemaless.message(), ::testing::HasSubstr("needs records with a schema"));
  EXPECT_TRUE(sink.data().empty());
  EXPECT_FALSE(writer.write(record, RecordView::kHeaders).ok());
}

TEST(AvroRecordWriterTest, ARecordThatDoesNotFitAddsNothing) {
  StringByteSink sink;
  AvroRecordWriter writer(sink, {});
  connect::JsonConverter json;
  connect::Arena arena;
  const std::string schema =
      R"({"type":"struct","fields":[{"field":"t","type":"int32","optional":false,)"
      R"("name":"org.apache.kafka.connect.data.Time","version":1}]})";
  auto write = [&](std::string_view payload) {
    connect::SchemaAndValue converted;
    Status st =
        json.to_connect("t", "{\"schema\":" + schema + ",\"payload\":" + std::string(payload) + "}",
                        arena, converted);
    EXPECT_TRUE(st.ok()) << st.message();
    connect::SinkRecord record;
    record.value_schema = converted.schema;
    record.value = converted.value;
    return writer.write(record, RecordView::kValue);
  };
  ASSERT_TRUE(write(R"({"t":1000})").ok());
  // A Time of more than a day cannot be written (Java's AvroData refuses it too); JsonConverter
  // refuses to make one, so build it by hand with the same schema.
  connect::SchemaAndValue good;
  ASSERT_TRUE(
      json.to_connect("t", "{\"schema\":" + schema + ",\"payload\":{\"t\":1}}", arena, good).ok());
  const connect::Value out_of_range[] = {connect::Value::integer(90'000'000)};
  connect::SinkRecord bad_record;
  bad_record.value_schema = good.schema;
  bad_record.value = connect::Value::structure(good.schema.get(), out_of_range);
  Status bad = writer.write(bad_record, RecordView::kValue);
  EXPECT_EQ(bad.code(), StatusCode::kDataError) << bad.message();
  ASSERT_TRUE(write(R"({"t":2000})").ok());
  ASSERT_TRUE(writer.close().ok());
  auto reader = avro::ContainerReader::open(sink.data());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  auto block = (*reader)->next_block();
  ASSERT_TRUE(block.ok());
  ASSERT_TRUE(block->has_value());
  EXPECT_EQ((*block)->count, 2);  // the refused record left nothing behind
  EXPECT_EQ((*block)->data, std::string("\xd0\x0f\xa0\x1f", 4));  // zig-zag 1000, 2000
}

}  // namespace
}  // namespace sluice::format
