// sluice.value.schema.*: the file's content checked before connecting (exit 2 material), and
// the schema loaded for the tasks.
#include "runtime/value_schema_source.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace sluice::runtime {
namespace {

class ValueSchemaSourceTest : public ::testing::Test {
 protected:
  void TearDown() override { std::remove(path_.c_str()); }

  std::string write_file(const std::string& text) {
    std::ofstream(path_) << text;
    return path_;
  }
  Result<config::S3SinkConnectorConfig> connector(
      std::initializer_list<std::pair<std::string, std::string>> extra) {
    config::RawConfig raw{{"name", "orders"},
                          {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
                          {"format.class", "ParquetFormat"},
                          {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
                          {"s3.bucket.name", "bucket"},
                          {"topics", "orders"},
                          {"flush.size", "10"}};
    for (const auto& [k, v] : extra) raw.set(k, v);
    return config::S3SinkConnectorConfig::parse(raw);
  }
  config::WorkerConfig worker() {
    config::RawConfig raw{{"bootstrap.servers", "localhost:9092"},
                          {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                          {"value.converter", "org.apache.kafka.connect.storage.StringConverter"}};
    return *config::WorkerConfig::parse(raw);
  }

  // One file per test: CTest runs the tests of this suite in parallel processes.
  std::string path_ = ::testing::TempDir() + "value_schema_source_test_" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".avsc";
};

TEST_F(ValueSchemaSourceTest, AValidAvroFileLoads) {
  auto c = connector(
      {{"sluice.value.schema.file", write_file(R"({"type":"record","name":"Order","fields":[
                                     {"name":"id","type":"long"}]})")}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(check_value_schema_config(worker(), *c).empty());
  Result<connect::SchemaPtr> schema = load_value_schema(worker(), *c);
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  ASSERT_NE(*schema, nullptr);
  EXPECT_EQ((*schema)->type, connect::SchemaType::kStruct);
  EXPECT_EQ((*schema)->name, "Order");
  ASSERT_EQ((*schema)->fields.size(), 1u);
  EXPECT_EQ((*schema)->fields[0].schema->type, connect::SchemaType::kInt64);
}

TEST_F(ValueSchemaSourceTest, ABadSchemaIsAConfigurationProblemNamingKeyAndValue) {
  std::string file = write_file(R"({"type":"record","name":"Order","fields":[{"name":"id"}]})");
  auto c = connector({{"sluice.value.schema.file", file}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  std::vector<config::ConfigProblem> problems = check_value_schema_config(worker(), *c);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "sluice.value.schema.file");
  EXPECT_EQ(problems[0].value, file);
  EXPECT_EQ(problems[0].message.rfind("Invalid value '" + file +
                                          "' for configuration sluice.value.schema.file: not a "
                                          "valid Avro schema: ",
                                      0),
            0u)
      << problems[0].message;
  EXPECT_NE(problems[0].message.find("set sluice.value.schema.type=json for a JSON Schema"),
            std::string::npos);
  Result<connect::SchemaPtr> schema = load_value_schema(worker(), *c);
  EXPECT_EQ(schema.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ValueSchemaSourceTest, AJsonSchemaFileNeedsTheJsonType) {
  std::string file = write_file(R"({"type":"object","properties":{"id":{"type":"integer"}}})");
  auto as_avro = connector({{"sluice.value.schema.file", file}});
  ASSERT_TRUE(as_avro.ok());
  EXPECT_EQ(check_value_schema_config(worker(), *as_avro).size(), 1u);
  auto as_json =
      connector({{"sluice.value.schema.file", file}, {"sluice.value.schema.type", "json"}});
  ASSERT_TRUE(as_json.ok());
  EXPECT_TRUE(check_value_schema_config(worker(), *as_json).empty());
}

TEST_F(ValueSchemaSourceTest, ASubjectNeedsARegistry) {
  auto c = connector({{"sluice.value.schema.subject", "orders-value"}});
  ASSERT_TRUE(c.ok());
  std::vector<config::ConfigProblem> problems = check_value_schema_config(worker(), *c);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].key, "sluice.value.schema.subject");
  EXPECT_NE(problems[0].message.find("set sluice.value.schema.registry.url"), std::string::npos)
      << problems[0].message;
  auto with_url = connector({{"sluice.value.schema.subject", "orders-value"},
                             {"sluice.value.schema.registry.url", "http://localhost:1"}});
  ASSERT_TRUE(with_url.ok());
  EXPECT_TRUE(check_value_schema_config(worker(), *with_url).empty());
}

}  // namespace
}  // namespace sluice::runtime
