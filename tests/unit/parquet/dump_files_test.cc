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
//   nested.parquet            kNestedRows rows of structs, lists (2- and 3-level, empty, null,
//                             null elements, lists of lists, lists of structs) and maps, small
//                             pages and row groups (nested_row(k) in the Python test)
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
      {CompressionCodec::kZstd, "zstd"},
      {CompressionCodec::kLz4Raw, "lz4_raw"},
      {CompressionCodec::kLz4, "lz4"}};
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

constexpr int kNestedRows = 3000;

std::vector<SchemaNode> nested_fields() {
  using R = Repetition;
  auto text = [](std::string name, R r) {
    return SchemaNode::leaf(std::move(name), r, PhysicalType::kByteArray,
                            LogicalType::of(Kind::kString));
  };
  auto leaf = [](std::string name, R r, PhysicalType t) { return SchemaNode::leaf(name, r, t); };
  return {
      leaf("id", R::kRequired, PhysicalType::kInt64),
      SchemaNode::legacy_list("tags", R::kOptional, text("x", R::kRequired)),
      SchemaNode::three_level_list("scores", R::kOptional,
                                   leaf("x", R::kOptional, PhysicalType::kInt32)),
      SchemaNode::map("attrs", R::kOptional, leaf("x", R::kOptional, PhysicalType::kInt64)),
      SchemaNode::group(
          "address", R::kOptional,
          {text("city", R::kRequired), leaf("zip", R::kOptional, PhysicalType::kInt32)}),
      SchemaNode::legacy_list("items", R::kRequired,
                              SchemaNode::group("item", R::kRequired,
                                                {leaf("id", R::kRequired, PhysicalType::kInt64),
                                                 text("note", R::kOptional)})),
      SchemaNode::legacy_list(
          "matrix", R::kRequired,
          SchemaNode::legacy_list("x", R::kRequired,
                                  leaf("x", R::kRequired, PhysicalType::kInt32))),
  };
}

// Row k of nested.parquet, shredded by hand into the 10 leaf columns; the Python test's
// nested_row(k) must stay in step.
Status write_nested_row(FileWriter& w, int k) {
  Status s;
  auto put = [&](Status next) {
    if (s.ok()) s = std::move(next);
  };
  // The repetition level of element i of a list whose first element continues at `first`.
  auto at = [](int i, int16_t first, int16_t level) { return i == 0 ? first : level; };
  put(w.column(0).write_int64(k));
  // tags: null when k % 5 == 0, else k % 4 strings.
  if (k % 5 == 0) {
    put(w.column(1).write_absent(0));
  } else if (k % 4 == 0) {
    put(w.column(1).write_absent(1));
  }
  for (int i = 0; k % 5 != 0 && i < k % 4; ++i) {
    put(w.column(1)
            .repeat(at(i, 0, 1))
            .write_bytes("t" + std::to_string(k) + "-" + std::to_string(i)));
  }
  // scores: null when k % 7 == 0, else k % 5 ints, null where (k + i) % 3 == 0.
  if (k % 7 == 0) {
    put(w.column(2).write_absent(0));
  } else if (k % 5 == 0) {
    put(w.column(2).write_absent(1));
  }
  for (int i = 0; k % 7 != 0 && i < k % 5; ++i) {
    ColumnWriter& c = w.column(2).repeat(at(i, 0, 1));
    put((k + i) % 3 == 0 ? c.write_null() : c.write_int32(k * 10 + i));
  }
  // attrs: null when k % 6 == 0, else k % 3 entries "k<i>" -> k * 100 + i, null where
  // (k + i) % 4 == 0.
  if (k % 6 == 0 || k % 3 == 0) {
    int16_t def = k % 6 == 0 ? 0 : 1;
    put(w.column(3).write_absent(def));
    put(w.column(4).write_absent(def));
  }
  for (int i = 0; k % 6 != 0 && i < k % 3; ++i) {
    put(w.column(3).repeat(at(i, 0, 1)).write_bytes("k" + std::to_string(i)));
    ColumnWriter& v = w.column(4).repeat(at(i, 0, 1));
    put((k + i) % 4 == 0 ? v.write_null() : v.write_int64(int64_t{k} * 100 + i));
  }
  // address: null when k % 4 == 3, else {city "c<k % 10>", zip null when k is odd else 1000 + k}.
  if (k % 4 == 3) {
    put(w.column(5).write_absent(0));
    put(w.column(6).write_absent(0));
  } else {
    put(w.column(5).write_bytes("c" + std::to_string(k % 10)));
    put(k % 2 ? w.column(6).write_null() : w.column(6).write_int32(1000 + k));
  }
  // items: k % 3 structs {id 2k + i, note null when i is odd else "n<k>"}.
  if (k % 3 == 0) {
    put(w.column(7).write_absent(0));
    put(w.column(8).write_absent(0));
  }
  for (int i = 0; i < k % 3; ++i) {
    put(w.column(7).repeat(at(i, 0, 1)).write_int64(int64_t{k} * 2 + i));
    ColumnWriter& note = w.column(8).repeat(at(i, 0, 1));
    put(i % 2 ? note.write_null() : note.write_bytes("n" + std::to_string(k)));
  }
  // matrix: k % 4 lists, list i holding k + j for j < i (the first one empty).
  if (k % 4 == 0) put(w.column(9).write_absent(0));
  for (int i = 0; i < k % 4; ++i) {
    if (i == 0) put(w.column(9).repeat(at(i, 0, 1)).write_absent(1));
    for (int j = 0; j < i; ++j) {
      put(w.column(9).repeat(j == 0 ? 1 : 2).write_int32(k + j));
    }
  }
  put(w.end_row());
  return s;
}

TEST_F(DumpFilesTest, Nested) {
  auto schema = NestedSchema::make("sluice.test.Nested", nested_fields());
  ASSERT_TRUE(schema.ok()) << schema.status().to_string();
  StringByteSink sink;
  auto writer = FileWriter::open(
      std::move(schema).value(),
      {.codec = CompressionCodec::kSnappy, .page_size = 1024, .row_group_size = 32 * 1024}, sink);
  ASSERT_TRUE(writer.ok());
  for (int k = 0; k < kNestedRows; ++k) ASSERT_TRUE(write_nested_row(**writer, k).ok()) << k;
  ASSERT_TRUE((*writer)->close().ok());
  save("nested.parquet", sink.data());
}

}  // namespace
}  // namespace sluice::parquet
