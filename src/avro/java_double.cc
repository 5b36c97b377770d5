#include "avro/java_double.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace sluice::avro {
namespace {

// A positive finite double as significant digits (no trailing zeros, at least one digit) and the
// decimal exponent of the first digit: value = d0.d1d2... x 10^exponent.
struct Digits {
  char text[32];
  int length = 0;
  int exponent = 0;
};

// Reads std::to_chars scientific output "d[.ddd]e[+-]xx".
Digits parse_scientific(const char* begin, const char* end) {
  Digits d;
  const char* p = begin;
  for (; p != end && *p != 'e'; ++p) {
    if (*p != '.') d.text[d.length++] = *p;
  }
  const char* exponent_begin = p + 1;
  if (exponent_begin != end && *exponent_begin == '+') ++exponent_begin;
  std::from_chars(exponent_begin, end, d.exponent);
  while (d.length > 1 && d.text[d.length - 1] == '0') --d.length;
  return d;
}

Digits java_digits(double value) {
  char buf[64];
  auto shortest = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  Digits d = parse_scientific(buf, shortest.ptr);
  if (d.length == 1) {
    // Java (JDK >= 19) picks the closest decimal of one or two digits that reads back as the
    // value; the value rounded to two digits is at least as close as any one-digit candidate, so
    // it wins whenever it still reads back (it differs only near the subnormal minimum: 4.9E-324).
    auto two = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific, 1);
    double back = 0;
    auto parsed = std::from_chars(buf, two.ptr, back, std::chars_format::scientific);
    if (parsed.ec == std::errc() && back == value) d = parse_scientific(buf, two.ptr);
  }
  return d;
}

void append_plain(std::string& out, const Digits& d) {
  if (d.exponent < 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-d.exponent - 1), '0');
    out.append(d.text, static_cast<size_t>(d.length));
    return;
  }
  int integer_digits = d.exponent + 1;
  for (int i = 0; i < integer_digits; ++i) out.push_back(i < d.length ? d.text[i] : '0');
  out.push_back('.');
  if (d.length > integer_digits) {
    out.append(d.text + integer_digits, static_cast<size_t>(d.length - integer_digits));
  } else {
    out.push_back('0');
  }
}

void append_scientific(std::string& out, const Digits& d) {
  out.push_back(d.text[0]);
  out.push_back('.');
  if (d.length > 1) {
    out.append(d.text + 1, static_cast<size_t>(d.length - 1));
  } else {
    out.push_back('0');
  }
  out.push_back('E');
  char exponent[8];
  auto end = std::to_chars(exponent, exponent + sizeof(exponent), d.exponent).ptr;
  out.append(exponent, end);
}

}  // namespace

void append_java_double(std::string& out, double value) {
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
  Digits d = java_digits(value);
  if (d.exponent >= -3 && d.exponent < 7) {
    append_plain(out, d);
  } else {
    append_scientific(out, d);
  }
}

}  // namespace sluice::avro
