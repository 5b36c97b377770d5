// DtoaBigInt (dtoa_big_int.h): the arithmetic behind JDK 17's big-integer digit path. The digit
// vectors in java_number_format_test.cc exercise it end to end; these pin down the operations,
// using identities between powers of 2 and 5 since the class has no text form.
#include "util/dtoa_big_int.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace sluice::util {
namespace {

constexpr uint64_t kAllOnes = ~uint64_t{0};

TEST(DtoaBigIntTest, Pow52AgreesWithMultiplyAndShift) {
  // 5^27 is the largest power of 5 in a limb; cross every anchor and remainder split.
  for (int p5 : {0, 1, 26, 27, 28, 54, 100, 326, 344}) {
    DtoaBigInt built = DtoaBigInt::pow52(1, p5, 0);
    built.multiply(12345);
    built.shift_left(131);
    EXPECT_EQ(compare(built, DtoaBigInt::pow52(12345, p5, 131)), 0) << p5;
  }
  EXPECT_EQ(compare(DtoaBigInt::pow52(25, 3, 0), DtoaBigInt::pow52(1, 5, 0)), 0);
  EXPECT_LT(compare(DtoaBigInt::pow52(1, 100, 0), DtoaBigInt::pow52(1, 100, 1)), 0);
  EXPECT_GT(compare(DtoaBigInt::pow52(3, 0, 64), DtoaBigInt::pow52(kAllOnes, 0, 1)), 0);
}

TEST(DtoaBigIntTest, DivideGivesQuotientAndRemainder) {
  // (7 * 5^300 * 2^5) / (3 * 5^300 * 2^5) = 2 remainder 5^300 * 2^5.
  DtoaBigInt n = DtoaBigInt::pow52(7, 300, 5);
  EXPECT_EQ(n.divide(DtoaBigInt::pow52(3, 300, 5)), 2u);
  EXPECT_EQ(compare(n, DtoaBigInt::pow52(1, 300, 5)), 0);

  // A quotient of 2^64 - 1 and none left.
  DtoaBigInt big = DtoaBigInt::pow52(kAllOnes, 200, 70);
  EXPECT_EQ(big.divide(DtoaBigInt::pow52(1, 200, 70)), kAllOnes);
  EXPECT_TRUE(big.is_zero());

  // A divisor whose top 64 bits are all ones (the estimate divides by 2^64).
  DtoaBigInt wide = DtoaBigInt::pow52(kAllOnes, 0, 0);
  wide.shift_left(64);
  DtoaBigInt divisor = DtoaBigInt::pow52(kAllOnes, 0, 0);
  divisor.shift_left(10);
  // (2^64 - 1) 2^64 / ((2^64 - 1) 2^10) = 2^54 exactly.
  EXPECT_EQ(wide.divide(divisor), uint64_t{1} << 54);
  EXPECT_TRUE(wide.is_zero());

  // Smaller than the divisor: quotient 0, dividend unchanged.
  DtoaBigInt small = DtoaBigInt::pow52(3, 10, 0);
  EXPECT_EQ(small.divide(DtoaBigInt::pow52(1, 11, 0)), 0u);
  EXPECT_EQ(compare(small, DtoaBigInt::pow52(3, 10, 0)), 0);

  // Both within 128 bits (the hardware division): 2 * 5^40 / 5^13 = 2 * 5^27.
  DtoaBigInt mid = DtoaBigInt::pow52(2, 40, 0);
  EXPECT_EQ(mid.divide(DtoaBigInt::pow52(1, 13, 0)), 2 * 7450580596923828125u);
  EXPECT_TRUE(mid.is_zero());
}

TEST(DtoaBigIntTest, CompareSum) {
  // 2^100 + 2^100 = 2^101.
  const DtoaBigInt half = DtoaBigInt::pow52(1, 0, 100);
  EXPECT_EQ(compare_sum(half, half, DtoaBigInt::pow52(1, 0, 101)), 0);
  EXPECT_LT(compare_sum(half, half, DtoaBigInt::pow52(3, 0, 100)), 0);
  EXPECT_GT(compare_sum(half, DtoaBigInt::pow52(1, 0, 0), DtoaBigInt::pow52(1, 0, 100)), 0);
  // A carry out of every limb.
  DtoaBigInt ones = DtoaBigInt::pow52(kAllOnes, 0, 0);
  EXPECT_EQ(compare_sum(ones, DtoaBigInt::pow52(1, 0, 0), DtoaBigInt::pow52(1, 0, 64)), 0);
  // Much smaller operands than the third.
  EXPECT_LT(compare_sum(ones, ones, DtoaBigInt::pow52(1, 0, 300)), 0);
}

}  // namespace
}  // namespace sluice::util
