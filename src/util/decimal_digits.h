// DecimalDigits: the digit string and decimal exponent chosen for a positive finite binary
// floating-point value, before Java's Double/Float.toString layout puts a point and an "E" into
// it (java_number_format.cc). Shared by the two digit generators: the shortest round-trip one and
// the JDK 17 one (floating_decimal_digits.h).
#pragma once

namespace sluice::util {

// value ~ d0.d1d2...d(length-1) x 10^exponent. Digits are ASCII and are printed as they are:
// the JDK 17 generator can leave trailing zeros ("1.230") that Java prints, so nothing here
// assumes a normalized string. 24 digits is more than either generator produces (Java's own
// buffer holds 20).
struct DecimalDigits {
  char digits[24];
  int length = 0;
  int exponent = 0;
};

}  // namespace sluice::util
