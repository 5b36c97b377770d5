#include "config/msk_connect_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "config/config_def.h"
#include "config/password.h"
#include "config/worker_config.h"

namespace sluice::config {
namespace {

enum class RuleKind {
  kProducerKey,   // an allowed producer.* key
  kConsumerKey,   // an allowed consumer.* key
  kDeniedPrefix,  // no key may start with it
  kDeniedKey,     // no key may be exactly it
};

struct MskRule {
  RuleKind kind;
  std::string_view text;
  std::string_view hint = {};  // appended to the problem, in parentheses, when not empty
};

constexpr std::string_view kAuthHint =
    "MSK Connect sets the connection's authentication and encryption from the connector's "
    "kafkaClusterClientAuthentication and kafkaClusterEncryptionInTransit";

// AWS, Amazon MSK Developer Guide, "Supported worker configuration properties"
// (docs.aws.amazon.com/msk/latest/developerguide/msk-connect-supported-worker-config-properties
// .html): the producer.* and consumer.* keys MSK Connect supports, and the keys it does not
// support among all others (entries ending in '.' are prefixes). The current guide's lists; its
// 2022 edition lacked producer.linger.ms, producer.partitioner.class and
// consumer.max.poll.interval.ms. Update this table when the guide changes.
constexpr MskRule kMskWorkerRules[] = {
    {RuleKind::kProducerKey, "producer.acks"},
    {RuleKind::kProducerKey, "producer.batch.size"},
    {RuleKind::kProducerKey, "producer.buffer.memory"},
    {RuleKind::kProducerKey, "producer.compression.type"},
    {RuleKind::kProducerKey, "producer.enable.idempotence"},
    {RuleKind::kProducerKey, "producer.key.serializer"},
    {RuleKind::kProducerKey, "producer.linger.ms"},
    {RuleKind::kProducerKey, "producer.max.request.size"},
    {RuleKind::kProducerKey, "producer.metadata.max.age.ms"},
    {RuleKind::kProducerKey, "producer.metadata.max.idle.ms"},
    {RuleKind::kProducerKey, "producer.partitioner.class"},
    {RuleKind::kProducerKey, "producer.reconnect.backoff.max.ms"},
    {RuleKind::kProducerKey, "producer.reconnect.backoff.ms"},
    {RuleKind::kProducerKey, "producer.request.timeout.ms"},
    {RuleKind::kProducerKey, "producer.retry.backoff.ms"},
    {RuleKind::kProducerKey, "producer.value.serializer"},
    {RuleKind::kConsumerKey, "consumer.allow.auto.create.topics"},
    {RuleKind::kConsumerKey, "consumer.auto.offset.reset"},
    {RuleKind::kConsumerKey, "consumer.check.crcs"},
    {RuleKind::kConsumerKey, "consumer.fetch.max.bytes"},
    {RuleKind::kConsumerKey, "consumer.fetch.max.wait.ms"},
    {RuleKind::kConsumerKey, "consumer.fetch.min.bytes"},
    {RuleKind::kConsumerKey, "consumer.heartbeat.interval.ms"},
    {RuleKind::kConsumerKey, "consumer.key.deserializer"},
    {RuleKind::kConsumerKey, "consumer.max.partition.fetch.bytes"},
    {RuleKind::kConsumerKey, "consumer.max.poll.interval.ms"},
    {RuleKind::kConsumerKey, "consumer.max.poll.records"},
    {RuleKind::kConsumerKey, "consumer.metadata.max.age.ms"},
    {RuleKind::kConsumerKey, "consumer.partition.assignment.strategy"},
    {RuleKind::kConsumerKey, "consumer.reconnect.backoff.max.ms"},
    {RuleKind::kConsumerKey, "consumer.reconnect.backoff.ms"},
    {RuleKind::kConsumerKey, "consumer.request.timeout.ms"},
    {RuleKind::kConsumerKey, "consumer.retry.backoff.ms"},
    {RuleKind::kConsumerKey, "consumer.session.timeout.ms"},
    {RuleKind::kConsumerKey, "consumer.value.deserializer"},
    {RuleKind::kDeniedPrefix, "access.control."},
    {RuleKind::kDeniedPrefix, "admin."},
    {RuleKind::kDeniedPrefix, "admin.listeners.https."},
    {RuleKind::kDeniedPrefix, "client."},
    {RuleKind::kDeniedPrefix, "connect."},
    {RuleKind::kDeniedPrefix, "inter.worker."},
    {RuleKind::kDeniedPrefix, "internal."},
    {RuleKind::kDeniedPrefix, "listeners.https."},
    {RuleKind::kDeniedPrefix, "metrics."},
    {RuleKind::kDeniedPrefix, "metrics.context."},
    {RuleKind::kDeniedPrefix, "rest."},
    {RuleKind::kDeniedPrefix, "sasl.", kAuthHint},
    {RuleKind::kDeniedPrefix, "security.", kAuthHint},
    {RuleKind::kDeniedPrefix, "socket."},
    {RuleKind::kDeniedPrefix, "ssl.", kAuthHint},
    {RuleKind::kDeniedPrefix, "topic.tracking."},
    {RuleKind::kDeniedPrefix, "worker."},
    {RuleKind::kDeniedKey, "bootstrap.servers",
     "MSK Connect takes the brokers from the connector's kafkaCluster"},
    {RuleKind::kDeniedKey, "config.storage.topic"},
    {RuleKind::kDeniedKey, "connections.max.idle.ms"},
    {RuleKind::kDeniedKey, "connector.client.config.override.policy"},
    {RuleKind::kDeniedKey, "group.id"},
    {RuleKind::kDeniedKey, "listeners"},
    {RuleKind::kDeniedKey, "metric.reporters"},
    {RuleKind::kDeniedKey, "plugin.path"},
    {RuleKind::kDeniedKey, "receive.buffer.bytes"},
    {RuleKind::kDeniedKey, "response.http.headers.config"},
    {RuleKind::kDeniedKey, "scheduled.rebalance.max.delay.ms"},
    {RuleKind::kDeniedKey, "send.buffer.bytes"},
    {RuleKind::kDeniedKey, "status.storage.topic"},
};

// Required in every worker configuration (same page).
constexpr std::string_view kRequiredConverters[] = {"key.converter", "value.converter"};

// KIP-458 connector client override prefixes (Apache Kafka, "Kafka Connect Configs").
constexpr std::string_view kConnectorOverridePrefixes[] = {"consumer.override.",
                                                           "producer.override.", "admin.override."};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "consumer.allow.auto.create.topics, consumer.auto.offset.reset, ..."
std::string allowed_keys(RuleKind kind) {
  std::string out;
  for (const MskRule& rule : kMskWorkerRules) {
    if (rule.kind != kind) continue;
    if (!out.empty()) out += ", ";
    out += rule.text;
  }
  return out;
}

bool is_secret(std::string_view key) {
  const ConfigKey* def = worker_definition().find(key);
  return (def != nullptr && def->type() == ConfigType::kPassword) || is_sensitive_key(key);
}

// The rule `key` breaks, or "" when MSK Connect accepts it: a producer.* or consumer.* key must
// be listed; any other key must not start with a denied prefix or equal a denied key.
std::string broken_rule(std::string_view key) {
  for (RuleKind kind : {RuleKind::kProducerKey, RuleKind::kConsumerKey}) {
    std::string_view prefix = kind == RuleKind::kProducerKey ? "producer." : "consumer.";
    if (!starts_with(key, prefix)) continue;
    bool listed = std::any_of(std::begin(kMskWorkerRules), std::end(kMskWorkerRules),
                              [&](const MskRule& r) { return r.kind == kind && r.text == key; });
    if (listed) return "";
    return fmt::format("MSK Connect allows only these {}* keys: {}", prefix, allowed_keys(kind));
  }
  const MskRule* match = nullptr;  // the longest denied prefix, or the denied key
  for (const MskRule& rule : kMskWorkerRules) {
    bool hit = (rule.kind == RuleKind::kDeniedKey && key == rule.text) ||
               (rule.kind == RuleKind::kDeniedPrefix && starts_with(key, rule.text));
    if (hit && (match == nullptr || rule.text.size() > match->text.size())) match = &rule;
  }
  if (match == nullptr) return "";
  std::string rule =
      match->kind == RuleKind::kDeniedKey
          ? fmt::format("MSK Connect does not allow the worker configuration key '{}'", match->text)
          : fmt::format("MSK Connect does not allow worker configuration keys starting with '{}'",
                        match->text);
  if (!match->hint.empty()) rule += fmt::format(" ({})", match->hint);
  return rule;
}

// Step (e): both converters. A missing converter is already an error of the worker's own
// definition; the MSK rule is added to that error rather than reported twice.
void check_converters(const RawConfig& raw, ConfigReport* report) {
  for (std::string_view key : kRequiredConverters) {
    std::optional<std::string_view> value = raw.get(key);
    if (value && value->find_first_not_of(" \t") != std::string_view::npos) continue;
    std::string rule =
        "MSK Connect requires key.converter and value.converter in every worker configuration";
    auto existing = std::find_if(report->errors.begin(), report->errors.end(),
                                 [&](const ConfigProblem& p) { return p.key == key; });
    if (existing != report->errors.end()) {
      existing->message += "; " + rule;
      continue;
    }
    report->add(ConfigProblem{std::string(key), std::string(value.value_or("")),
                              fmt::format("Missing required configuration '{}': {}", key, rule),
                              Severity::kError, raw.location(key)});
  }
}

}  // namespace

void check_msk_connect_worker_rules(const RawConfig& raw, ConfigReport* report) {
  for (const RawEntry& entry : raw.entries()) {
    std::string rule = broken_rule(entry.key);
    if (rule.empty()) continue;
    bool secret = is_secret(entry.key);
    std::string shown = secret ? std::string(Password::kHidden) : printable(entry.value);
    report->add(ConfigProblem{
        entry.key, secret ? std::string(Password::kHidden) : entry.value,
        fmt::format("Worker configuration key {} (value '{}') is not accepted by MSK Connect: {}",
                    printable(entry.key), shown, rule),
        Severity::kError, raw.location(entry.key)});
  }
  check_converters(raw, report);
}

void check_msk_connect_connector_rules(const RawConfig& connector, ConfigReport* report) {
  for (const RawEntry& entry : connector.entries()) {
    auto prefix =
        std::find_if(std::begin(kConnectorOverridePrefixes), std::end(kConnectorOverridePrefixes),
                     [&](std::string_view p) { return starts_with(entry.key, p); });
    if (prefix == std::end(kConnectorOverridePrefixes)) continue;
    bool secret = is_sensitive_key(entry.key);
    std::string shown = secret ? std::string(Password::kHidden) : printable(entry.value);
    report->add(ConfigProblem{
        entry.key, secret ? std::string(Password::kHidden) : entry.value,
        fmt::format(
            "Connector client override {} (value '{}') may be ignored or rejected by MSK Connect: "
            "a worker configuration cannot set connector.client.config.override.policy, and MSK "
            "Connect does not document the policy its workers use (Apache Kafka's default is "
            "None before 3.0 and All from 3.0, KIP-722)",
            printable(entry.key), shown),
        Severity::kWarning, connector.location(entry.key)});
  }
}

namespace {

// CreateConnector's capacity ranges (AWS, MSK Connect API reference, "ProvisionedCapacity" and
// "AutoScaling"; Amazon MSK Developer Guide, "Understand maximum autoscaling task count").
constexpr int kMaxWorkerCount = 10;
constexpr int kMcuCounts[] = {1, 2, 4, 8};
constexpr int kTasksPerMcu = 2;            // autoscaled tasks.max = workers x MCU x 2
constexpr int kGibPerMcu = 4;              // one MCU: 1 vCPU and 4 GiB
constexpr int kMaxTaskCountCap = 1 << 20;  // no documented bound; keeps the arithmetic in int

void flag_problem(ConfigReport* report, std::string flag, std::string value, std::string message) {
  report->add(ConfigProblem{flag, value, fmt::format("{} {}: {}", flag, value, message)});
}

std::optional<int> parse_count(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void check_worker_count(int count, const std::string& flag, const std::string& given,
                        ConfigReport* report) {
  if (count < 1 || count > kMaxWorkerCount) {
    flag_problem(report, flag, given,
                 fmt::format("MSK Connect allows 1 to {} workers", kMaxWorkerCount));
  }
}

// --msk-autoscaling MIN:MAX into *capacity, adding a problem for each rule it breaks.
void parse_autoscaling(const std::string& text, MskCapacity* capacity, ConfigReport* report) {
  const std::string flag = "--msk-autoscaling";
  size_t colon = text.find(':');
  std::optional<int> min, max;
  if (colon != std::string::npos) {
    min = parse_count(std::string_view(text).substr(0, colon));
    max = parse_count(std::string_view(text).substr(colon + 1));
  }
  if (!min || !max) {
    flag_problem(report, flag, text, "expected MIN:MAX worker counts, e.g. 1:4");
    return;
  }
  check_worker_count(std::clamp(*min, 1, kMaxWorkerCount) != *min ? *min : *max, flag, text,
                     report);
  if (*min > *max) {
    flag_problem(report, flag, text, "minWorkerCount must not be greater than maxWorkerCount");
  }
  capacity->min_workers = *min;
  capacity->max_workers = *max;
}

int ceil_div(int a, int b) {
  return (a + b - 1) / b;
}

}  // namespace

std::optional<MskCapacity> parse_msk_capacity(const MskCapacityFlags& flags, ConfigReport* report) {
  size_t before = report->errors.size();
  MskCapacity capacity;
  if (flags.workers && flags.autoscaling) {
    flag_problem(report, "--msk-workers", std::to_string(*flags.workers),
                 "give either --msk-workers (provisioned) or --msk-autoscaling, not both: a "
                 "connector's capacity is exactly one of provisionedCapacity and autoScaling");
  } else if (!flags.workers && !flags.autoscaling) {
    flag_problem(report, "--msk-workers", "",
                 "a capacity needs --msk-workers N (provisioned) or --msk-autoscaling MIN:MAX");
  }
  if (!flags.mcu) {
    flag_problem(report, "--msk-mcu", "",
                 "a capacity needs the MCU count per worker: 1, 2, 4 or 8");
  } else if (std::find(std::begin(kMcuCounts), std::end(kMcuCounts), *flags.mcu) ==
             std::end(kMcuCounts)) {
    flag_problem(report, "--msk-mcu", std::to_string(*flags.mcu),
                 "MSK Connect allows 1, 2, 4 or 8 MCU per worker");
  } else {
    capacity.mcu = *flags.mcu;
  }
  if (flags.workers && !flags.autoscaling) {
    check_worker_count(*flags.workers, "--msk-workers", std::to_string(*flags.workers), report);
    capacity.min_workers = capacity.max_workers = *flags.workers;
  }
  if (flags.autoscaling && !flags.workers) {
    capacity.autoscaled = true;
    parse_autoscaling(*flags.autoscaling, &capacity, report);
  }
  if (flags.max_autoscaling_task_count) {
    const std::string flag = "--msk-max-autoscaling-task-count";
    int cap = *flags.max_autoscaling_task_count;
    if (!capacity.autoscaled) {
      flag_problem(report, flag, std::to_string(cap), "applies to an autoscaled capacity only");
    } else if (cap < capacity.max_workers || cap > kMaxTaskCountCap) {
      flag_problem(report, flag, std::to_string(cap),
                   fmt::format("maxAutoscalingTaskCount must be at least maxWorkerCount ({})",
                               capacity.max_workers));
    }
    capacity.max_autoscaling_task_count = cap;
  }
  if (report->errors.size() != before) return std::nullopt;
  return capacity;
}

MskCapacityPlan plan_msk_capacity(const MskCapacity& capacity, int connector_tasks_max) {
  MskCapacityPlan plan;
  plan.vcpu_per_worker = capacity.mcu;
  plan.memory_gib_per_worker = capacity.mcu * kGibPerMcu;
  plan.min_mcu = capacity.min_workers * capacity.mcu;
  plan.max_mcu = capacity.max_workers * capacity.mcu;
  int tasks_max = std::max(connector_tasks_max, 1);
  if (!capacity.autoscaled) {
    int workers = capacity.max_workers;
    plan.min_tasks = plan.max_tasks = tasks_max;
    plan.max_tasks_per_worker = ceil_div(tasks_max, workers);
    // A worker left without a task does nothing; a sluice process always runs a task.
    plan.min_processes = plan.max_processes = std::min(workers, tasks_max);
    plan.tasks_per_process = plan.max_tasks_per_worker;
    return plan;
  }
  auto tasks_at = [&](int workers) {
    int tasks = workers * capacity.mcu * kTasksPerMcu;
    return capacity.max_autoscaling_task_count
               ? std::min(tasks, *capacity.max_autoscaling_task_count)
               : tasks;
  };
  plan.min_tasks = tasks_at(capacity.min_workers);
  plan.max_tasks = tasks_at(capacity.max_workers);
  plan.max_tasks_per_worker = ceil_div(plan.min_tasks, capacity.min_workers);
  plan.min_processes = capacity.min_workers;
  plan.max_processes = capacity.max_workers;
  // A process's tasks.max is fixed: one worker's share at the most workers, rounded down so that
  // the most processes run no more consumers than MSK Connect's most tasks (maxAutoscalingTaskCount
  // >= maxWorkerCount keeps it at least 1).
  plan.tasks_per_process = std::max(plan.max_tasks / capacity.max_workers, 1);
  return plan;
}

namespace {

// "2" or "1 to 4".
std::string range(int low, int high) {
  return low == high ? std::to_string(low) : fmt::format("{} to {}", low, high);
}

}  // namespace

std::string describe_msk_capacity(const MskCapacity& capacity, const MskCapacityPlan& plan,
                                  int connector_tasks_max, std::string_view group) {
  std::string out = fmt::format("MSK Connect capacity ({}: {} worker(s) x {} MCU):\n",
                                capacity.autoscaled ? "autoscaled" : "provisioned",
                                range(capacity.min_workers, capacity.max_workers), capacity.mcu);
  out += fmt::format(
      "  MSK Connect: {} MCU in all ({} vCPU, {} GiB); each worker {} vCPU and {} GiB (one MCU is "
      "1 vCPU and 4 GiB)\n",
      range(plan.min_mcu, plan.max_mcu), range(plan.min_mcu, plan.max_mcu),
      range(plan.min_mcu * kGibPerMcu, plan.max_mcu * kGibPerMcu), plan.vcpu_per_worker,
      plan.memory_gib_per_worker);
  if (capacity.autoscaled) {
    out += fmt::format(
        "  tasks: the connector's tasks.max={} is replaced by workers x MCU x 2{}: {} task(s) at "
        "{} worker(s), {} at {}; workers are added above the scale-out CPU percentage and removed "
        "below the scale-in one\n",
        connector_tasks_max,
        capacity.max_autoscaling_task_count ? fmt::format(" capped at maxAutoscalingTaskCount={}",
                                                          *capacity.max_autoscaling_task_count)
                                            : std::string(),
        plan.min_tasks, capacity.min_workers, plan.max_tasks, capacity.max_workers);
  } else {
    out += fmt::format("  tasks: the connector's tasks.max={}, at most {} per worker\n",
                       connector_tasks_max, plan.max_tasks_per_worker);
  }
  out += fmt::format(
      "  sluice: {} process(es) with {} vCPU and {} GiB each, every `sluice run` with "
      "tasks.max={}: {} consumer(s) in the group {}{}\n",
      range(plan.min_processes, plan.max_processes), plan.vcpu_per_worker,
      plan.memory_gib_per_worker, plan.tasks_per_process,
      range(plan.min_processes * plan.tasks_per_process,
            plan.max_processes * plan.tasks_per_process),
      group,
      capacity.autoscaled ? ", scaled on CPU between those bounds by your orchestrator" : "");
  out +=
      "  assumptions: one sluice process per MSK Connect worker that has a task, with that "
      "worker's vCPU and memory; Connect spreads tasks evenly over workers; tasks beyond the "
      "topics' partition count stay idle in both; --memory-budget-mb (default 512) counts "
      "buffered file data only and must leave room in the process's memory\n";
  if (capacity.autoscaled && plan.min_tasks != capacity.min_workers * plan.tasks_per_process) {
    out += fmt::format(
        "  note: maxAutoscalingTaskCount makes MSK Connect's share per worker shrink as workers "
        "are "
        "added ({} at {} worker(s)); a sluice process's tasks.max is fixed, so it takes the share "
        "at the most workers\n",
        plan.max_tasks_per_worker, capacity.min_workers);
  }
  return out;
}

}  // namespace sluice::config
