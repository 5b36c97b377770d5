// Java's Double.toString, as Jackson prints a double node inside Avro's Schema.toString().
//
// Format (java.lang.Double#toString): plain notation with at least one fractional digit for
// 1e-3 <= |x| < 1e7 ("100.0", "0.001"), otherwise "d.dddE<exp>" ("1.0E10", "1.0E-5"); "-0.0".
// Digits: the shortest decimal that reads back as the same double, choosing the closest when
// several qualify, as JDK >= 19 prints them. JDK 17 (what Confluent's images run) sometimes printed
// a longer string for the same double (1e23 -> "9.999999999999999E22"); we follow JDK >= 19, as
// the format module does for JSON output: the two strings denote the same double.
//
// The same algorithm lives in format/java_number_format.cc; the avro module may depend on util
// only, so it carries its own copy.
#pragma once

#include <string>

namespace sluice::avro {

// Appends Double.toString(value) for a finite or non-finite value ("NaN", "Infinity",
// "-Infinity" unquoted: the caller quotes them where Jackson does).
void append_java_double(std::string& out, double value);

}  // namespace sluice::avro
