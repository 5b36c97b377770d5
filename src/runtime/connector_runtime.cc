#include "runtime/connector_runtime.h"

#include <thread>

#include "aws/assume_role_credentials_provider.h"
#include "aws/container_credentials_provider.h"
#include "aws/credentials_parsing.h"
#include "aws/credentials_provider_chain.h"
#include "aws/environment_credentials_provider.h"
#include "aws/imds_credentials_provider.h"
#include "aws/profile_credentials_provider.h"
#include "aws/refreshing_credentials_provider.h"
#include "aws/static_credentials_provider.h"
#include "aws/web_identity_credentials_provider.h"
#include "config/converter_resolution.h"
#include "connect/converter_factory.h"
#include "kafka/client_config.h"
#include "metrics/process_metrics.h"
#include "runtime/bucket_check.h"
#include "runtime/config_mapping.h"
#include "runtime/msk_iam_auth.h"
#include "runtime/oidc_token_source.h"
#include "runtime/shutdown_signal.h"
#include "runtime/sink_task.h"
#include "runtime/value_schema_source.h"
#include "storage/s3_object_store.h"
#include "transforms/transform_chain.h"
#include "util/log.h"

namespace sluice::runtime {

namespace {

// s3.credentials.provider.class, as the AWS SDK's providers and Confluent's assume-role provider
// behave (msk-connect-and-aws.md §5, confluent-s3-sink.md §2.2, §2.6).
Result<std::shared_ptr<aws::CredentialsProvider>> make_credentials_provider(
    const config::S3SinkConnectorConfig& c) {
  aws::AwsCredentials configured;
  configured.access_key_id = c.aws_access_key_id();
  if (c.aws_secret_access_key()) configured.secret_access_key = c.aws_secret_access_key()->reveal();
  const bool static_keys =
      !configured.access_key_id.empty() && !configured.secret_access_key.empty();
  if (static_keys) configured.provider = "static";
  auto env = aws::process_environment();
  auto refreshing =
      [](std::unique_ptr<aws::CredentialsProvider> p) -> std::shared_ptr<aws::CredentialsProvider> {
    return std::make_shared<aws::RefreshingCredentialsProvider>(std::move(p));
  };
  using config::CredentialsProviderClass;
  switch (c.s3_credentials_provider_class()) {
    case CredentialsProviderClass::kAssumeRole: {
      // The STS caller: the connector's keys when set, else the default chain (as Confluent's).
      std::unique_ptr<aws::CredentialsProvider> source =
          static_keys ? std::unique_ptr<aws::CredentialsProvider>(
                            std::make_unique<aws::StaticCredentialsProvider>(configured))
                      : aws::make_default_credentials_chain(aws::AwsCredentials{});
      SLUICE_ASSIGN_OR_RETURN(
          std::unique_ptr<aws::CredentialsProvider> role,
          aws::make_confluent_assume_role_provider(c.s3_credentials_provider_config(),
                                                   c.s3_region(), std::move(source)));
      return std::shared_ptr<aws::CredentialsProvider>(std::move(role));
    }
    case CredentialsProviderClass::kEnvironment:
      if (static_keys) break;  // Java: static keys replace a provider that is not Configurable
      return std::shared_ptr<aws::CredentialsProvider>(
          std::make_shared<aws::EnvironmentCredentialsProvider>(env));
    case CredentialsProviderClass::kProfile:
      if (static_keys) break;
      return refreshing(std::make_unique<aws::ProfileCredentialsProvider>(env));
    case CredentialsProviderClass::kContainer:
      if (static_keys) break;
      return refreshing(std::make_unique<aws::ContainerCredentialsProvider>(env));
    case CredentialsProviderClass::kInstanceProfile:
      if (static_keys) break;
      return refreshing(std::make_unique<aws::ImdsCredentialsProvider>(env));
    case CredentialsProviderClass::kWebIdentity:
      if (static_keys) break;
      return std::shared_ptr<aws::CredentialsProvider>(
          aws::make_web_identity_provider_from_env(env, {}));
    case CredentialsProviderClass::kDefaultChain:
      break;
  }
  return std::shared_ptr<aws::CredentialsProvider>(aws::make_default_credentials_chain(configured));
}

// The consumer client settings of task `task`, as Connect merges them.
kafka::ClientConfigInput consumer_input(const config::WorkerConfig& worker,
                                        const config::S3SinkConnectorConfig& connector, int task) {
  kafka::ClientConfigInput input;
  for (size_t b = 0; b < worker.bootstrap_servers().size(); ++b) {
    input.bootstrap_servers += (b ? "," : "") + worker.bootstrap_servers()[b];
  }
  input.group_id = connector.consumer_group_id();
  input.client_id = "connector-consumer-" + connector.name() + "-" + std::to_string(task);
  input.layers = {worker.consumer_overrides(), connector.consumer_overrides()};
  return input;
}

// A Kafka client as sluice builds it from Java client keys: the librdkafka properties (checked
// by librdkafka) and, for MSK IAM or OIDC, the source of its OAUTHBEARER tokens.
struct KafkaClient {
  kafka::ClientConfig config;
  kafka::OAuthBearerTokenSource tokens;
};

Result<KafkaClient> build_kafka_client(const kafka::ClientConfigInput& input) {
  KafkaClient client;
  SLUICE_ASSIGN_OR_RETURN(client.config, kafka::translate_consumer_config(input));
  SLUICE_RETURN_IF_ERROR(kafka::check_librdkafka_properties(client.config.properties));
  if (client.config.oidc) client.tokens = make_oidc_token_source(*client.config.oidc);
  if (client.config.msk_iam_options) {
    SLUICE_ASSIGN_OR_RETURN(client.tokens, make_msk_iam_token_source(*client.config.msk_iam_options,
                                                                     input.bootstrap_servers));
  }
  return client;
}

// The dead-letter-queue producer's own client. Connect builds it from the worker's producer.* and
// the connector's producer.override.* keys; when those configure security, so does sluice (a
// cluster may give the writing principal other credentials). Otherwise nothing: each task's DLQ
// producer then reaches the cluster as its consumer does, where a Java DLQ producer without them
// could not connect at all.
Result<std::optional<KafkaClient>> build_dlq_producer_client(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector) {
  if (connector.errors_deadletterqueue_topic_name().empty() ||
      (!kafka::has_security_settings(worker.producer_overrides()) &&
       !kafka::has_security_settings(connector.producer_overrides()))) {
    return std::optional<KafkaClient>();
  }
  kafka::ClientConfigInput input = consumer_input(worker, connector, 0);
  input.layers = {worker.producer_overrides(), connector.producer_overrides()};
  Result<KafkaClient> client = build_kafka_client(input);
  if (!client.ok()) {
    return Status(client.status().code(),
                  "dead-letter queue producer (producer.*): " + client.status().message());
  }
  client->config.properties = kafka::connection_properties(client->config.properties);
  return std::optional<KafkaClient>(std::move(client).value());
}

}  // namespace

std::vector<config::ConfigProblem> check_kafka_client_config(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector) {
  std::vector<config::ConfigProblem> problems;
  if (Result<KafkaClient> consumer = build_kafka_client(consumer_input(worker, connector, 0));
      !consumer.ok()) {
    problems.push_back(config::ConfigProblem{"", "", consumer.status().message()});
  }
  if (Result<std::optional<KafkaClient>> producer = build_dlq_producer_client(worker, connector);
      !producer.ok()) {
    problems.push_back(config::ConfigProblem{"", "", producer.status().message()});
  }
  return problems;
}

ConnectorRuntime::ConnectorRuntime(const config::WorkerConfig& worker,
                                   const config::S3SinkConnectorConfig& connector,
                                   RuntimeOptions options)
    : worker_(worker),
      connector_(connector),
      options_(options),
      metrics_(options.metrics != nullptr ? *options.metrics : metrics::process_registry()) {}

ConnectorRuntime::~ConnectorRuntime() = default;

Result<std::unique_ptr<ConnectorRuntime>> ConnectorRuntime::create(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector,
    RuntimeOptions options) {
  std::unique_ptr<ConnectorRuntime> runtime(new ConnectorRuntime(worker, connector, options));
  SLUICE_RETURN_IF_ERROR(runtime->build());
  return runtime;
}

std::function<std::unique_ptr<storage::ObjectStore>()> ConnectorRuntime::store_factory() const {
  storage::S3StoreOptions o;
  o.metrics = s3_metrics_;
  o.bucket = connector_.s3_bucket_name();
  o.region = connector_.s3_region();
  o.endpoint = connector_.store_endpoint().value_or("");
  o.path_style = connector_.s3_path_style_access_enabled();
  o.accelerate = connector_.s3_wan_mode();
  o.max_attempts = std::max(1, connector_.s3_part_retries());
  o.retry_backoff_base =
      std::chrono::milliseconds(std::max<int64_t>(1, connector_.s3_retry_backoff_ms()));
  o.http.proxy_url = connector_.s3_proxy_url();
  if (connector_.s3_proxy_user()) o.http.proxy_user = *connector_.s3_proxy_user();
  if (connector_.s3_proxy_password())
    o.http.proxy_password = connector_.s3_proxy_password()->reveal();
  o.http.expect_continue = connector_.s3_http_send_expect_continue();
  // curl counts the stall detector in whole seconds.
  o.http.low_speed_time = std::chrono::seconds((connector_.s3_stall_timeout_ms() + 999) / 1000);
  auto credentials = credentials_;
  return [o, credentials]() -> std::unique_ptr<storage::ObjectStore> {
    Result<std::unique_ptr<storage::S3ObjectStore>> store =
        storage::S3ObjectStore::create(o, credentials);
    if (!store.ok()) {
      // Options were checked in build(); this only fails on a broken environment (no curl).
      SLUICE_LOG(kRuntime).critical("cannot create the S3 client: {}", store.status().message());
      std::abort();
    }
    return std::move(store).value();
  };
}

void ConnectorRuntime::register_connector_metrics() {
  metrics::register_process_metrics(metrics_);
  const metrics::LabelValues labels = {connector_.name()};
  const sink::MemoryBudget* budget = budget_.get();
  auto add = [&](const char* name, const char* help, std::function<double()> compute) {
    metric_series_.add_callback(metrics_.gauge(name, help, {"connector"}), labels,
                                std::move(compute));
  };
  add("sluice_memory_budget_used_bytes",
      "Bytes of file data held in memory and charged to the memory budget (--memory-budget-mb).",
      [budget] { return static_cast<double>(budget->used()); });
  add("sluice_memory_budget_limit_bytes", "The memory budget's capacity (--memory-budget-mb).",
      [budget] { return static_cast<double>(budget->limit()); });
  add("sluice_memory_budget_peak_bytes", "The most bytes the memory budget has held.",
      [budget] { return static_cast<double>(budget->peak()); });
  add("sluice_memory_budget_waiting_threads",
      "Task threads waiting for uploads to give memory back (backpressure).",
      [budget] { return static_cast<double>(budget->waiting()); });
  s3_metrics_ = storage::S3StoreMetrics::create(metrics_, connector_.name(), &metric_series_);
  // The tasks' states as the REST API shows them (TaskStatusBoard), by task id.
  metrics::GaugeFamily& running = metrics_.gauge(
      "sluice_task_running",
      "1 while the task is RUNNING, else 0 (paused, failed, restarting, or stopped with the "
      "connector).",
      {"connector", "task"});
  metrics::GaugeFamily& state = metrics_.gauge(
      "sluice_task_state",
      "1 for the task's current Connect status (RUNNING, PAUSED, FAILED, RESTARTING), 0 for the "
      "others; all 0 while the task has no status (connector STOPPED).",
      {"connector", "task", "state"});
  const TaskStatusBoard* board = &status_;
  for (int id = 0; id < std::max(1, connector_.tasks_max()); ++id) {
    const metrics::LabelValues task_labels = {connector_.name(), std::to_string(id)};
    metric_series_.add_callback(running, task_labels, [board, id] {
      std::optional<TaskStatus> t = board->task(id);
      return t && t->state == TaskState::kRunning ? 1.0 : 0.0;
    });
    for (TaskState s :
         {TaskState::kRunning, TaskState::kPaused, TaskState::kFailed, TaskState::kRestarting}) {
      const metrics::LabelValues labels = {connector_.name(), std::to_string(id),
                                           task_state_name(s)};
      metric_series_.add_callback(state, labels, [board, id, s] {
        std::optional<TaskStatus> t = board->task(id);
        return t && t->state == s ? 1.0 : 0.0;
      });
    }
  }
}

Status ConnectorRuntime::build() {
  const config::S3SinkConnectorConfig& c = connector_;
  SLUICE_ASSIGN_OR_RETURN(credentials_, make_credentials_provider(c));
  SLUICE_ASSIGN_OR_RETURN(value_schema_, load_value_schema(worker_, c));

  SLUICE_ASSIGN_OR_RETURN(partitioner_, sink::make_partitioner(partitioner_options(c)));
  if (partitioner_->is_time_based()) {
    SLUICE_ASSIGN_OR_RETURN(extractor_,
                            sink::make_timestamp_extractor(timestamp_extractor_options(c)));
  }

  if (options_.memory_budget_bytes < 2 * static_cast<size_t>(c.s3_part_size())) {
    SLUICE_LOG(kRuntime).warn(
        "the memory budget ({} MiB) is less than two s3.part.size parts ({} bytes each): "
        "files will often be cut early to stay within it",
        options_.memory_budget_bytes >> 20, c.s3_part_size());
  }
  budget_ = std::make_unique<sink::MemoryBudget>(options_.memory_budget_bytes);
  register_connector_metrics();

  // What writers hold outside their part buffers (Avro blocks) counts against the same budget.
  const format::FormatOptions f = format_options(c, budget_.get());
  SLUICE_ASSIGN_OR_RETURN(format::FormatClass value_format, format_class(c.format_class()));
  SLUICE_ASSIGN_OR_RETURN(value_format_, format::make_record_writer_provider(value_format, f));
  if (c.store_kafka_keys()) {
    SLUICE_ASSIGN_OR_RETURN(format::FormatClass keys, format_class(c.keys_format_class()));
    SLUICE_ASSIGN_OR_RETURN(keys_format_, format::make_record_writer_provider(keys, f));
  }
  if (c.store_kafka_headers()) {
    SLUICE_ASSIGN_OR_RETURN(format::FormatClass headers, format_class(c.headers_format_class()));
    SLUICE_ASSIGN_OR_RETURN(headers_format_, format::make_record_writer_provider(headers, f));
  }

  uploader_ = std::make_unique<sink::Uploader>(options_.upload_threads, store_factory());

  services_.uploader = uploader_.get();
  services_.budget = budget_.get();
  services_.partitioner = partitioner_.get();
  services_.timestamp_extractor = extractor_.get();
  services_.value_format = value_format_.get();
  services_.keys_format = keys_format_.get();
  services_.headers_format = headers_format_.get();
  if (c.behavior_on_null_values() == config::NullValueBehavior::kWrite) {
    services_.tombstone_partition = c.tombstone_encoded_partition();
  }
  services_.key_layout = object_key_layout(c);
  services_.part_size = static_cast<size_t>(c.s3_part_size());
  services_.put_options = put_options(c);
  services_.max_files_scan_limit = c.max_files_scan_limit();
  if (std::optional<sink::TaggingOptions> tagging = tagging_options(c)) {
    services_.tagger = std::make_shared<sink::ObjectTagger>(std::move(*tagging));
  }
  services_.policy = rotation_policy(c, extractor_ != nullptr && extractor_->is_wallclock());
  if (services_.policy.rotate_interval_ms > 0 && !partitioner_->is_time_based()) {
    SLUICE_LOG(kRuntime).warn(
        "rotate.interval.ms is ignored: it needs a time-based partitioner (as in the Java "
        "connector)");
  }
  return Status::ok_status();
}

Status ConnectorRuntime::run() {
  {
    std::unique_ptr<storage::ObjectStore> store = store_factory()();
    storage::RetryPolicy backoff(
        1, std::chrono::milliseconds(std::max<int64_t>(1, connector_.s3_retry_backoff_ms())),
        std::chrono::milliseconds(std::max<int64_t>(1, connector_.retry_backoff_ms())));
    Status st = wait_for_bucket(
        *store, backoff, real_bucket_check_clock([] { return ShutdownSignal::requested(); }));
    // A stop asked for while S3 was unavailable: nothing has started, nothing to stop.
    if (st.code() == StatusCode::kCancelled) return Status::ok_status();
    if (!st.ok()) return st;
  }
  config::ResolvedConverters converters = config::resolve_converters(worker_, connector_);
  const int tasks = std::max(1, connector_.tasks_max());
  // One consumer client configuration (and one token source: one credential chain to refresh)
  // for every task; the tasks differ only in client.id.
  SLUICE_ASSIGN_OR_RETURN(KafkaClient consumer,
                          build_kafka_client(consumer_input(worker_, connector_, 0)));
  for (const std::string& note : consumer.config.notes)
    SLUICE_LOG(kRuntime).warn("consumer config: {}", note);
  SLUICE_ASSIGN_OR_RETURN(std::optional<KafkaClient> dlq_producer,
                          build_dlq_producer_client(worker_, connector_));
  TaskFactory factory = [&](int i,
                            const TaskControl* control) -> Result<std::unique_ptr<SinkTask>> {
    TaskSettings s;
    s.connector_name = connector_.name();
    s.task_id = i;
    const kafka::ClientConfig& client = consumer.config;
    s.consumer.properties = client.properties;
    if (s.consumer.properties["client.id"] == consumer_input(worker_, connector_, 0).client_id) {
      // Connect's per-task name, unless consumer.client.id set one of its own.
      s.consumer.properties["client.id"] = consumer_input(worker_, connector_, i).client_id;
    }
    s.consumer.oauthbearer_token = consumer.tokens;
    s.consumer.max_batch = static_cast<size_t>(client.max_poll_records);
    if (connector_.topics_regex()) {
      s.consumer.subscription = {"^" + *connector_.topics_regex() + "$"};
    } else {
      s.consumer.subscription = connector_.topics();
    }
    switch (connector_.behavior_on_null_values()) {
      case config::NullValueBehavior::kFail:
        s.null_values = NullValueBehavior::kFail;
        break;
      case config::NullValueBehavior::kIgnore:
        s.null_values = NullValueBehavior::kIgnore;
        break;
      case config::NullValueBehavior::kWrite:
        s.null_values = NullValueBehavior::kWrite;
        break;
    }
    s.error_tolerance = connector_.errors_tolerance() == config::ErrorTolerance::kAll
                            ? ErrorTolerance::kAll
                            : ErrorTolerance::kNone;
    s.errors_log_enable = connector_.errors_log_enable();
    s.errors_log_include_messages = connector_.errors_log_include_messages();
    s.errors_retry_timeout = std::chrono::milliseconds(connector_.errors_retry_timeout_ms());
    s.errors_retry_delay_max = std::chrono::milliseconds(connector_.errors_retry_delay_max_ms());
    s.dead_letter_queue.topic = connector_.errors_deadletterqueue_topic_name();
    s.dead_letter_queue.replication_factor =
        connector_.errors_deadletterqueue_topic_replication_factor();
    s.dead_letter_queue.context_headers =
        connector_.errors_deadletterqueue_context_headers_enable();
    s.dead_letter_queue.connector_name = connector_.name();
    s.dead_letter_queue.task_id = i;
    if (dlq_producer) {
      s.dead_letter_queue.properties = dlq_producer->config.properties;
      s.dead_letter_queue.oauthbearer_token = dlq_producer->tokens;
    }
    s.report_null_values_to_dlq = connector_.report_null_values_to_dlq();
    s.retry_backoff = std::chrono::milliseconds(connector_.retry_backoff_ms());
    s.status = &status_;
    s.metrics = &metrics_;
    s.control = control;
    s.shutdown_timeout = std::chrono::milliseconds(
        std::max<int64_t>(worker_.task_shutdown_graceful_timeout_ms(), 30000));

    std::unique_ptr<connect::Converter> key;
    std::unique_ptr<connect::Converter> value;
    std::unique_ptr<connect::HeaderConverter> header;
    SLUICE_ASSIGN_OR_RETURN(key, connect::make_converter(converters.key.class_name,
                                                         converters.key.config, /*is_key=*/true));
    SLUICE_ASSIGN_OR_RETURN(value, connect::make_converter(converters.value.class_name,
                                                           converters.value.config, false));
    SLUICE_ASSIGN_OR_RETURN(header, connect::make_header_converter(converters.header.class_name,
                                                                   converters.header.config));
    TaskPipeline pipeline;
    pipeline.converter = std::make_unique<connect::RecordConverter>(
        std::move(key), std::move(value), std::move(header));
    if (!connector_.transforms().empty()) {
      // Each task configures its own transforms and predicates, as Connect does. The checks ran
      // before connecting (transforms::check_transform_configs), so problems here are a bug.
      config::ConfigReport report;
      pipeline.transforms = transforms::TransformChain::build(connector_.transforms(),
                                                              connector_.predicates(), &report);
      if (pipeline.transforms == nullptr) {
        return config::problems_to_status("transforms", report.errors);
      }
    }
    if (value_schema_) {
      pipeline.converter->set_value_binder(
          std::make_unique<connect::SchemalessValueBinder>(value_schema_));
    }
    return std::make_unique<SinkTask>(std::move(s), std::move(pipeline), services_);
  };
  // Tasks are made and remade (REST restarts) by the task set, on this thread.
  tasks_.run(tasks, factory);
  return Status::ok_status();
}

}  // namespace sluice::runtime
