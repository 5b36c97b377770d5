// Java's Number conversions (byteValue, shortValue, intValue, longValue, floatValue,
// doubleValue) on the Connect values that stand for a Byte, Short, Integer, Long, Float, Double
// or BigDecimal, as MaskField's replacements and Cast use them.
//
// Java's rules: integral types narrow by keeping the low bits; Float/Double narrow to int or long
// saturating (NaN is 0) and to byte/short through int; BigDecimal truncates toward zero and keeps
// the low bits of the integer (BigInteger.intValue/longValue), and floatValue/doubleValue round
// (to infinity when out of range).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "connect/value.h"

namespace sluice::transforms {

// REQUIRES: v is kInt, kFloat32, kFloat64 or a decimal (Value::decimal) for all of these.
int64_t java_long_value(const connect::Value& v);
int32_t java_int_value(const connect::Value& v);
inline int16_t java_short_value(const connect::Value& v) {
  return static_cast<int16_t>(java_int_value(v));
}
inline int8_t java_byte_value(const connect::Value& v) {
  return static_cast<int8_t>(java_int_value(v));
}
double java_double_value(const connect::Value& v);
float java_float_value(const connect::Value& v);

// Whether `v` is one of the kinds above (a Java Number).
bool is_java_number(const connect::Value& v);

// Byte/Short/Integer/Long.parseX(text): an optional sign and decimal digits within [min, max];
// nullopt where Java throws NumberFormatException.
std::optional<int64_t> parse_java_integral(std::string_view text, int64_t min, int64_t max);
// Double.parseDouble / Float.parseFloat: Java's floating-point literal grammar (decimal or
// hexadecimal, "NaN", "Infinity", an optional f/F/d/D suffix) after String.trim(); nullopt where
// Java throws NumberFormatException.
std::optional<double> parse_java_double(std::string_view text);
std::optional<float> parse_java_float(std::string_view text);

}  // namespace sluice::transforms
