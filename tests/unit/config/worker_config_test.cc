// Worker configuration (kafka-connect.md §7.1, §5.1, §2.0; msk-connect-and-aws.md §1.1).
#include "config/worker_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/properties_parser.h"

namespace sluice::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

RawConfig worker(std::initializer_list<std::pair<std::string, std::string>> overrides = {},
                 std::initializer_list<std::string> erase = {}) {
  RawConfig raw({{"bootstrap.servers", "b-1.kafka:9092,b-2.kafka:9092"},
                 {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                 {"value.converter", "org.apache.kafka.connect.json.JsonConverter"}});
  for (const auto& [key, value] : overrides) raw.set(key, value);
  for (const std::string& key : erase) raw.erase(key);
  return raw;
}

WorkerConfig parse_ok(const RawConfig& raw, std::vector<ConfigProblem>* warnings = nullptr) {
  Result<WorkerConfig> config = WorkerConfig::parse(raw, warnings);
  EXPECT_TRUE(config.ok()) << config.status().message();
  if (!config.ok()) std::abort();
  return std::move(config).value();
}

std::vector<std::string> errors(const RawConfig& raw) {
  std::vector<std::string> out;
  for (const ConfigProblem& p : WorkerConfig::validate(raw).errors) out.push_back(p.message);
  return out;
}

std::vector<std::string> warnings(const RawConfig& raw) {
  std::vector<std::string> out;
  for (const ConfigProblem& p : WorkerConfig::validate(raw).warnings) out.push_back(p.message);
  return out;
}

TEST(WorkerConfigTest, MskWorkerConfigurationFromTheSinkCoreIssueParsesCleanly) {
  Result<RawConfig> raw = parse_properties(R"(# worker
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.storage.StringConverter
)");
  ASSERT_TRUE(raw.ok());
  std::vector<ConfigProblem> notes;
  WorkerConfig w = parse_ok(*raw, &notes);
  EXPECT_THAT(notes, IsEmpty());
  EXPECT_EQ(w.key_converter().converter, ConverterClass::kString);
  EXPECT_EQ(w.value_converter().converter, ConverterClass::kString);
  EXPECT_EQ(w.value_converter().layer, ConfigLayer::kWorker);
  EXPECT_EQ(w.header_converter().converter, ConverterClass::kSimpleHeader);
  EXPECT_EQ(w.header_converter().class_name,
            "org.apache.kafka.connect.storage.SimpleHeaderConverter");
  EXPECT_THAT(w.bootstrap_servers(), ElementsAre("localhost:9092"));
}

TEST(WorkerConfigTest, DefaultsMatchKafkaConnect) {
  WorkerConfig w = parse_ok(worker());
  EXPECT_THAT(w.bootstrap_servers(), ElementsAre("b-1.kafka:9092", "b-2.kafka:9092"));
  EXPECT_EQ(w.offset_flush_interval_ms(), 60000);
  EXPECT_EQ(w.offset_flush_timeout_ms(), 5000);
  EXPECT_EQ(w.task_shutdown_graceful_timeout_ms(), 5000);
  EXPECT_EQ(w.security_protocol(), SecurityProtocol::kPlaintext);
  EXPECT_EQ(w.client_id(), "");
  EXPECT_EQ(w.connector_client_config_override_policy(), ClientConfigOverridePolicy::kAll);
  // Connect's default listener is http://:8083 (every interface); sluice's is loopback only.
  ASSERT_EQ(w.rest_listeners().size(), 1u);
  EXPECT_EQ(w.rest_listeners()[0].scheme, "http");
  EXPECT_EQ(w.rest_listeners()[0].host, "127.0.0.1");
  EXPECT_EQ(w.rest_listeners()[0].port, 8083);
  EXPECT_FALSE(w.rest_advertised_listener().has_value());
  EXPECT_FALSE(w.group_id().has_value());
  EXPECT_THAT(w.config_providers(), IsEmpty());
}

TEST(WorkerConfigTest, ConvertersAreRequiredWithAHintAboutMskDefaults) {
  std::vector<std::string> messages = errors(worker({}, {"key.converter", "value.converter"}));
  EXPECT_THAT(messages,
              ElementsAre("Missing required configuration 'key.converter' which has no default "
                          "value: MSK Connect's default worker configuration uses "
                          "org.apache.kafka.connect.storage.StringConverter",
                          HasSubstr("Missing required configuration 'value.converter'")));
}

TEST(WorkerConfigTest, ConverterAliasesAndSubConfigs) {
  WorkerConfig w = parse_ok(worker({{"key.converter", "ByteArray"},
                                    {"value.converter", "JsonConverter"},
                                    {"value.converter.schemas.enable", "false"},
                                    {"header.converter", "StringConverter"},
                                    {"header.converter.converter.encoding", "UTF-16"}}));
  EXPECT_EQ(w.key_converter().converter, ConverterClass::kByteArray);
  EXPECT_EQ(w.key_converter().class_name, "org.apache.kafka.connect.converters.ByteArrayConverter");
  EXPECT_THAT(w.key_converter().config, IsEmpty());
  EXPECT_THAT(w.value_converter().config, ElementsAre(Pair("schemas.enable", "false")));
  EXPECT_EQ(w.header_converter().converter, ConverterClass::kString);
  EXPECT_THAT(w.header_converter().config, ElementsAre(Pair("converter.encoding", "UTF-16")));
}

TEST(WorkerConfigTest, ConverterClassesMustFitTheirSlot) {
  EXPECT_THAT(errors(worker({{"value.converter", "SimpleHeaderConverter"}})),
              ElementsAre(HasSubstr("is a HeaderConverter only")));
  EXPECT_THAT(errors(worker({{"header.converter", "io.confluent.connect.avro.AvroConverter"}})),
              ElementsAre(HasSubstr("is not a HeaderConverter")));
  EXPECT_THAT(errors(worker({{"key.converter", "com.acme.MyConverter"}})),
              ElementsAre(HasSubstr("Invalid value 'com.acme.MyConverter' for configuration "
                                    "key.converter: not a converter class sluice supports")));
}

TEST(WorkerConfigTest, ClientOverridesAreKeptWithPrefixesStripped) {
  WorkerConfig w = parse_ok(worker({{"consumer.max.poll.records", "1000"},
                                    {"consumer.security.protocol", "SASL_SSL"},
                                    {"producer.acks", "all"},
                                    {"admin.request.timeout.ms", "1000"},
                                    {"admin.listeners", "http://:9999"}}));
  EXPECT_THAT(w.consumer_overrides(),
              ElementsAre(Pair("max.poll.records", "1000"), Pair("security.protocol", "SASL_SSL")));
  EXPECT_THAT(w.producer_overrides(), ElementsAre(Pair("acks", "all")));
  EXPECT_THAT(w.admin_overrides(), ElementsAre(Pair("request.timeout.ms", "1000")));
}

TEST(WorkerConfigTest, TopLevelSecurityIsNotInheritedByTaskConsumers) {
  RawConfig raw = worker({{"security.protocol", "sasl_ssl"},
                          {"sasl.mechanism", "OAUTHBEARER"},
                          {"sasl.jaas.config", "secret-jaas"},
                          {"ssl.truststore.location", "/etc/ts.jks"}});
  WorkerConfig w = parse_ok(raw);
  EXPECT_EQ(w.security_protocol(), SecurityProtocol::kSaslSsl);
  EXPECT_THAT(w.security_settings(), ElementsAre(Pair("sasl.jaas.config", "secret-jaas"),
                                                 Pair("sasl.mechanism", "OAUTHBEARER"),
                                                 Pair("ssl.truststore.location", "/etc/ts.jks")));
  EXPECT_THAT(warnings(raw), ElementsAre(HasSubstr("The worker sets security.protocol but not "
                                                   "consumer.security.protocol")));
  raw.set("consumer.security.protocol", "SASL_SSL");
  EXPECT_THAT(warnings(raw), IsEmpty());
  EXPECT_THAT(errors(worker({{"security.protocol", "TLS"}})),
              ElementsAre("Invalid value 'TLS' for configuration security.protocol: must be one of "
                          "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (case-insensitive)"));
}

TEST(WorkerConfigTest, SecretsInSecuritySettingsAreHiddenInWarnings) {
  ConfigReport report =
      WorkerConfig::validate(worker({{"sasl.jaas.config", "password=\"hunter2\""}}));
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].value, "[hidden]");
  EXPECT_THAT(report.warnings[0].to_string(), Not(HasSubstr("hunter2")));
  EXPECT_THAT(redacted(parse_ok(worker({{"sasl.jaas.config", "hunter2"}})).security_settings()),
              ElementsAre(Pair("sasl.jaas.config", "[hidden]")));
}

TEST(WorkerConfigTest, BootstrapServersMustBeHostPort) {
  EXPECT_THAT(errors(worker({{"bootstrap.servers", "b-1:9092,b-2"}})),
              ElementsAre("Invalid value 'b-1:9092,b-2' for configuration bootstrap.servers: item "
                          "'b-2' must be host:port"));
  EXPECT_THAT(errors(worker({{"bootstrap.servers", ""}})),
              ElementsAre("Invalid value '' for configuration bootstrap.servers: at least one "
                          "host:port is needed"));
  EXPECT_THAT(parse_ok(worker({{"bootstrap.servers", "[::1]:9092"}})).bootstrap_servers(),
              ElementsAre("[::1]:9092"));
}

TEST(WorkerConfigTest, ListenersAndLegacyRestKeys) {
  WorkerConfig w = parse_ok(worker({{"listeners", "http://0.0.0.0:8083, https://[::]:8443"}}));
  ASSERT_EQ(w.rest_listeners().size(), 2u);
  EXPECT_EQ(w.rest_listeners()[0].host, "0.0.0.0");
  EXPECT_EQ(w.rest_listeners()[1].scheme, "https");
  EXPECT_EQ(w.rest_listeners()[1].host, "[::]");
  EXPECT_EQ(w.rest_listeners()[1].port, 8443);

  WorkerConfig legacy = parse_ok(worker({{"rest.host.name", "127.0.0.1"}, {"rest.port", "9000"}}));
  ASSERT_EQ(legacy.rest_listeners().size(), 1u);
  EXPECT_EQ(legacy.rest_listeners()[0].host, "127.0.0.1");
  EXPECT_EQ(legacy.rest_listeners()[0].port, 9000);

  // rest.port alone: loopback in sluice (Connect binds every interface without rest.host.name).
  WorkerConfig port_only = parse_ok(worker({{"rest.port", "9001"}}));
  ASSERT_EQ(port_only.rest_listeners().size(), 1u);
  EXPECT_EQ(port_only.rest_listeners()[0].host, "127.0.0.1");
  EXPECT_EQ(port_only.rest_listeners()[0].port, 9001);

  WorkerConfig advertised = parse_ok(worker({{"rest.advertised.listener", "HTTP"}}));
  EXPECT_EQ(advertised.rest_advertised_listener(), "http");

  // listeners wins over the legacy keys.
  WorkerConfig both = parse_ok(worker({{"listeners", "http://:1"}, {"rest.port", "9000"}}));
  EXPECT_EQ(both.rest_listeners()[0].port, 1);

  EXPECT_THAT(errors(worker({{"listeners", "localhost:8083"}})),
              ElementsAre(HasSubstr("must be http://host:port or https://host:port")));
  EXPECT_THAT(errors(worker({{"rest.port", "70000"}})), testing::SizeIs(1));
}

TEST(WorkerConfigTest, AcceptedButUnusedKeysGiveInfoNotes) {
  RawConfig raw = worker({{"plugin.path", "/opt/connectors"},
                          {"group.id", "connect-cluster"},
                          {"offset.storage.topic", "connect-offsets"},
                          {"config.storage.replication.factor", "3"}});
  std::vector<ConfigProblem> notes;
  WorkerConfig w = parse_ok(raw, &notes);
  EXPECT_EQ(w.group_id(), "connect-cluster");
  ASSERT_EQ(notes.size(), 4u);
  for (const ConfigProblem& p : notes) EXPECT_EQ(p.severity, Severity::kInfo) << p.message;
  EXPECT_EQ(notes[0].message,
            "group.id is accepted but not used: sink tasks consume in the group connect-<connector "
            "name>; the worker group of distributed Connect is not used");
  EXPECT_EQ(notes[3].message,
            "plugin.path is accepted but not used: sluice has no plugins: the S3 sink, its formats "
            "and the converters are built in");
}

TEST(WorkerConfigTest, ConfigProvidersAreAcceptedWithoutWarning) {
  RawConfig raw = worker({{"config.providers", "secretsmanager"},
                          {"config.providers.secretsmanager.class",
                           "com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider"},
                          {"config.providers.secretsmanager.param.region", "us-east-1"}});
  WorkerConfig w = parse_ok(raw);
  EXPECT_THAT(w.config_providers(), ElementsAre("secretsmanager"));
  EXPECT_THAT(warnings(raw), ElementsAre());
}

TEST(WorkerConfigTest, OverridePolicyAcceptsAliasesAndFullNames) {
  EXPECT_EQ(parse_ok(worker({{"connector.client.config.override.policy", "None"}}))
                .connector_client_config_override_policy(),
            ClientConfigOverridePolicy::kNone);
  EXPECT_EQ(parse_ok(worker({{"connector.client.config.override.policy",
                              "org.apache.kafka.connect.connector.policy."
                              "PrincipalConnectorClientConfigOverridePolicy"}}))
                .connector_client_config_override_policy(),
            ClientConfigOverridePolicy::kPrincipal);
  EXPECT_THAT(errors(worker({{"connector.client.config.override.policy", "Some"}})),
              ElementsAre(HasSubstr("must be All, None or Principal")));
}

TEST(WorkerConfigTest, UnknownKeysAreWarningsWithSuggestions) {
  EXPECT_THAT(warnings(worker({{"offset.flush.interval", "1000"}})),
              ElementsAre("Unknown configuration 'offset.flush.interval' is ignored; did you mean "
                          "'offset.flush.interval.ms'?"));
}

TEST(WorkerConfigTest, ParseFailsWithEveryError) {
  Result<WorkerConfig> w = WorkerConfig::parse(worker(
      {{"offset.flush.interval.ms", "-1"}, {"bootstrap.servers", "nope"}}, {"value.converter"}));
  ASSERT_FALSE(w.ok());
  EXPECT_THAT(w.status().message(), HasSubstr("invalid worker configuration: 3 problems"));
}

TEST(WorkerConfigTest, MskFlavorAppliesMskConnectsRules) {
  // MSK Connect takes the brokers from the connector's kafkaCluster: bootstrap.servers is one of
  // the keys AWS's "Supported worker configuration properties" page does not support.
  ConfigReport report = WorkerConfig::validate(worker(), WorkerFlavor::kMskConnect);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].key, "bootstrap.servers");
  EXPECT_TRUE(
      WorkerConfig::validate(worker({}, {"bootstrap.servers"}), WorkerFlavor::kMskConnect).ok());
}

TEST(WorkerConfigTest, EveryDefaultIsValidAndEveryKeyDocumented) {
  for (const ConfigKey& key : worker_definition().keys()) {
    EXPECT_FALSE(key.doc().empty()) << key.name();
    if (key.default_kind() != DefaultKind::kValue) continue;
    Result<ConfigValue> v = parse_config_value(key.type(), key.default_text(), key.trims());
    ASSERT_TRUE(v.ok()) << key.name();
    EXPECT_EQ(key.validator().check(*v), std::nullopt) << key.name();
  }
}

}  // namespace
}  // namespace sluice::config
