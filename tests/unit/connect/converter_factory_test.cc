// Converter classes, aliases and sub-config validation (kafka-connect.md §2.0, §2.3).
#include "connect/converter_factory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connect/json_converter.h"
#include "connect/string_converter.h"

namespace sluice::connect {
namespace {

using Config = std::map<std::string, std::string>;

TEST(ConverterFactoryTest, AcceptsFullNamesAndBothAliases) {
  for (std::string_view name :
       {"org.apache.kafka.connect.storage.StringConverter", "StringConverter", "String"}) {
    auto c = make_converter(name, {}, false);
    ASSERT_TRUE(c.ok()) << name << ": " << c.status().message();
    EXPECT_EQ((*c)->class_name(), "org.apache.kafka.connect.storage.StringConverter");
  }
  for (std::string_view name : {"JsonConverter", "Json", "ByteArray", "LongConverter", "Boolean",
                                "org.apache.kafka.connect.converters.DoubleConverter"}) {
    EXPECT_TRUE(make_converter(name, {}, true).ok()) << name;
  }
  EXPECT_EQ(resolve_converter_class("Integer"),
            "org.apache.kafka.connect.converters.IntegerConverter");
}

TEST(ConverterFactoryTest, ConfiguresJsonConverter) {
  auto c = make_converter("Json",
                          {{"schemas.enable", " FALSE "},
                           {"schemas.cache.size", "7"},
                           {"decimal.format", "numeric"},
                           {"replace.null.with.default", "false"},
                           {"some.unknown.key", "ignored as in Java"}},
                          false);
  ASSERT_TRUE(c.ok()) << c.status().message();
  const auto& config = static_cast<JsonConverter&>(**c).config();
  EXPECT_FALSE(config.schemas_enable);
  EXPECT_EQ(config.schemas_cache_size, 7);
  EXPECT_EQ(config.decimal_format, JsonConverterConfig::DecimalFormat::kNumeric);
  EXPECT_FALSE(config.replace_null_with_default);
}

TEST(ConverterFactoryTest, JsonDefaults) {
  auto c = make_converter("JsonConverter", {}, false);
  ASSERT_TRUE(c.ok());
  const auto& config = static_cast<JsonConverter&>(**c).config();
  EXPECT_TRUE(config.schemas_enable);
  EXPECT_EQ(config.schemas_cache_size, 1000);
  EXPECT_EQ(config.decimal_format, JsonConverterConfig::DecimalFormat::kBase64);
  EXPECT_TRUE(config.replace_null_with_default);
}

TEST(ConverterFactoryTest, ReportsEveryBadSubConfigValueWithKeyValueAndWhatIsAllowed) {
  const Config bad = {{"schemas.enable", "yes"},
                      {"schemas.cache.size", "lots"},
                      {"decimal.format", "hex"},
                      {"replace.null.with.default", "1"}};
  const std::vector<std::string> problems =
      validate_converter_config("JsonConverter", bad, ConverterSlot::kValue);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0],
            "Invalid value yes for configuration value.converter.schemas.enable: Expected value to "
            "be either true or false");
  EXPECT_EQ(problems[1],
            "Invalid value lots for configuration value.converter.schemas.cache.size: Not a number "
            "of type INT");
  EXPECT_EQ(problems[2],
            "Invalid value hex for configuration value.converter.decimal.format: String must be "
            "one of (case insensitive): BASE64, NUMERIC");
  EXPECT_EQ(problems[3],
            "Invalid value 1 for configuration value.converter.replace.null.with.default: Expected "
            "value to be either true or false");
  auto c = make_converter("JsonConverter", bad, false);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().message(),
            problems[0] + "; " + problems[1] + "; " + problems[2] + "; " + problems[3]);
}

TEST(ConverterFactoryTest, KeySlotNamesTheKeyPrefix) {
  auto c = make_converter("Json", {{"schemas.enable", "nope"}}, true);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            "Invalid value nope for configuration key.converter.schemas.enable: Expected value to "
            "be either true or false");
}

TEST(ConverterFactoryTest, UnknownClassListsTheKnownOnes) {
  auto c = make_converter("com.example.FancyConverter", {}, false);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = c.status().message();
  EXPECT_EQ(m.rfind("Invalid value com.example.FancyConverter for configuration value.converter: "
                    "Class com.example.FancyConverter could not be found. Converters sluice "
                    "supports: org.apache.kafka.connect.storage.StringConverter, ",
                    0),
            0u)
      << m;
  EXPECT_NE(m.find("org.apache.kafka.connect.json.JsonConverter"), std::string::npos);
  EXPECT_NE(m.find("org.apache.kafka.connect.converters.BooleanConverter"), std::string::npos);
  EXPECT_EQ(m.find("SimpleHeaderConverter"), std::string::npos);  // not usable for values
}

TEST(ConverterFactoryTest, ProtobufConverterByAnyNameNeedsARegistryAndIsNoHeaderConverter) {
  for (std::string_view name :
       {"io.confluent.connect.protobuf.ProtobufConverter", "ProtobufConverter", "Protobuf"}) {
    auto c = make_converter(name, {{"schema.registry.url", "http://sr:8081"}}, true);
    ASSERT_TRUE(c.ok()) << name << ": " << c.status().message();
    EXPECT_EQ((*c)->class_name(), "io.confluent.connect.protobuf.ProtobufConverter");
  }
  const std::vector<std::string> problems =
      validate_converter_config("Protobuf",
                                {{"schema.registry.url", "http://sr:8081"},
                                 {"int.for.enums", "yes"},
                                 {"use.latest.version", "true"}},
                                ConverterSlot::kValue);
  EXPECT_THAT(problems, ::testing::ElementsAre(
                            "Invalid value yes for configuration value.converter.int.for.enums: "
                            "Expected value to be either true or false"));
  // Every registry converter reads with the subject's latest schema when asked to; the settings
  // are checked.
  for (std::string_view name : {"AvroConverter", "JsonSchemaConverter", "ProtobufConverter"}) {
    EXPECT_THAT(validate_converter_config(name,
                                          {{"schema.registry.url", "http://sr:8081"},
                                           {"use.latest.version", "true"},
                                           {"use.latest.with.metadata", "env=prod, app=a=b"},
                                           {"latest.cache.size", "10"},
                                           {"latest.cache.ttl.sec", "30"}},
                                          ConverterSlot::kKey),
                ::testing::IsEmpty())
        << name;
    EXPECT_THAT(
        validate_converter_config(name,
                                  {{"schema.registry.url", "http://sr:8081"},
                                   {"use.latest.with.metadata", "env"},
                                   {"latest.cache.size", "-1"}},
                                  ConverterSlot::kKey),
        ::testing::ElementsAre(
            "Invalid value env for configuration key.converter.use.latest.with.metadata: each "
            "comma-separated entry must be key=value",
            "Invalid value -1 for configuration key.converter.latest.cache.size: must be at "
            "least 0"))
        << name;
  }
  auto missing = make_converter("ProtobufConverter", {}, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "Missing required configuration \"value.converter.schema.registry.url\" which has "
            "no default value.");
  auto header =
      make_header_converter("ProtobufConverter", {{"schema.registry.url", "http://sr:8081"}});
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find(
                "is not an instance of org.apache.kafka.connect.storage.HeaderConverter"),
            std::string::npos)
      << header.status().message();
}

TEST(ConverterFactoryTest, JsonSchemaConverterByAnyNameNeedsARegistryAndIsNoHeaderConverter) {
  for (std::string_view name :
       {"io.confluent.connect.json.JsonSchemaConverter", "JsonSchemaConverter", "JsonSchema"}) {
    auto c = make_converter(name, {{"schema.registry.url", "http://sr:8081"}}, false);
    ASSERT_TRUE(c.ok()) << name << ": " << c.status().message();
    EXPECT_EQ((*c)->class_name(), "io.confluent.connect.json.JsonSchemaConverter");
  }
  auto missing = make_converter("JsonSchemaConverter", {}, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "Missing required configuration \"value.converter.schema.registry.url\" which has "
            "no default value.");
  const std::vector<std::string> problems =
      validate_converter_config("JsonSchemaConverter",
                                {{"schema.registry.url", "http://sr:8081"},
                                 {"json.fail.invalid.schema", "maybe"},
                                 {"decimal.format", "hex"},
                                 {"json.value.type", "com.example.Order"}},
                                ConverterSlot::kValue);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0],
            "Invalid value hex for configuration value.converter.decimal.format: String must be "
            "one of (case insensitive): BASE64, NUMERIC");
  EXPECT_EQ(problems[1],
            "Invalid value maybe for configuration value.converter.json.fail.invalid.schema: "
            "Expected value to be either true or false");
  EXPECT_THAT(problems[2], ::testing::StartsWith("Invalid value com.example.Order for "
                                                 "configuration value.converter.json.value.type"));
  auto header =
      make_header_converter("JsonSchemaConverter", {{"schema.registry.url", "http://sr:8081"}});
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find(
                "is not an instance of org.apache.kafka.connect.storage.HeaderConverter"),
            std::string::npos)
      << header.status().message();
}

TEST(ConverterFactoryTest, AvroConverterByAnyNameNeedsARegistryAndIsNoHeaderConverter) {
  for (std::string_view name :
       {"io.confluent.connect.avro.AvroConverter", "AvroConverter", "Avro"}) {
    auto c = make_converter(name, {{"schema.registry.url", "http://sr:8081"}}, false);
    ASSERT_TRUE(c.ok()) << name << ": " << c.status().message();
    EXPECT_EQ((*c)->class_name(), "io.confluent.connect.avro.AvroConverter");
  }
  auto missing = make_converter("AvroConverter", {}, true);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "Missing required configuration \"key.converter.schema.registry.url\" which has no "
            "default value.");
  auto header = make_header_converter("AvroConverter", {{"schema.registry.url", "http://sr:8081"}});
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find(
                "is not an instance of org.apache.kafka.connect.storage.HeaderConverter"),
            std::string::npos)
      << header.status().message();
}

TEST(ConverterFactoryTest, SimpleHeaderConverterOnlyConvertsHeaders) {
  auto as_key = make_converter("SimpleHeaderConverter", {}, true);
  ASSERT_FALSE(as_key.ok());
  EXPECT_EQ(as_key.status().message().rfind(
                "Invalid value SimpleHeaderConverter for configuration key.converter: Class "
                "org.apache.kafka.connect.storage.SimpleHeaderConverter is not an instance of "
                "org.apache.kafka.connect.storage.Converter",
                0),
            0u)
      << as_key.status().message();
  for (std::string_view name :
       {"org.apache.kafka.connect.storage.SimpleHeaderConverter", "SimpleHeader"}) {
    auto h = make_header_converter(name, {});
    ASSERT_TRUE(h.ok()) << name;
    EXPECT_EQ((*h)->class_name(), "org.apache.kafka.connect.storage.SimpleHeaderConverter");
  }
}

TEST(ConverterFactoryTest, DataConvertersAlsoConvertHeaders) {
  auto h = make_header_converter("JsonConverter", {{"schemas.enable", "false"}});
  ASSERT_TRUE(h.ok());
  Arena arena;
  SchemaAndValue out;
  ASSERT_TRUE((*h)->to_connect_header("t", "k", std::string_view("[1]"), arena, out).ok());
  EXPECT_EQ(out.value.items().size(), 1u);
  auto bad = make_header_converter("Json", {{"schemas.enable", "x"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("header.converter.schemas.enable"), std::string::npos);
}

TEST(ConverterFactoryTest, StringConverterEncodingIsValidated) {
  auto ok = make_converter("String", {{"converter.encoding", "iso-8859-1"}}, false);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(static_cast<StringConverter&>(**ok).charset(), Charset::kIso8859_1);
  auto bad = make_converter("String", {{"converter.encoding", "utf-9"}}, false);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(
                "Invalid value utf-9 for configuration value.converter.converter.encoding"),
            std::string::npos);
}

TEST(ConverterFactoryTest, SupportedClassesPerSlot) {
  const auto values = supported_converter_classes(ConverterSlot::kValue);
  const auto headers = supported_converter_classes(ConverterSlot::kHeader);
  // With AvroConverter, JsonSchemaConverter and ProtobufConverter.
  EXPECT_EQ(values.size(), 12u);
  // SimpleHeaderConverter, but none of the three Schema Registry converters.
  EXPECT_EQ(headers.size(), 10u);
  EXPECT_EQ(converter_slot_key(ConverterSlot::kHeader), "header.converter");
}

}  // namespace
}  // namespace sluice::connect
