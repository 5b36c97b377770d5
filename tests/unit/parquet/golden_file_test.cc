// Golden file A of the writer's specification (flat, UNCOMPRESSED, PLAIN, data page v1; read
// back identically by DuckDB, arrow-rs and hyparquet when it was made): our writer must produce
// it byte for byte with the minimal profile (no exactness flags, no encoding_stats).
#include <gtest/gtest.h>

#include "parquet/file_writer.h"
#include "test_support.h"

namespace sluice::parquet {
namespace {

using testing::from_hex;
using testing::to_hex;

constexpr std::string_view kGoldenA = R"(
50 41 52 31 15 00 15 18 15 18 2c 15 06 15 00 15
06 15 06 00 00 01 00 00 00 02 00 00 00 03 00 00
00 15 00 15 22 15 22 2c 15 06 15 00 15 06 15 06
00 00 02 00 00 00 03 05 01 00 00 00 61 02 00 00
00 62 63 15 02 19 3c 48 06 73 63 68 65 6d 61 15
04 00 15 02 25 00 18 02 69 64 00 15 0c 25 02 18
04 6e 61 6d 65 25 00 4c 1c 00 00 00 16 06 19 1c
19 2c 26 00 1c 15 02 19 15 00 19 18 02 69 64 15
00 16 06 16 3a 16 3a 26 08 3c 18 04 03 00 00 00
18 04 01 00 00 00 16 00 28 04 03 00 00 00 18 04
01 00 00 00 00 00 00 26 00 1c 15 0c 19 25 00 06
19 18 04 6e 61 6d 65 15 00 16 06 16 44 16 44 26
42 3c 36 02 28 02 62 63 18 01 61 00 00 00 16 7e
16 06 26 08 16 7e 14 00 00 28 21 73 6c 75 69 63
65 20 76 65 72 73 69 6f 6e 20 30 2e 31 2e 30 20
28 62 75 69 6c 64 20 74 65 73 74 29 19 2c 1c 00
00 1c 00 00 00 c2 00 00 00 50 41 52 31)";

TEST(GoldenFileTest, FlatUncompressedPlainV1IsByteIdentical) {
  Result<FlatSchema> schema = FlatSchema::make(
      "schema", {FlatColumn{.name = "id", .type = PhysicalType::kInt32},
                 FlatColumn{.name = "name",
                            .type = PhysicalType::kByteArray,
                            .optional = true,
                            .logical_type = LogicalType::of(LogicalType::Kind::kString)}});
  ASSERT_TRUE(schema.ok()) << schema.status().to_string();
  WriterProperties properties{.codec = CompressionCodec::kUncompressed,
                              .dictionary = false,
                              .created_by = "sluice version 0.1.0 (build test)",
                              .write_exactness_flags = false,
                              .write_encoding_stats = false,
                              .write_page_crc = false};
  StringByteSink sink;
  auto writer = FileWriter::open(std::move(schema).value(), properties, sink);
  ASSERT_TRUE(writer.ok()) << writer.status().to_string();
  FileWriter& w = **writer;
  ASSERT_TRUE(w.column(0).write_int32(1).ok());
  ASSERT_TRUE(w.column(1).write_bytes("a").ok());
  ASSERT_TRUE(w.end_row().ok());
  ASSERT_TRUE(w.column(0).write_int32(2).ok());
  ASSERT_TRUE(w.column(1).write_null().ok());
  ASSERT_TRUE(w.end_row().ok());
  ASSERT_TRUE(w.column(0).write_int32(3).ok());
  ASSERT_TRUE(w.column(1).write_bytes("bc").ok());
  ASSERT_TRUE(w.end_row().ok());
  ASSERT_TRUE(w.close().ok());
  EXPECT_EQ(to_hex(sink.data()), to_hex(from_hex(kGoldenA)));
  EXPECT_EQ(sink.data().size(), 269u);
  EXPECT_EQ(w.bytes_written(), 269);
  EXPECT_EQ(w.num_rows(), 3);
}

}  // namespace
}  // namespace sluice::parquet
