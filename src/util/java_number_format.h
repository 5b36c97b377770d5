// Java's Double.toString / Float.toString, as Jackson prints JSON numbers.
//
// Format (java.lang.Double#toString): plain notation with at least one fractional digit for
// 1e-3 <= |x| < 1e7 ("100.0", "0.001", "9999999.999999998"), otherwise computerized scientific
// notation "d.dddE<exp>" ("1.0E7", "9.99E-4", "4.9E-324"); "-0.0", "NaN", "Infinity", "-Infinity".
//
// Digits: which digits Java prints changed in JDK 19 (JDK-4511638), so there are two choices.
//  - kJdk17 (the default): what JDK 17, and every JDK up to 18, prints (java.lang.FloatingDecimal,
//    reproduced in floating_decimal_digits.h). The Java connector runs on Java 11 or 17 workers,
//    and users' existing files hold these bytes; sometimes they are longer than needed or not the
//    closest: 1e23 -> "9.999999999999999E22", 2.82879384806159E17 ->
//    "2.82879384806159008E17", Float.MIN_NORMAL -> "1.17549435E-38".
//  - kShortest: the shortest decimal that rounds back to the same value (closest to it when
//    several qualify), as JDK >= 19 prints it (Giulietti's algorithm); when a single digit would
//    do, the closest one- or two-digit decimal is chosen, which is why Double.MIN_VALUE prints as
//    "4.9E-324" and not "5.0E-324".
// Both denote the same double or float when read back. The connector key
// sluice.json.double.digits chooses between them (docs/compatibility.md).
//
// Non-finite values are returned as the bare words; callers decide on quoting (Jackson quotes them
// in JSON output, Values.convertToString does not).
#pragma once

#include <cstdint>
#include <string>

namespace sluice::util {

enum class JavaDoubleDigits : uint8_t {
  kJdk17,     // Java <= 18 (FloatingDecimal): byte-identical to the Java connector on Java 11/17
  kShortest,  // Java >= 19: shortest round-trip digits
};

// Appends Double.toString(value) to `out`.
void append_java_double(std::string& out, double value,
                        JavaDoubleDigits digits = JavaDoubleDigits::kJdk17);
// Appends Float.toString(value) to `out`.
void append_java_float(std::string& out, float value,
                       JavaDoubleDigits digits = JavaDoubleDigits::kJdk17);

inline std::string java_double_to_string(double value,
                                         JavaDoubleDigits digits = JavaDoubleDigits::kJdk17) {
  std::string s;
  append_java_double(s, value, digits);
  return s;
}
inline std::string java_float_to_string(float value,
                                        JavaDoubleDigits digits = JavaDoubleDigits::kJdk17) {
  std::string s;
  append_java_float(s, value, digits);
  return s;
}

}  // namespace sluice::util
