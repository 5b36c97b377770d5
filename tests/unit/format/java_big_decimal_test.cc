// BigDecimal helpers (java_big_decimal.h); toString goldens are in json_value_encoder_test.cc.
#include "format/java_big_decimal.h"

#include <gtest/gtest.h>

#include <string>

#include "format/format_test_support.h"

namespace sluice::format {
namespace {

using testing::to_hex;
using testing::unhex;

TEST(JavaBigDecimalTest, MinimalTwosComplementMatchesBigIntegerToByteArray) {
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("0000dd"))), "00dd");
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("00dd"))), "00dd");
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("000005"))), "05");
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("ffff80"))), "80");
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("ff7f"))), "ff7f");
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("ffff"))), "ff");
  EXPECT_EQ(to_hex(minimal_twos_complement(unhex("0000"))), "00");
  EXPECT_EQ(to_hex(minimal_twos_complement("")), "00");
}

TEST(JavaBigDecimalTest, ToStringOfLargeAndNegativeValues) {
  std::string out;
  // -(2^200) at scale 3: beyond 128 bits, exercising the long-division path.
  std::string twos = unhex("ff") + std::string(25, '\0');
  append_java_big_decimal(out, twos, 3);
  EXPECT_EQ(out, "-1606938044258990275541962092341162602522202993782792835301.376");
  out.clear();
  append_java_big_decimal(out, "", 0);
  EXPECT_EQ(out, "0");
}

// BigDecimal.hashCode() = 31 * unscaledValue.hashCode() + scale (OpenJDK 17):
// new BigDecimal("2.21").hashCode() = 6853, new BigDecimal("-1.28").hashCode() = -3966,
// new BigDecimal(new BigInteger("123456789012345678901234567890"), 5).hashCode() = -748148564.
TEST(JavaBigDecimalTest, HashCodeMatchesJava) {
  EXPECT_EQ(java_big_decimal_hash_code(unhex("00dd"), 2), 6853);
  EXPECT_EQ(java_big_decimal_hash_code(unhex("80"), 2), -3966);
  EXPECT_EQ(java_big_decimal_hash_code(unhex("018ee90ff6c373e0ee4e3f0ad2"), 5), -748148564);
}

}  // namespace
}  // namespace sluice::format
