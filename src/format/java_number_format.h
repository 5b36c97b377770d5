// Java's Double.toString / Float.toString, as Jackson prints JSON numbers.
//
// Format (java.lang.Double#toString): plain notation with at least one fractional digit for
// 1e-3 <= |x| < 1e7 ("100.0", "0.001", "9999999.999999998"), otherwise computerized scientific
// notation "d.dddE<exp>" ("1.0E7", "9.99E-4", "4.9E-324"); "-0.0", "NaN", "Infinity", "-Infinity".
//
// Digits: the shortest decimal that rounds back to the same value (closest to it when several
// qualify), as JDK >= 19 prints them (Giulietti's algorithm, JDK-4511638); when a single digit
// would do, the closest one- or two-digit decimal is chosen, which is why Double.MIN_VALUE prints
// as "4.9E-324" and not "5.0E-324". JDK <= 18 sometimes printed a longer or non-closest digit
// string (JDK 17: 1e23 -> "9.999999999999999E22", 2.82879384806159E17 -> "2.82879384806159008E17",
// Float.MIN_NORMAL -> "1.17549435E-38"). We follow JDK >= 19 deliberately: every such JDK 17
// string denotes the same double, so readers parse identical values, and the shortest form is the
// one JDK 19+ workers produce. (Documented in docs/compatibility.md.)
//
// Non-finite values are returned as the bare words; callers decide on quoting (Jackson quotes them
// in JSON output, Values.convertToString does not).
#pragma once

#include <string>

namespace sluice::format {

// Appends Double.toString(value) to `out`.
void append_java_double(std::string& out, double value);
// Appends Float.toString(value) to `out`.
void append_java_float(std::string& out, float value);

inline std::string java_double_to_string(double value) {
  std::string s;
  append_java_double(s, value);
  return s;
}
inline std::string java_float_to_string(float value) {
  std::string s;
  append_java_float(s, value);
  return s;
}

}  // namespace sluice::format
