// Compression stage (compressor.h, gzip_compressor.h).
//
// Goldens: confluent-s3-sink.md §4.3 for "hello\n"; the other byte strings were produced with
// OpenJDK 17 (system zlib 1.2.13, as here) by `new GZIPOutputStream(out, 8192) {{
// def.setLevel(level); }}`, writing the input and calling finish() — the Java connector's stream.
#include "format/compressor.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <string_view>
#include <vector>

#include "format/format_test_support.h"
#include "format/gzip_compressor.h"
#include "format/string_byte_sink.h"

namespace sluice::format {
namespace {

using testing::to_hex;
using testing::unhex;

constexpr std::string_view kJavaCorpusDefault =
    "1f8b08000000000000ff6d944b6a43410c04f73ec6ac1d187d6624bddb18f20221b10376bc32be7b2084c034"
    "bd2fd4d025e9d1de5fdbd68fed723aef6d6bf7db7e7de9edd8be3edaf67dbdefcfc3e317911529a93fe8edf4"
    "79fba774a5d29251b652318204fa0acd986cd458a951835113287112182be4666c54ae940d6554ad9486b04a"
    "a176a9ce6609542f9d562fd0bd268b84eacb83ce82f273d2f205da8f1c2c13da8fee7418f43f95f62f2060b8"
    "b24c10e053e8ba82014b6a40c18056914c450142975f41811855a0a0604c1609022ae8fa2b18c8a206140ca4"
    "18cb040161f402140ccc410d181818c19e8f81004f7a020606bcf3f703064cd9ff3110a04e6fc040814caac0"
    "5001fb400602e80118f45f4afbb7c2c0f505fd00c87f6a82f9050000";

constexpr std::string_view kJavaCorpusLevel1 =
    "1f8b08000000000000ff6dd1cb4a43510c85e1b98fb1c71576927dcb799b8247106fd0da51f1dd0b6aa46b91"
    "79c882ffbb9697a7b2d543f938beef652b97f37e7aace5503e5fcbf675baecdf0fd79f13c11317ff3b7a3ebe"
    "9dffaf14af96adeccaf06af6990c363c1a7364af3a5e75efd9d5a02b69c9e0c4a36696bd5a78655db32bc72b"
    "9d920c0a65178ff0d05428bdd434bd507b8df4a048e9bd457a9ca4f86ba4f185eacf15f56193eacf1af57193"
    "fa0f4dfb0b01f41600b049006d04006c2a09d84a059404d443e07e53194042003789402c255022e821009304"
    "e0330070920496a7024a024b42003609605a00e026098c9e0a1809f41902f79b46006d05006c1a09b49a0a18"
    "099886006c1280b610c04d22909112181384004c1240e4c741eaef9af637eabf5af4ff5dbc01c87f6a82f905"
    "0000";

constexpr std::string_view kJavaCorpusLevel9 =
    "1f8b08000000000000ff6d944b6a43410c04f73ec6ac1d187d6624bddb18f20221b10376bc32be7b2084c034"
    "bd2fd4d025e9d1de5fdbd68fed723aef6d6bf7db7e7de9edd8be3edaf67dbdefcfc3e317911529a93fe8edf4"
    "79fba774a5d29251b652318204fa0acd986cd458a951835113287112182be4666c54ae940d6554ad9486b04a"
    "a176a9ce6609542f9d562fd0bd268b84eacb83ce82f273d2f205da8f1c2c13da8fee7418f43f95f62f2060b8"
    "b24c10e053e8ba82014b6a40c18056914c450142975f41811855a0a0604c1609022ae8fa2b18c8a206140ca4"
    "18cb040161f402140ccc410d181818c19e8f81004f7a020606bcf3f703064cd9ff3110a04e6fc040814caac0"
    "5001fb400602e80118f45f4afbb7c2c0f505fd00c87f6a82f9050000";

constexpr std::string_view kJavaCorpusLevel0 =
    "1f8b08000000000000ff01f90506fa7b226964223a302c226e616d65223a22757365722d30222c226f6b223a"
    "747275657d0a7b226964223a312c226e616d65223a22757365722d393139222c226f6b223a66616c73657d0a"
    "7b226964223a322c226e616d65223a22757365722d383338222c226f6b223a66616c73657d0a7b226964223a"
    "332c226e616d65223a22757365722d373537222c226f6b223a747275657d0a7b226964223a342c226e616d65"
    "223a22757365722d363736222c226f6b223a66616c73657d0a7b226964223a352c226e616d65223a22757365"
    "722d353935222c226f6b223a66616c73657d0a7b226964223a362c226e616d65223a22757365722d35313422"
    "2c226f6b223a747275657d0a7b226964223a372c226e616d65223a22757365722d343333222c226f6b223a66"
    "616c73657d0a7b226964223a382c226e616d65223a22757365722d333532222c226f6b223a66616c73657d0a"
    "7b226964223a392c226e616d65223a22757365722d323731222c226f6b223a747275657d0a7b226964223a31"
    "302c226e616d65223a22757365722d313930222c226f6b223a66616c73657d0a7b226964223a31312c226e61"
    "6d65223a22757365722d313039222c226f6b223a66616c73657d0a7b226964223a31322c226e616d65223a22"
    "757365722d3238222c226f6b223a747275657d0a7b226964223a31332c226e616d65223a22757365722d3934"
    "37222c226f6b223a66616c73657d0a7b226964223a31342c226e616d65223a22757365722d383636222c226f"
    "6b223a66616c73657d0a7b226964223a31352c226e616d65223a22757365722d373835222c226f6b223a7472"
    "75657d0a7b226964223a31362c226e616d65223a22757365722d373034222c226f6b223a66616c73657d0a7b"
    "226964223a31372c226e616d65223a22757365722d363233222c226f6b223a66616c73657d0a7b226964223a"
    "31382c226e616d65223a22757365722d353432222c226f6b223a747275657d0a7b226964223a31392c226e61"
    "6d65223a22757365722d343631222c226f6b223a66616c73657d0a7b226964223a32302c226e616d65223a22"
    "757365722d333830222c226f6b223a66616c73657d0a7b226964223a32312c226e616d65223a22757365722d"
    "323939222c226f6b223a747275657d0a7b226964223a32322c226e616d65223a22757365722d323138222c22"
    "6f6b223a66616c73657d0a7b226964223a32332c226e616d65223a22757365722d313337222c226f6b223a66"
    "616c73657d0a7b226964223a32342c226e616d65223a22757365722d3536222c226f6b223a747275657d0a7b"
    "226964223a32352c226e616d65223a22757365722d393735222c226f6b223a66616c73657d0a7b226964223a"
    "32362c226e616d65223a22757365722d383934222c226f6b223a66616c73657d0a7b226964223a32372c226e"
    "616d65223a22757365722d383133222c226f6b223a747275657d0a7b226964223a32382c226e616d65223a22"
    "757365722d373332222c226f6b223a66616c73657d0a7b226964223a32392c226e616d65223a22757365722d"
    "363531222c226f6b223a66616c73657d0a7b226964223a33302c226e616d65223a22757365722d353730222c"
    "226f6b223a747275657d0a7b226964223a33312c226e616d65223a22757365722d343839222c226f6b223a66"
    "616c73657d0a7b226964223a33322c226e616d65223a22757365722d343038222c226f6b223a66616c73657d"
    "0a7b226964223a33332c226e616d65223a22757365722d333237222c226f6b223a747275657d0a7b22696422"
    "3a33342c226e616d65223a22757365722d323436222c226f6b223a66616c73657d0a7b226964223a33352c22"
    "6e616d65223a22757365722d313635222c226f6b223a66616c73657d0a7b226964223a33362c226e616d6522"
    "3a22757365722d3834222c226f6b223a747275657d0a7b226964223a33372c226e616d65223a22757365722d"
    "33222c226f6b223a66616c73657d0a7b226964223a33382c226e616d65223a22757365722d393232222c226f"
    "6b223a66616c73657d0a7b226964223a33392c226e616d65223a22757365722d383431222c226f6b223a7472"
    "75657d0ac87f6a82f9050000";

// 40 JSON lines, ~1.4 KB (the input of the kJavaCorpus* goldens).
std::string small_corpus() {
  std::string s;
  for (int i = 0; i < 40; ++i) {
    s += "{\"id\":" + std::to_string(i) + ",\"name\":\"user-" + std::to_string(i * 7919 % 1000) +
         "\",\"ok\":" + (i % 3 == 0 ? "true" : "false") + "}\n";
  }
  return s;
}

// 2000 records as the Java JSON writer hands them to the stream: value, then "\n" (61890 bytes).
std::vector<std::string> big_corpus_writes() {
  std::vector<std::string> writes;
  const std::string letters = "abcdefghij";
  for (int i = 0; i < 2000; ++i) {
    writes.push_back("{\"seq\":" + std::to_string(i) + ",\"payload\":\"" + letters.substr(i % 10) +
                     "\"}");
    writes.push_back("\n");
  }
  return writes;
}

std::string gzip(int level, const std::vector<std::string>& writes) {
  StringByteSink sink;
  auto compressor = GzipCompressor::create(level, sink);
  EXPECT_TRUE(compressor.ok()) << compressor.status().to_string();
  for (const std::string& w : writes) EXPECT_TRUE((*compressor)->write(w).ok());
  EXPECT_TRUE((*compressor)->finish().ok());
  return sink.data();
}

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const std::string& p : parts) s += p;
  return s;
}

uint32_t crc_of(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

// An independent reader: zlib's own gzip decoder.
std::string gunzip(std::string_view gz) {
  z_stream s{};
  EXPECT_EQ(inflateInit2(&s, 16 + MAX_WBITS), Z_OK);
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  s.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[4096];
  int rc;
  do {
    s.next_out = reinterpret_cast<Bytef*>(buf);
    s.avail_out = sizeof(buf);
    rc = inflate(&s, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - s.avail_out);
  } while (rc == Z_OK);
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(s.avail_in, 0u) << "trailing bytes after the gzip member";
  inflateEnd(&s);
  return out;
}

TEST(GzipCompressorTest, HelloMatchesSpecGolden) {
  // §4.3: header 1f 8b 08 00 00000000 00 ff, deflate cb 48 cd c9 c9 e7 02 00, CRC 20 30 3a 36,
  // ISIZE 06 00 00 00.
  EXPECT_EQ(to_hex(gzip(-1, {"hello\n"})),
            "1f8b08000000000000ff"
            "cb48cdc9c9e70200"
            "20303a36"
            "06000000");
}

TEST(GzipCompressorTest, EmptyStreamMatchesJava) {
  EXPECT_EQ(to_hex(gzip(-1, {})), "1f8b08000000000000ff03000000000000000000");
}

TEST(GzipCompressorTest, LevelsMatchJavaGzipOutputStream) {
  const std::string corpus = small_corpus();
  EXPECT_EQ(to_hex(gzip(-1, {corpus})), kJavaCorpusDefault);
  EXPECT_EQ(to_hex(gzip(6, {corpus})), kJavaCorpusDefault);
  EXPECT_EQ(to_hex(gzip(1, {corpus})), kJavaCorpusLevel1);
  EXPECT_EQ(to_hex(gzip(9, {corpus})), kJavaCorpusLevel9);
  EXPECT_EQ(to_hex(gzip(0, {corpus})), kJavaCorpusLevel0);
}

// XFL stays 0 and OS 0xff at every level (zlib's own gzip wrapper would write 2/4 and 3).
TEST(GzipCompressorTest, HeaderIsFixedAtEveryLevel) {
  for (int level = -1; level <= 9; ++level) {
    EXPECT_EQ(to_hex(gzip(level, {"x"}).substr(0, 10)), "1f8b08000000000000ff") << level;
  }
}

// Java writes through Z_NO_FLUSH only, so how the input is split must not matter (levels 1-9).
TEST(GzipCompressorTest, StreamingEqualsOneShot) {
  const std::vector<std::string> writes = big_corpus_writes();
  const std::string all = join(writes);
  for (int level = 1; level <= 9; ++level) {
    std::string one_shot = gzip(level, {all});
    EXPECT_EQ(gzip(level, writes), one_shot) << "level " << level;
    // Odd slice sizes, including single bytes and slices that straddle the 8 KiB output buffer.
    std::vector<std::string> slices;
    size_t sizes[] = {1, 7, 8192, 3, 100000, 513};
    for (size_t pos = 0, k = 0; pos < all.size(); ++k) {
      size_t n = sizes[k % 6];
      slices.push_back(all.substr(pos, n));
      pos += n;
    }
    EXPECT_EQ(gzip(level, slices), one_shot) << "level " << level;
    EXPECT_EQ(gunzip(one_shot), all);
  }
}

// Large input at the default level, written record by record as the Java writer does:
// OpenJDK 17 gave 5445 bytes with CRC32 5bb4c036 both chunked and in one write.
TEST(GzipCompressorTest, LargeInputMatchesJava) {
  const std::vector<std::string> writes = big_corpus_writes();
  std::string out = gzip(6, writes);
  EXPECT_EQ(out.size(), 5445u);
  EXPECT_EQ(crc_of(out), 0x5bb4c036u);
}

// Level 0 writes stored blocks whose boundaries follow the writes, in Java too: the same input
// gave different bytes (same length) when written in one call (CRC32 a3613769) and record by
// record (CRC32 151599c6). Mirroring Java's deflate loop reproduces both.
TEST(GzipCompressorTest, LevelZeroFollowsJavaWriteBoundaries) {
  const std::vector<std::string> writes = big_corpus_writes();
  std::string chunked = gzip(0, writes);
  std::string one_shot = gzip(0, {join(writes)});
  EXPECT_EQ(chunked.size(), 61918u);
  EXPECT_EQ(crc_of(chunked), 0x151599c6u);
  EXPECT_EQ(one_shot.size(), 61918u);
  EXPECT_EQ(crc_of(one_shot), 0xa3613769u);
  EXPECT_EQ(gunzip(chunked), join(writes));
}

TEST(GzipCompressorTest, ReportsBoundarySensitivityOnlyAtLevelZero) {
  StringByteSink sink;
  for (int level = -1; level <= 9; ++level) {
    auto compressor = GzipCompressor::create(level, sink);
    ASSERT_TRUE(compressor.ok());
    EXPECT_EQ((*compressor)->output_depends_on_write_boundaries(), level == 0) << level;
  }
}

TEST(GzipCompressorTest, CountsBytesAndFinishesOnce) {
  StringByteSink sink;
  auto compressor = GzipCompressor::create(-1, sink);
  ASSERT_TRUE(compressor.ok());
  EXPECT_EQ((*compressor)->bytes_out(), 10u);  // the header is written at creation, as in Java
  ASSERT_TRUE((*compressor)->write("hello\n").ok());
  ASSERT_TRUE((*compressor)->write("").ok());
  EXPECT_EQ((*compressor)->bytes_in(), 6u);
  ASSERT_TRUE((*compressor)->finish().ok());
  ASSERT_TRUE((*compressor)->finish().ok());
  EXPECT_EQ((*compressor)->bytes_out(), sink.data().size());
  EXPECT_EQ(sink.data().size(), 26u);
  EXPECT_EQ((*compressor)->write("more").code(), StatusCode::kFatal);
}

TEST(GzipCompressorTest, RejectsLevelOutOfRange) {
  StringByteSink sink;
  EXPECT_EQ(GzipCompressor::create(10, sink).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(GzipCompressor::create(-2, sink).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(sink.data().empty());
}

TEST(CompressorTest, NoneIsPassThrough) {
  StringByteSink sink;
  auto compressor = make_compressor(CompressionType::kNone, -1, sink);
  ASSERT_TRUE(compressor.ok());
  ASSERT_TRUE((*compressor)->write("abc").ok());
  ASSERT_TRUE((*compressor)->write("").ok());
  ASSERT_TRUE((*compressor)->write("\n").ok());
  ASSERT_TRUE((*compressor)->finish().ok());
  EXPECT_EQ(sink.data(), "abc\n");
  EXPECT_EQ(sink.append_calls(), 2u);
  EXPECT_EQ((*compressor)->bytes_in(), 4u);
  EXPECT_EQ((*compressor)->bytes_out(), 4u);
  EXPECT_FALSE((*compressor)->output_depends_on_write_boundaries());
}

TEST(CompressorTest, MakeGzipProducesGzip) {
  StringByteSink sink;
  auto compressor = make_compressor(CompressionType::kGzip, 9, sink);
  ASSERT_TRUE(compressor.ok());
  ASSERT_TRUE((*compressor)->write(small_corpus()).ok());
  ASSERT_TRUE((*compressor)->finish().ok());
  EXPECT_EQ(to_hex(sink.data()), kJavaCorpusLevel9);
}

TEST(CompressorTest, Extensions) {
  EXPECT_EQ(compression_extension(CompressionType::kNone), "");
  EXPECT_EQ(compression_extension(CompressionType::kGzip), ".gz");
}

}  // namespace
}  // namespace sluice::format
