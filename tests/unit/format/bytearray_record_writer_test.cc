// ByteArrayRecordWriter (bytearray_record_writer.h): confluent-s3-sink.md §4.2, §3.5.
#include "format/bytearray_record_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "format/format_test_support.h"
#include "format/gzip_compressor.h"
#include "format/string_byte_sink.h"

namespace sluice::format {
namespace {

using connect::Arena;
using connect::SchemaType;
using connect::SinkRecord;
using connect::Value;
using namespace testing;  // NOLINT: schema and value builders

SinkRecord bytes_record(std::string_view bytes) {
  SinkRecord r;
  r.value_schema = primitive(SchemaType::kBytes, true);  // what ByteArrayConverter returns
  r.value = Value::bytes(bytes);
  return r;
}

std::string write_all(const FormatOptions& options, const std::vector<SinkRecord>& records) {
  StringByteSink sink;
  auto writer = ByteArrayRecordWriter::create(sink, options);
  EXPECT_TRUE(writer.ok());
  for (const SinkRecord& r : records) EXPECT_TRUE((*writer)->write(r, RecordView::kValue).ok());
  EXPECT_TRUE((*writer)->close().ok());
  EXPECT_EQ((*writer)->bytes_written(), sink.data().size());
  return sink.data();
}

TEST(ByteArrayRecordWriterTest, DefaultSeparatorAfterEveryRecord) {
  EXPECT_EQ(write_all({}, {bytes_record("{\"a\":1}"), bytes_record(std::string("\0\xff", 2))}),
            std::string("{\"a\":1}\n\0\xff\n", 11));
}

TEST(ByteArrayRecordWriterTest, EmptyValueWritesJustTheSeparator) {
  EXPECT_EQ(write_all({}, {bytes_record(""), bytes_record("")}), "\n\n");
}

TEST(ByteArrayRecordWriterTest, EmptySeparator) {
  FormatOptions options;
  options.bytearray_separator = "";
  EXPECT_EQ(write_all(options, {bytes_record("ab"), bytes_record("cd")}), "abcd");
}

TEST(ByteArrayRecordWriterTest, MultiCharacterSeparatorIsNotEscaped) {
  FormatOptions options;
  options.bytearray_separator = "\r\n--\r\n";
  // A record containing the separator is indistinguishable from two records (§4.2).
  EXPECT_EQ(write_all(options, {bytes_record("a\r\n--\r\nb"), bytes_record("c")}),
            "a\r\n--\r\nb\r\n--\r\nc\r\n--\r\n");
}

TEST(ByteArrayRecordWriterTest, SchemalessBytesAndKeys) {
  SinkRecord r;
  r.value = Value::bytes("v");
  r.key = Value::bytes("k");
  StringByteSink sink;
  auto writer = ByteArrayRecordWriter::create(sink, {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->write(r, RecordView::kValue).ok());
  ASSERT_TRUE((*writer)->write(r, RecordView::kKey).ok());
  ASSERT_TRUE((*writer)->close().ok());
  EXPECT_EQ(sink.data(), "v\nk\n");
}

TEST(ByteArrayRecordWriterTest, LargeRecordsAreWrittenWithoutJoining) {
  std::string big(ByteArrayRecordWriter::kMaxJoinedRecord + 10, 'x');
  StringByteSink sink;
  auto writer = ByteArrayRecordWriter::create(sink, {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->write(bytes_record(big), RecordView::kValue).ok());
  ASSERT_TRUE((*writer)->write(bytes_record("y"), RecordView::kValue).ok());
  EXPECT_EQ(sink.data(), big + "\ny\n");
  EXPECT_EQ(sink.append_calls(), 3u);
}

TEST(ByteArrayRecordWriterTest, RejectsWhatByteArrayConverterRejects) {
  StringByteSink sink;
  auto writer = ByteArrayRecordWriter::create(sink, {});
  ASSERT_TRUE(writer.ok());

  SinkRecord string_value;
  string_value.value_schema = primitive(SchemaType::kString, true);
  string_value.value = Value::string("text");
  Status st = (*writer)->write(string_value, RecordView::kValue);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(), "Invalid schema type for ByteArrayConverter: STRING");

  SinkRecord schemaless_string;
  schemaless_string.value = Value::string("text");
  st = (*writer)->write(schemaless_string, RecordView::kValue);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "ByteArrayConverter is not compatible with objects of type class java.lang.String");

  st = (*writer)->write(bytes_record("x"), RecordView::kHeaders);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(), "Invalid schema type for ByteArrayConverter: ARRAY");

  SinkRecord null_value;
  null_value.value_schema = primitive(SchemaType::kBytes, true);
  EXPECT_EQ((*writer)->write(null_value, RecordView::kValue).code(), StatusCode::kDataError);
  EXPECT_TRUE(sink.data().empty());
}

TEST(ByteArrayRecordWriterTest, GzipAndExtensions) {
  FormatOptions options;
  EXPECT_EQ(ByteArrayRecordWriterProvider(options).extension(), ".bin");
  options.bytearray_extension = ".data";
  options.compression = CompressionType::kGzip;
  ByteArrayRecordWriterProvider provider(options);
  EXPECT_EQ(provider.extension(), ".data.gz");
  StringByteSink sink;
  auto writer = provider.create_writer(sink);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->write(bytes_record("hello"), RecordView::kValue).ok());
  ASSERT_TRUE((*writer)->close().ok());
  // "hello\n" in one gzip member: the §4.3 golden.
  EXPECT_EQ(to_hex(sink.data()), "1f8b08000000000000ffcb48cdc9c9e7020020303a3606000000");
}

TEST(ByteArrayRecordWriterTest, GzipLevelZeroWritesBytesAndSeparatorSeparately) {
  FormatOptions options;
  options.compression = CompressionType::kGzip;
  options.compression_level = 0;
  std::vector<SinkRecord> records;
  std::vector<std::string> payloads;
  for (int i = 0; i < 5000; ++i) payloads.push_back("payload-" + std::to_string(i));
  for (const std::string& p : payloads) records.push_back(bytes_record(p));
  std::string out = write_all(options, records);
  StringByteSink expected;
  auto gz = GzipCompressor::create(0, expected);
  ASSERT_TRUE(gz.ok());
  for (const std::string& p : payloads) {
    ASSERT_TRUE((*gz)->write(p).ok());
    ASSERT_TRUE((*gz)->write("\n").ok());
  }
  ASSERT_TRUE((*gz)->finish().ok());
  EXPECT_EQ(out, expected.data());
}

}  // namespace
}  // namespace sluice::format
