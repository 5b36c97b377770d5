#include "cli/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/checked_config.h"
#include "cli/config_reload_watch.h"
#include "cli/connector_rest_api.h"
#include "cli/connector_supervisor.h"
#include "cli/resolved_configs.h"
#include "cli/rest_config_validator.h"
#include "cli/verify_command.h"
#include "config/config_loader.h"
#include "config/connector_config.h"
#include "config/converter_resolution.h"
#include "config/msk_connect_rules.h"
#include "config/worker_config.h"
#include "kafka/library_version.h"
#include "runtime/connector_runtime.h"
#include "runtime/shutdown_signal.h"
#include "util/log.h"

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

// Loads the files of `paths` and makes every check `validate` and `run` make before connecting.
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
  check_configs(paths.msk, &out);
  return out;
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
    SLUICE_LOG(kCli).info(
        "values from config provider {} expire in {} ms; config.action.reload={} keeps "
        "the values read at start",
        checked.resolved.ttl_source(), ttl->count(), c.config_action_reload());
    return nullptr;
  }
  SLUICE_LOG(kCli).info(
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
        SLUICE_LOG(kCli).warn(
            "config provider values could not be refreshed; keeping the current ones: {}",
            p.to_string());
      }
      return {ConfigReloadWatch::CheckResult::Outcome::kFailed, std::nullopt};
    }
    if (again.same_values(checked.resolved)) {
      SLUICE_LOG(kCli).info("values from config providers resolved again: unchanged");
      return {ConfigReloadWatch::CheckResult::Outcome::kUnchanged, again.ttl()};
    }
    return {ConfigReloadWatch::CheckResult::Outcome::kChanged, std::nullopt};
  };
  return std::make_unique<ConfigReloadWatch>(*ttl, std::move(check), [] {
    SLUICE_LOG(kCli).info("a value from a config provider changed: restarting the connector");
    runtime::ShutdownSignal::request_restart();
  });
}

// One life of a runtime, from its creation to its stop; false when it could not be created
// (*failure says why). Runs on the main thread.
bool run_runtime(const ConfigPaths& paths, const RunnableConfig& cfg,
                 ConnectorSupervisor* supervisor, bool* reload, Status* failure) {
  const config::S3SinkConnectorConfig& connector = *cfg.connector;
  Result<std::unique_ptr<runtime::ConnectorRuntime>> rt =
      runtime::ConnectorRuntime::create(*cfg.worker, connector, paths.runtime);
  if (!rt.ok()) {
    *failure = rt.status();
    return false;
  }
  SLUICE_LOG(kCli).info("sluice {} (librdkafka {}) starting connector {} (group {})",
                        SLUICE_VERSION, kafka::librdkafka_version(), connector.name(),
                        connector.consumer_group_id());
  const CheckedConfig* checked = &cfg.checked;
  supervisor->attach(&(*rt)->status(), &(*rt)->tasks(),
                     connector_info(connector, checked->connector_written),
                     [checked](const std::string& message) {
                       return masked_message(*checked, Status(StatusCode::kFatal, message));
                     });
  std::unique_ptr<ConfigReloadWatch> watch = start_reload_watch(*checked, connector);
  *failure = (*rt)->run();
  // The REST API reads the runtime's status board: let go of it while the runtime still exists.
  supervisor->detach();
  *reload = watch != nullptr && watch->changed();
  watch.reset();
  return true;
}

// The runtimes of the connector one after another, until SIGTERM. `first` passed every check.
int supervise(const ConfigPaths& paths, std::unique_ptr<RunnableConfig> first,
              ConnectorSupervisor* supervisor) {
  std::unique_ptr<RunnableConfig> cfg = std::move(first);
  bool from_files = true;  // false once a configuration came over REST
  for (bool first_run = true;; first_run = false) {
    for (const config::ConfigProblem& p : cfg->warnings) SLUICE_LOG(kCli).warn("{}", p.to_string());
    const std::string name = cfg->connector->name();
    bool reload = false;
    Status st;
    if (!run_runtime(paths, *cfg, supervisor, &reload, &st)) {
      std::cerr << "sluice: " << masked_message(cfg->checked, st) << "\n";
      // A configuration the checks missed: at start, as any configuration error.
      if (first_run && st.code() == StatusCode::kInvalidArgument) return kExitBadUsage;
      supervisor->set_failed(masked_message(cfg->checked, st));
    } else if (!st.ok()) {
      SLUICE_LOG(kCli).error("connector {} failed: {}", name, masked_message(cfg->checked, st));
      supervisor->set_failed(masked_message(cfg->checked, st));
    }
    if (runtime::ShutdownSignal::requested()) {
      if (!(reload && runtime::ShutdownSignal::consume_restart())) {
        SLUICE_LOG(kCli).info("connector {} stopped", name);
        return supervisor->failed() ? kExitRuntimeFailure : kExitOk;
      }
      SLUICE_LOG(kCli).info("connector {} stopped for a restart with new config provider values",
                            name);
      CheckedConfig again;
      if (from_files) {
        again = check(paths);
      } else {
        again.worker_written = cfg->checked.worker_written;
        again.connector_written = cfg->checked.connector_written;
        check_configs(paths.msk, &again);
      }
      std::vector<config::ConfigProblem> errors;
      std::unique_ptr<RunnableConfig> next = prepare_run(std::move(again), &errors);
      if (next != nullptr) {
        cfg = std::move(next);
        continue;
      }
      // The new provider values make the configuration invalid: the connector is FAILED with
      // the problems (masked by the checks) and waits, like one that cannot start, for a
      // restart or a new configuration.
      std::string problems = "the configuration with the new config provider values is invalid:";
      for (const config::ConfigProblem& p : errors) {
        SLUICE_LOG(kCli).error("{}", p.to_string());
        problems += "\n" + p.to_string();
      }
      supervisor->set_failed(std::move(problems));
    }
    NextRun next = supervisor->wait_next();
    if (next.exit) {
      SLUICE_LOG(kCli).info("connector {} stopped", name);
      return supervisor->failed() ? kExitRuntimeFailure : kExitOk;
    }
    if (next.config != nullptr) {
      cfg = std::move(next.config);
      from_files = false;
    }
  }
}

int run_connector(const ConfigPaths& paths) {
  // First thing: a SIGTERM that arrives while starting must still mean a clean stop.
  runtime::ShutdownSignal::install();
  CheckedConfig checked = check(paths);
  if (!checked.report.ok()) {
    print_report(checked.report, std::cerr);
    std::cerr << "sluice: " << checked.report.errors.size()
              << " configuration error(s); nothing was started\n";
    return kExitBadUsage;
  }
  std::vector<config::ConfigProblem> errors;
  std::unique_ptr<RunnableConfig> cfg = prepare_run(std::move(checked), &errors);
  if (cfg == nullptr) {
    for (const config::ConfigProblem& p : errors) std::cerr << p.to_string() << "\n";
    return kExitBadUsage;
  }
  // A configuration given over REST is checked as the files were, with the worker's file.
  const config::RawConfig worker_written = cfg->checked.worker_written;
  auto checker = [worker_written, msk = paths.msk](config::RawConfig connector_written,
                                                   std::vector<std::string>* out) {
    CheckedConfig again;
    again.worker_written = worker_written;
    again.connector_written = std::move(connector_written);
    check_configs(msk, &again);
    std::vector<config::ConfigProblem> problems;
    std::unique_ptr<RunnableConfig> runnable = prepare_run(std::move(again), &problems);
    for (const config::ConfigProblem& p : problems) out->push_back(p.message);
    return runnable;
  };
  ConnectorSupervisor supervisor(connector_info(*cfg->connector, cfg->checked.connector_written),
                                 checker);
  // One REST API for the whole process, on the listeners of the worker file read at start.
  Result<std::unique_ptr<ConnectorRestApi>> rest_api = ConnectorRestApi::start(
      *cfg->worker, &supervisor, &supervisor,
      std::make_unique<RestConfigValidator>(worker_written, *cfg->worker, paths.msk));
  if (!rest_api.ok()) {
    std::cerr << "sluice: " << rest_api.status().message() << "\n";
    return kExitRuntimeFailure;
  }
  int code = supervise(paths, std::move(cfg), &supervisor);
  // The REST API reads the supervisor: stop serving first.
  rest_api->reset();
  return code;
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

  VerifyOptions verify_options;
  CLI::App* verify = app.add_subcommand(
      "verify",
      "Audit the objects under topics.dir against the topic: offsets covered per partition, "
      "gaps and duplicates with their keys (exit 0 clean, 1 gaps or duplicates, 2 bad usage)");
  verify->add_option("--worker", paths.worker, "Worker configuration (Kafka settings)")->required();
  verify->add_option("--connector", paths.connector, "Connector configuration (S3, layout)")
      ->required();
  verify->add_option("--name", paths.name, "Connector name, when the file has no `name` key");
  verify->add_option("--topic", verify_options.topics,
                     "A topic to check (repeatable); default: the connector's `topics`");
  verify->add_flag("--allow-gaps", verify_options.allow_gaps,
                   "List gaps but exit 0 for them (records the connector drops: "
                   "errors.tolerance=all, filtering transforms, ignored null values)");
  verify->footer(
      "Each values object is taken to hold consecutive offsets from the start offset in its key, "
      "as many as the records it holds (JSON lines, ByteArray separators, Avro blocks, the "
      "Parquet footer; gzip included). So records the connector did not write (tolerated "
      "errors, dropping transforms, ignored null values), transaction markers and compacted "
      "offsets show as gaps like lost data, after the object that held them. Offsets below the "
      "log start, or at and after the committed offset of connect-<name>, are not checked. "
      "Partitions whose objects interleave (field partitioner) are checked by record count only. "
      "Reads only: writes no object and commits no offset.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadUsage;
  }
  // verify's report is its standard output: logs go to standard error.
  if (verify->parsed()) {
    spdlog::default_logger_raw()->sinks() = {
        std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
  }
  spdlog::set_level(spdlog::level::from_str(log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  if (validate->parsed()) return run_validate(paths);
  if (verify->parsed()) return run_verify(check(paths), verify_options, std::cout);
  paths.runtime.memory_budget_bytes = budget_mb << 20;
  return run_connector(paths);
}

}  // namespace sluice::cli
