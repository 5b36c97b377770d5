#include "util/java_number_format.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "util/decimal_digits.h"
#include "util/floating_decimal_digits.h"

namespace sluice::util {
namespace {

// Parses std::to_chars scientific output "d[.ddd]e[+-]xx" into digits without trailing zeros.
DecimalDigits parse_scientific(const char* begin, const char* end) {
  DecimalDigits d;
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

// The digits JDK >= 19 chooses for a positive finite `value` of type T (double or float).
template <typename T>
DecimalDigits shortest_digits(T value) {
  char buf[64];
  auto shortest = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  DecimalDigits d = parse_scientific(buf, shortest.ptr);
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

DecimalDigits java_digits(double value, JavaDoubleDigits digits) {
  return digits == JavaDoubleDigits::kJdk17 ? jdk17_double_digits(value) : shortest_digits(value);
}
DecimalDigits java_digits(float value, JavaDoubleDigits digits) {
  return digits == JavaDoubleDigits::kJdk17 ? jdk17_float_digits(value) : shortest_digits(value);
}

// Double.toString's layout of the digits. Every digit is printed, trailing zeros included (JDK 17
// can produce some: "1.230"); a missing fractional part becomes ".0".
void append_decimal(std::string& out, const DecimalDigits& d) {
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
void append_java(std::string& out, T value, JavaDoubleDigits digits) {
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
  append_decimal(out, java_digits(value, digits));
}

}  // namespace

void append_java_double(std::string& out, double value, JavaDoubleDigits digits) {
  append_java(out, value, digits);
}
void append_java_float(std::string& out, float value, JavaDoubleDigits digits) {
  append_java(out, value, digits);
}

}  // namespace sluice::util
