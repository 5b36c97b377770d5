// Writes Parquet files for independent readers (pyarrow, DuckDB: tests/integration/
// test_parquet_files.py) when SLUICE_PARQUET_DUMP_DIR names a folder; skipped otherwise. Files:
//   alltypes-<codec>.parquet  kDumpRows rows of every physical type and the common logical types,
//                             small pages and row groups (several of each); the rows are a
//                             function of the row number that the Python test computes too
//   golden-a.parquet          the specification's golden file A (minimal profile)
//   dictionary.parquet        dictionary-encoded columns, one falling back to PLAIN mid-chunk
//                             (DictionaryRows rows; dictionary_row(k) in the Python test)
//   all-null.parquet          optional columns that only hold nulls
//   empty.parquet             a schema and no rows
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "parquet/file_writer.h"

namespace sluice::parquet {
namespace {

constexpr int kDumpRows = 5000;
using Kind = LogicalType::Kind;

std::vector<FlatColumn> dump_columns() {
  return {
      {.name = "b", .type = PhysicalType::kBoolean},
      {.name = "i32", .type = PhysicalType::kInt32, .optional = true},
      {.name = "i64", .type = PhysicalType::kInt64},
      {.name = "f", .type = PhysicalType::kFloat, .optional = true},
      {.name = "d", .type = PhysicalType::kDouble},
      {.name = "s",
       .type = PhysicalType::kByteArray,
       .optional = true,
       .logical_type = LogicalType::of(Kind::kString)},
      {.name = "fx", .type = PhysicalType::kFixedLenByteArray, .optional = true, .type_length = 3},
      {.name = "by", .type = PhysicalType::kByteArray},
      {.name = "date",
       .type = PhysicalType::kInt32,
       .optional = true,
       .logical_type = LogicalType::of(Kind::kDate)},
      {.name = "ts",
       .type = PhysicalType::kInt64,
       .logical_type = LogicalType::timestamp(true, TimeUnit::kMillis)},
      {.name = "tm",
       .type = PhysicalType::kInt32,
       .logical_type = LogicalType::time(true, TimeUnit::kMillis)},
      {.name = "dec",
       .type = PhysicalType::kInt64,
       .optional = true,
       .logical_type = LogicalType::decimal(2, 18)},
      {.name = "bdec",
       .type = PhysicalType::kByteArray,
       .logical_type = LogicalType::decimal(2, 10)},
      {.name = "u8", .type = PhysicalType::kInt32, .logical_type = LogicalType::integer(8, false)},
      {.name = "i16", .type = PhysicalType::kInt32, .logical_type = LogicalType::integer(16, true)},
  };
}

// Minimal big-endian two's complement of `v` (Avro's and Parquet's decimal bytes).
std::string twos_complement(int64_t v) {
  std::string out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
  size_t skip = 0;
  while (skip + 1 < out.size() && ((out[skip] == '\0' && !(out[skip + 1] & 0x80)) ||
                                   (out[skip] == '\xff' && (out[skip + 1] & 0x80)))) {
    ++skip;
  }
  return out.substr(skip);
}

// Row k; test_parquet_files.py's expected_row(k) must stay in step.
Status write_dump_row(FileWriter& w, int k) {
  bool null = k % 3 == 1;
  std::string text = "row " + std::to_string(k) + (k % 5 == 0 ? " h\xc3\xa9" : "");
  char fixed[3] = {static_cast<char>(k & 0xff), static_cast<char>((k >> 8) & 0xff), 'x'};
  std::string bytes;
  for (int i = 0; i < k % 4; ++i) bytes.append("\x00\xff", 2);
  Status s;
  auto put = [&](Status next) {
    if (s.ok()) s = std::move(next);
  };
  put(w.column(0).write_bool(k % 2 == 0));
  put(null ? w.column(1).write_null() : w.column(1).write_int32(k - 500));
  put(w.column(2).write_int64(int64_t{1} << 40 | k));
  put(null ? w.column(3).write_null() : w.column(3).write_float(0.5f * k));
  put(w.column(4).write_double(-0.25 * k));
  put(null ? w.column(5).write_null() : w.column(5).write_bytes(text));
  put(null ? w.column(6).write_null() : w.column(6).write_bytes({fixed, 3}));
  put(w.column(7).write_bytes(bytes));
  put(k % 7 == 3 ? w.column(8).write_null() : w.column(8).write_int32(19000 + k));
  put(w.column(9).write_int64(1700000000123 + int64_t{1000} * k));
  put(w.column(10).write_int32(3723004 + k));
  put(null ? w.column(11).write_null() : w.column(11).write_int64(int64_t{101} * k - 12345));
  put(w.column(12).write_bytes(twos_complement(int64_t{7} * k - 100)));
  put(w.column(13).write_int32(k % 256));
  put(w.column(14).write_int32(k - 1000));
  put(w.end_row());
  return s;
}

class DumpFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dir = std::getenv("SLUICE_PARQUET_DUMP_DIR");
    if (dir == nullptr) GTEST_SKIP() << "SLUICE_PARQUET_DUMP_DIR is not set";
    dir_ = dir;
    std::filesystem::create_directories(dir_);
  }
  void save(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  std::filesystem::path dir_;
};

TEST_F(DumpFilesTest, AllTypesEveryCodec) {
  const std::pair<CompressionCodec, const char*> codecs[] = {
      {CompressionCodec::kUncompressed, "uncompressed"},
      {CompressionCodec::kSnappy, "snappy"},
      {CompressionCodec::kGzip, "gzip"},
      {CompressionCodec::kZstd, "zstd"}};
  for (auto [codec, name] : codecs) {
    StringByteSink sink;
    WriterProperties properties{.codec = codec, .page_size = 4096, .row_group_size = 64 * 1024};
    auto writer = FileWriter::open(*FlatSchema::make("sluice.test.AllTypes", dump_columns()),
                                   properties, sink);
    ASSERT_TRUE(writer.ok()) << writer.status().to_string();
    for (int k = 0; k < kDumpRows; ++k) ASSERT_TRUE(write_dump_row(**writer, k).ok());
    ASSERT_TRUE((*writer)->close().ok());
    save(std::string("alltypes-") + name + ".parquet", sink.data());
  }
}

TEST_F(DumpFilesTest, Dictionary) {
  constexpr int kDictionaryRows = 20000;
  StringByteSink sink;
  auto writer = FileWriter::open(
      *FlatSchema::make("r", {{.name = "word",
                               .type = PhysicalType::kByteArray,
                               .optional = true,
                               .logical_type = LogicalType::of(Kind::kString)},
                              {.name = "n", .type = PhysicalType::kInt64}}),
      {.page_size = 2048, .dictionary_page_size = 4096, .row_group_size = 128 * 1024}, sink);
  ASSERT_TRUE(writer.ok());
  for (int k = 0; k < kDictionaryRows; ++k) {
    // word: 5 values for the first 4000 rows of every 10000, then distinct ones (the dictionary
    // passes 4 KiB: PLAIN from there); n: 7 values throughout.
    Status s = k % 11 == 5        ? (*writer)->column(0).write_null()
               : k % 10000 < 4000 ? (*writer)->column(0).write_bytes("w" + std::to_string(k % 5))
                                  : (*writer)->column(0).write_bytes("word " + std::to_string(k));
    ASSERT_TRUE(s.ok() && (*writer)->column(1).write_int64(k % 7 * 1000).ok());
    ASSERT_TRUE((*writer)->end_row().ok());
    if (k == 9999) {
      ASSERT_TRUE((*writer)->flush_row_group().ok());
    }
  }
  ASSERT_TRUE((*writer)->close().ok());
  save("dictionary.parquet", sink.data());
}

TEST_F(DumpFilesTest, SmallFiles) {
  {
    StringByteSink sink;
    auto writer = FileWriter::open(
        *FlatSchema::make("schema", {{.name = "id", .type = PhysicalType::kInt32},
                                     {.name = "name",
                                      .type = PhysicalType::kByteArray,
                                      .optional = true,
                                      .logical_type = LogicalType::of(Kind::kString)}}),
        {.codec = CompressionCodec::kUncompressed,
         .dictionary = false,
         .created_by = "sluice version 0.1.0 (build test)",
         .write_exactness_flags = false,
         .write_encoding_stats = false,
         .write_page_crc = false},
        sink);
    ASSERT_TRUE(writer.ok());
    FileWriter& w = **writer;
    ASSERT_TRUE(w.column(0).write_int32(1).ok() && w.column(1).write_bytes("a").ok());
    ASSERT_TRUE(w.end_row().ok());
    ASSERT_TRUE(w.column(0).write_int32(2).ok() && w.column(1).write_null().ok());
    ASSERT_TRUE(w.end_row().ok());
    ASSERT_TRUE(w.column(0).write_int32(3).ok() && w.column(1).write_bytes("bc").ok());
    ASSERT_TRUE(w.end_row().ok());
    ASSERT_TRUE(w.close().ok());
    save("golden-a.parquet", sink.data());
  }
  {
    StringByteSink sink;
    auto writer = FileWriter::open(
        *FlatSchema::make("r", {{.name = "n", .type = PhysicalType::kInt32, .optional = true},
                                {.name = "t",
                                 .type = PhysicalType::kByteArray,
                                 .optional = true,
                                 .logical_type = LogicalType::of(Kind::kString)}}),
        {}, sink);
    ASSERT_TRUE(writer.ok());
    for (int k = 0; k < 10; ++k) {
      ASSERT_TRUE((*writer)->column(0).write_null().ok() && (*writer)->column(1).write_null().ok());
      ASSERT_TRUE((*writer)->end_row().ok());
    }
    ASSERT_TRUE((*writer)->close().ok());
    save("all-null.parquet", sink.data());
  }
  {
    StringByteSink sink;
    auto writer = FileWriter::open(*FlatSchema::make("r", dump_columns()), {}, sink);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->close().ok());
    save("empty.parquet", sink.data());
  }
}

}  // namespace
}  // namespace sluice::parquet
