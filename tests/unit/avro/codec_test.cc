#include "avro/codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;
using testing::hex;
using testing::unhex;

constexpr CodecId kAll[] = {CodecId::kNull,  CodecId::kDeflate, CodecId::kSnappy,
                            CodecId::kBzip2, CodecId::kXz,      CodecId::kZstandard};

std::string sample(size_t size) {
  std::string s;
  uint32_t x = 7;
  while (s.size() < size) {
    x = x * 1103515245 + 12345;
    s += "record-" + std::to_string(x % 1000) + ";";  // compressible but not trivial
  }
  s.resize(size);
  return s;
}

TEST(CodecTest, NamesAreJavasAvroCodecValues) {
  for (CodecId id : kAll) EXPECT_EQ(codec_from_name(codec_name(id)), id);
  EXPECT_EQ(codec_name(CodecId::kZstandard), "zstandard");
  EXPECT_EQ(codec_from_name("zstd"), std::nullopt);
  EXPECT_EQ(codec_from_name("Snappy"), std::nullopt);
}

TEST(CodecTest, EveryCodecRoundTrips) {
  for (CodecId id : kAll) {
    SCOPED_TRACE(codec_name(id));
    auto codec = make_codec(id);
    ASSERT_TRUE(codec.ok()) << codec.status().to_string();
    for (size_t size : {size_t{0}, size_t{1}, size_t{5}, size_t{64000}, size_t{300000}}) {
      std::string block = sample(size);
      std::string compressed_scratch, plain_scratch;
      auto compressed = (*codec)->compress(block, compressed_scratch);
      ASSERT_TRUE(compressed.ok()) << compressed.status().to_string();
      std::string stored(*compressed);
      auto plain = (*codec)->decompress(stored, plain_scratch, block.size() + 10);
      ASSERT_TRUE(plain.ok()) << plain.status().to_string();
      EXPECT_EQ(*plain, block) << size;
    }
  }
}

TEST(CodecTest, BlockBytesOfKnownVectors) {
  std::string scratch;
  auto deflate = make_codec(CodecId::kDeflate);
  EXPECT_EQ(hex(*(*deflate)->compress(unhex("36 06 66 6f 6f"), scratch)), "33 63 4b cb cf 07 00");
  auto snappy = make_codec(CodecId::kSnappy);
  EXPECT_EQ(hex(*(*snappy)->compress(unhex("36 06 66 6f 6f"), scratch)),
            "05 10 36 06 66 6f 6f be 1a 59 d4");
  auto null = make_codec(CodecId::kNull);
  std::string block = "abc";
  EXPECT_EQ((*null)->compress(block, scratch)->data(), block.data());  // no copy
}

TEST(CodecTest, LevelsAreCheckedOrClamped) {
  EXPECT_EQ(make_codec(CodecId::kDeflate, 10).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(make_codec(CodecId::kXz, -2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(make_codec(CodecId::kDeflate, 0).ok());
  EXPECT_TRUE(make_codec(CodecId::kZstandard, 1000).ok());  // clamped, as Java does
  EXPECT_TRUE(make_codec(CodecId::kSnappy, 42).ok());       // ignored
  // Deflate level 0 stores the bytes.
  std::string scratch;
  auto stored = make_codec(CodecId::kDeflate, 0);
  EXPECT_EQ(hex(*(*stored)->compress("ab", scratch)), "01 02 00 fd ff 61 62");
}

TEST(CodecTest, CorruptDataIsADataError) {
  std::string block = sample(10000);
  for (CodecId id : kAll) {
    if (id == CodecId::kNull) continue;
    SCOPED_TRACE(codec_name(id));
    auto codec = make_codec(id);
    std::string scratch, out;
    std::string compressed(*(*codec)->compress(block, scratch));
    // Truncated at several points, and with a byte flipped in the middle.
    for (size_t cut : {size_t{0}, size_t{3}, compressed.size() / 2, compressed.size() - 1}) {
      auto r = (*codec)->decompress(std::string_view(compressed).substr(0, cut), out, 1 << 20);
      EXPECT_FALSE(r.ok() && *r == block) << "cut " << cut;
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), StatusCode::kDataError);
      }
    }
    std::string flipped = compressed;
    flipped[flipped.size() / 2] ^= 0x55;
    auto r = (*codec)->decompress(flipped, out, 1 << 20);
    EXPECT_FALSE(r.ok() && *r == block);
  }
  auto snappy = make_codec(CodecId::kSnappy);
  std::string out;
  EXPECT_THAT(
      (*snappy)->decompress(unhex("05 10 36 06 66 6f 6f be 1a 59 d5"), out, 100).status().message(),
      HasSubstr("checksum mismatch"));
}

TEST(CodecTest, DecompressionStopsAtTheSizeLimit) {
  std::string block(1 << 20, 'a');
  for (CodecId id : kAll) {
    SCOPED_TRACE(codec_name(id));
    auto codec = make_codec(id);
    std::string scratch, out;
    std::string compressed(*(*codec)->compress(block, scratch));
    auto r = (*codec)->decompress(compressed, out, 1000);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(), HasSubstr("exceeds 1000 bytes"));
    EXPECT_LE(out.size(), 1u << 20);
  }
}

TEST(CodecTest, AStateIsReusedAcrossBlocks) {
  for (CodecId id : kAll) {
    auto codec = make_codec(id);
    std::string scratch, out;
    for (int i = 0; i < 3; ++i) {
      std::string block = sample(1000 + static_cast<size_t>(i) * 777);
      std::string compressed(*(*codec)->compress(block, scratch));
      EXPECT_EQ(*(*codec)->decompress(compressed, out, 1 << 20), block);
    }
  }
}

}  // namespace
}  // namespace sluice::avro
