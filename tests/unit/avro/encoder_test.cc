#include "avro/encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using testing::hex;
using testing::unhex;

std::string long_bytes(int64_t value) {
  std::string out;
  Encoder(out).write_long(value);
  return hex(out);
}

std::string int_bytes(int32_t value) {
  std::string out;
  Encoder(out).write_int(value);
  return hex(out);
}

TEST(EncoderTest, ZigZagVarintsFromTheSpecification) {
  EXPECT_EQ(long_bytes(0), "00");
  EXPECT_EQ(long_bytes(-1), "01");
  EXPECT_EQ(long_bytes(1), "02");
  EXPECT_EQ(long_bytes(-64), "7f");
  EXPECT_EQ(long_bytes(64), "80 01");
  EXPECT_EQ(long_bytes(27), "36");
  EXPECT_EQ(long_bytes(int64_t{1} << 40), "80 80 80 80 80 40");
}

TEST(EncoderTest, VarintEdgeValues) {
  EXPECT_EQ(int_bytes(INT32_MAX), "fe ff ff ff 0f");
  EXPECT_EQ(int_bytes(INT32_MIN), "ff ff ff ff 0f");
  EXPECT_EQ(int_bytes(-65), "81 01");
  EXPECT_EQ(long_bytes(INT64_MAX), "fe ff ff ff ff ff ff ff ff 01");
  EXPECT_EQ(long_bytes(INT64_MIN), "ff ff ff ff ff ff ff ff ff 01");
  EXPECT_EQ(long_bytes(INT32_MIN), int_bytes(INT32_MIN));
  char buf[10];
  EXPECT_EQ(encode_long(INT64_MIN, buf), 10u);
  EXPECT_EQ(encode_long(63, buf), 1u);
}

TEST(EncoderTest, FloatsAreLittleEndianBitPatterns) {
  std::string out;
  Encoder e(out);
  e.write_float(1.5f);
  e.write_double(-0.25);
  EXPECT_EQ(hex(out), "00 00 c0 3f 00 00 00 00 00 00 d0 bf");
  // NaN payloads are kept bit for bit.
  out.clear();
  uint32_t payload = 0x7fc12345;
  float nan;
  std::memcpy(&nan, &payload, 4);
  e.write_float(nan);
  EXPECT_EQ(hex(out), "45 23 c1 7f");
}

TEST(EncoderTest, BytesStringsFixedEnumsAndUnions) {
  std::string out;
  Encoder e(out);
  e.write_string("foo");
  EXPECT_EQ(hex(out), "06 66 6f 6f");
  out.clear();
  e.write_bytes(std::string_view("\x00\xff", 2));
  e.write_fixed("\xab\xcd");
  e.write_enum(2);
  e.write_null();
  e.write_boolean(true);
  e.write_boolean(false);
  EXPECT_EQ(hex(out), "04 00 ff ab cd 04 01 00");
  out.clear();
  // ["null","string"]: null, then "a".
  e.write_union_index(0);
  e.write_union_index(1);
  e.write_string("a");
  EXPECT_EQ(hex(out), "00 02 02 61");
}

TEST(EncoderTest, ArraysAndMapsAreOneBlockAndATerminator) {
  std::string out;
  Encoder e(out);
  e.write_array_start(2);
  e.write_long(3);
  e.write_long(27);
  e.write_array_end();
  EXPECT_EQ(hex(out), "04 06 36 00");
  out.clear();
  e.write_array_start(0);
  e.write_array_end();
  e.write_map_start(0);
  e.write_map_end();
  EXPECT_EQ(hex(out), "00 00");
  out.clear();
  e.write_map_start(1);
  e.write_string("k");
  e.write_int(64);
  e.write_map_end();
  EXPECT_EQ(hex(out), "02 02 6b 80 01 00");
}

// An all-types record vector (independently checked with avsc and avro-js), encoded value by value;
// the array there uses a negative-count sized block, which Java never writes, so it is appended
// as raw bytes to reproduce the vector.
TEST(EncoderTest, AllTypesRecordVector) {
  std::string out;
  Encoder e(out);
  e.write_boolean(true);
  e.write_int(-1);
  e.write_long(int64_t{1} << 40);
  e.write_float(1.5f);
  e.write_double(-0.25);
  e.write_union_index(1);
  e.write_string("h\xc3\xa9");
  e.write_bytes(std::string_view("\x00\xff", 2));
  e.write_fixed("\xab\xcd");
  e.write_enum(2);
  out.append(unhex("03 04 06 36 00"));  // [3, 27] as a sized block
  e.write_map_start(1);
  e.write_string("k");
  e.write_int(64);
  e.write_map_end();
  e.write_bytes("\xcf\xc7");  // decimal(64,2) -123.45: unscaled -12345, two's complement
  e.write_int(19000);
  e.write_int(3723004);
  e.write_long(1700000000123);
  EXPECT_EQ(out, unhex("01 01 80 80 80 80 80 40 00 00 c0 3f 00 00 00 00 00 00 d0 bf 02 06 68 c3 "
                       "a9 04 00 ff ab cd 04 03 04 06 36 00 02 02 6b 80 01 00 04 cf c7 f0 a8 02 "
                       "f8 bb c6 03 f6 a1 ab fe f9 62"));
}

TEST(EncoderTest, AppendsToTheCallersString) {
  std::string out = "prefix";
  Encoder e(out);
  e.write_long(1);
  EXPECT_EQ(out, std::string("prefix\x02"));
  EXPECT_EQ(&e.buffer(), &out);
}

}  // namespace
}  // namespace sluice::avro
