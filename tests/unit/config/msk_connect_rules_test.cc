// MSK Connect's worker configuration rules and capacity arithmetic. The expected keys, prefixes
// and numbers are copied from AWS's Amazon MSK Developer Guide ("Supported worker configuration
// properties", "Understand connector capacity", "Understand maximum autoscaling task count"),
// not from sluice's table.
#include "config/msk_connect_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/worker_config.h"

namespace sluice::config {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr const char* kStringConverter = "org.apache.kafka.connect.storage.StringConverter";

RawConfig msk_worker(std::initializer_list<std::pair<std::string, std::string>> extra = {}) {
  RawConfig raw({{"key.converter", kStringConverter}, {"value.converter", kStringConverter}});
  for (const auto& [key, value] : extra) raw.set(key, value);
  return raw;
}

ConfigReport check(const RawConfig& raw) {
  ConfigReport report;
  check_msk_connect_worker_rules(raw, &report);
  return report;
}

// The guide's lists, as published.
const std::vector<std::string> kGuideProducerKeys = {"producer.acks",
                                                     "producer.batch.size",
                                                     "producer.buffer.memory",
                                                     "producer.compression.type",
                                                     "producer.enable.idempotence",
                                                     "producer.key.serializer",
                                                     "producer.linger.ms",
                                                     "producer.max.request.size",
                                                     "producer.metadata.max.age.ms",
                                                     "producer.metadata.max.idle.ms",
                                                     "producer.partitioner.class",
                                                     "producer.reconnect.backoff.max.ms",
                                                     "producer.reconnect.backoff.ms",
                                                     "producer.request.timeout.ms",
                                                     "producer.retry.backoff.ms",
                                                     "producer.value.serializer"};
const std::vector<std::string> kGuideConsumerKeys = {"consumer.allow.auto.create.topics",
                                                     "consumer.auto.offset.reset",
                                                     "consumer.check.crcs",
                                                     "consumer.fetch.max.bytes",
                                                     "consumer.fetch.max.wait.ms",
                                                     "consumer.fetch.min.bytes",
                                                     "consumer.heartbeat.interval.ms",
                                                     "consumer.key.deserializer",
                                                     "consumer.max.partition.fetch.bytes",
                                                     "consumer.max.poll.interval.ms",
                                                     "consumer.max.poll.records",
                                                     "consumer.metadata.max.age.ms",
                                                     "consumer.partition.assignment.strategy",
                                                     "consumer.reconnect.backoff.max.ms",
                                                     "consumer.reconnect.backoff.ms",
                                                     "consumer.request.timeout.ms",
                                                     "consumer.retry.backoff.ms",
                                                     "consumer.session.timeout.ms",
                                                     "consumer.value.deserializer"};
const std::vector<std::string> kGuideDeniedPrefixes = {"access.control.",
                                                       "admin.",
                                                       "admin.listeners.https.",
                                                       "client.",
                                                       "connect.",
                                                       "inter.worker.",
                                                       "internal.",
                                                       "listeners.https.",
                                                       "metrics.",
                                                       "metrics.context.",
                                                       "rest.",
                                                       "sasl.",
                                                       "security.",
                                                       "socket.",
                                                       "ssl.",
                                                       "topic.tracking.",
                                                       "worker."};
const std::vector<std::string> kGuideDeniedKeys = {"bootstrap.servers",
                                                   "config.storage.topic",
                                                   "connections.max.idle.ms",
                                                   "connector.client.config.override.policy",
                                                   "group.id",
                                                   "listeners",
                                                   "metric.reporters",
                                                   "plugin.path",
                                                   "receive.buffer.bytes",
                                                   "response.http.headers.config",
                                                   "scheduled.rebalance.max.delay.ms",
                                                   "send.buffer.bytes",
                                                   "status.storage.topic"};

TEST(MskConnectRulesTest, TheGuidesListsHaveTheirPublishedSizes) {
  EXPECT_THAT(kGuideProducerKeys, SizeIs(16));
  EXPECT_THAT(kGuideConsumerKeys, SizeIs(19));
  EXPECT_THAT(kGuideDeniedPrefixes, SizeIs(17));
  EXPECT_THAT(kGuideDeniedKeys, SizeIs(13));
}

TEST(MskConnectRulesTest, MskDefaultWorkerConfigurationIsAccepted) {
  ConfigReport report = check(msk_worker());
  EXPECT_THAT(report.errors, IsEmpty());
  EXPECT_THAT(report.warnings, IsEmpty());
}

TEST(MskConnectRulesTest, EveryListedProducerAndConsumerKeyIsAccepted) {
  RawConfig raw = msk_worker();
  for (const std::string& key : kGuideProducerKeys) raw.set(key, "1");
  for (const std::string& key : kGuideConsumerKeys) raw.set(key, "1");
  EXPECT_THAT(check(raw).errors, IsEmpty());
}

TEST(MskConnectRulesTest, OtherKeysNotDeniedAreAccepted) {
  // "All other configuration properties that don't start with producer. or consumer. are
  // allowed", except the denied ones.
  RawConfig raw =
      msk_worker({{"key.converter.schemas.enable", "false"},
                  {"value.converter.schemas.enable", "false"},
                  {"header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter"},
                  {"offset.storage.topic", "__my_offsets"},
                  {"offset.flush.interval.ms", "10000"},
                  {"config.providers", "secretsmanager"},
                  {"config.providers.secretsmanager.class",
                   "com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider"},
                  {"config.providers.secretsmanager.param.region", "us-east-1"},
                  {"task.shutdown.graceful.timeout.ms", "10000"}});
  EXPECT_THAT(check(raw).errors, IsEmpty());
}

TEST(MskConnectRulesTest, UnlistedProducerKeyNamesTheKeyAndTheAllowList) {
  ConfigReport report = check(msk_worker({{"producer.max.block.ms", "1000"}}));
  ASSERT_THAT(report.errors, SizeIs(1));
  const ConfigProblem& p = report.errors[0];
  EXPECT_EQ(p.key, "producer.max.block.ms");
  EXPECT_EQ(p.value, "1000");
  EXPECT_THAT(p.message, HasSubstr("producer.max.block.ms (value '1000')"));
  EXPECT_THAT(p.message, HasSubstr("MSK Connect allows only these producer.* keys: "));
  for (const std::string& key : kGuideProducerKeys) EXPECT_THAT(p.message, HasSubstr(key));
}

TEST(MskConnectRulesTest, UnlistedConsumerKeysAreRejectedEvenForSecuritySettings) {
  // consumer.* keys follow the consumer list first: the security settings are not in it.
  ConfigReport report = check(msk_worker({{"consumer.security.protocol", "SASL_SSL"},
                                          {"consumer.sasl.jaas.config", "x required password=s;"},
                                          {"consumer.client.rack", "use1-az1"}}));
  ASSERT_THAT(report.errors, SizeIs(3));
  for (const ConfigProblem& p : report.errors) {
    EXPECT_THAT(p.message, HasSubstr("MSK Connect allows only these consumer.* keys: "));
    for (const std::string& key : kGuideConsumerKeys) EXPECT_THAT(p.message, HasSubstr(key));
  }
  EXPECT_EQ(report.errors[0].key, "consumer.security.protocol");
  EXPECT_EQ(report.errors[1].key, "consumer.sasl.jaas.config");
  EXPECT_EQ(report.errors[1].value, "[hidden]");
  EXPECT_THAT(report.errors[1].message, HasSubstr("(value '[hidden]')"));
  EXPECT_THAT(report.errors[1].message, Not(HasSubstr("password=s")));
}

TEST(MskConnectRulesTest, EveryDeniedPrefixIsRejectedNamingThePrefix) {
  for (const std::string& prefix : kGuideDeniedPrefixes) {
    std::string key = prefix + "some.setting";
    ConfigReport report = check(msk_worker({{key, "v"}}));
    ASSERT_THAT(report.errors, SizeIs(1)) << key;
    EXPECT_EQ(report.errors[0].key, key);
    EXPECT_THAT(report.errors[0].message,
                HasSubstr("MSK Connect does not allow worker configuration keys starting with '" +
                          prefix + "'"));
  }
}

TEST(MskConnectRulesTest, EveryDeniedKeyIsRejectedButOnlyExactly) {
  for (const std::string& key : kGuideDeniedKeys) {
    ConfigReport report = check(msk_worker({{key, "v"}}));
    ASSERT_THAT(report.errors, SizeIs(1)) << key;
    EXPECT_THAT(report.errors[0].message,
                HasSubstr("MSK Connect does not allow the worker configuration key '" + key + "'"));
  }
  // Exact keys are not prefixes: offset.storage.topic stays allowed, and so does a longer key
  // that merely starts with a denied exact key.
  EXPECT_THAT(check(msk_worker({{"plugin.path.extra", "x"}, {"group.idx", "y"}})).errors,
              IsEmpty());
}

TEST(MskConnectRulesTest, SecretsUnderDeniedPrefixesAreHidden) {
  ConfigReport report = check(msk_worker(
      {{"ssl.keystore.password", "hunter2"}, {"sasl.jaas.config", "x required password=\"p\";"}}));
  ASSERT_THAT(report.errors, SizeIs(2));
  for (const ConfigProblem& p : report.errors) {
    EXPECT_EQ(p.value, "[hidden]");
    EXPECT_THAT(p.message, Not(HasSubstr("hunter2")));
    EXPECT_THAT(p.message, Not(HasSubstr("password=")));
    EXPECT_THAT(p.message, HasSubstr("kafkaClusterClientAuthentication"));
  }
}

TEST(MskConnectRulesTest, BothConvertersAreRequired) {
  ConfigReport report = check(RawConfig({{"offset.flush.interval.ms", "10000"}}));
  ASSERT_THAT(report.errors, SizeIs(2));
  EXPECT_EQ(report.errors[0].key, "key.converter");
  EXPECT_EQ(report.errors[1].key, "value.converter");
  for (const ConfigProblem& p : report.errors) {
    EXPECT_THAT(p.message, HasSubstr("MSK Connect requires key.converter and value.converter"));
  }
}

TEST(MskConnectRulesTest, AllProblemsAtOnceWithLocations) {
  RawConfig raw("worker.properties");
  raw.set("bootstrap.servers", "b-1:9098", 1);
  raw.set("key.converter", kStringConverter, 2);
  raw.set("security.protocol", "SASL_SSL", 3);
  raw.set("consumer.max.poll.records", "500", 4);
  raw.set("producer.retries", "3", 5);
  raw.set("rest.port", "8083", 6);
  raw.set("offset.flush.interval.ms", "1000", 7);
  ConfigReport report = check(raw);
  std::vector<std::string> keys;
  for (const ConfigProblem& p : report.errors) keys.push_back(p.key);
  EXPECT_THAT(keys, ::testing::ElementsAre("bootstrap.servers", "security.protocol",
                                           "producer.retries", "rest.port", "value.converter"));
  EXPECT_EQ(report.errors[0].location, "worker.properties:1");
  EXPECT_EQ(report.errors[3].location, "worker.properties:6");
}

TEST(MskConnectRulesTest, WorkerValidateReportsMissingConverterOnceWithTheMskRule) {
  ConfigReport report = WorkerConfig::validate(RawConfig({{"key.converter", kStringConverter}}),
                                               WorkerFlavor::kMskConnect);
  ASSERT_THAT(report.errors, SizeIs(1));
  EXPECT_EQ(report.errors[0].key, "value.converter");
  EXPECT_THAT(report.errors[0].message, HasSubstr("Missing required configuration"));
  EXPECT_THAT(report.errors[0].message,
              HasSubstr("MSK Connect requires key.converter and value.converter"));
}

TEST(MskConnectRulesTest, SelfHostedFlavorDoesNotApplyTheMskRules) {
  EXPECT_TRUE(WorkerConfig::validate(msk_worker({{"bootstrap.servers", "b-1:9092"}})).ok());
  EXPECT_FALSE(WorkerConfig::validate(msk_worker({{"bootstrap.servers", "b-1:9092"}}),
                                      WorkerFlavor::kMskConnect)
                   .ok());
}

TEST(MskConnectRulesTest, ConnectorClientOverridesAreWarnedAbout) {
  RawConfig connector({{"name", "s3"},
                       {"consumer.override.max.poll.records", "100"},
                       {"producer.override.sasl.jaas.config", "x required password=p;"},
                       {"admin.override.request.timeout.ms", "5000"},
                       {"flush.size", "10"}});
  ConfigReport report;
  check_msk_connect_connector_rules(connector, &report);
  EXPECT_THAT(report.errors, IsEmpty());
  ASSERT_THAT(report.warnings, SizeIs(3));
  EXPECT_EQ(report.warnings[0].key, "consumer.override.max.poll.records");
  EXPECT_EQ(report.warnings[1].value, "[hidden]");
  EXPECT_THAT(report.warnings[1].message, Not(HasSubstr("password=p")));
  for (const ConfigProblem& p : report.warnings) {
    EXPECT_EQ(p.severity, Severity::kWarning);
    EXPECT_THAT(p.message, HasSubstr("connector.client.config.override.policy"));
  }
}

// Capacity.

std::optional<MskCapacity> capacity(MskCapacityFlags flags, ConfigReport* report) {
  return parse_msk_capacity(flags, report);
}

TEST(MskCapacityTest, ProvisionedTwoWorkersOfTwoMcu) {
  ConfigReport report;
  std::optional<MskCapacity> c = capacity({.workers = 2, .mcu = 2}, &report);
  ASSERT_TRUE(c.has_value());
  MskCapacityPlan plan = plan_msk_capacity(*c, 5);
  // One MCU = 1 vCPU + 4 GiB.
  EXPECT_EQ(plan.vcpu_per_worker, 2);
  EXPECT_EQ(plan.memory_gib_per_worker, 8);
  EXPECT_EQ(plan.min_mcu, 4);
  EXPECT_EQ(plan.max_mcu, 4);
  // Provisioned: the connector's tasks.max is honoured, spread over the workers (3 + 2).
  EXPECT_EQ(plan.min_tasks, 5);
  EXPECT_EQ(plan.max_tasks, 5);
  EXPECT_EQ(plan.max_tasks_per_worker, 3);
  EXPECT_EQ(plan.min_processes, 2);
  EXPECT_EQ(plan.max_processes, 2);
  EXPECT_EQ(plan.tasks_per_process, 3);
}

TEST(MskCapacityTest, ProvisionedWorkersWithoutATaskNeedNoProcess) {
  ConfigReport report;
  MskCapacityPlan plan = plan_msk_capacity(*capacity({.workers = 4, .mcu = 1}, &report), 2);
  EXPECT_EQ(plan.min_processes, 2);
  EXPECT_EQ(plan.tasks_per_process, 1);
  EXPECT_EQ(plan.min_mcu, 4);
}

TEST(MskCapacityTest, AutoscaledReplacesTasksMaxWithWorkersTimesMcuTimesTwo) {
  ConfigReport report;
  std::optional<MskCapacity> c = capacity({.autoscaling = "1:4", .mcu = 2}, &report);
  ASSERT_TRUE(c.has_value()) << report.errors.size();
  MskCapacityPlan plan = plan_msk_capacity(*c, 100);
  EXPECT_EQ(plan.min_mcu, 2);
  EXPECT_EQ(plan.max_mcu, 8);
  EXPECT_EQ(plan.min_tasks, 1 * 2 * 2);
  EXPECT_EQ(plan.max_tasks, 4 * 2 * 2);
  EXPECT_EQ(plan.min_processes, 1);
  EXPECT_EQ(plan.max_processes, 4);
  EXPECT_EQ(plan.tasks_per_process, 4);
}

TEST(MskCapacityTest, MaxAutoscalingTaskCountCapsTheTasks) {
  ConfigReport report;
  std::optional<MskCapacity> c =
      capacity({.autoscaling = "2:4", .mcu = 4, .max_autoscaling_task_count = 10}, &report);
  ASSERT_TRUE(c.has_value());
  MskCapacityPlan plan = plan_msk_capacity(*c, 1);
  EXPECT_EQ(plan.min_tasks, 10);  // min(2 x 4 x 2 = 16, 10)
  EXPECT_EQ(plan.max_tasks, 10);  // min(4 x 4 x 2 = 32, 10)
  EXPECT_EQ(plan.max_tasks_per_worker, 5);
  // Four processes of 2 tasks: never more consumers than MSK Connect's 10 tasks.
  EXPECT_EQ(plan.tasks_per_process, 2);
  std::string note = describe_msk_capacity(*c, plan, 1, "connect-s3");
  EXPECT_THAT(note, HasSubstr("capped at maxAutoscalingTaskCount=10: 10 task(s) at 2 worker(s), 10 "
                              "at 4"));
  EXPECT_THAT(note, HasSubstr("note: maxAutoscalingTaskCount makes MSK Connect's share per worker "
                              "shrink as workers are added (5 at 2 worker(s))"));
}

TEST(MskCapacityTest, FlagsBreakingTheApiRulesAreAllReported) {
  ConfigReport report;
  EXPECT_FALSE(
      capacity({.autoscaling = "5:11", .mcu = 3, .max_autoscaling_task_count = 4}, &report));
  std::vector<std::string> messages;
  for (const ConfigProblem& p : report.errors) messages.push_back(p.message);
  EXPECT_THAT(messages,
              ::testing::UnorderedElementsAre(HasSubstr("MSK Connect allows 1, 2, 4 or 8 MCU"),
                                              HasSubstr("MSK Connect allows 1 to 10 workers"),
                                              HasSubstr("at least maxWorkerCount (11)")));
}

TEST(MskCapacityTest, BadCombinations) {
  auto errors = [](MskCapacityFlags flags) {
    ConfigReport report;
    EXPECT_FALSE(parse_msk_capacity(flags, &report).has_value());
    return report.errors.size();
  };
  EXPECT_EQ(errors({.workers = 2, .autoscaling = "1:2", .mcu = 1}), 1u);  // both modes
  EXPECT_EQ(errors({.mcu = 1}), 1u);                                      // neither mode
  EXPECT_EQ(errors({.workers = 2}), 1u);                                  // no MCU count
  EXPECT_EQ(errors({.workers = 0, .mcu = 1}), 1u);
  EXPECT_EQ(errors({.autoscaling = "3:2", .mcu = 1}), 1u);  // min > max
  EXPECT_EQ(errors({.autoscaling = "3", .mcu = 1}), 1u);
  EXPECT_EQ(errors({.autoscaling = "0:11", .mcu = 1}), 1u);  // one problem for the range
  EXPECT_EQ(errors({.autoscaling = "1:11", .mcu = 1}), 1u);
  EXPECT_EQ(errors({.workers = 2, .mcu = 1, .max_autoscaling_task_count = 4}), 1u);
}

TEST(MskCapacityTest, NoteNamesWhatMskProvisionsAndTheProcesses) {
  ConfigReport report;
  MskCapacity c = *capacity({.autoscaling = "1:3", .mcu = 1}, &report);
  std::string note = describe_msk_capacity(c, plan_msk_capacity(c, 4), 4, "connect-orders");
  EXPECT_THAT(note, HasSubstr("autoscaled: 1 to 3 worker(s) x 1 MCU"));
  EXPECT_THAT(note, HasSubstr("1 to 3 MCU in all (1 to 3 vCPU, 4 to 12 GiB)"));
  EXPECT_THAT(note, HasSubstr("tasks.max=4 is replaced by workers x MCU x 2: 2 task(s) at 1"));
  EXPECT_THAT(note, HasSubstr("1 to 3 process(es) with 1 vCPU and 4 GiB each"));
  EXPECT_THAT(note, HasSubstr("tasks.max=2: 2 to 6 consumer(s) in the group connect-orders"));
}

}  // namespace
}  // namespace sluice::config
