#include "cli/rest_config_validator.h"

#include <utility>

#include "cli/resolved_configs.h"
#include "config/connector_config.h"
#include "config/converter_resolution.h"
#include "runtime/connector_runtime.h"
#include "runtime/converter_checks.h"
#include "runtime/feature_support.h"
#include "runtime/shutdown_signal.h"
#include "transforms/transform_config_check.h"

namespace sluice::cli {

namespace {

providers::ConfigProviders build_providers(const config::RawConfig& worker_written) {
  providers::ProviderEnvironment environment;
  // A stop requested while a provider waits on AWS aborts the call, as at start.
  environment.aws.http.cancel = runtime::ShutdownSignal::cancel_flag();
  // The same worker configuration built the run's providers without problems.
  std::vector<config::ConfigProblem> problems;
  return providers::ConfigProviders::from_worker_config(worker_written, &problems, environment);
}

}  // namespace

RestConfigValidator::RestConfigValidator(config::RawConfig worker_written,
                                         config::WorkerConfig worker)
    : worker_written_(std::move(worker_written)),
      worker_(std::move(worker)),
      providers_(build_providers(worker_written_)) {}

rest::ValidatedConfig RestConfigValidator::validate(const config::RawConfig& connector) const {
  ResolvedConfigs resolved;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    resolved = resolve_configs(worker_written_, connector, providers_);
  }
  rest::ValidatedConfig out;
  for (config::ConfigProblem& p : resolved.problems()) out.report.add(std::move(p));
  out.report.merge(config::S3SinkConnectorConfig::validate(resolved.connector));
  out.report.merge(transforms::check_transform_configs(resolved.connector));
  if (out.report.ok()) {
    // What `sluice validate` checks once the connector parses (the worker's own checks aside).
    Result<config::S3SinkConnectorConfig> parsed =
        config::S3SinkConnectorConfig::parse(resolved.connector);
    if (parsed.ok()) {
      std::vector<config::ConfigProblem> found = config::check_client_overrides(worker_, *parsed);
      for (config::ConfigProblem& p :
           runtime::check_feature_support(resolved.connector, worker_, *parsed)) {
        found.push_back(std::move(p));
      }
      for (config::ConfigProblem& p : runtime::check_kafka_client_config(worker_, *parsed)) {
        found.push_back(std::move(p));
      }
      for (config::ConfigProblem& p : runtime::check_converter_configs(worker_, *parsed)) {
        found.push_back(std::move(p));
      }
      for (config::ConfigProblem& p : found) out.report.add(std::move(p));
    }
  }
  resolved.mask(&out.report);
  out.resolved = std::move(resolved.connector);
  return out;
}

std::optional<std::string> RestConfigValidator::worker_default(std::string_view key) const {
  if (key == "key.converter") return worker_.key_converter().class_name;
  if (key == "value.converter") return worker_.value_converter().class_name;
  if (key == "header.converter") return worker_.header_converter().class_name;
  return std::nullopt;
}

}  // namespace sluice::cli
