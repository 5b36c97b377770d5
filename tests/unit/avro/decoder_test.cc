#include "avro/decoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "avro/encoder.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;
using testing::unhex;

TEST(DecoderTest, RoundTripsEveryPrimitive) {
  std::string data;
  Encoder e(data);
  const int64_t longs[] = {0, -1, 1, 63, -64, 64, INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN};
  for (int64_t v : longs) e.write_long(v);
  const int32_t ints[] = {0, -1, 1, INT32_MAX, INT32_MIN, 12345678};
  for (int32_t v : ints) e.write_int(v);
  e.write_boolean(true);
  e.write_float(-3.5f);
  e.write_double(std::numeric_limits<double>::denorm_min());
  e.write_string("h\xc3\xa9");
  e.write_bytes("");
  e.write_fixed("xyz");
  Decoder d(data);
  for (int64_t v : longs) EXPECT_EQ(*d.read_long(), v);
  for (int32_t v : ints) EXPECT_EQ(*d.read_int(), v);
  EXPECT_TRUE(*d.read_boolean());
  EXPECT_EQ(*d.read_float(), -3.5f);
  EXPECT_EQ(*d.read_double(), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(*d.read_string(), "h\xc3\xa9");
  EXPECT_EQ(*d.read_bytes(), "");
  EXPECT_EQ(*d.read_fixed(3), "xyz");
  EXPECT_TRUE(d.at_end());
}

TEST(DecoderTest, TruncatedInputFailsWithoutReadingPastTheEnd) {
  // Every prefix of a valid encoding that cuts a value is an error, never a read past the end.
  std::string data;
  Encoder e(data);
  e.write_long(INT64_MIN);
  e.write_string("hello");
  e.write_double(1.0);
  for (size_t cut = 0; cut < data.size(); ++cut) {
    std::string prefix = data.substr(0, cut);  // its own allocation: ASan sees any overread
    Decoder d(prefix);
    bool failed = !d.read_long().ok() || !d.read_string().ok() || !d.read_double().ok();
    EXPECT_TRUE(failed) << "cut at " << cut;
  }
  Decoder empty("");
  auto r = empty.read_int();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
  EXPECT_THAT(r.status().message(), HasSubstr("truncated int at offset 0"));
}

TEST(DecoderTest, ByteLengthsAreCheckedAgainstWhatIsLeft) {
  std::string d_bytes = unhex("0a 61 62");
  Decoder d(d_bytes);  // length 5, two bytes
  auto r = d.read_bytes();
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("truncated bytes at offset 0 (length 5"));
  EXPECT_EQ(d.position(), 0u);
  std::string negative_bytes = unhex("01");
  Decoder negative(negative_bytes);  // length -1
  EXPECT_THAT(negative.read_string().status().message(), HasSubstr("negative length -1"));
  std::string huge_bytes = unhex("fe ff ff ff ff ff ff ff ff 01");
  Decoder huge(huge_bytes);  // length INT64_MAX
  EXPECT_FALSE(huge.read_bytes().ok());
}

TEST(DecoderTest, OverlongVarintsAreRejected) {
  std::string six_bytes_bytes = unhex("80 80 80 80 80 01");
  Decoder six_bytes(six_bytes_bytes);
  EXPECT_THAT(six_bytes.read_int().status().message(), HasSubstr("invalid int encoding"));
  std::string eleven_bytes_bytes = unhex("80 80 80 80 80 80 80 80 80 80 01");
  Decoder eleven_bytes(eleven_bytes_bytes);
  EXPECT_THAT(eleven_bytes.read_long().status().message(), HasSubstr("invalid long encoding"));
  // Java drops the bits beyond 32 of a 5-byte int: 0x7f in the fifth byte is accepted.
  std::string wide_bytes = unhex("fe ff ff ff 7f");
  Decoder wide(wide_bytes);
  EXPECT_EQ(*wide.read_int(), INT32_MAX);
}

TEST(DecoderTest, BooleansEnumsAndUnionIndexesAreRangeChecked) {
  std::string boolean_bytes = unhex("02");
  Decoder boolean(boolean_bytes);
  EXPECT_THAT(boolean.read_boolean().status().message(), HasSubstr("invalid boolean byte 2"));
  std::string enums_bytes = unhex("04 04");
  Decoder enums(enums_bytes);
  EXPECT_EQ(*enums.read_enum(3), 2);
  EXPECT_THAT(enums.read_enum(2).status().message(), HasSubstr("enum index 2 out of range"));
  std::string unions_bytes = unhex("01");
  Decoder unions(unions_bytes);
  EXPECT_THAT(unions.read_union_index(2).status().message(), HasSubstr("union branch -1"));
}

TEST(DecoderTest, ReadsAnyBlockingOfArrays) {
  // [3, 27] as one block, as a sized (negative count) block, and as two blocks.
  for (std::string_view bytes : {"04 06 36 00", "03 04 06 36 00", "02 06 02 36 00"}) {
    std::string d_bytes = unhex(bytes);
    Decoder d(d_bytes);
    std::vector<int64_t> items;
    for (;;) {
      int64_t block_bytes = 0;
      auto count = d.read_block_count(&block_bytes);
      ASSERT_TRUE(count.ok()) << count.status().to_string();
      if (*count == 0) break;
      for (int64_t i = 0; i < *count; ++i) items.push_back(*d.read_long());
    }
    EXPECT_EQ(items, (std::vector<int64_t>{3, 27})) << bytes;
    EXPECT_TRUE(d.at_end());
  }
  std::string sized_bytes = unhex("03 04 06 36 00");
  Decoder sized(sized_bytes);
  int64_t block_bytes = 0;
  EXPECT_EQ(*sized.read_block_count(&block_bytes), 2);
  EXPECT_EQ(block_bytes, 2);
}

TEST(DecoderTest, MalformedBlockCountsFail) {
  std::string bad_size_bytes = unhex("03 08 06 36 00");
  Decoder bad_size(bad_size_bytes);  // sized block claims 4 bytes, 3 left
  EXPECT_THAT(bad_size.read_block_count().status().message(), HasSubstr("invalid block byte size"));
  std::string min_bytes = unhex("ff ff ff ff ff ff ff ff ff 01");
  Decoder min(min_bytes);  // INT64_MIN
  EXPECT_FALSE(min.read_block_count().ok());
  std::string big;
  Encoder(big).write_long(int64_t{1} << 40);
  Decoder too_many(big);
  EXPECT_THAT(too_many.read_block_count().status().message(), HasSubstr("exceeds the limit"));
}

TEST(DecoderTest, SkipChecksBounds) {
  Decoder d("abc");
  EXPECT_TRUE(d.skip(2).ok());
  EXPECT_FALSE(d.skip(2).ok());
  EXPECT_EQ(d.remaining(), 1u);
}

}  // namespace
}  // namespace sluice::avro
