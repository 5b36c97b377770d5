#include "format/java_number_format.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <system_error>

namespace sluice::format {
namespace {

// A positive finite value as significant digits (no leading or trailing zeros, at least one
// digit) and the decimal exponent of the first digit: value = d0.d1d2... x 10^exponent.
struct Decimal {
  char digits[32];
  int length = 0;
  int exponent = 0;
};

// Parses std::to_chars scientific output "d[.ddd]e[+-]xx" into a Decimal.
Decimal parse_scientific(const char* begin, const char* end) {
  Decimal d;
  const char* p = begin;
  for (; p != end && *p != 'e'; ++p) {
    if (*p != '.') d.digits[d.length++] = *p;
  }
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exponent);
  d.exponent = exponent;
  while (d.length > 1 && d.digits[d.length - 1] == '0') --d.length;
  return d;
}

// The digits Java chooses for a positive finite `value` of type T (double or float).
template <typename T>
Decimal java_digits(T value) {
  char buf[64];
  auto shortest = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  Decimal d = parse_scientific(buf, shortest.ptr);
  if (d.length == 1) {
    // Java picks the closest decimal of length 1 or 2 that rounds back to `value`. The value
    // correctly rounded to two digits is at least as close as the one-digit candidate, so it wins
    // whenever it still rounds back (only near the bottom of the subnormal range does it differ).
    auto two = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific, 1);
    T back{};
    auto parsed = std::from_chars(buf, two.ptr, back, std::chars_format::scientific);
    if (parsed.ec == std::errc() && back == value) d = parse_scientific(buf, two.ptr);
  }
  return d;
}

void append_decimal(std::string& out, const Decimal& d) {
  if (d.exponent >= -3 && d.exponent < 7) {
    if (d.exponent >= 0) {
      int integer_digits = d.exponent + 1;
      for (int i = 0; i < integer_digits; ++i) out.push_back(i < d.length ? d.digits[i] : '0');
      out.push_back('.');
      if (d.length > integer_digits) {
        out.append(d.digits + integer_digits, d.length - integer_digits);
      } else {
        out.push_back('0');
      }
    } else {
      out.append("0.");
      out.append(static_cast<size_t>(-d.exponent - 1), '0');
      out.append(d.digits, d.length);
    }
    return;
  }
  out.push_back(d.digits[0]);
  out.push_back('.');
  if (d.length > 1) {
    out.append(d.digits + 1, d.length - 1);
  } else {
    out.push_back('0');
  }
  out.push_back('E');
  char exp[8];
  auto end = std::to_chars(exp, exp + sizeof(exp), d.exponent).ptr;
  out.append(exp, end);
}

template <typename T>
void append_java(std::string& out, T value) {
  if (std::isnan(value)) {
    out.append("NaN");
    return;
  }
  if (std::signbit(value)) {
    out.push_back('-');
    value = -value;
  }
  if (std::isinf(value)) {
    out.append("Infinity");
    return;
  }
  if (value == 0) {
    out.append("0.0");
    return;
  }
  append_decimal(out, java_digits(value));
}

}  // namespace

void append_java_double(std::string& out, double value) {
  append_java(out, value);
}
void append_java_float(std::string& out, float value) {
  append_java(out, value);
}

}  // namespace sluice::format
