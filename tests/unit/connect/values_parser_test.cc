// Values.parseString as used by SimpleHeaderConverter (kafka-connect.md §2.5).
#include "connect/values_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

class ValuesParserTest : public ::testing::Test {
 protected:
  std::string parse(std::string_view text) {
    SchemaAndValue out;
    if (!parse_values_string(text, arena_, &out)) return "FAILED";
    return render(out.schema.get()) + " => " + render(out.value);
  }
  Arena arena_;
};

TEST_F(ValuesParserTest, Booleans) {
  EXPECT_EQ(parse("true"), "boolean => true");
  EXPECT_EQ(parse("false"), "boolean => false");
  EXPECT_EQ(parse(" true "), "boolean => true");
  EXPECT_EQ(parse("TRUE"), "string => \"TRUE\"");
  EXPECT_EQ(parse("true}"), "string => \"true}\"");
}

TEST_F(ValuesParserTest, NullIsJavaNull) {
  EXPECT_EQ(parse("null"), "none => null");
}

TEST_F(ValuesParserTest, IntegersTakeTheNarrowestType) {
  EXPECT_EQ(parse("42"), "int8 => 42");
  EXPECT_EQ(parse("-128"), "int8 => -128");
  EXPECT_EQ(parse("128"), "int16 => 128");
  EXPECT_EQ(parse("-129"), "int16 => -129");
  EXPECT_EQ(parse("32768"), "int32 => 32768");
  EXPECT_EQ(parse("2147483648"), "int64 => 2147483648");
  EXPECT_EQ(parse("9223372036854775807"), "int64 => 9223372036854775807");
  EXPECT_EQ(parse("+5"), "int8 => 5");
  EXPECT_EQ(parse("-0"), "int8 => 0");
  EXPECT_EQ(parse("5."), "int8 => 5");
}

TEST_F(ValuesParserTest, WholeNumbersWrittenWithFractionsOrExponentsAreIntegers) {
  EXPECT_EQ(parse("1.0"), "int8 => 1");
  EXPECT_EQ(parse("1.000"), "int8 => 1");
  EXPECT_EQ(parse("10e-1"), "int8 => 1");
  EXPECT_EQ(parse("1e2"), "int8 => 100");
  EXPECT_EQ(parse("0.000"), "int8 => 0");
}

TEST_F(ValuesParserTest, OtherNumbersAreFloat32WhenFiniteThenFloat64ThenDecimal) {
  EXPECT_EQ(parse("1.5"), "float => f:1.5");
  EXPECT_EQ(parse("3.14159265358979"), "float => f:3.14159274");  // lossy, as in Java
  EXPECT_EQ(parse("-.5"), "float => f:-0.5");
  EXPECT_EQ(parse("1e-50"), "float => f:0");
  EXPECT_EQ(parse("1e19"), "float => f:9.99999998e+18");
  EXPECT_EQ(parse("1e39"), "double => d:9.9999999999999994e+38");
  EXPECT_EQ(parse("1e400"), "Decimal(scale=-400) bytes => dec(0x01,-400)");
  // Beyond long and with scale 0: neither float nor double qualifies.
  EXPECT_EQ(parse("9223372036854775808"), "Decimal(scale=0) bytes => dec(0x008000000000000000,0)");
  EXPECT_EQ(parse("12345678901234567890"), "Decimal(scale=0) bytes => dec(0x00ab54a98ceb1f0ad2,0)");
}

TEST_F(ValuesParserTest, IsoDateTimeAndTimestampShapes) {
  EXPECT_EQ(parse("2024-01-02"), "Date int32 => 19724");
  EXPECT_EQ(parse("10:15:30.123Z"), "Time int32 => 36930123");
  EXPECT_EQ(parse("2024-01-02T10:15:30.123Z"), "Timestamp int64 => 1704190530123");
  EXPECT_EQ(parse("10\\:15\\:30.123Z"), "Time int32 => 36930123");
}

TEST_F(ValuesParserTest, TemporalParsingIsLenientLikeSimpleDateFormat) {
  EXPECT_EQ(parse("2024-13-01"), "Date int32 => 20089");    // month 13 rolls into 2025
  EXPECT_EQ(parse("2024-02-30"), "Date int32 => 19783");    // 2024-03-01
  EXPECT_EQ(parse("2024-1-2xx"), "Date int32 => 19724");    // right length, trailing text ignored
  EXPECT_EQ(parse("1000-01-01"), "Date int32 => -354280");  // Julian before the 1582 cutover
}

TEST_F(ValuesParserTest, NearMissesOfTheShapesAreStrings) {
  EXPECT_EQ(parse("2024-01-02x"), "string => \"2024-01-02x\"");
  EXPECT_EQ(parse("2024/01/02"), "string => \"2024/01/02\"");
  EXPECT_EQ(parse("10:15:30Z"), "int8 => 10");  // only the first token is a value
}

TEST_F(ValuesParserTest, OnlyTheFirstValueIsRead) {
  EXPECT_EQ(parse("1,2"), "int8 => 1");
  EXPECT_EQ(parse("12:30"), "int8 => 12");
  EXPECT_EQ(parse("[1,2] trailing"), "array<int8> => [1,2]");
}

TEST_F(ValuesParserTest, StringsKeepTheOriginalText) {
  EXPECT_EQ(parse("hello"), "string => \"hello\"");
  EXPECT_EQ(parse("  hello "), "string => \"  hello \"");
  EXPECT_EQ(parse("   "), "string => \"   \"");
  EXPECT_EQ(parse(""), "string => \"\"");
  EXPECT_EQ(parse("abc,def"), "string => \"abc,def\"");
  EXPECT_EQ(parse("1.5 apples"), "string => \"1.5 apples\"");
}

TEST_F(ValuesParserTest, ArraysWithACommonSchema) {
  EXPECT_EQ(parse("[1,2,3]"), "array<int8> => [1,2,3]");
  EXPECT_EQ(parse("[1, 300]"), "array<int16> => [1,300]");
  EXPECT_EQ(parse("[1, 2.5]"), "array<float> => [f:1,f:2.5]");
  EXPECT_EQ(parse("[\"a\", \"b\"]"), "array<string> => [\"a\",\"b\"]");
  EXPECT_EQ(parse("[true, false]"), "array<boolean> => [true,false]");
  EXPECT_EQ(parse("[[1],[2,3]]"), "array<array<int8>> => [[1],[2,3]]");
  EXPECT_EQ(parse("[\"2024-01-02\"]"), "array<Date int32> => [19724]");
}

TEST_F(ValuesParserTest, ArraysWithoutACommonSchema) {
  EXPECT_EQ(parse("[]"), "array<none> => []");
  EXPECT_EQ(parse("[null]"), "array<none> => [null]");
  EXPECT_EQ(parse("[1,\"a\"]"), "array<none> => [1,\"a\"]");
  EXPECT_EQ(parse("[1,\"a\",2]"), "array<none> => [1,\"a\",2]");
  EXPECT_EQ(parse("[1, 1e400]"), "array<none> => [1,dec(0x01,-400)]");
}

TEST_F(ValuesParserTest, ArraysThatCannotBeAlignedFallBackToStrings) {
  // A null element cannot take the (required) common schema.
  EXPECT_EQ(parse("[1, null]"), "string => \"[1, null]\"");
  // Date then a plain int32: the newer required schema wins and a Date is not an int.
  EXPECT_EQ(parse("[\"2024-01-02\", 100000]"), "string => \"[\"2024-01-02\", 100000]\"");
}

TEST_F(ValuesParserTest, TemporalAndNumericElementsAlign) {
  EXPECT_EQ(parse("[5, \"2024-01-02\"]"), "array<Date int32> => [5,19724]");
  EXPECT_EQ(parse("[\"12:00:00.000Z\", 5]"), "array<Time int32> => [43200000,5]");
  EXPECT_EQ(parse("[\"12:00:00.000Z\", 90000000]"),
            "string => \"[\"12:00:00.000Z\", 90000000]\"");  // Time.toLogical range check
  EXPECT_EQ(parse("[12:00:00.000Z]"), "array<Time int32> => [43200000]");
}

TEST_F(ValuesParserTest, ATrailingCommaBeforeTheBracketIsAccepted) {
  // After "1," the loop finds "]" and closes the array, as Connect's parser does.
  EXPECT_EQ(parse("[1,]"), "array<int8> => [1]");
}

TEST_F(ValuesParserTest, MalformedArraysAreStrings) {
  EXPECT_EQ(parse("[1,"), "string => \"[1,\"");
  EXPECT_EQ(parse("[,1]"), "string => \"[,1]\"");
  EXPECT_EQ(parse("[1 2]"), "string => \"[1 2]\"");
  EXPECT_EQ(parse("[abc]"), "string => \"[abc]\"");
  EXPECT_EQ(parse("[1,2"), "string => \"[1,2\"");
}

TEST_F(ValuesParserTest, Maps) {
  EXPECT_EQ(parse("{\"a\":1,\"b\":2}"), "map<string,int8> => {\"a\":1,\"b\":2}");
  EXPECT_EQ(parse("{\"a\":1,\"a\":2}"), "map<string,int8> => {\"a\":2}");
  EXPECT_EQ(parse("{1:\"x\",2:\"y\"}"), "map<int8,string> => {1:\"x\",2:\"y\"}");
  EXPECT_EQ(parse("{\"a\":null}"), "map<string,none> => {\"a\":null}");
  EXPECT_EQ(parse("{}"), "map<none,none> => {}");
  EXPECT_EQ(parse("{\"a\":[1,2]}"), "map<string,array<int8>> => {\"a\":[1,2]}");
  EXPECT_EQ(parse("{\"a\":1,\"b\":\"x\"}"), "map<string,none> => {\"a\":1,\"b\":\"x\"}");
}

TEST_F(ValuesParserTest, MalformedMapsAreStrings) {
  EXPECT_EQ(parse("{a:1}"), "string => \"{a:1}\"");
  EXPECT_EQ(parse("{\"a\":1, \"b\":null}"), "string => \"{\"a\":1, \"b\":null}\"");
  EXPECT_EQ(parse("{\"a\":1"), "string => \"{\"a\":1\"");
  EXPECT_EQ(parse("{null:1}"), "string => \"{null:1}\"");
  EXPECT_EQ(parse("{\"a\" 1}"), "string => \"{\"a\" 1}\"");
}

TEST_F(ValuesParserTest, QuotedStringsKeepEscapesAndDropBlankTokens) {
  EXPECT_EQ(parse("[\"a\\\"b\"]"), "array<string> => [\"a\\\"b\"]");
  EXPECT_EQ(parse("[\"a\", \" \"]"), "array<string> => [\"a\",\"\"]");
  EXPECT_EQ(parse("[\"x:y,z\"]"), "array<string> => [\"x:y,z\"]");
}

TEST_F(ValuesParserTest, VeryDeepNestingFails) {
  EXPECT_EQ(parse("[[[[1]]]]"), "array<array<array<array<int8>>>> => [[[[1]]]]");
  const std::string deep = std::string(1500, '[') + std::string(1500, ']');
  EXPECT_EQ(parse(deep), "FAILED");
}

}  // namespace
}  // namespace sluice::connect
