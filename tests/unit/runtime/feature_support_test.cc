#include "runtime/feature_support.h"

#include <gtest/gtest.h>

namespace sluice::runtime {
namespace {

config::RawConfig connector_raw(std::initializer_list<std::pair<std::string, std::string>> extra) {
  config::RawConfig raw{{"name", "orders"},
                        {"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
                        {"format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                        {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
                        {"s3.bucket.name", "bucket"},
                        {"topics", "orders"},
                        {"flush.size", "10"}};
  for (const auto& [k, v] : extra) raw.set(k, v);
  return raw;
}

std::vector<config::ConfigProblem> check(const config::RawConfig& raw) {
  config::RawConfig worker_raw{
      {"bootstrap.servers", "localhost:9092"},
      {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
      {"value.converter", "org.apache.kafka.connect.storage.StringConverter"}};
  Result<config::WorkerConfig> worker = config::WorkerConfig::parse(worker_raw);
  Result<config::S3SinkConnectorConfig> connector = config::S3SinkConnectorConfig::parse(raw);
  EXPECT_TRUE(worker.ok()) << worker.status().message();
  EXPECT_TRUE(connector.ok()) << connector.status().message();
  return check_feature_support(raw, *worker, *connector);
}

TEST(FeatureSupportTest, PlainJsonConfigurationHasNoProblem) {
  EXPECT_TRUE(check(connector_raw({})).empty());
}

TEST(FeatureSupportTest, ParquetValuesKeysAndHeadersFilesAreSupported) {
  EXPECT_TRUE(check(connector_raw(
                        {{"store.kafka.keys", "true"},
                         {"keys.format.class", "ParquetFormat"},
                         {"store.kafka.headers", "true"},
                         {"headers.format.class", "ParquetFormat"},
                         {"format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat"}}))
                  .empty());
}

TEST(FeatureSupportTest, AvroKeysAndHeadersFilesAreSupportedAsTheDefault) {
  // keys.format.class and headers.format.class default to AvroFormat.
  EXPECT_TRUE(check(connector_raw({{"store.kafka.keys", "true"}, {"store.kafka.headers", "true"}}))
                  .empty());
  EXPECT_TRUE(
      check(connector_raw({{"format.class", "AvroFormat"},
                           {"store.kafka.keys", "true"},
                           {"keys.format.class", "io.confluent.connect.s3.format.avro.AvroFormat"},
                           {"store.kafka.headers", "true"},
                           {"headers.format.class", "AvroFormat"},
                           {"behavior.on.null.values", "write"}}))
          .empty());
}

TEST(FeatureSupportTest, ObjectTaggingIsSupported) {
  EXPECT_TRUE(check(connector_raw({{"s3.object.tagging", "true"},
                                   {"s3.object.tagging.key.value.pairs", "team:payments"},
                                   {"s3.object.behavior.on.tagging.error", "fail"}}))
                  .empty());
}

TEST(FeatureSupportTest, ConditionalWritesWarnOnlyWhenTheJavaConditionSwitchesThemOff) {
  // Active: scheduled rotation and no keys/headers files.
  EXPECT_TRUE(check(connector_raw({{"enable.conditional.writes", "true"},
                                   {"rotate.schedule.interval.ms", "60000"},
                                   {"timezone", "UTC"}}))
                  .empty());
  // Set, but without scheduled rotation it does nothing (spec confluent-s3-sink.md §2.2).
  auto problems = check(connector_raw({{"enable.conditional.writes", "true"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].severity, config::Severity::kWarning);
  EXPECT_EQ(problems[0].key, "enable.conditional.writes");
  EXPECT_NE(problems[0].message.find("rotate.schedule.interval.ms"), std::string::npos);
  // The default (not set) and an explicit false say nothing.
  EXPECT_TRUE(check(connector_raw({{"enable.conditional.writes", "false"}})).empty());
}

TEST(FeatureSupportTest, JsonKeysAndHeadersFilesAndTombstonesAreSupported) {
  EXPECT_TRUE(check(connector_raw(
                        {{"store.kafka.keys", "true"},
                         {"keys.format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                         {"store.kafka.headers", "true"},
                         {"headers.format.class", "io.confluent.connect.s3.format.json.JsonFormat"},
                         {"behavior.on.null.values", "write"}}))
                  .empty());
}

TEST(FeatureSupportTest, SettingsWithoutEffectAreWarnings) {
  auto problems = check(connector_raw({{"max.write.duration.ms", "5000"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].severity, config::Severity::kWarning);
  EXPECT_EQ(problems[0].key, "max.write.duration.ms");
}

}  // namespace
}  // namespace sluice::runtime
