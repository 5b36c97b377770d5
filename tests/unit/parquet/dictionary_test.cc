// Dictionary encoding: the encoder's table, dictionary pages and PLAIN_DICTIONARY data pages read
// back by the test reader, the two fallbacks to PLAIN and the footer's encodings/encoding_stats.
#include <gtest/gtest.h>

#include <cstring>

#include "parquet/dictionary_encoder.h"
#include "parquet/file_writer.h"
#include "parquet_test_reader.h"

namespace sluice::parquet {
namespace {

using testing::ChunkPages;
using testing::parse_file;
using testing::ParsedFile;
using testing::read_chunk;
using testing::TValue;

template <typename T>
std::string plain(T v) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &v, sizeof(T));
  return out;
}

TEST(DictionaryEncoderTest, IndicesInOrderOfFirstAppearance) {
  DictionaryEncoder dict(PhysicalType::kByteArray);
  EXPECT_EQ(dict.index_of("a"), 0u);
  EXPECT_EQ(dict.index_of("bc"), 1u);
  EXPECT_EQ(dict.index_of("a"), 0u);
  EXPECT_EQ(dict.index_of(""), 2u);
  EXPECT_EQ(dict.size(), 3u);
  EXPECT_EQ(dict.plain(), std::string("\1\0\0\0a\2\0\0\0bc\0\0\0\0", 15));
  // Past the first table size, every entry keeps its index.
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(dict.index_of("v" + std::to_string(i)), i + 3u);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(dict.index_of("v" + std::to_string(i)), i + 3u);
  dict.clear();
  EXPECT_EQ(dict.size(), 0u);
  EXPECT_EQ(dict.index_of("bc"), 0u);
  DictionaryEncoder doubles(PhysicalType::kDouble);
  EXPECT_EQ(doubles.index_of(plain(0.0)), 0u);
  EXPECT_EQ(doubles.index_of(plain(-0.0)), 1u);  // by bit pattern
  EXPECT_EQ(doubles.plain(), plain(0.0) + plain(-0.0));
}

using ValueFn = std::function<Status(ColumnWriter&, int)>;

std::string write_rows(const FlatColumn& column, WriterProperties properties, const ValueFn& value,
                       int rows, int flush_every = 0) {
  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("r", {column}), properties, sink);
  EXPECT_TRUE(writer.ok());
  for (int k = 0; k < rows; ++k) {
    EXPECT_TRUE(value((*writer)->column(0), k).ok());
    EXPECT_TRUE((*writer)->end_row().ok());
    if (flush_every > 0 && (k + 1) % flush_every == 0) {
      EXPECT_TRUE((*writer)->flush_row_group().ok());
    }
  }
  EXPECT_TRUE((*writer)->close().ok());
  return sink.take();
}

std::vector<int64_t> integers(const TValue& list) {
  std::vector<int64_t> out;
  for (const TValue& v : list.list) out.push_back(v.integer);
  return out;
}

// encoding_stats as (page type, encoding, count) triples.
std::vector<std::vector<int64_t>> encoding_stats(const TValue& meta) {
  std::vector<std::vector<int64_t>> out;
  for (const TValue& s : meta.at(13).list) {
    out.push_back({s.at(1).integer, s.at(2).integer, s.at(3).integer});
  }
  return out;
}

TEST(DictionaryTest, LowCardinalityColumnIsDictionaryEncoded) {
  FlatColumn column{.name = "s",
                    .type = PhysicalType::kByteArray,
                    .optional = true,
                    .logical_type = LogicalType::of(LogicalType::Kind::kString)};
  const char* words[] = {"a", "bb", "ccc"};
  auto value = [&](ColumnWriter& c, int k) {
    return k % 4 == 3 ? c.write_null() : c.write_bytes(words[k % 3]);
  };
  for (CompressionCodec codec : {CompressionCodec::kUncompressed, CompressionCodec::kSnappy}) {
    std::string file = write_rows(column, {.codec = codec, .page_size = 1024}, value, 10000);
    ParsedFile f = parse_file(file);
    const TValue& meta = f.footer.at(4).list[0].at(1).list[0].at(3);
    EXPECT_EQ(meta.at(11).integer, 4);  // dictionary page right after the magic
    EXPECT_GT(meta.at(9).integer, 4);
    EXPECT_EQ(integers(meta.at(2)), (std::vector<int64_t>{2, 3}));  // PLAIN_DICTIONARY, RLE
    ChunkPages chunk = read_chunk(f, 0, 0, 0, true);
    EXPECT_EQ(chunk.dictionary_size, 3u);
    EXPECT_EQ(chunk.dictionary_pages, chunk.pages);
    EXPECT_GT(chunk.pages, 1);
    EXPECT_EQ(encoding_stats(meta),
              (std::vector<std::vector<int64_t>>{{2, 2, 1}, {0, 2, chunk.pages}}));
    for (int k = 0; k < 10000; ++k) {
      ASSERT_EQ(chunk.values[k], k % 4 == 3 ? std::nullopt : std::optional(words[k % 3])) << k;
    }
    EXPECT_EQ(meta.at(12).at(3).integer, 2500);  // null_count
    EXPECT_EQ(meta.at(12).at(6).binary, "a");
    EXPECT_EQ(meta.at(12).at(5).binary, "ccc");
  }
}

TEST(DictionaryTest, UniqueValuesFallBackToPlainAtTheFirstPage) {
  FlatColumn column{.name = "v", .type = PhysicalType::kInt64};
  std::string file = write_rows(
      column, {.page_size = 1024}, [](ColumnWriter& c, int k) { return c.write_int64(k); }, 1000);
  ParsedFile f = parse_file(file);
  const TValue& meta = f.footer.at(4).list[0].at(1).list[0].at(3);
  EXPECT_FALSE(meta.has(11));
  EXPECT_EQ(meta.at(9).integer, 4);
  EXPECT_EQ(integers(meta.at(2)), (std::vector<int64_t>{0}));
  ChunkPages chunk = read_chunk(f, 0, 0, 8, false);
  EXPECT_EQ(chunk.dictionary_pages, 0);
  EXPECT_EQ(chunk.values[999], plain<int64_t>(999));
}

TEST(DictionaryTest, DictionaryOverBudgetFallsBackMidChunk) {
  FlatColumn column{.name = "v", .type = PhysicalType::kInt32, .optional = true};
  // 3000 rows of 10 values (dictionary pages), then distinct values until the dictionary passes
  // 2000 bytes (500 entries): from that page on PLAIN; the dictionary page stays.
  auto value = [](ColumnWriter& c, int k) {
    if (k % 10 == 9) return c.write_null();
    return c.write_int32(k < 3000 ? k % 10 : k);
  };
  std::string file =
      write_rows(column, {.page_size = 1024, .dictionary_page_size = 2000}, value, 6000);
  ParsedFile f = parse_file(file);
  const TValue& meta = f.footer.at(4).list[0].at(1).list[0].at(3);
  ASSERT_TRUE(meta.has(11));
  EXPECT_EQ(integers(meta.at(2)), (std::vector<int64_t>{2, 0, 3}));  // every encoding used
  ChunkPages chunk = read_chunk(f, 0, 0, 4, true);
  EXPECT_GT(chunk.dictionary_pages, 0);
  EXPECT_LT(chunk.dictionary_pages, chunk.pages);
  auto stats = encoding_stats(meta);
  ASSERT_EQ(stats.size(), 3u);
  EXPECT_EQ(stats[1], (std::vector<int64_t>{0, 2, chunk.dictionary_pages}));
  EXPECT_EQ(stats[2], (std::vector<int64_t>{0, 0, chunk.pages - chunk.dictionary_pages}));
  for (int k = 0; k < 6000; ++k) {
    ASSERT_EQ(chunk.values[k],
              k % 10 == 9 ? std::nullopt : std::optional(plain<int32_t>(k < 3000 ? k % 10 : k)))
        << k;
  }
}

TEST(DictionaryTest, OneEntryDictionaryUsesWidthZero) {
  FlatColumn column{.name = "v", .type = PhysicalType::kDouble};
  std::string file = write_rows(
      column, {.codec = CompressionCodec::kUncompressed},
      [](ColumnWriter& c, int) { return c.write_double(1.5); }, 100);
  // The data page body: width 0, then one RLE run of 100 (header 200 = c8 01, no value bytes).
  EXPECT_NE(file.find(std::string("\x00\xc8\x01", 3)), std::string::npos);
  ParsedFile f = parse_file(file);
  ChunkPages chunk = read_chunk(f, 0, 0, 8, false);
  EXPECT_EQ(chunk.dictionary_size, 1u);
  EXPECT_EQ(chunk.values[99], plain(1.5));
}

TEST(DictionaryTest, EveryRowGroupHasItsOwnDictionary) {
  FlatColumn column{.name = "v", .type = PhysicalType::kInt32};
  std::string file = write_rows(
      column, {}, [](ColumnWriter& c, int k) { return c.write_int32(k < 100 ? k % 3 : 7); }, 200,
      100);
  ParsedFile f = parse_file(file);
  ASSERT_EQ(f.footer.at(4).list.size(), 2u);
  EXPECT_EQ(read_chunk(f, 0, 0, 4, false).dictionary_size, 3u);
  ChunkPages second = read_chunk(f, 1, 0, 4, false);
  EXPECT_EQ(second.dictionary_size, 1u);
  EXPECT_EQ(second.values[0], plain<int32_t>(7));
}

TEST(DictionaryTest, BooleanAndFixedAreNeverDictionaryEncoded) {
  FlatColumn fixed{.name = "v", .type = PhysicalType::kFixedLenByteArray, .type_length = 2};
  std::string file = write_rows(
      fixed, {}, [](ColumnWriter& c, int) { return c.write_bytes("ab"); }, 100);
  EXPECT_FALSE(parse_file(file).footer.at(4).list[0].at(1).list[0].at(3).has(11));
  FlatColumn flag{.name = "v", .type = PhysicalType::kBoolean};
  file = write_rows(
      flag, {}, [](ColumnWriter& c, int) { return c.write_bool(true); }, 100);
  EXPECT_FALSE(parse_file(file).footer.at(4).list[0].at(1).list[0].at(3).has(11));
}

}  // namespace
}  // namespace sluice::parquet
