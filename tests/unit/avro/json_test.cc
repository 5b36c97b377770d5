#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "avro/json_reader.h"
#include "avro/json_value.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;

std::string jackson(std::string_view json) {
  auto value = parse_json(json);
  EXPECT_TRUE(value.ok()) << value.status().to_string();
  std::string out;
  if (value.ok()) append_jackson_json(out, *value);
  return out;
}

TEST(JsonReaderTest, KeepsMemberOrderAndMergesRepeatedKeysAsJackson) {
  EXPECT_EQ(jackson(R"({"b":1,"a":2,"c":{"z":1,"y":2}})"), R"({"b":1,"a":2,"c":{"z":1,"y":2}})");
  // A repeated key keeps its first position and takes the last value.
  EXPECT_EQ(jackson(R"({"dup":1,"x":0,"dup":2})"), R"({"dup":2,"x":0})");
  std::string many = "{";
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += "\"k3\":\"again\"}";
  auto value = parse_json(many);
  ASSERT_TRUE(value.ok());
  ASSERT_EQ(value->as_object().size(), 40u);
  EXPECT_EQ(value->as_object()[3].second.as_string(), "again");
}

TEST(JsonReaderTest, NumbersAsJacksonTypesThem) {
  auto value = parse_json(
      R"([1, -0, 2147483648, 9223372036854775807, 9223372036854775808, -99999999999999999999,
          1.0, 1e2, -0.0, 0.1])");
  ASSERT_TRUE(value.ok());
  const JsonArray& items = value->as_array();
  EXPECT_TRUE(items[0].is_int32());
  EXPECT_EQ(items[1].as_int(), 0);
  EXPECT_EQ(items[2].kind(), JsonValue::Kind::kInt);
  EXPECT_FALSE(items[2].is_int32());
  EXPECT_EQ(items[3].as_int(), INT64_MAX);
  EXPECT_EQ(items[4].kind(), JsonValue::Kind::kBigInt);
  EXPECT_EQ(items[4].as_string(), "9223372036854775808");
  EXPECT_EQ(items[5].as_string(), "-99999999999999999999");
  EXPECT_EQ(items[6].kind(), JsonValue::Kind::kDouble);
  EXPECT_EQ(jackson(R"([1, -0, 9223372036854775808, 1.0, 1e2, -0.0, 0.1, 12345678.9, 1e-5])"),
            "[1,0,9223372036854775808,1.0,100.0,-0.0,0.1,1.23456789E7,1.0E-5]");
}

TEST(JsonReaderTest, AcceptsCommentsAsJavasSchemaParser) {
  EXPECT_EQ(jackson("/* c */ {\"type\": /* c2 */ \"int\" // c3\n}"), R"({"type":"int"})");
  EXPECT_EQ(jackson("\"int\" /* x */ // y\n"), R"("int")");
  EXPECT_FALSE(parse_json("  /* only a comment */ ").ok());
}

TEST(JsonReaderTest, ErrorsNameTheLineAndColumn) {
  auto truncated = parse_json(R"({"type":"int")");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kDataError);
  EXPECT_THAT(truncated.status().message(), HasSubstr("line 1, column 14"));
  auto trailing = parse_json(R"({"type":"int"} x)");
  ASSERT_FALSE(trailing.ok());
  EXPECT_THAT(trailing.status().message(), HasSubstr("invalid JSON"));
  EXPECT_FALSE(parse_json("").ok());
  EXPECT_FALSE(parse_json("{'a':1}").ok());
  EXPECT_FALSE(parse_json("\"\xff\"").ok());  // invalid UTF-8
  std::string deep(kMaxJsonDepth + 1, '[');
  deep += std::string(kMaxJsonDepth + 1, ']');
  EXPECT_THAT(parse_json(deep).status().message(), HasSubstr("nesting deeper"));
}

TEST(JsonValueTest, EqualityFollowsJackson) {
  EXPECT_EQ(*parse_json(R"({"a":1,"b":[true,null]})"), *parse_json(R"({"b":[true,null],"a":1})"));
  EXPECT_FALSE(*parse_json("1") == *parse_json("1.0"));
  EXPECT_FALSE(*parse_json("0.0") == *parse_json("-0.0"));
  EXPECT_EQ(JsonValue::number(std::nan("")), JsonValue::number(std::nan("1")));
}

TEST(JsonValueTest, StringsAreEscapedAsJacksonsWriterDoes) {
  std::string out;
  append_jackson_string(
      out, "q\" b\\ s/ \b\f\n\r\t \x01\x1f \x7f \xc2\x80 \xe2\x80\xa8 \xf0\x9f\x98\x80");
  EXPECT_EQ(out,
            "\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0001\\u001F \x7f \xc2\x80 \xe2\x80\xa8 "
            "\xf0\x9f\x98\x80\"");
  out.clear();
  append_jackson_string(out, std::string_view("\0", 1));
  EXPECT_EQ(out, "\"\\u0000\"");
}

TEST(JsonValueTest, NonFiniteDoublesAreQuoted) {
  std::string out;
  append_jackson_json(
      out, JsonValue::array({JsonValue::number(std::nan("")),
                             JsonValue::number(-std::numeric_limits<double>::infinity())}));
  EXPECT_EQ(out, R"(["NaN","-Infinity"])");
}

TEST(JsonValueTest, NumbersPrintAsJava17DoesAndFloatNodesAsFloats) {
  std::string out;
  // Double.toString with JDK 17's digits (Jackson in a Java 11/17 worker).
  append_jackson_json(
      out, JsonValue::array({JsonValue::number(1e23), JsonValue::number(0.1),
                             JsonValue::float_number(0.1f), JsonValue::float_number(1e10f)}));
  EXPECT_EQ(out, "[9.999999999999999E22,0.1,0.1,1.0E10]");
  // A FloatNode holds the float's value: widened, it prints as that double.
  out.clear();
  append_jackson_json(out,
                      JsonValue::object({{"d", JsonValue::array({JsonValue::float_number(0.3f)})}})
                          .with_floats_widened());
  EXPECT_EQ(out, R"({"d":[0.30000001192092896]})");
  EXPECT_FALSE(JsonValue::float_number(0.5f) == JsonValue::number(0.5));
  EXPECT_TRUE(JsonValue::float_number(0.5f) == JsonValue::float_number(0.5f));
}

}  // namespace
}  // namespace sluice::avro
