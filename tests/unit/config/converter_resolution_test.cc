// kafka-connect.md §2.0 (which layer's converter and sub-config a slot uses) and §5.1
// (connector.client.config.override.policy).
#include "config/converter_resolution.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

WorkerConfig make_worker(std::initializer_list<std::pair<std::string, std::string>> extra = {}) {
  RawConfig raw({{"key.converter", "StringConverter"},
                 {"value.converter", "JsonConverter"},
                 {"value.converter.schemas.enable", "false"},
                 {"key.converter.converter.encoding", "ISO-8859-1"}});
  for (const auto& [k, v] : extra) raw.set(k, v);
  Result<WorkerConfig> w = WorkerConfig::parse(raw);
  EXPECT_TRUE(w.ok()) << w.status().message();
  if (!w.ok()) std::abort();
  return std::move(w).value();
}

S3SinkConnectorConfig make_connector(
    std::initializer_list<std::pair<std::string, std::string>> extra = {}) {
  RawConfig raw({{"name", "s3"},
                 {"connector.class", "S3SinkConnector"},
                 {"topics", "t"},
                 {"format.class", "JsonFormat"},
                 {"flush.size", "1"},
                 {"storage.class", "S3Storage"},
                 {"s3.bucket.name", "b"}});
  for (const auto& [k, v] : extra) raw.set(k, v);
  Result<S3SinkConnectorConfig> c = S3SinkConnectorConfig::parse(raw);
  EXPECT_TRUE(c.ok()) << c.status().message();
  if (!c.ok()) std::abort();
  return std::move(c).value();
}

TEST(ConverterResolutionTest, WorkerConvertersApplyWhenTheConnectorNamesNone) {
  ResolvedConverters r = resolve_converters(make_worker(), make_connector());
  EXPECT_EQ(r.key.converter, ConverterClass::kString);
  EXPECT_THAT(r.key.config, ElementsAre(Pair("converter.encoding", "ISO-8859-1")));
  EXPECT_EQ(r.key.layer, ConfigLayer::kWorker);
  EXPECT_EQ(r.value.converter, ConverterClass::kJson);
  EXPECT_THAT(r.value.config, ElementsAre(Pair("schemas.enable", "false")));
  EXPECT_EQ(r.header.converter, ConverterClass::kSimpleHeader);
  EXPECT_THAT(r.header.config, IsEmpty());
}

TEST(ConverterResolutionTest, ConnectorConverterWinsWithOnlyItsOwnSubConfig) {
  ResolvedConverters r = resolve_converters(
      make_worker(),
      make_connector({{"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
                      {"value.converter.decimal.format", "NUMERIC"}}));
  EXPECT_EQ(r.value.converter, ConverterClass::kJson);
  EXPECT_EQ(r.value.layer, ConfigLayer::kConnector);
  // The worker's value.converter.schemas.enable=false is not merged in.
  EXPECT_THAT(r.value.config, ElementsAre(Pair("decimal.format", "NUMERIC")));
  // The other slots still come from the worker.
  EXPECT_EQ(r.key.layer, ConfigLayer::kWorker);
}

TEST(ConverterResolutionTest, ConnectorSubConfigWithoutClassIsNotUsed) {
  ResolvedConverters r = resolve_converters(
      make_worker(), make_connector({{"value.converter.schemas.enable", "true"}}));
  EXPECT_EQ(r.value.layer, ConfigLayer::kWorker);
  EXPECT_THAT(r.value.config, ElementsAre(Pair("schemas.enable", "false")));
}

TEST(ClientOverridesTest, AllPolicyAllowsEverything) {
  EXPECT_THAT(check_client_overrides(
                  make_worker(), make_connector({{"consumer.override.max.poll.records", "10"}})),
              IsEmpty());
}

TEST(ClientOverridesTest, NonePolicyRejectsEveryOverride) {
  std::vector<ConfigProblem> problems =
      check_client_overrides(make_worker({{"connector.client.config.override.policy", "None"}}),
                             make_connector({{"consumer.override.max.poll.records", "10"},
                                             {"producer.override.sasl.jaas.config", "secret"}}));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].key, "consumer.override.max.poll.records");
  EXPECT_EQ(problems[0].message,
            "The connector sets consumer.override.max.poll.records, but the worker's "
            "connector.client.config.override.policy=None allows no client overrides");
  EXPECT_EQ(problems[1].value, "[hidden]");
}

TEST(ClientOverridesTest, PrincipalPolicyAllowsOnlyIdentityKeys) {
  std::vector<ConfigProblem> problems = check_client_overrides(
      make_worker({{"connector.client.config.override.policy", "Principal"}}),
      make_connector({{"consumer.override.sasl.jaas.config", "x"},
                      {"consumer.override.security.protocol", "SASL_SSL"},
                      {"consumer.override.fetch.min.bytes", "1"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "consumer.override.fetch.min.bytes");
  EXPECT_THAT(problems[0].message, HasSubstr("allows only sasl.jaas.config, sasl.mechanism and "
                                             "security.protocol"));
}

}  // namespace
}  // namespace sluice::config
