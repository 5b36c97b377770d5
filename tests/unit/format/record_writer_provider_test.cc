// RecordWriterProvider factory (record_writer_provider.h): format names, extensions, and the
// combinations the connector rejects (confluent-s3-sink.md §2.2, §2.9, §3.4, §3.5).
#include "format/record_writer_provider.h"

#include <gtest/gtest.h>

#include "format/string_byte_sink.h"

namespace sluice::format {
namespace {

TEST(RecordWriterProviderTest, ExtensionsWithViews) {
  FormatOptions gzip;
  gzip.compression = CompressionType::kGzip;
  auto json = make_record_writer_provider(FormatClass::kJson, gzip);
  ASSERT_TRUE(json.ok());
  // §3.4: .json.gz, .keys.json.gz, .headers.json.gz
  EXPECT_EQ(std::string(record_view_extension(RecordView::kValue)) + (*json)->extension(),
            ".json.gz");
  EXPECT_EQ(std::string(record_view_extension(RecordView::kKey)) + (*json)->extension(),
            ".keys.json.gz");
  EXPECT_EQ(std::string(record_view_extension(RecordView::kHeaders)) + (*json)->extension(),
            ".headers.json.gz");
  auto bytes = make_record_writer_provider(FormatClass::kByteArray, {});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*bytes)->extension(), ".bin");
}

TEST(RecordWriterProviderTest, CreatesWorkingWriters) {
  auto provider = make_record_writer_provider(FormatClass::kJson, {});
  ASSERT_TRUE(provider.ok());
  StringByteSink sink;
  auto writer = (*provider)->create_writer(sink);
  ASSERT_TRUE(writer.ok());
  connect::SinkRecord r;
  r.value = connect::Value::integer(5);
  ASSERT_TRUE((*writer)->write(r, RecordView::kValue).ok());
  ASSERT_TRUE((*writer)->close().ok());
  EXPECT_EQ(sink.data(), "5\n");
}

TEST(RecordWriterProviderTest, RejectsInvalidCombinations) {
  FormatOptions gzip;
  gzip.compression = CompressionType::kGzip;
  EXPECT_EQ(make_record_writer_provider(FormatClass::kAvro, gzip).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(make_record_writer_provider(FormatClass::kParquet, gzip).status().code(),
            StatusCode::kInvalidArgument);
  FormatOptions bad_level;
  bad_level.compression_level = 10;
  EXPECT_EQ(make_record_writer_provider(FormatClass::kJson, bad_level).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::format
