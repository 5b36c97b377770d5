// Decimal bytes (BigInteger.toByteArray, kafka-connect.md §1.3) and Jackson's base64 rules.
#include <gtest/gtest.h>

#include <string>

#include "connect/decimal_bytes.h"
#include "connect/jackson_base64.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::hex;

std::string twos(std::string_view digits, bool negative = false) {
  Arena arena;
  return hex(digits_to_twos_complement(negative, digits, "", arena));
}

TEST(DecimalBytesTest, SpecExamples) {
  // kafka-connect.md §1.3: 0 -> 00; 221 -> 00 DD; 128 -> 00 80; -1 -> FF; -128 -> 80.
  EXPECT_EQ(twos("0"), "0x00");
  EXPECT_EQ(twos("221"), "0x00dd");
  EXPECT_EQ(twos("128"), "0x0080");
  EXPECT_EQ(twos("1", true), "0xff");
  EXPECT_EQ(twos("128", true), "0x80");
}

TEST(DecimalBytesTest, MinimalLengthBothSigns) {
  EXPECT_EQ(twos("127"), "0x7f");
  EXPECT_EQ(twos("255"), "0x00ff");
  EXPECT_EQ(twos("65536"), "0x010000");
  EXPECT_EQ(twos("129", true), "0xff7f");
  EXPECT_EQ(twos("256", true), "0xff00");
  EXPECT_EQ(twos("0000221"), "0x00dd");
  EXPECT_EQ(twos("0", true), "0x00");
}

TEST(DecimalBytesTest, LongNumbersAndSplitDigits) {
  Arena arena;
  EXPECT_EQ(hex(digits_to_twos_complement(false, "2", "21", arena)), "0x00dd");
  // 2^128 = 340282366920938463463374607431768211456
  EXPECT_EQ(twos("340282366920938463463374607431768211456"),
            "0x0100000000000000000000000000000000");
  EXPECT_EQ(twos("340282366920938463463374607431768211456", true),
            "0xff00000000000000000000000000000000");
  const std::string huge(400, '9');  // beyond the inline buffers
  const std::string bytes = twos(huge);
  EXPECT_EQ(bytes.size(), 2 + 2 * 167u);  // ceil((400*log2(10)+1)/8)
}

TEST(DecimalBytesTest, MinimalTwosComplement) {
  EXPECT_EQ(hex(minimal_twos_complement(std::string_view("\x00\x00\xDD", 3))), "0x00dd");
  EXPECT_EQ(hex(minimal_twos_complement("\xFF\xFF\x80")), "0x80");
  EXPECT_EQ(hex(minimal_twos_complement("\xFF\x7F")), "0xff7f");
  EXPECT_EQ(hex(minimal_twos_complement(std::string_view("\x00", 1))), "0x00");
  EXPECT_EQ(hex(minimal_twos_complement(std::string_view("\x00\x00", 2))), "0x00");
}

TEST(DecimalBytesTest, ParseJavaInt) {
  EXPECT_EQ(parse_java_int("2"), 2);
  EXPECT_EQ(parse_java_int("+2"), 2);
  EXPECT_EQ(parse_java_int("-3"), -3);
  EXPECT_EQ(parse_java_int("-2147483648"), INT32_MIN);
  EXPECT_EQ(parse_java_int("2147483648"), std::nullopt);
  EXPECT_EQ(parse_java_int(""), std::nullopt);
  EXPECT_EQ(parse_java_int("-"), std::nullopt);
  EXPECT_EQ(parse_java_int(" 2"), std::nullopt);
  EXPECT_EQ(parse_java_int("2.0"), std::nullopt);
}

std::string b64(std::string_view text) {
  Arena arena;
  std::string_view out;
  std::string error;
  if (!jackson_base64_decode(text, arena, &out, &error)) return "ERROR " + error;
  return hex(out);
}

TEST(JacksonBase64Test, Decodes) {
  EXPECT_EQ(b64("AN0="), "0x00dd");
  EXPECT_EQ(b64("AQID"), "0x010203");
  EXPECT_EQ(b64("AQIDBA=="), "0x01020304");
  EXPECT_EQ(b64(""), "0x");
  EXPECT_EQ(b64("+/+/"), "0xfbffbf");
}

TEST(JacksonBase64Test, WhitespaceOnlyAroundGroups) {
  EXPECT_EQ(b64("  AQ==\n AQ== "), "0x0101");
  EXPECT_EQ(b64("A Q=="), "ERROR Illegal character (code 0x20) in base64 content");
}

TEST(JacksonBase64Test, PaddingIsRequired) {
  EXPECT_EQ(b64("AQ").rfind("ERROR Unexpected end of base64-encoded String", 0), 0u);
  EXPECT_EQ(b64("AQ=").rfind("ERROR Unexpected end of base64-encoded String", 0), 0u);
  EXPECT_EQ(
      b64("AQ=x"),
      "ERROR Illegal character (code 0x78) in base64 content: expected padding character '='");
}

TEST(JacksonBase64Test, IllegalCharacters) {
  EXPECT_EQ(b64("A*=="), "ERROR Illegal character (code 0x2a) in base64 content");
  EXPECT_EQ(b64("AQ-_"), "ERROR Illegal character (code 0x2d) in base64 content");  // not URL-safe
}

TEST(JacksonBase64Test, LeftoverBitsAreIgnored) {
  EXPECT_EQ(b64("AR=="), "0x01");
}

}  // namespace
}  // namespace sluice::connect
