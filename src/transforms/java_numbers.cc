#include "transforms/java_numbers.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace sluice::transforms {
namespace {

using connect::Value;
using connect::ValueKind;

// Java's (long) d and (int) d: saturating, NaN to 0.
template <typename T>
T saturate(double d) {
  if (std::isnan(d)) return 0;
  if (d >= static_cast<double>(std::numeric_limits<T>::max())) {
    return std::numeric_limits<T>::max();
  }
  if (d <= static_cast<double>(std::numeric_limits<T>::min())) {
    return std::numeric_limits<T>::min();
  }
  return static_cast<T>(d);
}

// The magnitude of a BigDecimal's unscaled integer, as little-endian 32-bit words.
struct Magnitude {
  std::vector<uint32_t> words;
  bool negative = false;
};

Magnitude magnitude_of(std::string_view twos_complement) {
  Magnitude m;
  if (twos_complement.empty()) return m;
  m.negative = (static_cast<unsigned char>(twos_complement.front()) & 0x80) != 0;
  std::vector<uint8_t> bytes(twos_complement.rbegin(), twos_complement.rend());  // little-endian
  if (m.negative) {  // negate: invert and add one
    unsigned carry = 1;
    for (uint8_t& b : bytes) {
      unsigned v = static_cast<uint8_t>(~b) + carry;
      b = static_cast<uint8_t>(v);
      carry = v >> 8;
    }
  }
  m.words.assign((bytes.size() + 3) / 4, 0);
  for (size_t i = 0; i < bytes.size(); ++i) m.words[i / 4] |= uint32_t{bytes[i]} << (8 * (i % 4));
  return m;
}

void divide_by_ten(std::vector<uint32_t>& words) {
  uint64_t rest = 0;
  for (size_t i = words.size(); i-- > 0;) {
    uint64_t cur = (rest << 32) | words[i];
    words[i] = static_cast<uint32_t>(cur / 10);
    rest = cur % 10;
  }
}

// BigDecimal.longValue(): the low 64 bits of the value truncated toward zero.
int64_t decimal_long_value(const Value& v) {
  Magnitude m = magnitude_of(v.as_text());
  int32_t scale = v.decimal_scale();
  for (int32_t i = 0; i < scale; ++i) divide_by_ten(m.words);
  uint64_t low = 0;
  if (!m.words.empty()) low = m.words[0];
  if (m.words.size() > 1) low |= uint64_t{m.words[1]} << 32;
  for (int32_t i = scale; i < 0; ++i) low *= 10;  // wraps modulo 2^64, as the low bits do
  return static_cast<int64_t>(m.negative ? ~low + 1 : low);
}

// BigDecimal.doubleValue(), through the decimal text so that rounding is correct.
double decimal_double_value(const Value& v) {
  Magnitude m = magnitude_of(v.as_text());
  std::string digits;
  std::vector<uint32_t> words = m.words;
  auto is_zero = [&words] {
    for (uint32_t w : words) {
      if (w != 0) return false;
    }
    return true;
  };
  while (!is_zero()) {
    uint64_t rest = 0;
    for (size_t i = words.size(); i-- > 0;) {
      uint64_t cur = (rest << 32) | words[i];
      words[i] = static_cast<uint32_t>(cur / 10);
      rest = cur % 10;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + rest));
  }
  if (digits.empty()) digits = "0";
  std::string text = (m.negative ? "-" : "") + digits + "e" + std::to_string(-v.decimal_scale());
  return std::strtod(text.c_str(), nullptr);
}

// Whether `t` (trimmed) is a Java FloatingPointLiteral as Double.parseDouble accepts it; sets
// `hex` for the hexadecimal form.
bool is_java_float_literal(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  std::string_view body = t.substr(i);
  if (body == "NaN" || body == "Infinity") return true;
  if (!body.empty() &&
      (body.back() == 'f' || body.back() == 'F' || body.back() == 'd' || body.back() == 'D')) {
    body.remove_suffix(1);
  }
  auto digits = [&body](size_t& at, bool hex) {
    size_t start = at;
    while (at < body.size() &&
           (std::isdigit(static_cast<unsigned char>(body[at])) != 0 ||
            (hex && std::isxdigit(static_cast<unsigned char>(body[at])) != 0))) {
      ++at;
    }
    return at - start;
  };
  size_t at = 0;
  const bool hex = body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X');
  if (hex) at = 2;
  size_t mantissa = digits(at, hex);
  if (at < body.size() && body[at] == '.') {
    ++at;
    mantissa += digits(at, hex);
  }
  if (mantissa == 0) return false;
  const char exp_letter = hex ? 'p' : 'e';
  if (at < body.size() && std::tolower(static_cast<unsigned char>(body[at])) == exp_letter) {
    ++at;
    if (at < body.size() && (body[at] == '+' || body[at] == '-')) ++at;
    if (digits(at, false) == 0) return false;
  } else if (hex) {
    return false;  // a hexadecimal literal needs its binary exponent
  }
  return at == body.size();
}

std::string_view java_string_trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<int64_t> parse_java_integral(std::string_view text, int64_t min, int64_t max) {
  if (text.empty()) return std::nullopt;
  size_t i = 0;
  const bool negative = text[0] == '-';
  if (text[0] == '-' || text[0] == '+') ++i;
  if (i == text.size()) return std::nullopt;
  // Accumulate negatively so that the minimum of long parses.
  int64_t value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int digit = text[i] - '0';
    if (value < (std::numeric_limits<int64_t>::min() + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == std::numeric_limits<int64_t>::min()) return std::nullopt;
    value = -value;
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<double> parse_java_double(std::string_view text) {
  std::string_view t = java_string_trim(text);
  if (!is_java_float_literal(t)) return std::nullopt;
  std::string s(t);
  if (s.back() == 'f' || s.back() == 'F' || s.back() == 'd' || s.back() == 'D') s.pop_back();
  return std::strtod(s.c_str(), nullptr);
}

std::optional<float> parse_java_float(std::string_view text) {
  std::string_view t = java_string_trim(text);
  if (!is_java_float_literal(t)) return std::nullopt;
  std::string s(t);
  if (s.back() == 'f' || s.back() == 'F' || s.back() == 'd' || s.back() == 'D') s.pop_back();
  return std::strtof(s.c_str(), nullptr);
}

bool is_java_number(const Value& v) {
  return v.kind() == ValueKind::kInt || v.kind() == ValueKind::kFloat32 ||
         v.kind() == ValueKind::kFloat64 || (v.kind() == ValueKind::kBytes && v.is_decimal());
}

int64_t java_long_value(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return v.as_int();
    case ValueKind::kFloat32:
    case ValueKind::kFloat64:
      return saturate<int64_t>(v.as_double());
    default:
      return decimal_long_value(v);
  }
}

int32_t java_int_value(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kFloat32:
    case ValueKind::kFloat64:
      return saturate<int32_t>(v.as_double());
    default:
      return static_cast<int32_t>(java_long_value(v));
  }
}

double java_double_value(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return static_cast<double>(v.as_int());
    case ValueKind::kFloat32:
    case ValueKind::kFloat64:
      return v.as_double();
    default:
      return decimal_double_value(v);
  }
}

float java_float_value(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return static_cast<float>(v.as_int());
    case ValueKind::kFloat32:
    case ValueKind::kFloat64:
      return static_cast<float>(v.as_double());
    default: {
      // BigDecimal.floatValue rounds once from the exact value; going through double can round
      // twice, which only matters for values within half a float ulp of a tie.
      return static_cast<float>(decimal_double_value(v));
    }
  }
}

}  // namespace sluice::transforms
