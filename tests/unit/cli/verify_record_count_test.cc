// Counting records in objects Confluent's S3 sink 12.1.9 wrote (the recorded outputs of
// tests/golden) and in small made-up ones: JSON lines, ByteArray with a separator, Avro
// container blocks, the Parquet footer, gzip.
#include "cli/verify_record_count.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice::cli {
namespace {

// The values object of golden case `name`, partition 0, offset 0 (tests/golden/README.md).
std::string read_golden(const std::string& name, const std::string& extension) {
  const char* root = std::getenv("SLUICE_TEST_DATA");
  std::filesystem::path path = std::filesystem::path(root != nullptr ? root : "tests/data") / ".." /
                               "golden" / name / "expected" / ("golden-" + name) / "partition=0" /
                               ("golden-" + name + "+0+0000000000" + extension);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string gzip(std::string_view text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(VerifyRecordCount, ConfluentOutputs) {
  // flush.size 100 (JSON), 50 (Avro deflate, Parquet snappy), 40 (ByteArray, gzip, separator
  // \u001eEOR\r\n): the next object of each starts at that offset.
  Result<int64_t> n = count_records(".json.gz", read_golden("json-gzip-level9", ".json.gz"), "\n");
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 100);
  n = count_records(".avro", read_golden("avro-deflate", ".avro"), "\n");
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 50);
  n = count_records(".snappy.parquet", read_golden("parquet-snappy", ".snappy.parquet"), "\n");
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 50);
  n = count_records(".bin.gz", read_golden("bytearray-gzip-separator", ".bin.gz"),
                    "\x1e"
                    "EOR\r\n");
  ASSERT_TRUE(n.ok()) << n.status().message();
  // 40 records whose values hold the separator 7 more times: ByteArray counts are upper bounds.
  EXPECT_EQ(*n, 47);
  EXPECT_TRUE(count_is_upper_bound(".bin.gz"));
  EXPECT_FALSE(count_is_upper_bound(".json.gz"));
  EXPECT_FALSE(count_is_upper_bound(".snappy.parquet"));
  EXPECT_FALSE(count_is_upper_bound(".avro"));
}

TEST(VerifyRecordCount, JsonLinesAndByteArray) {
  EXPECT_EQ(*count_records(".json", "{\"a\":1}\n{\"a\":\"x\\ny\"}\n", "\n"), 2);
  EXPECT_EQ(*count_records(".json", "", "\n"), 0);
  EXPECT_EQ(*count_records(".bin", "ab||cd||", "||"), 2);
  EXPECT_EQ(*count_records(".raw", "a\nb\nc\n", "\n"), 3);
  EXPECT_FALSE(count_records(".bin", "abc", "").ok());
}

TEST(VerifyRecordCount, GzipMembersAndDamage) {
  std::string two = gzip("1\n2\n") + gzip("3\n");
  EXPECT_EQ(*count_records(".json.gz", two, "\n"), 3);
  std::string damaged = gzip("1\n2\n");
  damaged.resize(damaged.size() - 6);
  Result<int64_t> n = count_records(".json.gz", damaged, "\n");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kDataError);
  EXPECT_FALSE(count_records(".json.gz", "not gzip", "\n").ok());
}

TEST(VerifyRecordCount, BrokenAvroAndParquetAreDataErrors) {
  EXPECT_EQ(count_records(".avro", "Obj\x01junk", "\n").status().code(), StatusCode::kDataError);
  EXPECT_EQ(count_records(".parquet", "PAR1xxxxxxxxPAR1", "\n").status().code(),
            StatusCode::kDataError);
  std::string parquet = read_golden("parquet-snappy", ".snappy.parquet");
  EXPECT_FALSE(count_records(".parquet", parquet.substr(0, parquet.size() / 2), "\n").ok());
}

}  // namespace
}  // namespace sluice::cli
