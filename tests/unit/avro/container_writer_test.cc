// Container files compared byte for byte with known vectors (the 173-byte one-record file) and with
// files Avro 1.11.4's Java DataFileWriter wrote (tests/data/avro/java, made by
// generator/ContainerVectors.java with the sync marker 00 01 .. 0f).
#include "avro/container_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>

#include "avro/container_reader.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::hex;
using testing::MixedRecords;
using testing::parse_or_die;
using testing::read_file;
using testing::unhex;

constexpr std::string_view kTestSchema =
    R"({"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]})";

SyncMarker counting_sync() {
  SyncMarker sync;
  for (size_t i = 0; i < SyncMarker::kSize; ++i) sync.bytes[i] = static_cast<uint8_t>(i);
  return sync;
}

ContainerWriterOptions fixed_sync(CodecId codec) {
  ContainerWriterOptions options;
  options.codec = codec;
  options.sync_marker = counting_sync();
  return options;
}

std::string java_file(std::string_view name) {
  return read_file(testing::data_dir() / "java" / name);
}

// The one-record file: {a: 27, b: "foo"}, sync marker 00 01 .. 0f.
std::string write_simple(CodecId codec) {
  SchemaPtr schema = parse_or_die(kTestSchema);
  StringByteSink sink;
  auto writer = ContainerWriter::create(*schema, sink, fixed_sync(codec));
  EXPECT_TRUE(writer.ok()) << writer.status().to_string();
  Encoder e = (*writer)->encoder();
  e.write_long(27);
  e.write_string("foo");
  EXPECT_TRUE((*writer)->datum_appended().ok());
  EXPECT_TRUE((*writer)->close().ok());
  return sink.take();
}

std::string write_mixed(CodecId codec, int records, size_t sync_interval, int flush_after) {
  SchemaPtr schema = parse_or_die(testing::kMixedSchema);
  StringByteSink sink;
  ContainerWriterOptions options = fixed_sync(codec);
  options.sync_interval = sync_interval;
  auto writer = ContainerWriter::create(*schema, sink, options);
  EXPECT_TRUE(writer.ok()) << writer.status().to_string();
  MixedRecords generator;
  for (int k = 0; k < records; ++k) {
    Encoder e = (*writer)->encoder();
    generator.encode(e, k);
    EXPECT_TRUE((*writer)->datum_appended().ok());
    if (k + 1 == flush_after) {
      EXPECT_TRUE((*writer)->flush().ok());
    }
  }
  EXPECT_TRUE((*writer)->close().ok());
  return sink.take();
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[32];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string out = hex(std::string_view(reinterpret_cast<char*>(digest), length));
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

TEST(ContainerWriterTest, NullCodecOneRecordFile) {
  EXPECT_EQ(write_simple(CodecId::kNull), unhex(R"(4f 62 6a 01 04 16 61 76 72 6f 2e 73 63 68 65 6d
                     61 c4 01 7b 22 74 79 70 65 22 3a 22 72 65 63 6f
                     72 64 22 2c 22 6e 61 6d 65 22 3a 22 74 65 73 74
                     22 2c 22 66 69 65 6c 64 73 22 3a 5b 7b 22 6e 61
                     6d 65 22 3a 22 61 22 2c 22 74 79 70 65 22 3a 22
                     6c 6f 6e 67 22 7d 2c 7b 22 6e 61 6d 65 22 3a 22
                     62 22 2c 22 74 79 70 65 22 3a 22 73 74 72 69 6e
                     67 22 7d 5d 7d 14 61 76 72 6f 2e 63 6f 64 65 63
                     08 6e 75 6c 6c 00 00 01 02 03 04 05 06 07 08 09
                     0a 0b 0c 0d 0e 0f 02 0a 36 06 66 6f 6f 00 01 02
                     03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f)"));
}

TEST(ContainerWriterTest, DeflateAndSnappyOneRecordBlocks) {
  std::string deflate = write_simple(CodecId::kDeflate);
  EXPECT_THAT(hex(deflate), HasSubstr("0e 64 65 66 6c 61 74 65 00 00 01"));  // "deflate", end, sync
  EXPECT_THAT(hex(deflate),
              ::testing::EndsWith("0f 02 0e 33 63 4b cb cf 07 00 00 01 02 03 04 05 06 "
                                  "07 08 09 0a 0b 0c 0d 0e 0f"));
  std::string snappy = write_simple(CodecId::kSnappy);
  EXPECT_THAT(hex(snappy),
              ::testing::EndsWith("0f 02 16 05 10 36 06 66 6f 6f be 1a 59 d4 00 01 02 03 "
                                  "04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"));
}

// Deflate and snappy bytes hold for bookworm's zlib 1.2.13 and libsnappy 1.1.9 (the versions the
// project builds with); another library version may compress differently.
TEST(ContainerWriterTest, SameBytesAsJavaForNullDeflateAndSnappy) {
  EXPECT_EQ(write_simple(CodecId::kNull), java_file("simple-null.avro"));
  EXPECT_EQ(write_simple(CodecId::kDeflate), java_file("simple-deflate.avro"));
  EXPECT_EQ(write_simple(CodecId::kSnappy), java_file("simple-snappy.avro"));
  // Several blocks (sync interval 1024 and a flush after 10 records).
  EXPECT_EQ(write_mixed(CodecId::kNull, 120, 1024, 10), java_file("mixed-null.avro"));
  EXPECT_EQ(write_mixed(CodecId::kDeflate, 120, 1024, 10), java_file("mixed-deflate.avro"));
  EXPECT_EQ(write_mixed(CodecId::kSnappy, 120, 1024, 10), java_file("mixed-snappy.avro"));
}

TEST(ContainerWriterTest, SameBytesAsJavaAtTheDefaultSyncInterval) {
  // ContainerVectors.java: 3000 records at 64,000 bytes per block; Java's sizes and SHA-256.
  std::string null_file = write_mixed(CodecId::kNull, 3000, kDefaultSyncInterval, -1);
  EXPECT_EQ(null_file.size(), 262958u);
  EXPECT_EQ(sha256_hex(null_file),
            "7f1f23a0f549eec6ddfd52cd47bddedbea6e9d13ab7c301076a97f68c16ed518");
  std::string deflate_file = write_mixed(CodecId::kDeflate, 3000, kDefaultSyncInterval, -1);
  EXPECT_EQ(deflate_file.size(), 129749u);
  EXPECT_EQ(sha256_hex(deflate_file),
            "840aafc8eef76098b89c6dd7fb5e79cc1fc6d335b6394a4abcd37035cd9f7edb");
}

TEST(ContainerWriterTest, OtherCodecsShareJavasHeaderAndBlockLayout) {
  // bzip2, xz and zstandard bytes depend on the library build; the header and the per-block
  // object counts and uncompressed contents must still be Java's.
  for (CodecId codec : {CodecId::kBzip2, CodecId::kXz, CodecId::kZstandard}) {
    SCOPED_TRACE(codec_name(codec));
    std::string ours = write_mixed(codec, 120, 1024, 10);
    std::string java = java_file("mixed-" + std::string(codec_name(codec)) + ".avro");
    auto our_reader = ContainerReader::open(ours);
    auto java_reader = ContainerReader::open(java);
    ASSERT_TRUE(our_reader.ok() && java_reader.ok());
    EXPECT_EQ(ours.substr(0, (*our_reader)->header_size()),
              java.substr(0, (*java_reader)->header_size()));
    for (;;) {
      auto a = (*our_reader)->next_block();
      ASSERT_TRUE(a.ok()) << a.status().to_string();
      std::string our_data = *a ? std::string((*a)->data) : "";
      auto b = (*java_reader)->next_block();
      ASSERT_TRUE(b.ok()) << b.status().to_string();
      ASSERT_EQ(a->has_value(), b->has_value());
      if (!*a) break;
      EXPECT_EQ((*a)->count, (*b)->count);
      EXPECT_EQ(our_data, (*b)->data);
    }
  }
}

TEST(ContainerWriterTest, ExtraMetadataInJavasHashMapOrder) {
  SchemaPtr schema = parse_or_die(kTestSchema);
  for (int n : {1, 3, 11, 12, 20}) {
    SCOPED_TRACE(n);
    ContainerWriterOptions options = fixed_sync(CodecId::kDeflate);
    for (int i = 0; i < n; ++i) {
      std::string key = i % 4 == 1   ? "sluice.\xc3\xa9" + std::to_string(i)
                        : i % 4 == 2 ? "Aa" + std::to_string(i)
                                     : "k" + std::to_string(i);
      options.metadata.emplace_back(key, "v" + key);
    }
    StringByteSink sink;
    auto writer = ContainerWriter::create(*schema, sink, options);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->close().ok());
    EXPECT_EQ(sink.data(), java_file("metadata-" + std::to_string(n) + ".avro"));
  }
}

TEST(ContainerWriterTest, JavaHashMapOrder) {
  // tests/data/avro/generator/HashMapOrder.java: 8 and 9 keys sharing one hash among others (the
  // 9th makes HashMap grow its table instead of building a tree bin). With 10, Java builds a tree
  // bin whose root comes first (AaAaBBBB,AaAaAaAa,...), which java_hash_map_order does not model.
  const std::vector<std::string> colliding = {"AaAaAaAa", "AaAaAaBB", "AaAaBBAa",
                                              "AaAaBBBB", "AaBBAaAa", "AaBBAaBB",
                                              "AaBBBBAa", "AaBBBBBB", "BBAaAaAa"};
  const std::string expected[] = {
      "key1,key2,key0,key5,key6,key3,key4,z\xc3\xa9\xf0\x9f\x98\x80,key9,AaAaAaAa,AaAaAaBB,"
      "AaAaBBAa,"
      "AaAaBBBB,AaBBAaAa,AaBBAaBB,AaBBBBAa,AaBBBBBB,key7,key8,key11,key10,key13,key12",
      "key1,key2,key0,key5,key6,key3,key4,z\xc3\xa9\xf0\x9f\x98\x80,key9,AaAaAaAa,AaAaAaBB,"
      "AaAaBBAa,"
      "AaAaBBBB,AaBBAaAa,AaBBAaBB,AaBBBBAa,AaBBBBBB,BBAaAaAa,key7,key8,key13,key12,key11,key10"};
  for (size_t variant = 0; variant < 2; ++variant) {
    size_t n = 8 + variant;
    std::vector<std::string> keys;
    for (size_t i = 0; i < 14; ++i) {
      keys.push_back("key" + std::to_string(i));
      if (i < n) keys.push_back(colliding[i]);
    }
    keys.push_back("z\xc3\xa9\xf0\x9f\x98\x80");
    std::vector<std::string_view> views(keys.begin(), keys.end());
    std::string order;
    for (size_t i : java_hash_map_order(views)) order += (order.empty() ? "" : ",") + keys[i];
    EXPECT_EQ(order, expected[variant]);
  }
  EXPECT_THAT(java_hash_map_order({"avro.codec", "avro.schema"}), ElementsAre(1, 0));
  EXPECT_THAT(java_hash_map_order({"a", "b", "a"}), ElementsAre(0, 1));
}

TEST(ContainerWriterTest, BlocksAreCutAtTheSyncIntervalAndNeverEmpty) {
  SchemaPtr schema = parse_or_die(R"("string")");
  StringByteSink sink;
  ContainerWriterOptions options = fixed_sync(CodecId::kNull);
  options.sync_interval = 32;
  auto writer = ContainerWriter::create(*schema, sink, options);
  ASSERT_TRUE(writer.ok());
  ContainerWriter& w = **writer;
  size_t header = sink.data().size();
  EXPECT_EQ(w.bytes_written(), header);
  EXPECT_TRUE(w.flush().ok());  // nothing buffered: nothing written
  EXPECT_EQ(sink.data().size(), header);
  EXPECT_TRUE(w.append_encoded(std::string(1, '\x3c') + std::string(30, 'x')).ok());  // 31 bytes
  EXPECT_EQ(w.buffered_bytes(), 31u);
  EXPECT_EQ(w.blocks_written(), 0u);
  EXPECT_TRUE(w.append_encoded(std::string("\x00", 1)).ok());  // reaches 32: block cut
  EXPECT_EQ(w.blocks_written(), 1u);
  EXPECT_EQ(w.buffered_bytes(), 0u);
  EXPECT_EQ(sink.data().substr(header, 2), "\x04\x40");  // 2 objects, 32 bytes
  EXPECT_TRUE(w.close().ok());
  EXPECT_TRUE(w.close().ok());
  EXPECT_EQ(w.blocks_written(), 1u);
  EXPECT_EQ(w.datums_written(), 2u);
  EXPECT_EQ(w.bytes_written(), sink.data().size());
  EXPECT_EQ(w.append_encoded("\x02x").code(), StatusCode::kFatal);
}

TEST(ContainerWriterTest, APartlyEncodedDatumCanBeDropped) {
  SchemaPtr schema = parse_or_die(kTestSchema);
  StringByteSink sink;
  auto writer = ContainerWriter::create(*schema, sink, fixed_sync(CodecId::kNull));
  ASSERT_TRUE(writer.ok());
  size_t mark = (*writer)->buffered_bytes();
  (*writer)->encoder().write_long(99);  // the string could not be encoded: drop the long
  (*writer)->truncate_block(mark);
  Encoder e = (*writer)->encoder();
  e.write_long(27);
  e.write_string("foo");
  ASSERT_TRUE((*writer)->datum_appended().ok());
  ASSERT_TRUE((*writer)->close().ok());
  EXPECT_EQ(sink.data(), java_file("simple-null.avro"));
}

TEST(ContainerWriterTest, OptionsAreChecked) {
  SchemaPtr schema = parse_or_die(kTestSchema);
  StringByteSink sink;
  ContainerWriterOptions small;
  small.sync_interval = 31;
  EXPECT_EQ(ContainerWriter::create(*schema, sink, small).status().code(),
            StatusCode::kInvalidArgument);
  ContainerWriterOptions reserved;
  reserved.metadata.emplace_back("avro.x", "y");
  EXPECT_THAT(ContainerWriter::create(*schema, sink, reserved).status().message(),
              HasSubstr("reserved metadata key avro.x"));
  ContainerWriterOptions level;
  level.codec = CodecId::kDeflate;
  level.compression_level = 11;
  EXPECT_EQ(ContainerWriter::create(*schema, sink, level).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(sink.data().empty());
}

TEST(ContainerWriterTest, SyncMarkersAreRandomPerFileByDefault) {
  SchemaPtr schema = parse_or_die(kTestSchema);
  StringByteSink a, b;
  auto first = ContainerWriter::create(*schema, a);
  auto second = ContainerWriter::create(*schema, b);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE((*first)->sync_marker(), (*second)->sync_marker());
  EXPECT_EQ(a.data().substr(a.data().size() - 16), (*first)->sync_marker().view());
}

TEST(ContainerWriterTest, HeaderKeepsAGivenSchemaText) {
  StringByteSink sink;
  auto writer =
      ContainerWriter::create_with_schema_json(R"("long")", sink, fixed_sync(CodecId::kNull));
  ASSERT_TRUE(writer.ok());
  auto reader = ContainerReader::open(sink.data());
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema_json(), R"("long")");
}

}  // namespace
}  // namespace sluice::avro
