#include "util/floating_decimal_digits.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <type_traits>

#include "util/dtoa_big_int.h"

// The structure follows the JDK's BinaryToASCIIBuffer.dtoa, because the output depends on its
// exact choices (which arithmetic path runs, the estimated exponent, when digit generation stops,
// how the int and long paths overflow), not only on the value. Only the big-integer path reaches
// the JDK's decisions another way, exactly but much faster (generate_with_big_ints).

namespace sluice::util {
namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr int kExpShift = 52;  // significand bits below the hidden bit of a double
constexpr uint64_t kHiddenBit = uint64_t{1} << kExpShift;
constexpr uint64_t kSignificandMask = kHiddenBit - 1;
constexpr int kExpBias = 1023;
constexpr int kFloatExpShift = 23;
constexpr int kFloatExpBias = 127;
// Integers with a binary exponent up to this are printed with 64-bit arithmetic.
constexpr int kMaxSmallBinExp = 62;
constexpr int kPow5TableSize = 27;

constexpr auto kPow5 = [] {
  std::array<uint64_t, kPow5TableSize> t{};
  t[0] = 1;
  for (int i = 1; i < kPow5TableSize; ++i) t[i] = t[i - 1] * 5;
  return t;
}();

// The JDK's estimate of the bit length of 5^i (N_5_BITS, 0 for 5^0), and 3 bits per factor past
// the table. Which arithmetic path runs depends on these numbers, and the paths do not always
// agree (the int and long ones wrap around), so they must be the JDK's.
int pow5_bits(int i) {
  if (i >= kPow5TableSize) return i * 3;
  return i == 0 ? 0 : static_cast<int>(std::bit_width(kPow5[i]));
}

// How many low decimal digits of a large integer the JDK rounds away: floor(log10(2^p2)), with p2
// = binExp - nSignificantBits - 1, a quarter of the ulp (its insignificantDigitsForPow2).
int insignificant_digits_of_pow2(int p2) {
  int n = 0;
  if (p2 > 1 && p2 < 64) {
    for (uint64_t v = uint64_t{1} << p2; v >= 10; v /= 10) ++n;
  }
  return n;
}

// Java's floating-point expression is evaluated with a rounding after every operation; a fused
// multiply-add (which GCC forms across statements where the target has one) would change the
// estimate in rare cases. Without hardware FMA nothing is fused and this is free.
inline double rounded_product(double a, double b) {
#if defined(__FP_FAST_FMA)
  volatile double product = a * b;
  return product;
#else
  return a * b;
#endif
}

// floor(log10(value)) or one more: a tangent line of log10 around 1.5 (never below the curve)
// plus binExp * log10(2), in Java's double arithmetic.
int estimate_decimal_exponent(uint64_t fract_bits, int bin_exp) {
  double d2 =
      std::bit_cast<double>((uint64_t{kExpBias} << kExpShift) | (fract_bits & kSignificandMask));
  double d = rounded_product(d2 - 1.5, 0.289529654) + 0.176091259;
  d += rounded_product(static_cast<double>(bin_exp), 0.301029995663981);
  int floor = static_cast<int>(d);  // |d| < 400
  return d < floor ? floor - 1 : floor;
}

// Where digit generation stands: the digits so far, the decimal exponent of the first one, and
// the stopping state (low: the digits so far are within half an ulp below the value; high: the
// digits plus one in the last place are within half an ulp above it).
struct Generation {
  DecimalDigits out;
  int dec_exp = 0;
  bool low = false;
  bool high = false;
  // Sign of (2 * remainder - one unit of the last digit) when both low and high hold.
  int64_t low_digit_difference = 0;

  void push(int digit) {
    // The JDK's buffer takes 20 digits; no value comes near that, the bound only keeps this safe.
    if (out.length < static_cast<int>(sizeof(out.digits))) {
      out.digits[out.length++] = static_cast<char>('0' + digit);
    }
  }
  // Java prints E-form for these exponents and wants two digits there, so the first digit never
  // ends generation ("4.9E-324", not "5.0E-324"). The JDK's test, kept exactly as it is.
  bool e_form() const { return dec_exp < -3 || dec_exp >= 8; }
};

// The scaling of the value (B), of the divisor (S) and of half an ulp (M) as powers of 2 and 5:
// value / 10^dec_exp = B / S, half an ulp / 10^dec_exp = M / S.
struct Scaling {
  int b2, b5, s2, s5, m2, m5;
};

// Java integer arithmetic: two's complement, wrapping on overflow.
template <typename T>
T java_mul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}
template <typename T>
T java_add(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T>
T java_sub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T>
T java_shl(T a, int n) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) << (n & (sizeof(T) * 8 - 1)));
}

// Quotient and remainder of 0 <= b < 10 s < 2^63 by a fixed s, as b / s and b % s, without a
// hardware division per digit (tens of cycles for 64 bits, and the digit loop is serial): with
// inverse = ceil(2^64 / s), (b * inverse) >> 64 exceeds b / s by less than b / 2^64 < 1/2, so
// it is the quotient or one more, which the remainder's sign tells.
template <typename T>
class Divider {
 public:
  explicit Divider(T s)
      : s_(s), inverse_(s > 1 ? ~uint64_t{0} / static_cast<uint64_t>(s) + 1 : 0) {}
  T divisor() const { return s_; }
  int quotient_and_remainder(T& b) const {
    uint64_t q = static_cast<uint64_t>(b);
    if (s_ > 1) {
      q = static_cast<uint64_t>((static_cast<Uint128>(static_cast<uint64_t>(b)) * inverse_) >> 64);
    }
    T r = static_cast<T>(b - static_cast<T>(q) * s_);  // in [-s, s): no overflow
    if (r < 0) {
      --q;
      r += s_;
    }
    b = r;
    return static_cast<int>(q);
  }

 private:
  T s_;
  uint64_t inverse_;
};

// The int (T = int32_t) and long (T = int64_t) paths digit by digit, as the JDK runs them, used
// when B and 10*S fit by the JDK's estimate. M can overflow here (wrapping), and so can B + M and
// 2 B; the JDK's decisions then come from the wrapped numbers, and so do ours.
template <typename T>
void generate_with_machine_words(uint64_t fract_bits, const Scaling& sc, Generation& g) {
  const T ten = 10;
  T b = java_shl(java_mul(static_cast<T>(fract_bits), static_cast<T>(kPow5[sc.b5])), sc.b2);
  const Divider<T> s(java_shl(static_cast<T>(kPow5[sc.s5]), sc.s2));
  T m = java_shl(static_cast<T>(kPow5[sc.m5]), sc.m2);
  const T ten_s = java_mul(s.divisor(), ten);

  // The first digit: zero means the exponent estimate was one too high.
  int q = s.quotient_and_remainder(b);
  b = java_mul(ten, b);
  m = java_mul(m, ten);
  bool low = b < m;
  bool high = java_add(b, m) > ten_s;
  if (q == 0 && !high) {
    --g.dec_exp;
  } else {
    g.push(q);
  }
  if (g.e_form()) low = high = false;
  while (!low && !high) {
    q = s.quotient_and_remainder(b);
    b = java_mul(ten, b);
    m = java_mul(m, ten);
    if (m > 0) {
      low = b < m;
      high = java_add(b, m) > ten_s;
    } else {
      low = high = true;
    }
    g.push(q);
  }
  g.low = low;
  g.high = high;
  g.low_digit_difference = java_sub(java_shl(b, 1), ten_s);
}

// The big-integer digit loop without a big division per digit. With r_j the remainder after j
// digits (B 10^(j-1) = t_j S + r_j, t_j the first j digits), the JDK's tests after digit j are
//   low  <=> r_j < 10^(j-1) M,   high <=> r_j + 10^(j-1) M >= S,
// and when both hold the last digit rounds by the sign of 2 r_j - S. Expanding once to K digits,
// B 10^(K-1) = Q S + R, gives r_j 10^(K-j) = X S + R with X = Q mod 10^(K-j); and with
// 10^(K-1) M = D S + E (0 <= R, E < S) every test compares the 64-bit X with a constant:
//   low  <=> X < D + [E > R],   high <=> 10^(K-j) - X < D + 1 + [E + R >= S],
//   sign(2 r_j - S) = sign(2R - Y S), Y = 10^(K-j) - 2X: 1 if Y < 0, 0 or 1 as R = 0 or not if
//   Y = 0, -1 if Y >= 2 (R < S), sign(2R - S) if Y = 1.
constexpr int kExpansionDigits = 19;  // K: the JDK stops by digit 18, as 10^17 M >= S / 2

constexpr auto kPow10 = [] {
  std::array<uint64_t, kExpansionDigits + 1> t{};
  t[0] = 1;
  for (int i = 1; i <= kExpansionDigits; ++i) t[i] = t[i - 1] * 10;
  return t;
}();

struct Expansion {
  uint64_t q;           // the first K digits of B / S, as an integer
  uint64_t low_limit;   // low after digit j  <=> X < low_limit
  uint64_t high_bound;  // high after digit j <=> 10^(K-j) - X < high_bound
  int twice_r_vs_s;     // sign(2R - S)
  bool r_is_zero;
};

// Reads an expansion digit by digit, keeping rest = Q mod 10^(K-j) for the tests after digit j.
class ExpansionReader {
 public:
  explicit ExpansionReader(const Expansion& x) : x_(x), rest_(x.q) {
    // Q has K digits, or fewer when the first ones are zeros: pad on the left.
    char* end = std::to_chars(text_, text_ + sizeof(text_), x.q).ptr;
    const int n = static_cast<int>(end - text_);
    std::copy_backward(text_, end, text_ + kExpansionDigits);
    std::fill(text_, text_ + kExpansionDigits - n, '0');
  }
  int j() const { return j_; }
  int next() {
    const int digit = text_[j_++] - '0';
    unit_ = kPow10[kExpansionDigits - j_];
    rest_ -= static_cast<uint64_t>(digit) * unit_;
    return digit;
  }
  bool low() const { return rest_ < x_.low_limit; }
  bool high() const { return unit_ - rest_ < x_.high_bound; }
  int low_digit_difference() const {
    const uint64_t twice_rest = 2 * rest_;
    if (twice_rest > unit_) return 1;
    if (twice_rest == unit_) return x_.r_is_zero ? 0 : 1;
    return unit_ - twice_rest >= 2 ? -1 : x_.twice_r_vs_s;
  }

 private:
  const Expansion& x_;
  uint64_t rest_;
  uint64_t unit_ = 0;  // 10^(K-j)
  int j_ = 0;
  char text_[24];
};

// The JDK's digit loop driven by an expansion.
void run_expansion(const Expansion& x, Generation& g) {
  ExpansionReader reader(x);
  int q = reader.next();
  bool low = reader.low();
  bool high = reader.high();
  if (q == 0 && !high) {
    --g.dec_exp;
  } else {
    g.push(q);
  }
  if (g.e_form()) low = high = false;
  while (!low && !high) {
    assert(reader.j() < kExpansionDigits);
    if (reader.j() == kExpansionDigits) break;
    g.push(reader.next());
    low = reader.low();
    high = reader.high();
  }
  g.low = low;
  g.high = high;
  if (high && low) g.low_digit_difference = reader.low_digit_difference();
}

// The big-integer path, for everything else: the JDK divides big integers by S once per digit;
// here two divisions give the expansion (exact, "high" inclusive as in the JDK's big path).
void generate_with_big_ints(uint64_t fract_bits, const Scaling& sc, Generation& g) {
  constexpr int k = kExpansionDigits - 1;  // B and M times 10^k
  const DtoaBigInt s = DtoaBigInt::pow52(1, sc.s5, sc.s2);
  DtoaBigInt r = DtoaBigInt::pow52(fract_bits, sc.b5 + k, sc.b2 + k);
  Expansion x;
  x.q = r.divide(s);
  DtoaBigInt e = DtoaBigInt::pow52(1, sc.m5 + k, sc.m2 + k);
  const uint64_t d = e.divide(s);
  x.low_limit = d + (compare(e, r) > 0 ? 1 : 0);
  x.high_bound = d + 1 + (compare_sum(e, r, s) >= 0 ? 1 : 0);
  x.twice_r_vs_s = compare_sum(r, r, s);
  x.r_is_zero = r.is_zero();
  run_expansion(x, g);
}

// Adds one in the last place; a carry out of "99..9" gives "10..0" (same length) and a larger
// exponent.
void round_up(DecimalDigits& d) {
  int i = d.length - 1;
  char c = d.digits[i];
  if (c == '9') {
    while (c == '9' && i > 0) {
      d.digits[i] = '0';
      c = d.digits[--i];
    }
    if (c == '9') {
      d.exponent += 1;
      d.digits[0] = '1';
      return;
    }
  }
  d.digits[i] = static_cast<char>(c + 1);
}

// The last digit moves up when only "high" holds, or when both hold and the remainder is past
// half a unit (an exact half rounds to an even digit).
void round_last_digit(Generation& g) {
  if (!g.high || g.out.length == 0) return;
  if (g.low) {
    if (g.low_digit_difference == 0) {
      if ((g.out.digits[g.out.length - 1] & 1) != 0) round_up(g.out);
    } else if (g.low_digit_difference > 0) {
      round_up(g.out);
    }
  } else {
    round_up(g.out);
  }
}

// An integer below 2^63: its exact digits, less the ones below the ulp's order of magnitude
// (rounded half up into the rest), trailing zeros dropped.
DecimalDigits integer_digits(uint64_t value, int insignificant) {
  if (insignificant != 0) {
    uint64_t pow10 = kPow5[insignificant] << insignificant;
    uint64_t residue = value % pow10;
    value /= pow10;
    if (residue >= (pow10 >> 1)) ++value;
  }
  DecimalDigits d;
  char* end = std::to_chars(d.digits, d.digits + sizeof(d.digits), value).ptr;
  int total = static_cast<int>(end - d.digits);
  d.exponent = insignificant + total - 1;
  d.length = total;
  while (d.length > 1 && d.digits[d.length - 1] == '0') --d.length;
  return d;
}

// The JDK's dtoa for a normalized significand (hidden bit at bit 52, for floats too) with
// `n_significant_bits` bits of precision and unbiased binary exponent `bin_exp`.
DecimalDigits dtoa(int bin_exp, uint64_t fract_bits, int n_significant_bits) {
  const int tail_zeros = std::countr_zero(fract_bits);
  const int n_fract_bits = kExpShift + 1 - tail_zeros;
  const int n_tiny_bits = std::max(0, n_fract_bits - bin_exp - 1);
  if (n_tiny_bits == 0 && bin_exp <= kMaxSmallBinExp) {
    int insignificant = bin_exp > n_significant_bits
                            ? insignificant_digits_of_pow2(bin_exp - n_significant_bits - 1)
                            : 0;
    uint64_t value = bin_exp >= kExpShift ? fract_bits << (bin_exp - kExpShift)
                                          : fract_bits >> (kExpShift - bin_exp);
    return integer_digits(value, insignificant);
  }

  Generation g;
  g.dec_exp = estimate_decimal_exponent(fract_bits, bin_exp);
  Scaling sc;
  sc.b5 = std::max(0, -g.dec_exp);
  sc.b2 = sc.b5 + n_tiny_bits + bin_exp;
  sc.s5 = std::max(0, g.dec_exp);
  sc.s2 = sc.s5 + n_tiny_bits;
  sc.m5 = sc.b5;
  sc.m2 = sc.b2 - n_significant_bits;
  fract_bits >>= tail_zeros;
  sc.b2 -= n_fract_bits - 1;
  const int common2 = std::min(sc.b2, sc.s2);
  sc.b2 -= common2;
  sc.s2 -= common2;
  sc.m2 -= common2;
  // Below an exact power of two the next value down is half an ulp closer; the JDK narrows the
  // (symmetric) interval on both sides for it.
  if (n_fract_bits == 1) sc.m2 -= 1;
  if (sc.m2 < 0) {
    sc.b2 -= sc.m2;
    sc.s2 -= sc.m2;
    sc.m2 = 0;
  }

  const int b_bits = n_fract_bits + sc.b2 + pow5_bits(sc.b5);
  const int ten_s_bits = sc.s2 + 1 + pow5_bits(sc.s5 + 1);
  if (b_bits < 32 && ten_s_bits < 32) {
    generate_with_machine_words<int32_t>(fract_bits, sc, g);
  } else if (b_bits < 64 && ten_s_bits < 64) {
    generate_with_machine_words<int64_t>(fract_bits, sc, g);
  } else {
    generate_with_big_ints(fract_bits, sc, g);
  }
  g.out.exponent = g.dec_exp;
  round_last_digit(g);
  return g.out;
}

}  // namespace

DecimalDigits jdk17_double_digits(double value) {
  const uint64_t bits = std::bit_cast<uint64_t>(value);
  uint64_t fract_bits = bits & kSignificandMask;
  int bin_exp = static_cast<int>((bits >> kExpShift) & 0x7ff);
  int n_significant_bits = kExpShift + 1;
  if (bin_exp == 0) {
    // Subnormal: move the leading one to the hidden bit's place.
    const int leading_zeros = std::countl_zero(fract_bits);
    const int shift = leading_zeros - (63 - kExpShift);
    fract_bits <<= shift;
    bin_exp = 1 - shift;
    n_significant_bits = 64 - leading_zeros;
  } else {
    fract_bits |= kHiddenBit;
  }
  return dtoa(bin_exp - kExpBias, fract_bits, n_significant_bits);
}

DecimalDigits jdk17_float_digits(float value) {
  const uint32_t bits = std::bit_cast<uint32_t>(value);
  uint32_t fract_bits = bits & ((uint32_t{1} << kFloatExpShift) - 1);
  int bin_exp = static_cast<int>((bits >> kFloatExpShift) & 0xff);
  int n_significant_bits = kFloatExpShift + 1;
  if (bin_exp == 0) {
    const int leading_zeros = std::countl_zero(fract_bits);
    const int shift = leading_zeros - (31 - kFloatExpShift);
    fract_bits <<= shift;
    bin_exp = 1 - shift;
    n_significant_bits = 32 - leading_zeros;
  } else {
    fract_bits |= uint32_t{1} << kFloatExpShift;
  }
  // The float's significand goes through the double code with its own precision.
  return dtoa(bin_exp - kFloatExpBias, uint64_t{fract_bits} << (kExpShift - kFloatExpShift),
              n_significant_bits);
}

}  // namespace sluice::util
