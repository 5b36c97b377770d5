// The digits that Double.toString and Float.toString print on JDK 17 (and every JDK up to 18):
// java.lang.FloatingDecimal's binary-to-decimal conversion, reproduced bit for bit.
//
// That algorithm (Steele & White's free-format printing as the JDK implemented it in 1996) does
// not always find the shortest decimal that rounds back to the value, which JDK 19 and later print
// (JDK-4511638). The differences, all of which this reproduces:
//  - integers up to 2^63 are printed from their exact value, dropping only the digits below the
//    ulp's order of magnitude: 2.82879384806159008E17 (shortest: 2.82879384806159E17), and for
//    floats 1.07374182E9 for 2^30;
//  - the stopping test uses a symmetric half-ulp interval with strict bounds, so values whose
//    shortest digits sit on an interval end, or just below a power of two, get one more digit:
//    1e23 prints as 9.999999999999999E22, Float.MIN_NORMAL as 1.17549435E-38;
//  - a value printed in E-form gets at least two digits ("4.9E-324"), and the last one is rounded
//    up or down by comparing the remainder with half a unit of that digit.
// The long/int arithmetic fast paths are reproduced with their overflow behaviour (Java's two's
// complement wrap-around), since in rare cases it decides a digit.
#pragma once

#include "util/decimal_digits.h"

namespace sluice::util {

// The digits of a positive finite value as JDK 17 chooses them.
DecimalDigits jdk17_double_digits(double value);
DecimalDigits jdk17_float_digits(float value);

}  // namespace sluice::util
