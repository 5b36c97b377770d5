#include "cli/checked_config.h"

#include "config/converter_resolution.h"
#include "config/msk_connect_rules.h"
#include "rest/rest_listeners.h"
#include "runtime/connector_runtime.h"
#include "runtime/converter_checks.h"
#include "runtime/feature_support.h"
#include "runtime/shutdown_signal.h"
#include "transforms/transform_config_check.h"

namespace sluice::cli {

void check_configs(bool msk, CheckedConfig* out) {
  if (!out->report.ok()) return;
  // Kafka Connect resolves the worker's own values and the connector's with the worker's config
  // providers before validating either.
  std::vector<config::ConfigProblem> provider_problems;
  providers::ProviderEnvironment environment;
  // A stop requested while a provider waits on AWS (at start or on a TTL refresh) aborts the call.
  environment.aws.http.cancel = runtime::ShutdownSignal::cancel_flag();
  out->providers =
      std::make_shared<providers::ConfigProviders>(providers::ConfigProviders::from_worker_config(
          out->worker_written, &provider_problems, environment));
  for (config::ConfigProblem& p : provider_problems) out->report.add(std::move(p));
  out->resolved = resolve_configs(out->worker_written, out->connector_written, *out->providers);
  for (config::ConfigProblem& p : out->resolved.problems()) out->report.add(std::move(p));

  auto flavor = msk ? config::WorkerFlavor::kMskConnect : config::WorkerFlavor::kSelfHosted;
  out->report.merge(config::WorkerConfig::validate(out->resolved.worker, flavor));
  out->report.merge(config::S3SinkConnectorConfig::validate(out->resolved.connector));
  if (msk) config::check_msk_connect_connector_rules(out->resolved.connector, &out->report);
  out->report.merge(transforms::check_transform_configs(out->resolved.connector));
  out->resolved.mask(&out->report);
}

void print_report(const config::ConfigReport& report, std::ostream& os) {
  for (const config::ConfigProblem& p : report.errors) os << p.to_string() << "\n";
  for (const config::ConfigProblem& p : report.warnings) os << p.to_string() << "\n";
}

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

std::string masked_message(const CheckedConfig& checked, const Status& status) {
  config::ConfigProblem p{"", "", status.message()};
  checked.resolved.mask(&p);
  return p.message;
}

std::unique_ptr<RunnableConfig> prepare_run(CheckedConfig checked,
                                            std::vector<config::ConfigProblem>* errors) {
  if (!checked.report.ok()) {
    *errors = std::move(checked.report.errors);
    return nullptr;
  }
  auto out = std::make_unique<RunnableConfig>();
  out->warnings = checked.report.warnings;
  Result<config::WorkerConfig> worker = config::WorkerConfig::parse(checked.resolved.worker);
  Result<config::S3SinkConnectorConfig> connector =
      config::S3SinkConnectorConfig::parse(checked.resolved.connector);
  if (!worker.ok() || !connector.ok()) {
    errors->push_back(config::ConfigProblem{
        "", "", masked_message(checked, worker.ok() ? connector.status() : worker.status())});
    return nullptr;
  }
  for (config::ConfigProblem& p : check_parsed(checked, *worker, *connector)) {
    if (p.severity == config::Severity::kError) {
      errors->push_back(std::move(p));
    } else {
      out->warnings.push_back(std::move(p));
    }
  }
  if (!errors->empty()) return nullptr;
  out->worker = std::move(worker).value();
  out->connector = std::move(connector).value();
  out->checked = std::move(checked);
  return out;
}

}  // namespace sluice::cli
