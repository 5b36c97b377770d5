// JsonConverter with schemas.enable=false: inference, Jackson parsing quirks (kafka-connect.md
// §2.3, "Payload inference when there is no schema" and "Parsing layer").
#include <gtest/gtest.h>

#include <string>

#include "connect/json_converter.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

class SchemalessJsonTest : public ::testing::Test {
 protected:
  SchemalessJsonTest() : converter_(JsonConverterConfig{.schemas_enable = false}) {}

  // The rendered value; the schema must be absent.
  std::string convert(std::string_view json) {
    SchemaAndValue out;
    Status st = converter_.to_connect("t", json, arena_, out);
    if (!st.ok()) return "ERROR " + st.message();
    EXPECT_EQ(out.schema, nullptr);
    return render(out.value);
  }

  Arena arena_;
  JsonConverter converter_;
};

TEST_F(SchemalessJsonTest, InfersScalarTypes) {
  EXPECT_EQ(convert("true"), "true");
  EXPECT_EQ(convert("false"), "false");
  EXPECT_EQ(convert("null"), "null");
  EXPECT_EQ(convert("42"), "42");
  EXPECT_EQ(convert("-7"), "-7");
  EXPECT_EQ(convert("1.5"), "d:1.5");
  EXPECT_EQ(convert("\"abc\""), "\"abc\"");
}

TEST_F(SchemalessJsonTest, IntegralNumbersBecomeInt64AndNonIntegralFloat64) {
  EXPECT_EQ(convert("[1, 1.0, 1e2, 100, -0, -0.0]"), "[1,d:1,d:100,100,0,d:0]");
}

TEST_F(SchemalessJsonTest, IntegersBeyond64BitsKeepTheLow64Bits) {
  // Jackson: BigIntegerNode.longValue().
  EXPECT_EQ(convert("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(convert("9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(convert("18446744073709551617"), "1");
  EXPECT_EQ(convert("-18446744073709551617"), "-1");
  EXPECT_EQ(convert("123456789012345678901234567890"), "-4362896299872285998");
}

TEST_F(SchemalessJsonTest, LeadingZerosAreAccepted) {
  // JsonDeserializer enables ALLOW_LEADING_ZEROS_FOR_NUMBERS.
  EXPECT_EQ(convert("007"), "7");
  EXPECT_EQ(convert("{\"a\": -00.50}"), "{\"a\":d:-0.5}");
}

TEST_F(SchemalessJsonTest, ObjectsBecomeMapsInInputOrder) {
  EXPECT_EQ(convert(R"({"b":1,"a":{"c":[true,null]},"d":"x"})"),
            R"({"b":1,"a":{"c":[true,null]},"d":"x"})");
}

TEST_F(SchemalessJsonTest, DuplicateKeysKeepFirstPositionAndLastValue) {
  EXPECT_EQ(convert(R"({"a":1,"b":2,"a":3})"), R"({"a":3,"b":2})");
}

TEST_F(SchemalessJsonTest, DuplicateKeysAreComparedAfterUnescaping) {
  EXPECT_EQ(convert(R"({"a":1,"\u0061":2})"), R"({"a":2})");
}

TEST_F(SchemalessJsonTest, DuplicateKeysInLargeObjects) {
  std::string json = "{";
  for (int i = 0; i < 40; ++i) json += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  json += "\"k5\":\"last\"}";
  const std::string out = convert(json);
  EXPECT_NE(out.find("\"k5\":\"last\",\"k6\":6"), std::string::npos) << out;
  EXPECT_EQ(out.find("\"k5\":5"), std::string::npos) << out;
}

TEST_F(SchemalessJsonTest, EmptyAndWhitespaceInputAreNull) {
  EXPECT_EQ(convert(""), "null");
  EXPECT_EQ(convert("  \n\t "), "null");
}

TEST_F(SchemalessJsonTest, KafkaNullIsNullWithoutSchema) {
  SchemaAndValue out;
  ASSERT_TRUE(converter_.to_connect("t", std::nullopt, arena_, out).ok());
  EXPECT_EQ(out.schema, nullptr);
  EXPECT_TRUE(out.value.is_null());
}

TEST_F(SchemalessJsonTest, TrailingContentAfterTheFirstValueIsIgnored) {
  EXPECT_EQ(convert(R"({"a":1} trailing garbage)"), R"({"a":1})");
  EXPECT_EQ(convert(R"({"a":1}})"), R"({"a":1})");
  EXPECT_EQ(convert(R"([1,2] [3])"), "[1,2]");
  EXPECT_EQ(convert(R"({"a":1} "unterminated)"), R"({"a":1})");
  EXPECT_EQ(convert("\"abc\" xyz"), "\"abc\"");
  EXPECT_EQ(convert("true false"), "true");
  EXPECT_EQ(convert("12 34"), "12");
}

TEST_F(SchemalessJsonTest, RootNumberNeedsSpaceBeforeTrailingContent) {
  EXPECT_EQ(convert("12]"),
            "ERROR Converting byte[] to Kafka Connect data failed due to serialization error: "
            "Unexpected character (']' (code 93)): Expected space separating root-level values");
}

TEST_F(SchemalessJsonTest, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(convert("\xEF\xBB\xBF{\"a\":1}"), R"({"a":1})");
}

TEST_F(SchemalessJsonTest, EscapedStringsAreUnescaped) {
  EXPECT_EQ(convert(R"({"k\"ey":"line\nbreak \u00e9"})"), "{\"k\"ey\":\"line\nbreak \xC3\xA9\"}");
}

TEST_F(SchemalessJsonTest, StringsWithoutEscapesPointIntoTheInput) {
  const std::string json = R"({"name":"plain"})";
  SchemaAndValue out;
  ASSERT_TRUE(converter_.to_connect("t", json, arena_, out).ok());
  const std::string_view key = out.value.map_key(0).as_text();
  const std::string_view value = out.value.map_value(0).as_text();
  EXPECT_EQ(key.data(), json.data() + 2);
  EXPECT_EQ(value.data(), json.data() + 9);
}

TEST_F(SchemalessJsonTest, MalformedJsonIsADataErrorWithConnectWording) {
  SchemaAndValue out;
  Status st = converter_.to_connect("t", std::string_view(R"({"a":})"), arena_, out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message().rfind(
                "Converting byte[] to Kafka Connect data failed due to serialization error: ", 0),
            0u)
      << st.message();
}

TEST_F(SchemalessJsonTest, RejectsWhatJacksonRejects) {
  for (std::string_view bad :
       {"{\"a\":01x}", "[1,]", "{\"a\" 1}", "+1", ".5", "1.", "NaN", "[1 2]", "{'a':1}",
        "[\"a\x01\"]", "\"\xFF\"", "tru", "nul", "{\"a\":1.5.3}", "[1e]", "truex"}) {
    EXPECT_EQ(convert(bad).rfind("ERROR Converting byte[]", 0), 0u)
        << bad << " -> " << convert(bad);
  }
}

TEST_F(SchemalessJsonTest, NestingDeeperThan1000Fails) {
  const std::string ok = std::string(1000, '[') + std::string(1000, ']');
  EXPECT_EQ(convert(ok).rfind("[[[", 0), 0u);
  const std::string deep = std::string(1001, '[') + std::string(1001, ']');
  EXPECT_EQ(convert(deep),
            "ERROR Converting byte[] to Kafka Connect data failed due to serialization error: "
            "Document nesting depth (1001) exceeds the maximum allowed (1000)");
}

TEST_F(SchemalessJsonTest, FloatingPointIsCorrectlyRounded) {
  EXPECT_EQ(convert("0.1"), "d:0.10000000000000001");
  EXPECT_EQ(convert("1e400"), "d:inf");
  EXPECT_EQ(convert("-1e400"), "d:-inf");
  EXPECT_EQ(convert("1e-400"), "d:0");
  EXPECT_EQ(convert("-1e-400"), "d:-0");  // BigDecimal.doubleValue() of a negative underflow
}

TEST_F(SchemalessJsonTest, ScalesOutsideIntRangeAreParseErrors) {
  EXPECT_EQ(convert("1e-2147483648").rfind("ERROR Converting byte[]", 0), 0u);
  EXPECT_EQ(convert("1e2147483647"), "d:inf");
}

TEST_F(SchemalessJsonTest, ReusesTheConverterAcrossDocumentsOfDifferentSizes) {
  std::string big = "[";
  for (int i = 0; i < 5000; ++i) big += std::to_string(i) + ",";
  big += "0]";
  SchemaAndValue out;
  ASSERT_TRUE(converter_.to_connect("t", std::string_view(big), arena_, out).ok());
  ASSERT_EQ(out.value.items().size(), 5001u);
  EXPECT_EQ(out.value.items()[4999].as_int(), 4999);
  EXPECT_EQ(convert("{\"small\":true}"), "{\"small\":true}");
}

}  // namespace
}  // namespace sluice::connect
