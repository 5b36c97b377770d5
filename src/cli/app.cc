#include "cli/app.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/config_reload_watch.h"
#include "cli/connector_rest_api.h"
#include "cli/resolved_configs.h"
#include "cli/rest_config_validator.h"
#include "config/config_loader.h"
#include "config/connector_config.h"
#include "config/converter_resolution.h"
#include "config/msk_connect_rules.h"
#include "config/worker_config.h"
#include "kafka/library_version.h"
#include "rest/rest_listeners.h"
#include "runtime/connector_runtime.h"
#include "runtime/converter_checks.h"
#include "runtime/feature_support.h"
#include "runtime/shutdown_signal.h"
#include "transforms/transform_config_check.h"

namespace sluice::cli {

namespace {

struct ConfigPaths {
  runtime::RuntimeOptions runtime;
  std::string worker;
  std::string connector;
  std::string name;
  bool msk = false;
  config::MskCapacityFlags msk_capacity;  // --msk-workers, --msk-autoscaling, ...
};

// Everything `validate` and `run` check before connecting anywhere.
struct CheckedConfig {
  // As written in the files (placeholders unresolved), kept to resolve them again on reload.
  config::RawConfig worker_written;
  config::RawConfig connector_written;
  std::shared_ptr<providers::ConfigProviders> providers;
  ResolvedConfigs resolved;  // what is validated and run
  config::ConfigReport report;
};

CheckedConfig check(const ConfigPaths& paths) {
  CheckedConfig out;
  auto load = [&](const std::string& path, config::RawConfig* raw) {
    Result<config::RawConfig> loaded = config::load_config_file(path);
    if (!loaded.ok()) {
      out.report.add(config::ConfigProblem{"", "", loaded.status().message()});
      return;
    }
    *raw = std::move(loaded).value();
  };
  if (!paths.worker.empty()) load(paths.worker, &out.worker_written);
  load(paths.connector, &out.connector_written);
  if (!out.report.ok()) return out;

  // The connector's name: --name, or `name` in the file (MSK Connect gives the name apart from the
  // configuration). Never the file name: the name picks the consumer group connect-<name>, and a
  // renamed file must not silently start consuming from scratch.
  if (!paths.name.empty()) {
    Status st = config::set_connector_name(&out.connector_written, paths.name);
    if (!st.ok()) out.report.add(config::ConfigProblem{"name", paths.name, st.message()});
  }
  // Kafka Connect resolves the worker's own values and the connector's with the worker's config
  // providers before validating either.
  std::vector<config::ConfigProblem> provider_problems;
  providers::ProviderEnvironment environment;
  // A stop requested while a provider waits on AWS (at start or on a TTL refresh) aborts the call.
  environment.aws.http.cancel = runtime::ShutdownSignal::cancel_flag();
  out.providers =
      std::make_shared<providers::ConfigProviders>(providers::ConfigProviders::from_worker_config(
          out.worker_written, &provider_problems, environment));
  for (config::ConfigProblem& p : provider_problems) out.report.add(std::move(p));
  out.resolved = resolve_configs(out.worker_written, out.connector_written, *out.providers);
  for (config::ConfigProblem& p : out.resolved.problems()) out.report.add(std::move(p));

  auto flavor = paths.msk ? config::WorkerFlavor::kMskConnect : config::WorkerFlavor::kSelfHosted;
  out.report.merge(config::WorkerConfig::validate(out.resolved.worker, flavor));
  out.report.merge(config::S3SinkConnectorConfig::validate(out.resolved.connector));
  if (paths.msk) config::check_msk_connect_connector_rules(out.resolved.connector, &out.report);
  out.report.merge(transforms::check_transform_configs(out.resolved.connector));
  out.resolved.mask(&out.report);
  return out;
}

void print_report(const config::ConfigReport& report, std::ostream& os) {
  for (const config::ConfigProblem& p : report.errors) os << p.to_string() << "\n";
  for (const config::ConfigProblem& p : report.warnings) os << p.to_string() << "\n";
}

// The checks that need the parsed configurations; problems masked.
std::vector<config::ConfigProblem> check_parsed(const CheckedConfig& checked,
                                                const config::WorkerConfig& worker,
                                                const config::S3SinkConnectorConfig& connector) {
  std::vector<config::ConfigProblem> out = config::check_client_overrides(worker, connector);
  for (config::ConfigProblem& p :
       runtime::check_feature_support(checked.resolved.connector, worker, connector)) {
    out.push_back(std::move(p));
  }
  for (config::ConfigProblem& p : runtime::check_kafka_client_config(worker, connector)) {
    out.push_back(std::move(p));
  }
  for (config::ConfigProblem& p : runtime::check_converter_configs(worker, connector)) {
    out.push_back(std::move(p));
  }
  for (config::ConfigProblem& p : rest::check_rest_listeners(worker)) out.push_back(std::move(p));
  checked.resolved.mask(&out);
  return out;
}

// A parse failure's message, with values from providers shown as their placeholders.
std::string masked_message(const CheckedConfig& checked, const Status& status) {
  config::ConfigProblem p{"", "", status.message()};
  checked.resolved.mask(&p);
  return p.message;
}

// The capacity note of `validate --msk` when capacity flags were given; "" otherwise or when
// they break MSK Connect's rules (then added to *report).
std::string msk_capacity_note(const ConfigPaths& paths, const config::RawConfig& connector,
                              config::ConfigReport* report) {
  if (!paths.msk_capacity.any()) return "";
  std::optional<config::MskCapacity> capacity =
      config::parse_msk_capacity(paths.msk_capacity, report);
  if (!capacity) return "";
  int tasks_max = 1;  // tasks.max's default; an invalid value is reported by the connector check
  if (std::optional<std::string_view> text = connector.get("tasks.max")) {
    int value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec == std::errc() && end == text->data() + text->size() && value > 0) tasks_max = value;
  }
  std::string group = "connect-" + std::string(connector.get("name").value_or("<name>"));
  return config::describe_msk_capacity(*capacity, config::plan_msk_capacity(*capacity, tasks_max),
                                       tasks_max, group);
}

int run_validate(const ConfigPaths& paths) {
  CheckedConfig checked = check(paths);
  std::string capacity_note = msk_capacity_note(paths, checked.resolved.connector, &checked.report);
  if (checked.report.ok()) {
    Result<config::WorkerConfig> worker = config::WorkerConfig::parse(checked.resolved.worker);
    Result<config::S3SinkConnectorConfig> connector =
        config::S3SinkConnectorConfig::parse(checked.resolved.connector);
    if (worker.ok() && connector.ok()) {
      for (config::ConfigProblem& p : check_parsed(checked, *worker, *connector)) {
        checked.report.add(std::move(p));
      }
    }
  }
  print_report(checked.report, std::cout);
  std::cout << capacity_note;
  if (!checked.report.ok()) {
    std::cout << "sluice validate: " << checked.report.errors.size()
              << " error(s); the configuration cannot be used\n";
    return kExitBadUsage;
  }
  std::cout << "sluice validate: the configuration is valid"
            << (checked.report.warnings.empty() ? "" : " (see the warnings above)") << "\n";
  return kExitOk;
}

// Starts the reload watch when config.action.reload=restart and a provider gave a TTL.
std::unique_ptr<ConfigReloadWatch> start_reload_watch(const CheckedConfig& checked,
                                                      const config::S3SinkConnectorConfig& c) {
  std::optional<std::chrono::milliseconds> ttl = checked.resolved.ttl();
  if (!ttl) return nullptr;
  if (c.config_action_reload() != "restart") {
    spdlog::info(
        "values from config provider {} expire in {} ms; config.action.reload={} keeps "
        "the values read at start",
        checked.resolved.ttl_source(), ttl->count(), c.config_action_reload());
    return nullptr;
  }
  spdlog::info(
      "values from config provider {} expire in {} ms; they will be resolved again then "
      "and connector {} restarted if one changed (config.action.reload=restart)",
      checked.resolved.ttl_source(), ttl->count(), c.name());
  // The watch's thread is the only user of the providers while the runtime runs.
  auto check = [&checked]() -> ConfigReloadWatch::CheckResult {
    ResolvedConfigs again =
        resolve_configs(checked.worker_written, checked.connector_written, *checked.providers);
    std::vector<config::ConfigProblem> problems = again.problems();
    if (!problems.empty()) {
      again.mask(&problems);
      for (const config::ConfigProblem& p : problems) {
        spdlog::warn("config provider values could not be refreshed; keeping the current ones: {}",
                     p.to_string());
      }
      return {ConfigReloadWatch::CheckResult::Outcome::kFailed, std::nullopt};
    }
    if (again.same_values(checked.resolved)) {
      spdlog::info("values from config providers resolved again: unchanged");
      return {ConfigReloadWatch::CheckResult::Outcome::kUnchanged, again.ttl()};
    }
    return {ConfigReloadWatch::CheckResult::Outcome::kChanged, std::nullopt};
  };
  return std::make_unique<ConfigReloadWatch>(*ttl, std::move(check), [] {
    spdlog::info("a value from a config provider changed: restarting the connector");
    runtime::ShutdownSignal::request_restart();
  });
}

enum class RunEnd { kStopped, kRestart };

// One life of the connector, from parsing the checked configuration to the runtime's stop.
RunEnd run_once(const ConfigPaths& paths, const CheckedConfig& checked, int* exit_code) {
  for (const config::ConfigProblem& p : checked.report.warnings) spdlog::warn("{}", p.to_string());
  Result<config::WorkerConfig> worker = config::WorkerConfig::parse(checked.resolved.worker);
  Result<config::S3SinkConnectorConfig> connector =
      config::S3SinkConnectorConfig::parse(checked.resolved.connector);
  if (!worker.ok() || !connector.ok()) {
    std::cerr << masked_message(checked, worker.ok() ? connector.status() : worker.status())
              << "\n";
    *exit_code = kExitBadUsage;
    return RunEnd::kStopped;
  }
  bool override_errors = false;
  for (const config::ConfigProblem& p : check_parsed(checked, *worker, *connector)) {
    if (p.severity == config::Severity::kError) {
      std::cerr << p.to_string() << "\n";
      override_errors = true;
    } else {
      spdlog::warn("{}", p.to_string());
    }
  }
  if (override_errors) {
    *exit_code = kExitBadUsage;
    return RunEnd::kStopped;
  }

  Result<std::unique_ptr<runtime::ConnectorRuntime>> rt =
      runtime::ConnectorRuntime::create(*worker, *connector, paths.runtime);
  if (!rt.ok()) {
    std::cerr << "sluice: " << masked_message(checked, rt.status()) << "\n";
    *exit_code =
        rt.status().code() == StatusCode::kInvalidArgument ? kExitBadUsage : kExitRuntimeFailure;
    return RunEnd::kStopped;
  }
  spdlog::info("sluice {} (librdkafka {}) starting connector {} (group {})", SLUICE_VERSION,
               kafka::librdkafka_version(), connector->name(), connector->consumer_group_id());
  auto validator = std::make_unique<RestConfigValidator>(checked.worker_written, *worker);
  Result<std::unique_ptr<ConnectorRestApi>> rest_api = ConnectorRestApi::start(
      *worker, *connector, checked.connector_written, &(*rt)->status(),
      [&checked](const std::string& message) {
        return masked_message(checked, Status(StatusCode::kFatal, message));
      },
      std::move(validator));
  if (!rest_api.ok()) {
    std::cerr << "sluice: " << rest_api.status().message() << "\n";
    *exit_code = kExitRuntimeFailure;
    return RunEnd::kStopped;
  }
  std::unique_ptr<ConfigReloadWatch> watch = start_reload_watch(checked, *connector);
  Status st = (*rt)->run();
  // The REST API reads the runtime's status board: stop it while the runtime still exists.
  rest_api->reset();
  bool restart = watch != nullptr && watch->changed();
  watch.reset();
  if (!st.ok()) {
    spdlog::error("connector {} failed: {}", connector->name(), masked_message(checked, st));
    *exit_code = kExitRuntimeFailure;
    return RunEnd::kStopped;
  }
  if (restart && runtime::ShutdownSignal::consume_restart()) {
    spdlog::info("connector {} stopped for a restart with new config provider values",
                 connector->name());
    return RunEnd::kRestart;
  }
  spdlog::info("connector {} stopped", connector->name());
  *exit_code = kExitOk;
  return RunEnd::kStopped;
}

int run_connector(const ConfigPaths& paths) {
  // First thing: a SIGTERM that arrives while starting must still mean a clean stop.
  runtime::ShutdownSignal::install();
  while (true) {
    CheckedConfig checked = check(paths);
    if (!checked.report.ok()) {
      print_report(checked.report, std::cerr);
      std::cerr << "sluice: " << checked.report.errors.size()
                << " configuration error(s); nothing was started\n";
      return kExitBadUsage;
    }
    int exit_code = kExitOk;
    if (run_once(paths, checked, &exit_code) == RunEnd::kStopped) return exit_code;
  }
}

}  // namespace

int run_app(int argc, char** argv) {
  CLI::App app{
      "sluice: a native Kafka-to-Amazon-S3 sink, configured like Confluent's S3 Sink Connector"};
  app.set_version_flag("--version", std::string("sluice ") + SLUICE_VERSION + " (librdkafka " +
                                        kafka::librdkafka_version() + ")");
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));

  ConfigPaths paths;
  CLI::App* run = app.add_subcommand("run", "Consume the connector's topics and write them to S3");
  run->add_option("--worker", paths.worker, "Worker configuration (.properties or JSON)")
      ->required();
  run->add_option("--connector", paths.connector,
                  "Connector configuration (.properties, or Connect REST JSON "
                  "{\"name\":...,\"config\":{...}})")
      ->required();
  run->add_option("--name", paths.name, "Connector name, when the file has no `name` key");
  size_t budget_mb = paths.runtime.memory_budget_bytes >> 20;
  run->add_option("--memory-budget-mb", budget_mb,
                  "Memory for buffered file data, for all open files together (default 512)")
      ->check(CLI::Range(16, 1 << 20));
  run->add_option("--upload-threads", paths.runtime.upload_threads,
                  "Threads sending parts and objects to S3 (default 4)")
      ->check(CLI::Range(1, 64));

  CLI::App* validate =
      app.add_subcommand("validate", "Check a configuration and report every problem at once");
  validate->add_option("--worker", paths.worker, "Worker configuration");
  validate->add_option("--connector", paths.connector, "Connector configuration")->required();
  validate->add_option("--name", paths.name, "Connector name, when the file has no `name` key");
  CLI::Option* msk = validate->add_flag(
      "--msk", paths.msk,
      "Also apply MSK Connect's rules: the worker file's allowed producer.*/consumer.* keys, "
      "denied keys and prefixes and required converters (errors), and a warning for each "
      "connector client override (consumer.override.*, ...)");
  validate
      ->add_option("--msk-workers", paths.msk_capacity.workers,
                   "With --msk: provisioned capacity of N workers (1-10); prints a capacity note")
      ->needs(msk);
  validate
      ->add_option("--msk-autoscaling", paths.msk_capacity.autoscaling,
                   "With --msk: autoscaled capacity of MIN:MAX workers (1-10); prints a capacity "
                   "note")
      ->needs(msk);
  validate
      ->add_option("--msk-mcu", paths.msk_capacity.mcu,
                   "With --msk-workers or --msk-autoscaling: MCU per worker (1, 2, 4 or 8; one "
                   "MCU is 1 vCPU and 4 GiB)")
      ->needs(msk);
  validate
      ->add_option("--msk-max-autoscaling-task-count",
                   paths.msk_capacity.max_autoscaling_task_count,
                   "With --msk-autoscaling: MSK Connect's maxAutoscalingTaskCount (at least the "
                   "maximum worker count)")
      ->needs(msk);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadUsage;
  }
  spdlog::set_level(spdlog::level::from_str(log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  if (validate->parsed()) return run_validate(paths);
  paths.runtime.memory_budget_bytes = budget_mb << 20;
  return run_connector(paths);
}

}  // namespace sluice::cli
