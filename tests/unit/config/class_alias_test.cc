#include "config/class_alias.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/connector_config.h"
#include "config/converter_config.h"

namespace sluice::config {
namespace {

using ::testing::ElementsAre;

TEST(ClassAliasTest, ResolvesFullSimpleAndSuffixlessNames) {
  const auto& converters = converter_classes();
  for (const char* name :
       {"org.apache.kafka.connect.storage.StringConverter", "StringConverter", "String"}) {
    EXPECT_EQ(converters.resolve(name), ConverterClass::kString) << name;
  }
  EXPECT_EQ(converters.resolve("ByteArray"), ConverterClass::kByteArray);
  EXPECT_EQ(converters.resolve("JsonConverter"), ConverterClass::kJson);
  EXPECT_EQ(converters.resolve("SimpleHeader"), ConverterClass::kSimpleHeader);
  EXPECT_EQ(converters.resolve("io.confluent.connect.avro.AvroConverter"), ConverterClass::kAvro);
  EXPECT_EQ(converters.resolve("Avro"), ConverterClass::kAvro);
  EXPECT_EQ(converters.resolve("string"), std::nullopt);  // class names are case-sensitive
  EXPECT_EQ(converters.resolve("org.apache.kafka.connect.json.StringConverter"), std::nullopt);
  EXPECT_EQ(converters.full_name(ConverterClass::kJson),
            "org.apache.kafka.connect.json.JsonConverter");
}

TEST(ClassAliasTest, AmbiguousAliasesAreNotAccepted) {
  enum class Kind { kA, kB };
  ClassAliases<Kind> aliases({{"com.a.JsonFormat", Kind::kA},
                              {"com.b.JsonFormat", Kind::kB},
                              {"com.b.AvroFormat", Kind::kB}},
                             {"Format"});
  EXPECT_EQ(aliases.resolve("com.a.JsonFormat"), Kind::kA);
  EXPECT_EQ(aliases.resolve("com.b.JsonFormat"), Kind::kB);
  EXPECT_EQ(aliases.resolve("JsonFormat"), std::nullopt);
  EXPECT_EQ(aliases.resolve("Json"), std::nullopt);
  EXPECT_EQ(aliases.resolve("Avro"), Kind::kB);
}

TEST(ClassAliasTest, SeveralFullNamesMayShareAnId) {
  EXPECT_EQ(credentials_provider_classes().resolve(
                "com.amazonaws.auth.DefaultAWSCredentialsProviderChain"),
            CredentialsProviderClass::kDefaultChain);
  EXPECT_EQ(credentials_provider_classes().resolve("DefaultCredentialsProvider"),
            CredentialsProviderClass::kDefaultChain);
  EXPECT_EQ(credentials_provider_classes().resolve("AwsAssumeRoleCredentialsProvider"),
            CredentialsProviderClass::kAssumeRole);
  EXPECT_EQ(to_string(CredentialsProviderClass::kDefaultChain),
            "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
}

TEST(ClassAliasTest, DescribeListsCanonicalNamesWithAliases) {
  EXPECT_EQ(
      format_classes().table().describe(),
      "io.confluent.connect.s3.format.avro.AvroFormat (AvroFormat, Avro), "
      "io.confluent.connect.s3.format.json.JsonFormat (JsonFormat, Json), "
      "io.confluent.connect.s3.format.bytearray.ByteArrayFormat (ByteArrayFormat, ByteArray), "
      "io.confluent.connect.s3.format.parquet.ParquetFormat (ParquetFormat, Parquet)");
}

TEST(ClassAliasTest, SpellingsListEveryAcceptedName) {
  enum class Kind { kA };
  ClassAliases<Kind> aliases({{"x.y.FooPartitioner", Kind::kA}}, {"Partitioner"});
  EXPECT_THAT(aliases.table().spellings(),
              ElementsAre("x.y.FooPartitioner", "FooPartitioner", "Foo"));
}

TEST(ClassAliasTest, NestedClassesUseTheirSimpleName) {
  EXPECT_EQ(timestamp_extractors().resolve("Wallclock"), TimestampExtractorKind::kWallclock);
  EXPECT_EQ(timestamp_extractors().resolve("RecordField"), TimestampExtractorKind::kRecordField);
  EXPECT_EQ(
      timestamp_extractors().resolve(
          "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$RecordTimestampExtractor"),
      TimestampExtractorKind::kRecord);
  EXPECT_EQ(timestamp_extractors().resolve("wallclock"), std::nullopt);
}

}  // namespace
}  // namespace sluice::config
