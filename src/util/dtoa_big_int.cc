#include "util/dtoa_big_int.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>

namespace sluice::util {
namespace {

__extension__ typedef unsigned __int128 Uint128;

// 5^27 is the largest power of 5 below 2^64.
constexpr int kPow5Step = 27;
// Powers of 5 up to 5^(27 * 13) = 5^351; a double needs at most 5^326.
constexpr int kPow5Anchors = 14;
constexpr int kAnchorLimbs = 13;  // 5^351 < 2^816

constexpr uint64_t small_pow5(int n) {
  uint64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 5;
  return p;
}

// 5^(27 * j) for j < kPow5Anchors, computed at compile time so that building an operand costs one
// copy and a couple of single-limb multiplications instead of a dozen passes.
struct Pow5Anchor {
  uint64_t limbs[kAnchorLimbs];
  int size;
};

constexpr std::array<Pow5Anchor, kPow5Anchors> kAnchors = [] {
  std::array<Pow5Anchor, kPow5Anchors> t{};
  t[0].limbs[0] = 1;
  t[0].size = 1;
  for (int j = 1; j < kPow5Anchors; ++j) {
    t[j] = t[j - 1];
    uint64_t carry = 0;
    for (int i = 0; i < t[j].size; ++i) {
      Uint128 p = static_cast<Uint128>(t[j].limbs[i]) * small_pow5(kPow5Step) + carry;
      t[j].limbs[i] = static_cast<uint64_t>(p);
      carry = static_cast<uint64_t>(p >> 64);
    }
    if (carry != 0) t[j].limbs[t[j].size++] = carry;
  }
  return t;
}();

}  // namespace

DtoaBigInt DtoaBigInt::pow52(uint64_t factor, int p5, int p2) {
  assert(p5 / kPow5Step < kPow5Anchors);
  const Pow5Anchor& anchor = kAnchors[p5 / kPow5Step];
  DtoaBigInt n;
  std::copy(anchor.limbs, anchor.limbs + anchor.size, n.limb_);
  n.size_ = anchor.size;
  if (p5 % kPow5Step != 0) n.multiply(small_pow5(p5 % kPow5Step));
  if (factor != 1) n.multiply(factor);
  n.shift_left(p2);
  return n;
}

void DtoaBigInt::multiply(uint64_t factor) {
  uint64_t carry = 0;
  for (int i = 0; i < size_; ++i) {
    Uint128 p = static_cast<Uint128>(limb_[i]) * factor + carry;
    limb_[i] = static_cast<uint64_t>(p);
    carry = static_cast<uint64_t>(p >> 64);
  }
  if (carry != 0) {
    assert(size_ < kLimbs);
    limb_[size_++] = carry;
  }
  trim();  // factor 0
}

void DtoaBigInt::shift_left(int bits) {
  if (size_ == 0 || bits == 0) return;
  const int limbs = bits / 64;
  const int rest = bits % 64;
  int top = size_ + limbs;
  assert(top + (rest != 0 ? 1 : 0) <= kLimbs);
  if (rest == 0) {
    for (int i = size_ - 1; i >= 0; --i) limb_[i + limbs] = limb_[i];
  } else {
    // Top down, so every limb is read before it is overwritten.
    limb_[top] = limb_[size_ - 1] >> (64 - rest);
    for (int i = size_ - 1; i > 0; --i) {
      limb_[i + limbs] = (limb_[i] << rest) | (limb_[i - 1] >> (64 - rest));
    }
    limb_[limbs] = limb_[0] << rest;
    if (limb_[top] != 0) ++top;
  }
  std::fill(limb_, limb_ + limbs, uint64_t{0});
  size_ = top;
}

void DtoaBigInt::trim() {
  while (size_ > 0 && limb_[size_ - 1] == 0) --size_;
}

int DtoaBigInt::bit_length() const {
  return size_ == 0 ? 0 : 64 * (size_ - 1) + std::bit_width(limb_[size_ - 1]);
}

uint64_t DtoaBigInt::bits_from(int shift) const {
  const int i = shift / 64;
  const int rest = shift % 64;
  if (i >= size_) return 0;
  uint64_t low = limb_[i] >> rest;
  if (rest != 0 && i + 1 < size_) low |= limb_[i + 1] << (64 - rest);
  return low;
}

Uint128 DtoaBigInt::bits128_from(int shift) const {
  return (static_cast<Uint128>(bits_from(shift + 64)) << 64) | bits_from(shift);
}

void DtoaBigInt::subtract_multiple(const DtoaBigInt& divisor, uint64_t q) {
  uint64_t carry = 0;  // of the product
  uint64_t borrow = 0;
  for (int i = 0; i < size_; ++i) {
    Uint128 p = static_cast<Uint128>(i < divisor.size_ ? divisor.limb_[i] : 0) * q + carry;
    carry = static_cast<uint64_t>(p >> 64);
    Uint128 d = static_cast<Uint128>(limb_[i]) - static_cast<uint64_t>(p) - borrow;
    limb_[i] = static_cast<uint64_t>(d);
    borrow = static_cast<uint64_t>(d >> 64) != 0 ? 1 : 0;
  }
  assert(carry == 0 && borrow == 0);
  trim();
}

uint64_t DtoaBigInt::divide(const DtoaBigInt& divisor) {
  if (compare(*this, divisor) < 0) return 0;
  const int shift = std::max(0, divisor.bit_length() - 64);
  const Uint128 top = bits128_from(shift);  // < 2^128 because the quotient is below 2^64
  if (shift == 0) {
    // Both fit in 128 bits.
    const uint64_t d = divisor.limb_[0];
    const uint64_t q = static_cast<uint64_t>(top / d);
    const uint64_t r = static_cast<uint64_t>(top % d);
    limb_[0] = r;
    size_ = r != 0 ? 1 : 0;
    return q;
  }
  // The divisor's top 64 bits plus one exceed the divisor's true scale, so this quotient is too
  // small by at most 3 (the top bits carry 64 bits of precision and the quotient < 2^64); the
  // remainder then takes a few subtractions.
  const Uint128 divisor_top = static_cast<Uint128>(divisor.bits_from(shift)) + 1;
  uint64_t q = static_cast<uint64_t>(top / divisor_top);
  subtract_multiple(divisor, q);
  while (compare(*this, divisor) >= 0) {
    subtract_multiple(divisor, 1);
    ++q;
  }
  return q;
}

int compare(const DtoaBigInt& a, const DtoaBigInt& b) {
  if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
  for (int i = a.size_ - 1; i >= 0; --i) {
    if (a.limb_[i] != b.limb_[i]) return a.limb_[i] < b.limb_[i] ? -1 : 1;
  }
  return 0;
}

int compare_sum(const DtoaBigInt& a, const DtoaBigInt& b, const DtoaBigInt& c) {
  const int n = std::max(a.size_, b.size_);
  if (n + 1 < c.size_) return -1;  // a + b < 2^(64 n + 1) <= c
  uint64_t sum[DtoaBigInt::kLimbs + 1];
  uint64_t carry = 0;
  for (int i = 0; i < n; ++i) {
    Uint128 s =
        static_cast<Uint128>(i < a.size_ ? a.limb_[i] : 0) + (i < b.size_ ? b.limb_[i] : 0) + carry;
    sum[i] = static_cast<uint64_t>(s);
    carry = static_cast<uint64_t>(s >> 64);
  }
  sum[n] = carry;
  int size = n + 1;
  while (size > 0 && sum[size - 1] == 0) --size;
  if (size != c.size_) return size < c.size_ ? -1 : 1;
  for (int i = size - 1; i >= 0; --i) {
    if (sum[i] != c.limb_[i]) return sum[i] < c.limb_[i] ? -1 : 1;
  }
  return 0;
}

}  // namespace sluice::util
