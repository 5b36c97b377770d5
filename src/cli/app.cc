#include "cli/app.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "config/config_loader.h"
#include "config/connector_config.h"
#include "config/converter_resolution.h"
#include "config/worker_config.h"
#include "kafka/library_version.h"
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
};

// Everything `validate` and `run` check before connecting anywhere.
struct CheckedConfig {
  config::RawConfig worker_raw;
  config::RawConfig connector_raw;
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
  if (!paths.worker.empty()) load(paths.worker, &out.worker_raw);
  load(paths.connector, &out.connector_raw);
  if (!out.report.ok()) return out;

  // The connector's name: --name, or `name` in the file (MSK Connect gives the name apart from the
  // configuration). Never the file name: the name picks the consumer group connect-<name>, and a
  // renamed file must not silently start consuming from scratch.
  if (!paths.name.empty()) {
    Status st = config::set_connector_name(&out.connector_raw, paths.name);
    if (!st.ok()) out.report.add(config::ConfigProblem{"name", paths.name, st.message()});
  }
  auto flavor = paths.msk ? config::WorkerFlavor::kMskConnect : config::WorkerFlavor::kSelfHosted;
  out.report.merge(config::WorkerConfig::validate(out.worker_raw, flavor));
  out.report.merge(config::S3SinkConnectorConfig::validate(out.connector_raw));
  out.report.merge(transforms::check_transform_configs(out.connector_raw));
  return out;
}

void print_report(const config::ConfigReport& report, std::ostream& os) {
  for (const config::ConfigProblem& p : report.errors) os << p.to_string() << "\n";
  for (const config::ConfigProblem& p : report.warnings) os << p.to_string() << "\n";
}

int run_validate(const ConfigPaths& paths) {
  CheckedConfig checked = check(paths);
  if (checked.report.ok()) {
    Result<config::WorkerConfig> worker = config::WorkerConfig::parse(checked.worker_raw);
    Result<config::S3SinkConnectorConfig> connector =
        config::S3SinkConnectorConfig::parse(checked.connector_raw);
    if (worker.ok() && connector.ok()) {
      for (config::ConfigProblem& p : config::check_client_overrides(*worker, *connector)) {
        checked.report.add(std::move(p));
      }
      for (config::ConfigProblem& p :
           runtime::check_feature_support(checked.connector_raw, *worker, *connector)) {
        checked.report.add(std::move(p));
      }
      for (config::ConfigProblem& p : runtime::check_kafka_client_config(*worker, *connector)) {
        checked.report.add(std::move(p));
      }
      for (config::ConfigProblem& p : runtime::check_converter_configs(*worker, *connector)) {
        checked.report.add(std::move(p));
      }
    }
  }
  print_report(checked.report, std::cout);
  if (!checked.report.ok()) {
    std::cout << "sluice validate: " << checked.report.errors.size()
              << " error(s); the configuration cannot be used\n";
    return kExitBadUsage;
  }
  std::cout << "sluice validate: the configuration is valid"
            << (checked.report.warnings.empty() ? "" : " (see the warnings above)") << "\n";
  return kExitOk;
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
  for (const config::ConfigProblem& p : checked.report.warnings) spdlog::warn("{}", p.to_string());
  Result<config::WorkerConfig> worker = config::WorkerConfig::parse(checked.worker_raw);
  Result<config::S3SinkConnectorConfig> connector =
      config::S3SinkConnectorConfig::parse(checked.connector_raw);
  if (!worker.ok() || !connector.ok()) {
    std::cerr << (worker.ok() ? connector.status() : worker.status()).message() << "\n";
    return kExitBadUsage;
  }
  std::vector<config::ConfigProblem> override_problems =
      config::check_client_overrides(*worker, *connector);
  for (config::ConfigProblem& p :
       runtime::check_feature_support(checked.connector_raw, *worker, *connector)) {
    override_problems.push_back(std::move(p));
  }
  for (config::ConfigProblem& p : runtime::check_kafka_client_config(*worker, *connector)) {
    override_problems.push_back(std::move(p));
  }
  for (config::ConfigProblem& p : runtime::check_converter_configs(*worker, *connector)) {
    override_problems.push_back(std::move(p));
  }
  bool override_errors = false;
  for (const config::ConfigProblem& p : override_problems) {
    if (p.severity == config::Severity::kError) {
      std::cerr << p.to_string() << "\n";
      override_errors = true;
    } else {
      spdlog::warn("{}", p.to_string());
    }
  }
  if (override_errors) return kExitBadUsage;

  Result<std::unique_ptr<runtime::ConnectorRuntime>> rt =
      runtime::ConnectorRuntime::create(*worker, *connector, paths.runtime);
  if (!rt.ok()) {
    std::cerr << "sluice: " << rt.status().message() << "\n";
    return rt.status().code() == StatusCode::kInvalidArgument ? kExitBadUsage : kExitRuntimeFailure;
  }
  spdlog::info("sluice {} (librdkafka {}) starting connector {} (group {})", SLUICE_VERSION,
               kafka::librdkafka_version(), connector->name(), connector->consumer_group_id());
  Status st = (*rt)->run();
  if (!st.ok()) {
    spdlog::error("connector {} failed: {}", connector->name(), st.message());
    return kExitRuntimeFailure;
  }
  spdlog::info("connector {} stopped", connector->name());
  return kExitOk;
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
  validate->add_flag("--msk", paths.msk, "Also apply MSK Connect's worker configuration rules");

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
