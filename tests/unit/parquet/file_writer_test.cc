// FileWriter and ColumnWriter: every physical type, OPTIONAL and REQUIRED, every codec, read back
// by the test reader; page and row-group cuts; footer bookkeeping; memory accounting; misuse.
#include "parquet/file_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>

#include "parquet_test_reader.h"

namespace sluice::parquet {
namespace {

using testing::ChunkPages;
using testing::parse_file;
using testing::ParsedFile;
using testing::read_chunk;
using testing::TReader;
using testing::TValue;

template <typename T>
std::string plain(T v) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &v, sizeof(T));
  return out;
}

std::vector<FlatColumn> all_types() {
  using Kind = LogicalType::Kind;
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
  };
}

// Row k of the all-types file: column values, nulls where k % 3 == 1 in optional columns.
Status write_row(FileWriter& w, int k) {
  bool null = k % 3 == 1;
  Status s = w.column(0).write_bool(k % 2 == 0);
  if (s.ok()) s = null ? w.column(1).write_null() : w.column(1).write_int32(k - 500);
  if (s.ok()) s = w.column(2).write_int64(int64_t{1} << 40 | k);
  if (s.ok()) s = null ? w.column(3).write_null() : w.column(3).write_float(0.5f * k);
  if (s.ok()) s = w.column(4).write_double(-0.25 * k);
  std::string text = "row " + std::to_string(k);
  if (s.ok()) s = null ? w.column(5).write_null() : w.column(5).write_bytes(text);
  char fixed[3] = {static_cast<char>(k), static_cast<char>(k >> 8), 'x'};
  if (s.ok()) s = null ? w.column(6).write_null() : w.column(6).write_bytes({fixed, 3});
  if (s.ok()) s = w.end_row();
  return s;
}

std::string write_all_types(WriterProperties properties, int rows) {
  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("AllTypes", all_types()), properties, sink);
  EXPECT_TRUE(writer.ok()) << writer.status().to_string();
  if (!writer.ok()) return {};
  for (int k = 0; k < rows; ++k) EXPECT_TRUE(write_row(**writer, k).ok());
  EXPECT_TRUE((*writer)->close().ok());
  return sink.take();
}

class CodecTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CodecTest, EveryPhysicalTypeReadsBack) {
  constexpr int kRows = 3000;
  WriterProperties properties{.codec = GetParam(), .page_size = 4096};
  std::string file = write_all_types(properties, kRows);
  ParsedFile f = parse_file(file);
  EXPECT_EQ(f.footer.at(3).integer, kRows);
  ASSERT_EQ(f.footer.at(4).list.size(), 1u);
  const int widths[] = {-1, 4, 8, 4, 8, 0, 3};
  std::vector<ChunkPages> chunks;
  for (size_t c = 0; c < 7; ++c) {
    chunks.push_back(read_chunk(f, 0, c, widths[c], all_types()[c].optional));
    if (c != 0) {  // 3000 booleans fit one 4 KiB page
      EXPECT_GT(chunks.back().pages, 1) << "column " << c << " should span several pages";
    }
    const TValue& meta = f.footer.at(4).list[0].at(1).list[c].at(3);
    EXPECT_EQ(meta.at(4).integer, static_cast<int>(GetParam()));
  }
  for (int k = 0; k < kRows; ++k) {
    bool null = k % 3 == 1;
    ASSERT_EQ(chunks[0].values[k], std::string(1, k % 2 == 0 ? 1 : 0)) << k;
    ASSERT_EQ(chunks[1].values[k], null ? std::nullopt : std::optional(plain<int32_t>(k - 500)));
    ASSERT_EQ(chunks[2].values[k], plain<int64_t>(int64_t{1} << 40 | k));
    ASSERT_EQ(chunks[3].values[k], null ? std::nullopt : std::optional(plain(0.5f * k)));
    ASSERT_EQ(chunks[4].values[k], plain(-0.25 * k));
    ASSERT_EQ(chunks[5].values[k], null ? std::nullopt : std::optional("row " + std::to_string(k)));
    std::string fixed{static_cast<char>(k), static_cast<char>(k >> 8), 'x'};
    ASSERT_EQ(chunks[6].values[k], null ? std::nullopt : std::optional(fixed));
  }
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecTest,
                         ::testing::Values(CompressionCodec::kUncompressed,
                                           CompressionCodec::kSnappy, CompressionCodec::kGzip,
                                           CompressionCodec::kZstd));

TEST(FileWriterTest, ChunkStatistics) {
  std::string file = write_all_types(WriterProperties{}, 10);
  ParsedFile f = parse_file(file);
  auto stats = [&](size_t c) -> const TValue& {
    return f.footer.at(4).list[0].at(1).list[c].at(3).at(12);
  };
  // Rows 0..9; nulls in optional columns at 1, 4, 7.
  EXPECT_EQ(stats(0).at(3).integer, 0);
  EXPECT_EQ(stats(0).at(6).binary, std::string(1, '\0'));
  EXPECT_EQ(stats(0).at(5).binary, std::string(1, '\1'));
  EXPECT_EQ(stats(1).at(3).integer, 3);
  EXPECT_EQ(stats(1).at(6).binary, plain<int32_t>(-500));
  EXPECT_EQ(stats(1).at(5).binary, plain<int32_t>(-491));
  EXPECT_EQ(stats(1).at(2).binary, plain<int32_t>(-500));  // deprecated min: signed order
  EXPECT_EQ(stats(1).at(7).integer, 1);                    // is_max_value_exact
  EXPECT_EQ(stats(2).at(5).binary, plain<int64_t>(int64_t{1} << 40 | 9));
  EXPECT_EQ(stats(3).at(6).binary, plain(-0.0f));  // zero minimum written as -0.0
  EXPECT_EQ(stats(3).at(5).binary, plain(4.5f));
  EXPECT_EQ(stats(3).at(9).integer, 0);  // nan_count
  EXPECT_EQ(stats(4).at(6).binary, plain(-2.25));
  EXPECT_EQ(stats(4).at(5).binary, plain(0.0));
  // Strings: byte-wise order, no deprecated min/max.
  EXPECT_EQ(stats(5).at(6).binary, "row 0");
  EXPECT_EQ(stats(5).at(5).binary, "row 9");
  EXPECT_FALSE(stats(5).has(1));
  EXPECT_FALSE(stats(5).has(2));
  EXPECT_EQ(stats(6).at(3).integer, 3);
  // encoding_stats: one entry, DATA_PAGE / PLAIN / 1 page.
  const TValue& meta = f.footer.at(4).list[0].at(1).list[5].at(3);
  ASSERT_EQ(meta.at(13).list.size(), 1u);
  EXPECT_EQ(meta.at(13).list[0].at(3).integer, 1);
  ASSERT_EQ(meta.at(2).list.size(), 2u);  // PLAIN, RLE
  // Page CRCs are on by default (the test reader checks them).
  TReader page(std::string_view(file).substr(meta.at(9).integer));
  EXPECT_TRUE(page.read_struct().has(4));
  // column_orders: TYPE_ORDER per leaf.
  EXPECT_EQ(f.footer.at(7).list.size(), 7u);
  EXPECT_EQ(f.footer.at(6).binary, "sluice version 0.1.0 (build unknown)");
}

std::string write_column(const FlatColumn& column, const WriterProperties& properties,
                         const std::function<Status(ColumnWriter&, int)>& value, int rows) {
  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("r", {column}), properties, sink);
  EXPECT_TRUE(writer.ok());
  for (int k = 0; k < rows; ++k) {
    EXPECT_TRUE(value((*writer)->column(0), k).ok());
    EXPECT_TRUE((*writer)->end_row().ok());
  }
  EXPECT_TRUE((*writer)->close().ok());
  return sink.take();
}

TEST(FileWriterTest, FloatStatisticsIgnoreNaN) {
  FlatColumn column{.name = "d", .type = PhysicalType::kDouble, .optional = true};
  std::string file = write_column(
      column, {},
      [](ColumnWriter& c, int k) {
        if (k == 0) return c.write_null();
        return c.write_double(k % 2 ? std::nan("") : -1.0 * k);
      },
      6);
  ParsedFile parsed_s = parse_file(file);
  const TValue& s = parsed_s.footer.at(4).list[0].at(1).list[0].at(3).at(12);
  EXPECT_EQ(s.at(3).integer, 1);
  EXPECT_EQ(s.at(9).integer, 3);
  EXPECT_EQ(s.at(6).binary, plain(-4.0));
  EXPECT_EQ(s.at(5).binary, plain(-2.0));
  // All NaN (or all null): no bounds.
  file = write_column(
      column, {}, [](ColumnWriter& c, int) { return c.write_double(NAN); }, 3);
  ParsedFile parsed_nan = parse_file(file);
  const TValue& nan = parsed_nan.footer.at(4).list[0].at(1).list[0].at(3).at(12);
  EXPECT_EQ(nan.at(9).integer, 3);
  EXPECT_FALSE(nan.has(5));
  EXPECT_FALSE(nan.has(6));
  file = write_column(
      column, {}, [](ColumnWriter& c, int) { return c.write_null(); }, 3);
  ParsedFile parsed_nulls = parse_file(file);
  const TValue& nulls = parsed_nulls.footer.at(4).list[0].at(1).list[0].at(3).at(12);
  EXPECT_EQ(nulls.at(3).integer, 3);
  EXPECT_FALSE(nulls.has(5));
}

TEST(FileWriterTest, UnsignedIntegersCompareUnsigned) {
  FlatColumn u32{
      .name = "u", .type = PhysicalType::kInt32, .logical_type = LogicalType::integer(32, false)};
  std::string file = write_column(
      u32, {},
      [](ColumnWriter& c, int k) {
        return c.write_int32(k == 0 ? -1 : k);  // -1 is 0xffffffff: the maximum
      },
      3);
  ParsedFile parsed_s = parse_file(file);
  const TValue& s = parsed_s.footer.at(4).list[0].at(1).list[0].at(3).at(12);
  EXPECT_EQ(s.at(5).binary, plain<int32_t>(-1));
  EXPECT_EQ(s.at(6).binary, plain<int32_t>(1));
  EXPECT_FALSE(s.has(1));  // no deprecated (signed) min/max
  FlatColumn u64{
      .name = "u", .type = PhysicalType::kInt64, .logical_type = LogicalType::integer(64, false)};
  file = write_column(
      u64, {}, [](ColumnWriter& c, int k) { return c.write_int64(k == 0 ? INT64_MIN : k); }, 3);
  ParsedFile parsed_s64 = parse_file(file);
  const TValue& s64 = parsed_s64.footer.at(4).list[0].at(1).list[0].at(3).at(12);
  EXPECT_EQ(s64.at(5).binary, plain<int64_t>(INT64_MIN));
  EXPECT_EQ(s64.at(6).binary, plain<int64_t>(1));
}

TEST(FileWriterTest, LongBinaryBoundsAreLeftOut) {
  FlatColumn column{.name = "s", .type = PhysicalType::kByteArray};
  std::string file = write_column(
      column, {},
      [](ColumnWriter& c, int k) { return c.write_bytes(std::string(k == 1 ? 5000 : 10, 'a')); },
      3);
  ParsedFile parsed_s = parse_file(file);
  const TValue& s = parsed_s.footer.at(4).list[0].at(1).list[0].at(3).at(12);
  EXPECT_EQ(s.at(3).integer, 0);
  EXPECT_FALSE(s.has(5));
  EXPECT_FALSE(s.has(6));
}

TEST(FileWriterTest, PagesAreCutBySizeAndRowCount) {
  FlatColumn column{.name = "v", .type = PhysicalType::kInt64};
  auto int64s = [](ColumnWriter& c, int k) { return c.write_int64(k); };
  // 1024-byte pages: 128 values each, the last one 1000 - 7 * 128 = 104.
  std::string file = write_column(column, {.page_size = 1024}, int64s, 1000);
  ParsedFile f = parse_file(file);
  ChunkPages chunk = read_chunk(f, 0, 0, 8, false);
  EXPECT_EQ(chunk.pages, 8);
  EXPECT_EQ(chunk.values[999], plain<int64_t>(999));
  file = write_column(column, {.page_row_limit = 100}, int64s, 1000);
  EXPECT_EQ(read_chunk(parse_file(file), 0, 0, 8, false).pages, 10);
  // The same rows give the same bytes.
  EXPECT_EQ(file, write_column(column, {.page_row_limit = 100}, int64s, 1000));
}

TEST(FileWriterTest, RowGroupsAreCutBySizeAndOnFlush) {
  FlatColumn column{.name = "v", .type = PhysicalType::kInt64, .optional = true};
  std::string file = write_column(
      column, {.codec = CompressionCodec::kUncompressed, .page_size = 1000, .row_group_size = 4000},
      [](ColumnWriter& c, int k) { return c.write_int64(k); }, 1200);
  ParsedFile f = parse_file(file);
  const auto& groups = f.footer.at(4).list;
  ASSERT_GE(groups.size(), 2u);
  int64_t rows = 0;
  int64_t expected_offset = 4;
  for (size_t g = 0; g < groups.size(); ++g) {
    const TValue& group = groups[g];
    const TValue& meta = group.at(1).list[0].at(3);
    EXPECT_EQ(group.at(5).integer, expected_offset);          // file_offset
    EXPECT_EQ(meta.at(9).integer, expected_offset);           // data_page_offset
    EXPECT_EQ(group.at(7).integer, static_cast<int64_t>(g));  // ordinal
    EXPECT_EQ(group.at(6).integer, meta.at(7).integer);       // total_compressed_size
    EXPECT_EQ(group.at(2).integer, meta.at(6).integer);       // total_byte_size
    EXPECT_EQ(group.at(3).integer, meta.at(5).integer);       // num_rows = num_values (flat)
    ChunkPages chunk = read_chunk(f, g, 0, 8, true);
    EXPECT_EQ(chunk.values.front(), plain<int64_t>(rows));
    rows += group.at(3).integer;
    expected_offset += meta.at(7).integer;
  }
  EXPECT_EQ(rows, 1200);
  EXPECT_EQ(f.footer.at(3).integer, 1200);
  // Cut after the row that takes the encoded pages past 4000 bytes: 8 bytes a value, plus page
  // headers and level runs.
  EXPECT_GE(groups[0].at(3).integer, 450);
  EXPECT_LE(groups[0].at(3).integer, 500);

  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("r", {column}), {}, sink);
  ASSERT_TRUE(writer.ok());
  for (int k = 0; k < 5; ++k) {
    ASSERT_TRUE((*writer)->column(0).write_int64(k).ok());
    ASSERT_TRUE((*writer)->end_row().ok());
    if (k == 1) {
      ASSERT_TRUE((*writer)->flush_row_group().ok());
    }
  }
  ASSERT_TRUE((*writer)->flush_row_group().ok());
  ASSERT_TRUE((*writer)->flush_row_group().ok());  // nothing buffered: no empty row group
  ASSERT_TRUE((*writer)->close().ok());
  ParsedFile two = parse_file(sink.data());
  ASSERT_EQ(two.footer.at(4).list.size(), 2u);
  EXPECT_EQ(two.footer.at(4).list[1].at(3).integer, 3);
}

TEST(FileWriterTest, FileWithoutRowsHasAnEmptyFooter) {
  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("r", all_types()), {}, sink);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->close().ok());
  ParsedFile f = parse_file(sink.data());
  EXPECT_EQ(f.footer.at(3).integer, 0);
  EXPECT_TRUE(f.footer.at(4).list.empty());
  EXPECT_EQ(f.footer.at(2).list.size(), 8u);
}

TEST(FileWriterTest, RowWithAMissingValueFails) {
  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("r", all_types()), {}, sink);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->column(0).write_bool(true).ok());
  Status s = (*writer)->end_row();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_NE(s.message().find("'i32' has 0 values for 1 rows"), std::string::npos) << s.message();
}

TEST(FileWriterTest, UnsupportedCodecIsRefused) {
  StringByteSink sink;
  for (CompressionCodec codec : {CompressionCodec::kBrotli, CompressionCodec::kLzo}) {
    auto writer = FileWriter::open(*FlatSchema::make("r", all_types()), {.codec = codec}, sink);
    EXPECT_EQ(writer.status().code(), StatusCode::kInvalidArgument);
  }
  auto writer = FileWriter::open(*FlatSchema::make("r", all_types()),
                                 {.codec = CompressionCodec::kGzip, .codec_level = 10}, sink);
  EXPECT_EQ(writer.status().code(), StatusCode::kInvalidArgument);
}

class CountingAccount final : public util::MemoryAccount {
 public:
  void charge(size_t bytes) override { held += bytes; }
  void release(size_t bytes) override { held -= bytes; }
  std::atomic<int64_t> held{0};
};

TEST(FileWriterTest, BuffersAreChargedAndReleased) {
  CountingAccount account;
  StringByteSink sink;
  {
    auto writer = FileWriter::open(*FlatSchema::make("r", all_types()),
                                   {.page_size = 4096, .memory = &account}, sink);
    ASSERT_TRUE(writer.ok());
    for (int k = 0; k < 20000; ++k) ASSERT_TRUE(write_row(**writer, k).ok());
    // At least the encoded pages of the open row group are charged.
    EXPECT_GE(account.held.load(), static_cast<int64_t>((*writer)->buffered_bytes()));
    EXPECT_GT((*writer)->buffered_bytes(), 50'000u);
    int64_t before_flush = account.held.load();
    ASSERT_TRUE((*writer)->flush_row_group().ok());
    // Between row groups a writer holds next to nothing (the statistics' bounds, SSO strings).
    EXPECT_LT(account.held.load(), 1024) << "before the flush: " << before_flush;
    ASSERT_TRUE((*writer)->close().ok());
  }
  EXPECT_EQ(account.held.load(), 0);
}

}  // namespace
}  // namespace sluice::parquet
