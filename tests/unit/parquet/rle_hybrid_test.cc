// The RLE / bit-packing hybrid encoder: the spec's examples, and a round trip through a decoder
// written from the grammar in parquet-format's Encodings.md at every width.
#include "parquet/rle_hybrid.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "test_support.h"

namespace sluice::parquet {
namespace {

using testing::to_hex;

// Decodes `count` values (bit-packed runs may carry padding beyond them).
std::vector<uint32_t> decode(std::string_view data, int width, size_t count) {
  std::vector<uint32_t> out;
  size_t pos = 0;
  auto varint = [&] {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = static_cast<uint8_t>(data.at(pos++));
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  };
  while (out.size() < count) {
    uint64_t header = varint();
    if (header & 1) {
      size_t values = (header >> 1) * 8;
      size_t bit = 0;
      for (size_t i = 0; i < values; ++i) {
        uint32_t v = 0;
        for (int b = 0; b < width; ++b, ++bit) {
          if ((static_cast<uint8_t>(data.at(pos + bit / 8)) >> (bit % 8)) & 1) v |= 1u << b;
        }
        if (out.size() < count) out.push_back(v);
      }
      pos += (header >> 1) * width;
    } else {
      uint32_t v = 0;
      for (int byte = 0; byte < (width + 7) / 8; ++byte) {
        v |= static_cast<uint32_t>(static_cast<uint8_t>(data.at(pos++))) << (8 * byte);
      }
      for (uint64_t i = 0; i < (header >> 1); ++i) out.push_back(v);
    }
  }
  EXPECT_EQ(pos, data.size()) << "trailing bytes";
  return out;
}

std::string encode8(const std::vector<uint8_t>& values, int width) {
  std::string out;
  encode_rle_hybrid(values, width, out);
  return out;
}

TEST(RleHybridTest, BitWidths) {
  EXPECT_EQ(bit_width_of(0), 0);
  EXPECT_EQ(bit_width_of(1), 1);
  EXPECT_EQ(bit_width_of(3), 2);
  EXPECT_EQ(bit_width_of(4), 3);
  EXPECT_EQ(bit_width_of(7), 3);
  EXPECT_EQ(bit_width_of(0xffffffffu), 32);
}

TEST(RleHybridTest, SpecExamples) {
  // 100 copies of 1 at width 1: one RLE run.
  EXPECT_EQ(to_hex(encode8(std::vector<uint8_t>(100, 1), 1)), "c8 01 01");
  // 0..7 at width 3: one bit-packed group.
  EXPECT_EQ(to_hex(encode8({0, 1, 2, 3, 4, 5, 6, 7}, 3)), "03 88 c6 fa");
  // Definition levels 1 0 1 (one padded group).
  EXPECT_EQ(to_hex(encode8({1, 0, 1}, 1)), "03 05");
  // Levels 3 2 1 0 3 at width 2.
  EXPECT_EQ(to_hex(encode8({3, 2, 1, 0, 3}, 2)), "03 1b 03");
  // Width 0: RLE runs without value bytes.
  EXPECT_EQ(to_hex(encode8(std::vector<uint8_t>(9, 0), 0)), "12");
}

TEST(RleHybridTest, MixedRunsKeepWholeGroupsBeforeAnRleRun) {
  std::vector<uint8_t> values = {1, 0, 1};
  values.insert(values.end(), 20, 1);
  std::string encoded = encode8(values, 1);
  // 3 literals + 5 borrowed from the run = one group; then an RLE run of the remaining 15.
  EXPECT_EQ(to_hex(encoded), "03 fd 1e 01");
  EXPECT_EQ(decode(encoded, 1, values.size()), std::vector<uint32_t>(values.begin(), values.end()));
}

TEST(RleHybridTest, RoundTripsEveryWidthAndLength) {
  std::mt19937 random(42);
  for (int width = 0; width <= 32; ++width) {
    for (size_t length : {1, 7, 8, 9, 504, 505, 1000, 5000}) {
      std::vector<uint32_t> values(length);
      uint64_t limit = width == 0 ? 0 : (uint64_t{1} << width) - 1;
      for (size_t i = 0; i < length; ++i) {
        // Random values with runs of random length mixed in.
        values[i] =
            (i > 0 && random() % 3 == 0) ? values[i - 1] : static_cast<uint32_t>(random() & limit);
      }
      std::string out;
      encode_rle_hybrid(values, width, out);
      EXPECT_EQ(decode(out, width, length), values) << "width " << width << " length " << length;
    }
  }
}

TEST(RleHybridTest, LongConstantRunIsOneRun) {
  std::vector<uint32_t> values(1'000'000, 5);
  std::string out;
  encode_rle_hybrid(values, 3, out);
  EXPECT_EQ(to_hex(out), "80 89 7a 05");
  EXPECT_EQ(decode(out, 3, values.size()), values);
}

}  // namespace
}  // namespace sluice::parquet
