#include "connect/json_number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "connect/decimal_bytes.h"

namespace sluice::connect {
namespace {

// Jackson 2.15+ StreamReadConstraints.DEFAULT_MAX_NUM_LEN.
constexpr size_t kMaxNumberLength = 1000;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The decimal exponent of the most significant non-zero digit, for deciding whether an
// out-of-range conversion overflowed or underflowed.
int64_t leading_exponent(const JsonNumber& n) {
  int64_t position = static_cast<int64_t>(n.int_digits.size()) - 1;  // of int_digits[0]
  for (char c : n.int_digits) {
    if (c != '0') return position + n.exponent;
    --position;
  }
  for (char c : n.frac_digits) {
    if (c != '0') return position + n.exponent;
    --position;
  }
  return 0;
}

template <typename T>
T to_floating(const JsonNumber& n, std::string_view token) {
  if (n.is_zero()) return T(0);
  T value{};
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  (void)end;
  if (ec == std::errc::result_out_of_range) {
    const T magnitude = leading_exponent(n) > 0 ? std::numeric_limits<T>::infinity() : T(0);
    return n.negative ? -magnitude : magnitude;
  }
  return value;
}

}  // namespace

bool JsonNumber::parse(std::string_view token, JsonNumber* out, std::string* error) {
  JsonNumber& n = *out;
  n = JsonNumber{};
  n.token = token;
  auto fail = [&](std::string message) {
    *error = std::move(message);
    return false;
  };
  if (token.size() > kMaxNumberLength) {
    return fail("Number value length (" + std::to_string(token.size()) +
                ") exceeds the maximum allowed (1000)");
  }
  size_t i = 0;
  if (i < token.size() && token[i] == '-') {
    n.negative = true;
    ++i;
  }
  size_t start = i;
  while (i < token.size() && is_digit(token[i])) ++i;
  if (i == start) return fail("Invalid numeric value: '" + std::string(token) + "'");
  n.int_digits = token.substr(start, i - start);
  n.integral = true;
  if (i < token.size() && token[i] == '.') {
    n.integral = false;
    start = ++i;
    while (i < token.size() && is_digit(token[i])) ++i;
    if (i == start) {
      return fail("Unexpected character in numeric value '" + std::string(token) +
                  "': Decimal point not followed by a digit");
    }
    n.frac_digits = token.substr(start, i - start);
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    n.integral = false;
    ++i;
    bool exponent_negative = false;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) {
      exponent_negative = token[i] == '-';
      ++i;
    }
    start = i;
    int64_t exponent = 0;
    for (; i < token.size() && is_digit(token[i]); ++i) {
      // Saturate; anything this large is out of BigDecimal's range anyway.
      if (exponent < (int64_t{1} << 40)) exponent = exponent * 10 + (token[i] - '0');
    }
    if (i == start) {
      return fail("Unexpected character in numeric value '" + std::string(token) +
                  "': Exponent indicator not followed by a digit");
    }
    n.exponent = exponent_negative ? -exponent : exponent;
  }
  if (i != token.size()) {
    return fail("Unexpected character ('" + std::string(1, token[i]) + "') in numeric value '" +
                std::string(token) + "'");
  }
  if (!n.integral) {
    // Jackson builds the BigDecimal while parsing; a scale outside int range fails there.
    const int64_t scale = static_cast<int64_t>(n.frac_digits.size()) - n.exponent;
    if (scale > std::numeric_limits<int32_t>::max() ||
        scale < std::numeric_limits<int32_t>::min()) {
      return fail("Malformed numeric value ('" + std::string(token) + "'): Scale out of range");
    }
  }
  return true;
}

bool JsonNumber::is_zero() const {
  for (char c : int_digits) {
    if (c != '0') return false;
  }
  for (char c : frac_digits) {
    if (c != '0') return false;
  }
  return true;
}

bool JsonNumber::is_int32() const {
  if (!integral) return false;
  // Significant digits beyond ten cannot fit.
  size_t first = 0;
  while (first < int_digits.size() && int_digits[first] == '0') ++first;
  if (int_digits.size() - first > 10) return false;
  int64_t value = 0;
  for (size_t i = first; i < int_digits.size(); ++i) value = value * 10 + (int_digits[i] - '0');
  if (negative) value = -value;
  return value >= std::numeric_limits<int32_t>::min() &&
         value <= std::numeric_limits<int32_t>::max();
}

int64_t JsonNumber::int64_value() const {
  // The truncated integer is the digits of int_digits + frac_digits shifted by the exponent;
  // it is accumulated modulo 2^64, which is what BigInteger.longValue() keeps.
  uint64_t acc = 0;
  auto add_digit = [&](char c) { acc = acc * 10 + static_cast<uint64_t>(c - '0'); };
  if (exponent >= 0) {
    for (char c : int_digits) add_digit(c);
    const int64_t frac_used = std::min<int64_t>(exponent, static_cast<int64_t>(frac_digits.size()));
    for (int64_t i = 0; i < frac_used; ++i) add_digit(frac_digits[static_cast<size_t>(i)]);
    // Remaining powers of ten; 10^64 is a multiple of 2^64, so the loop can stop there.
    for (int64_t i = frac_used; i < exponent && i < frac_used + 64; ++i) acc *= 10;
    if (exponent - frac_used >= 64) acc = 0;
  } else {
    const int64_t keep = static_cast<int64_t>(int_digits.size()) + exponent;
    for (int64_t i = 0; i < keep; ++i) add_digit(int_digits[static_cast<size_t>(i)]);
  }
  return static_cast<int64_t>(negative ? (~acc + 1) : acc);
}

float JsonNumber::float_value() const {
  return to_floating<float>(*this, token);
}

double JsonNumber::double_value() const {
  return to_floating<double>(*this, token);
}

std::string_view JsonNumber::unscaled_bytes(Arena& arena) const {
  return digits_to_twos_complement(negative, int_digits, frac_digits, arena);
}

int32_t JsonNumber::scale() const {
  if (integral) return 0;
  return static_cast<int32_t>(static_cast<int64_t>(frac_digits.size()) - exponent);
}

}  // namespace sluice::connect
