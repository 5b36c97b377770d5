// The Connect REST JSON forms (kafka-connect.md §6.2, §7.1 standalone file loading).
#include "config/json_config_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::config {
namespace {

using ::testing::HasSubstr;

std::string value_of(const RawConfig& config, std::string_view key) {
  auto v = config.get(key);
  EXPECT_TRUE(v.has_value()) << "missing key " << key;
  return v ? std::string(*v) : std::string();
}

TEST(JsonConfigParserTest, ParsesTheCreateRequestForm) {
  Result<RawConfig> c = parse_json_config(R"({
  "name": "s3-sink",
  "config": {
    "connector.class": "io.confluent.connect.s3.S3SinkConnector",
    "flush.size": "1000"
  }
})",
                                          "c.json");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(value_of(*c, "name"), "s3-sink");
  EXPECT_EQ(value_of(*c, "connector.class"), "io.confluent.connect.s3.S3SinkConnector");
  EXPECT_EQ(value_of(*c, "flush.size"), "1000");
  EXPECT_EQ(c->find("connector.class")->line, 4);
  EXPECT_EQ(c->find("flush.size")->line, 5);
  EXPECT_EQ(c->find("name")->line, 2);
  EXPECT_EQ(c->location("flush.size"), "c.json:5");
}

TEST(JsonConfigParserTest, ParsesABareConfigObject) {
  Result<RawConfig> c = parse_json_config(R"({"name": "n", "topics": "a,b"})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->size(), 2u);
  EXPECT_EQ(value_of(*c, "name"), "n");
  EXPECT_EQ(value_of(*c, "topics"), "a,b");
}

TEST(JsonConfigParserTest, NumbersKeepTheirWrittenText) {
  Result<RawConfig> c = parse_json_config(
      R"({"a": 1000, "b": 1.50, "c": 1e3, "d": -0, "e": -12, "f": 123456789012345678901234,
          "g": 18446744073709551615, "h": 2.5E-3})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(value_of(*c, "a"), "1000");
  EXPECT_EQ(value_of(*c, "b"), "1.50");
  EXPECT_EQ(value_of(*c, "c"), "1e3");
  EXPECT_EQ(value_of(*c, "d"), "-0");
  EXPECT_EQ(value_of(*c, "e"), "-12");
  EXPECT_EQ(value_of(*c, "f"), "123456789012345678901234");
  EXPECT_EQ(value_of(*c, "g"), "18446744073709551615");
  EXPECT_EQ(value_of(*c, "h"), "2.5E-3");
}

TEST(JsonConfigParserTest, BooleansBecomeTrueAndFalseAndNullMeansUnset) {
  Result<RawConfig> c = parse_json_config(
      R"({"config": {"store.kafka.keys": true, "s3.wan.mode": false, "s3.acl.canned": null}})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(value_of(*c, "store.kafka.keys"), "true");
  EXPECT_EQ(value_of(*c, "s3.wan.mode"), "false");
  EXPECT_FALSE(c->contains("s3.acl.canned"));
}

TEST(JsonConfigParserTest, StringEscapesAreDecoded) {
  Result<RawConfig> c = parse_json_config(
      R"({"format.bytearray.separator": "\n", "t": "caf\u00e9 \ud83d\ude00", "q": "a\"b\\c"})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(value_of(*c, "format.bytearray.separator"), "\n");
  EXPECT_EQ(value_of(*c, "t"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(value_of(*c, "q"), "a\"b\\c");
}

TEST(JsonConfigParserTest, TakesTheNameFromConfigWhenTheOuterNameIsMissing) {
  Result<RawConfig> c = parse_json_config(R"({"config": {"name": "inner", "topics": "t"}})");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(value_of(*c, "name"), "inner");
}

TEST(JsonConfigParserTest, OuterAndInnerNamesMustAgree) {
  Result<RawConfig> same = parse_json_config(R"({"name": "a", "config": {"name": "a"}})");
  ASSERT_TRUE(same.ok()) << same.status().to_string();
  EXPECT_EQ(value_of(*same, "name"), "a");

  Result<RawConfig> differ = parse_json_config(R"({"name": "a", "config": {"name": "b"}})");
  ASSERT_FALSE(differ.ok());
  EXPECT_THAT(differ.status().message(),
              HasSubstr("connector name configuration (b) doesn't match the connector name (a)"));
}

TEST(JsonConfigParserTest, ObjectAndArrayValuesAreErrorsNamingTheirKeys) {
  Result<RawConfig> c = parse_json_config(
      "{\"config\": {\n  \"topics\": [\"a\", \"b\"],\n  \"nested\": {\"x\": 1},\n  \"ok\": 1\n}}",
      "c.json");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(),
              HasSubstr("c.json:2: the value of 'topics' must be a string, number or boolean"));
  EXPECT_THAT(c.status().message(),
              HasSubstr("c.json:3: the value of 'nested' must be a string, number or boolean"));
}

TEST(JsonConfigParserTest, MalformedJsonReportsLineAndColumn) {
  Result<RawConfig> c =
      parse_json_config("{\n  \"name\": \"x\",\n  \"flush.size\": tru\n}", "c.json");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("c.json:3:"));
  EXPECT_THAT(c.status().message(), HasSubstr("malformed JSON"));

  Result<RawConfig> trailing = parse_json_config("{\"a\": \"b\",}");
  ASSERT_FALSE(trailing.ok());
  EXPECT_THAT(trailing.status().message(), HasSubstr("1:11: malformed JSON"));
}

TEST(JsonConfigParserTest, UnterminatedObjectIsMalformed) {
  Result<RawConfig> c = parse_json_config("{\"a\": \"b\"");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("malformed JSON"));
}

TEST(JsonConfigParserTest, TopLevelMustBeAnObject) {
  for (const char* text : {"[1, 2]", "\"s3\"", "42"}) {
    Result<RawConfig> c = parse_json_config(text);
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_THAT(c.status().message(), HasSubstr("must be an object")) << text;
  }
}

TEST(JsonConfigParserTest, RequestFormRejectsUnknownFieldsAndIgnoresGetResponseFields) {
  Result<RawConfig> get_response = parse_json_config(
      R"({"name": "a", "config": {"topics": "t"}, "tasks": [{"connector": "a", "task": 0}],
          "type": "sink", "initial_state": "RUNNING"})");
  ASSERT_TRUE(get_response.ok()) << get_response.status().to_string();
  EXPECT_EQ(get_response->size(), 2u);

  Result<RawConfig> unknown = parse_json_config(R"({"name": "a", "config": {}, "confg": {}})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown field 'confg'"));

  Result<RawConfig> paused =
      parse_json_config(R"({"name": "a", "config": {}, "initial_state": "PAUSED"})");
  ASSERT_FALSE(paused.ok());
  EXPECT_THAT(paused.status().message(), HasSubstr("\"initial_state\" 'PAUSED' is not supported"));
}

TEST(JsonConfigParserTest, LaterDuplicateKeyWins) {
  Result<RawConfig> c = parse_json_config("{\"a\": \"1\",\n\"a\": \"2\"}");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(value_of(*c, "a"), "2");
  ASSERT_EQ(c->duplicates().size(), 1u);
  EXPECT_EQ(c->duplicates()[0].first_line, 1);
  EXPECT_EQ(c->duplicates()[0].line, 2);
}

}  // namespace
}  // namespace sluice::config
