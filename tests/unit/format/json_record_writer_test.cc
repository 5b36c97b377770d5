// JsonRecordWriter (json_record_writer.h): whole JsonFormat files, confluent-s3-sink.md §4.1, §4.6.
#include "format/json_record_writer.h"

#include <gtest/gtest.h>
#include <zlib.h>

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

std::unique_ptr<JsonRecordWriter> make_writer(ByteSink& sink, FormatOptions options = {}) {
  auto writer = JsonRecordWriter::create(sink, options);
  EXPECT_TRUE(writer.ok()) << writer.status().to_string();
  return std::move(writer).value();
}

SinkRecord string_record(std::string_view text) {
  SinkRecord r;
  r.topic = "t";
  r.value_schema = primitive(SchemaType::kString, true);  // what StringConverter returns
  r.value = Value::string(text);
  return r;
}

// Spec §0 item 7 and §4.1 (b): StringConverter values become quoted JSON strings, one per line,
// with a line break after the last one too.
TEST(JsonRecordWriterTest, StringConverterValuesBecomeQuotedLines) {
  StringByteSink sink;
  auto writer = make_writer(sink);
  ASSERT_TRUE(writer->write(string_record("{\"a\":1}"), RecordView::kValue).ok());
  ASSERT_TRUE(writer->write(string_record("line\nbreak"), RecordView::kValue).ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(), "\"{\\\"a\\\":1}\"\n\"line\\nbreak\"\n");
  EXPECT_EQ(writer->bytes_written(), sink.data().size());
  // Without compression each record is a single append.
  EXPECT_EQ(sink.append_calls(), 2u);
}

TEST(JsonRecordWriterTest, StructValuesGoThroughTheConverter) {
  Arena arena;
  auto schema = struct_of("com.example.Order",
                          {{"id", primitive(SchemaType::kInt32)},
                           {"price", decimal(2, true)},
                           {"day", logical(connect::kDateLogicalName, SchemaType::kInt32)},
                           {"ts", logical(connect::kTimestampLogicalName, SchemaType::kInt64)}});
  SinkRecord r;
  r.value_schema = schema;
  r.value = record(arena, schema,
                   {Value::integer(1), Value::bytes(arena.copy(unhex("00dd"))),
                    Value::integer(19724), Value::integer(1700000000000LL)});
  StringByteSink base64_sink;
  auto base64_writer = make_writer(base64_sink);
  ASSERT_TRUE(base64_writer->write(r, RecordView::kValue).ok());
  ASSERT_TRUE(base64_writer->close().ok());
  // kafka-connect.md §2.3 example payload.
  EXPECT_EQ(base64_sink.data(),
            "{\"id\":1,\"price\":\"AN0=\",\"day\":19724,\"ts\":1700000000000}\n");

  FormatOptions numeric;
  numeric.json_decimal_format = JsonDecimalFormat::kNumeric;
  StringByteSink numeric_sink;
  auto numeric_writer = make_writer(numeric_sink, numeric);
  ASSERT_TRUE(numeric_writer->write(r, RecordView::kValue).ok());
  ASSERT_TRUE(numeric_writer->close().ok());
  EXPECT_EQ(numeric_sink.data(), "{\"id\":1,\"price\":2.21,\"day\":19724,\"ts\":1700000000000}\n");
}

TEST(JsonRecordWriterTest, KeysViewWritesTheKey) {
  Arena arena;
  auto key_schema = struct_of("Key", {{"id", primitive(SchemaType::kInt64)}});
  SinkRecord with_string_key = string_record("v");
  with_string_key.key_schema = primitive(SchemaType::kString, true);
  with_string_key.key = Value::string("abc");
  SinkRecord with_struct_key = string_record("v");
  with_struct_key.key_schema = key_schema;
  with_struct_key.key = record(arena, key_schema, {Value::integer(7)});
  StringByteSink sink;
  auto writer = make_writer(sink);
  ASSERT_TRUE(writer->write(with_string_key, RecordView::kKey).ok());
  ASSERT_TRUE(writer->write(with_struct_key, RecordView::kKey).ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(), "\"abc\"\n{\"id\":7}\n");
}

// Golden from JsonConverter on the RecordHeaders envelope the Java connector builds (§4.6), with
// each value from Values.convertToString (OpenJDK 17, TZ=UTC). The map header is a LinkedHashMap
// (as SimpleHeaderConverter makes it), so its order is kept rather than rehashed.
TEST(JsonRecordWriterTest, HeadersViewIsEnvelopedStruct) {
  Arena arena;
  std::vector<connect::Header> headers(4);
  headers[0].key = "trace-id";
  headers[0].schema = primitive(SchemaType::kString);
  headers[0].value = Value::string("abc \"x\" \xF0\x9F\x98\x80");
  headers[1].key = "n";
  headers[1].schema = primitive(SchemaType::kInt16);
  headers[1].value = Value::integer(300);
  headers[2].key = "m";
  headers[2].schema = map_of(primitive(SchemaType::kString), primitive(SchemaType::kString));
  headers[2].value =
      map(arena, {Value::string("b"), Value::integer(1), Value::string("a"), Value::string("z")});
  headers[3].key = "d";
  headers[3].schema = logical(connect::kTimestampLogicalName, SchemaType::kInt64);
  headers[3].value = Value::integer(1700000000123LL);
  SinkRecord r = string_record("ignored");
  r.headers = headers;
  StringByteSink sink;
  auto writer = make_writer(sink);
  ASSERT_TRUE(writer->write(r, RecordView::kHeaders).ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(),
            "{\"headers\":[{\"key\":\"trace-id\",\"value\":\"abc \\\"x\\\" \\uD83D\\uDE00\"},"
            "{\"key\":\"n\",\"value\":\"300\"},"
            "{\"key\":\"m\",\"value\":\"{\\\"b\\\":1,\\\"a\\\":\\\"z\\\"}\"},"
            "{\"key\":\"d\",\"value\":\"2023-11-14T22:13:20.123Z\"}]}\n");
}

// FormatOptions::json_double_digits (sluice.json.double.digits) reaches values and header strings.
TEST(JsonRecordWriterTest, DoubleDigitsOptionCoversValuesAndHeaders) {
  SinkRecord r;
  r.value_schema = primitive(SchemaType::kFloat64);
  r.value = Value::float64(1e23);
  std::vector<connect::Header> headers(1);
  headers[0].key = "f";
  headers[0].schema = primitive(SchemaType::kFloat32);
  headers[0].value = Value::float32(1.17549435E-38f);
  r.headers = headers;
  const std::pair<util::JavaDoubleDigits, std::string> cases[] = {
      {util::JavaDoubleDigits::kJdk17,
       "9.999999999999999E22\n{\"headers\":[{\"key\":\"f\",\"value\":\"1.17549435E-38\"}]}\n"},
      {util::JavaDoubleDigits::kShortest,
       "1.0E23\n{\"headers\":[{\"key\":\"f\",\"value\":\"1.1754944E-38\"}]}\n"}};
  for (const auto& [digits, expected] : cases) {
    FormatOptions options;
    options.json_double_digits = digits;
    StringByteSink sink;
    auto writer = make_writer(sink, options);
    ASSERT_TRUE(writer->write(r, RecordView::kValue).ok());
    ASSERT_TRUE(writer->write(r, RecordView::kHeaders).ok());
    ASSERT_TRUE(writer->close().ok());
    EXPECT_EQ(sink.data(), expected);
  }
}

TEST(JsonRecordWriterTest, NullHeaderValueIsDataErrorAndWritesNothing) {
  std::vector<connect::Header> headers(1);
  headers[0].key = "k";
  SinkRecord r = string_record("v");
  r.headers = headers;
  StringByteSink sink;
  auto writer = make_writer(sink);
  Status st = writer->write(r, RecordView::kHeaders);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_TRUE(sink.data().empty());
}

// A failing record leaves no trace, so the errant-record path can skip it.
TEST(JsonRecordWriterTest, DataErrorLeavesFileUntouched) {
  Arena arena;
  auto schema =
      struct_of("S", {{"a", primitive(SchemaType::kInt32)}, {"b", primitive(SchemaType::kString)}});
  SinkRecord bad;
  bad.value_schema = schema;
  bad.value = record(arena, schema, {Value::integer(1), Value::null()});
  SinkRecord good;
  good.value_schema = schema;
  good.value = record(arena, schema, {Value::integer(2), Value::string("ok")});
  StringByteSink sink;
  auto writer = make_writer(sink);
  ASSERT_TRUE(writer->write(good, RecordView::kValue).ok());
  EXPECT_EQ(writer->write(bad, RecordView::kValue).code(), StatusCode::kDataError);
  ASSERT_TRUE(writer->write(good, RecordView::kValue).ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(), "{\"a\":2,\"b\":\"ok\"}\n{\"a\":2,\"b\":\"ok\"}\n");
}

TEST(JsonRecordWriterTest, SchemalessNullValueIsNullLine) {
  SinkRecord r;
  StringByteSink sink;
  auto writer = make_writer(sink);
  ASSERT_TRUE(writer->write(r, RecordView::kValue).ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(), "null\n");
}

std::string gzip_of_writes(int level, const std::vector<std::string>& writes) {
  StringByteSink sink;
  auto gz = GzipCompressor::create(level, sink);
  EXPECT_TRUE(gz.ok());
  for (const std::string& w : writes) EXPECT_TRUE((*gz)->write(w).ok());
  EXPECT_TRUE((*gz)->finish().ok());
  return sink.data();
}

TEST(JsonRecordWriterTest, GzipFileIsOneMemberOfTheLines) {
  FormatOptions options;
  options.compression = CompressionType::kGzip;
  StringByteSink sink;
  auto writer = make_writer(sink, options);
  ASSERT_TRUE(writer->write(string_record("hello"), RecordView::kValue).ok());
  ASSERT_TRUE(writer->write(string_record("world"), RecordView::kValue).ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(), gzip_of_writes(-1, {"\"hello\"\n\"world\"\n"}));
  EXPECT_EQ(writer->bytes_written(), sink.data().size());
}

// At gzip level 0 the bytes depend on the write calls, so the writer replays the Java connector's:
// JsonConverter output and the line break as two writes; Jackson values with the previous line
// break in front (Jackson keeps it buffered), the last line break at commit.
TEST(JsonRecordWriterTest, GzipLevelZeroReplaysJavaWriteSequence) {
  FormatOptions options;
  options.compression = CompressionType::kGzip;
  options.compression_level = 0;
  std::vector<std::string> strings, string_writes;
  for (int i = 0; i < 3000; ++i) {
    strings.push_back("value-" + std::to_string(i));
    string_writes.push_back((i == 0 ? "\"" : "\n\"") + strings.back() + "\"");
  }
  string_writes.push_back("\n");
  StringByteSink sink;
  auto writer = make_writer(sink, options);
  for (const std::string& s : strings) {
    ASSERT_TRUE(writer->write(string_record(s), RecordView::kValue).ok());
  }
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(sink.data(), gzip_of_writes(0, string_writes));
  // Real Java (OpenJDK 17, Jackson 2 generator over GZIPOutputStream at level 0, writeObject then
  // writeRaw("\n") per value) produced 37918 bytes with CRC32 5e97c1c7.
  EXPECT_EQ(sink.data().size(), 37918u);
  EXPECT_EQ(crc32(0L, reinterpret_cast<const Bytef*>(sink.data().data()),
                  static_cast<uInt>(sink.data().size())),
            0x5e97c1c7u);

  Arena arena;
  auto schema = struct_of("S", {{"i", primitive(SchemaType::kInt32)}});
  std::vector<std::string> struct_writes;
  StringByteSink struct_sink;
  auto struct_writer = make_writer(struct_sink, options);
  for (int i = 0; i < 4000; ++i) {
    SinkRecord r;
    r.value_schema = schema;
    r.value = record(arena, schema, {Value::integer(i)});
    ASSERT_TRUE(struct_writer->write(r, RecordView::kValue).ok());
    struct_writes.push_back("{\"i\":" + std::to_string(i) + "}");
    struct_writes.push_back("\n");
  }
  ASSERT_TRUE(struct_writer->close().ok());
  EXPECT_EQ(struct_sink.data(), gzip_of_writes(0, struct_writes));
  // The joined form differs: the stored-block boundaries moved.
  std::string joined;
  for (const std::string& w : struct_writes) joined += w;
  EXPECT_NE(struct_sink.data(), gzip_of_writes(0, {joined}));
}

TEST(JsonRecordWriterTest, WriteAfterCloseFails) {
  StringByteSink sink;
  auto writer = make_writer(sink);
  ASSERT_TRUE(writer->close().ok());
  ASSERT_TRUE(writer->close().ok());
  EXPECT_EQ(writer->write(string_record("x"), RecordView::kValue).code(), StatusCode::kFatal);
}

TEST(JsonRecordWriterTest, ProviderExtensions) {
  FormatOptions options;
  EXPECT_EQ(JsonRecordWriterProvider(options).extension(), ".json");
  options.compression = CompressionType::kGzip;
  JsonRecordWriterProvider gzip(options);
  EXPECT_EQ(gzip.extension(), ".json.gz");
  StringByteSink sink;
  auto writer = gzip.create_writer(sink);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->write(string_record("hello"), RecordView::kValue).ok());
  ASSERT_TRUE((*writer)->close().ok());
  EXPECT_EQ(sink.data(), gzip_of_writes(-1, {"\"hello\"\n"}));
}

}  // namespace
}  // namespace sluice::format
