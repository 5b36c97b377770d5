// DtoaBigInt: the little big-integer arithmetic that the slow path of JDK 17's
// FloatingDecimal digit generation needs (floating_decimal_digits.cc), where the JDK uses its
// FDBigInteger: powers of 5 and 2 times a 64-bit factor, multiplication by a 64-bit number,
// division with a 64-bit quotient, comparisons.
//
// Fixed capacity on the stack, so formatting a number never allocates. The largest operand for a
// double is below 2^900 (5^344 times a 53-bit significand times 2^18); 20 limbs leave room.
#pragma once

#include <cstdint>

namespace sluice::util {

class DtoaBigInt {
 public:
  static constexpr int kLimbs = 20;  // 1280 bits

  // factor * 5^p5 * 2^p2, for factor > 0, 0 <= p5 < 378 and p2 >= 0.
  static DtoaBigInt pow52(uint64_t factor, int p5, int p2);

  void multiply(uint64_t factor);
  void shift_left(int bits);
  // Replaces *this with *this mod divisor and returns the quotient, which must be below 2^64.
  uint64_t divide(const DtoaBigInt& divisor);
  bool is_zero() const { return size_ == 0; }

  // -1, 0 or 1 as a is less than, equal to or greater than b.
  friend int compare(const DtoaBigInt& a, const DtoaBigInt& b);
  // compare(a + b, c) without modifying a or b.
  friend int compare_sum(const DtoaBigInt& a, const DtoaBigInt& b, const DtoaBigInt& c);

 private:
  int bit_length() const;
  // The 64 (or 128) bits of *this from bit `shift` up, truncated.
  uint64_t bits_from(int shift) const;
  unsigned __int128 bits128_from(int shift) const;
  // *this -= q * divisor; the result must not be negative.
  void subtract_multiple(const DtoaBigInt& divisor, uint64_t q);
  void trim();

  uint64_t limb_[kLimbs];  // little endian; only the first size_ are meaningful
  int size_ = 0;           // limb_[size_ - 1] != 0, or size_ == 0 for zero
};

}  // namespace sluice::util
