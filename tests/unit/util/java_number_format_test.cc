// Java Double.toString / Float.toString (java_number_format.h).
//
// Two digit choices: kJdk17 (the default), checked against strings printed by OpenJDK 17.0.15,
// and kShortest, checked against Temurin JDK 25 (JDK >= 19 prints the shortest round-trip digits).
// The hand-picked tables below give both where they differ; the generated vector files
// (jdk17_*_vectors.inc, thousands of values from JDK 17) check the JDK 17 digits broadly.
#include "util/java_number_format.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <string>

namespace sluice::util {
namespace {

struct DoubleCase {
  uint64_t bits;
  const char* expected;         // both JDK 17 and JDK >= 19
  const char* jdk17 = nullptr;  // JDK 17, when it differs
};

struct FloatCase {
  uint32_t bits;
  const char* expected;
  const char* jdk17 = nullptr;
};

struct Vector64 {
  uint64_t bits;
  const char* jdk17;
};

struct Vector32 {
  uint32_t bits;
  const char* jdk17;
};

constexpr Vector64 kJdk17Doubles[] = {
#include "util/jdk17_double_vectors.inc"
};

constexpr Vector32 kJdk17Floats[] = {
#include "util/jdk17_float_vectors.inc"
};

// The string reads back as `value` (both digit choices promise it).
template <typename T>
bool reads_back(const std::string& text, T value) {
  T back{};
  auto r = std::from_chars(text.data(), text.data() + text.size(), back);
  return r.ec == std::errc() && back == value;
}

TEST(JavaNumberFormatTest, DoubleToStringMatchesJava) {
  const DoubleCase cases[] = {
      {0x0ULL, "0.0"},
      {0x8000000000000000ULL, "-0.0"},
      {0x3ff0000000000000ULL, "1.0"},
      {0xbff0000000000000ULL, "-1.0"},
      {0x3fb999999999999aULL, "0.1"},
      {0x3fc999999999999aULL, "0.2"},
      {0x3fd3333333333334ULL, "0.30000000000000004"},
      {0x3f50624dd2f1a9fcULL, "0.001"},
      {0x3f50624dd2f1a9fbULL, "9.999999999999998E-4"},
      {0x3f505e1c15097c81ULL, "9.99E-4"},
      {0x3f1a36e2eb1c432dULL, "1.0E-4"},
      {0x416312d000000000ULL, "1.0E7"},
      {0x416312cfffffffffULL, "9999999.999999998"},
      {0x416312cfe0000000ULL, "9999999.0"},
      {0x41678c29dccccccdULL, "1.23456789E7"},
      {0x3ff8000000000000ULL, "1.5"},
      {0x4059000000000000ULL, "100.0"},
      {0x44b52d02c7e14af6ULL, "1.0E23", "9.999999999999999E22"},
      {0x438f67ea69ed3795ULL, "2.82879384806159E17", "2.82879384806159008E17"},
      {0x1ULL, "4.9E-324"},
      {0x3ULL, "1.5E-323"},
      {0x10000000000000ULL, "2.2250738585072014E-308"},
      {0xfffffffffffffULL, "2.225073858507201E-308"},
      {0x7fefffffffffffffULL, "1.7976931348623157E308"},
      {0x7ff8000000000000ULL, "NaN"},
      {0x7ff0000000000000ULL, "Infinity"},
      {0xfff0000000000000ULL, "-Infinity"},
      {0x40fe240c9fbe76c9ULL, "123456.789"},
      {0x3ee4f8b588e368f1ULL, "1.0E-5"},
      {0x3fe0000000000000ULL, "0.5"},
      {0x4340000000000000ULL, "9.007199254740992E15"},
      {0x444b1ae4d6e2ef50ULL, "1.0E21"},
      {0x4480f0cf064dd592ULL, "1.0E22"},
      {0x400921fb54442d18ULL, "3.141592653589793"},
      {0x4005bf0a8b145769ULL, "2.718281828459045"},
      {0xc05edd2f1a9fbe77ULL, "-123.456"},
      {0x54b249ad2594c37dULL, "1.0E100"},
      {0x3f60624dd2f1a9fcULL, "0.002"},
      {0x3fd5555555555555ULL, "0.3333333333333333"},
      {0x43e0000000000000ULL, "9.223372036854776E18"},
      {0x1a56e1fc2f8f359ULL, "1.0E-300"},
      {0x3f0a36e2eb1c432dULL, "5.0E-5"},
      {0x4132d68700000000ULL, "1234567.0"},
      {0x3f201f31f46ed246ULL, "1.23E-4"},
      {0x4011666666666666ULL, "4.35"},
      {0x3f60624dd2f1a9fcULL, "0.002"},
      {0x3f689374bc6a7efaULL, "0.003"},
      {0xbf505e1c15097c81ULL, "-9.99E-4"},
      {0x7fee42d130773b76ULL, "1.7E308"},
      {0x447c7e83209e90b2ULL, "8.41E21", "8.409999999999999E21"},
      {0x7ULL, "3.5E-323"},
      {0x44c52d02c7e14af6ULL, "2.0E23", "1.9999999999999998E23"},
      {0x430c6bf526340000ULL, "1.0E15"},
      {0x437b69b4ba630f35ULL, "1.2345678901234568E17"},
      {0x3f847ae147ae147bULL, "0.01"},
      {0x412e848000000000ULL, "1000000.0"},
      {0x41621eac00000000ULL, "9500000.0"},
  };
  ASSERT_GE(sizeof(cases) / sizeof(cases[0]), 50u);
  for (const DoubleCase& c : cases) {
    double value = std::bit_cast<double>(c.bits);
    EXPECT_EQ(java_double_to_string(value), c.jdk17 ? c.jdk17 : c.expected)
        << std::hex << "bits=0x" << c.bits;
    EXPECT_EQ(java_double_to_string(value, JavaDoubleDigits::kShortest), c.expected)
        << std::hex << "bits=0x" << c.bits;
  }
}

TEST(JavaNumberFormatTest, FloatToStringMatchesJava) {
  const FloatCase cases[] = {
      {0x0u, "0.0"},
      {0x80000000u, "-0.0"},
      {0x3f800000u, "1.0"},
      {0x3dcccccdu, "0.1"},
      {0x4b189680u, "1.0E7"},
      {0x4b18967fu, "9999999.0"},
      {0x3a83126fu, "0.001"},
      {0x3a83126eu, "9.999999E-4"},
      {0x3a82f0e1u, "9.99E-4"},
      {0x1u, "1.4E-45"},
      {0x7f7fffffu, "3.4028235E38"},
      {0x800000u, "1.1754944E-38", "1.17549435E-38"},
      {0x40490fdbu, "3.1415927"},
      {0x3f8ccccdu, "1.1"},
      {0x4b800000u, "1.6777216E7"},
      {0x3e99999au, "0.3"},
      {0x7fc00000u, "NaN"},
      {0x7f800000u, "Infinity"},
      {0xff800000u, "-Infinity"},
      {0x1u, "1.4E-45"},
      {0x7u, "9.8E-45"},
      {0x3du, "8.5E-44"},
      {0x7f7fc99eu, "3.4E38"},
      {0x3fc00000u, "1.5"},
      {0x42c80000u, "100.0"},
      {0x47f1205au, "123456.7"},
      {0x2edbe6ffu, "1.0E-10"},
      {0x3eaaaaabu, "0.33333334"},
      {0x37d1b717u, "2.5E-5"},
      {0xc0e80000u, "-7.25"},
      {0x7fffffu, "1.1754942E-38"},
      {0x4f7a56eau, "4.2E9"},
      {0x501502f9u, "1.0E10"},
      {0x3ba3d70au, "0.005"},
  };
  ASSERT_GE(sizeof(cases) / sizeof(cases[0]), 30u);
  for (const FloatCase& c : cases) {
    float value = std::bit_cast<float>(c.bits);
    EXPECT_EQ(java_float_to_string(value), c.jdk17 ? c.jdk17 : c.expected)
        << std::hex << "bits=0x" << c.bits;
    EXPECT_EQ(java_float_to_string(value, JavaDoubleDigits::kShortest), c.expected)
        << std::hex << "bits=0x" << c.bits;
  }
}

// Every vector as JDK 17 prints it, and its negation with a minus sign; both digit choices read
// back as the same double.
TEST(JavaNumberFormatTest, Jdk17DoubleVectors) {
  ASSERT_GT(sizeof(kJdk17Doubles) / sizeof(kJdk17Doubles[0]), 4000u);
  int differ_from_shortest = 0;
  for (const Vector64& v : kJdk17Doubles) {
    double value = std::bit_cast<double>(v.bits);
    std::string jdk17 = java_double_to_string(value);
    ASSERT_EQ(jdk17, v.jdk17) << std::hex << "bits=0x" << v.bits;
    ASSERT_EQ(java_double_to_string(-value), std::string("-") + v.jdk17);
    std::string shortest = java_double_to_string(value, JavaDoubleDigits::kShortest);
    EXPECT_TRUE(reads_back(jdk17, value)) << jdk17;
    EXPECT_TRUE(reads_back(shortest, value)) << shortest;
    EXPECT_LE(shortest.size(), jdk17.size()) << jdk17 << " " << shortest;
    if (shortest != jdk17) ++differ_from_shortest;
  }
  // The file holds samples of every class where the two differ (see its header).
  EXPECT_GT(differ_from_shortest, 300);
}

TEST(JavaNumberFormatTest, Jdk17FloatVectors) {
  ASSERT_GT(sizeof(kJdk17Floats) / sizeof(kJdk17Floats[0]), 1000u);
  int differ_from_shortest = 0;
  for (const Vector32& v : kJdk17Floats) {
    float value = std::bit_cast<float>(v.bits);
    std::string jdk17 = java_float_to_string(value);
    ASSERT_EQ(jdk17, v.jdk17) << std::hex << "bits=0x" << v.bits;
    ASSERT_EQ(java_float_to_string(-value), std::string("-") + v.jdk17);
    std::string shortest = java_float_to_string(value, JavaDoubleDigits::kShortest);
    EXPECT_TRUE(reads_back(jdk17, value)) << jdk17;
    EXPECT_TRUE(reads_back(shortest, value)) << shortest;
    if (shortest != jdk17) ++differ_from_shortest;
  }
  EXPECT_GT(differ_from_shortest, 150);
}

// The kinds of values where JDK 17 prints other digits than JDK >= 19, one of each.
TEST(JavaNumberFormatTest, Jdk17DigitQuirks) {
  // Integers from 2^53 to 2^63: exact digits down to the ulp's order of magnitude.
  EXPECT_EQ(java_double_to_string(2.82879384806159e17), "2.82879384806159008E17");
  EXPECT_EQ(java_float_to_string(1073741824.0f), "1.07374182E9");  // 2^30
  // Larger integers: the big-integer path stops one digit late or rounds the other way.
  EXPECT_EQ(java_double_to_string(1e23), "9.999999999999999E22");
  EXPECT_EQ(java_double_to_string(8.41e21), "8.409999999999999E21");
  EXPECT_EQ(java_double_to_string(1.9342813113834084e25), "1.9342813113834083E25");
  // Powers of two: the interval below is narrowed to half, so more digits are needed.
  EXPECT_EQ(java_float_to_string(std::bit_cast<float>(0x800000u)), "1.17549435E-38");
  // Subnormals: two digits in E-form, rounded by the remainder.
  EXPECT_EQ(java_double_to_string(std::bit_cast<double>(uint64_t{2})), "1.0E-323");
  EXPECT_EQ(java_double_to_string(std::bit_cast<double>(uint64_t{2}), JavaDoubleDigits::kShortest),
            "9.9E-324");
  EXPECT_EQ(java_double_to_string(std::bit_cast<double>(uint64_t{1})), "4.9E-324");
}

// The plain/scientific switch sits exactly at 1e-3 and 1e7 (spec §4.1).
TEST(JavaNumberFormatTest, NotationBoundaries) {
  EXPECT_EQ(java_double_to_string(0.001), "0.001");
  EXPECT_EQ(java_double_to_string(-0.001), "-0.001");
  EXPECT_EQ(java_double_to_string(0.000999), "9.99E-4");
  EXPECT_EQ(java_double_to_string(9999999.0), "9999999.0");
  EXPECT_EQ(java_double_to_string(1e7), "1.0E7");
  EXPECT_EQ(java_double_to_string(-1e7), "-1.0E7");
  EXPECT_EQ(java_double_to_string(1e-4), "1.0E-4");
  EXPECT_EQ(java_double_to_string(1234.5), "1234.5");
  EXPECT_EQ(java_double_to_string(1e10), "1.0E10");
  EXPECT_EQ(java_float_to_string(1e7f), "1.0E7");
  EXPECT_EQ(java_float_to_string(0.001f), "0.001");
}

TEST(JavaNumberFormatTest, AppendsToExistingText) {
  std::string out = "x=";
  append_java_double(out, 1.5);
  out.push_back(',');
  append_java_float(out, 0.1f);
  EXPECT_EQ(out, "x=1.5,0.1");
}

// A float widened to double prints the double's digits; Float.toString is only for float values.
TEST(JavaNumberFormatTest, FloatAndDoubleDigitsDiffer) {
  EXPECT_EQ(java_float_to_string(0.1f), "0.1");
  EXPECT_EQ(java_double_to_string(static_cast<double>(0.1f)), "0.10000000149011612");
}

}  // namespace
}  // namespace sluice::util
