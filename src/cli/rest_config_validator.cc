#include "cli/rest_config_validator.h"

#include <utility>

#include "cli/checked_config.h"

namespace sluice::cli {

RestConfigValidator::RestConfigValidator(config::RawConfig worker_written,
                                         config::WorkerConfig worker, bool msk)
    : worker_written_(std::move(worker_written)), worker_(std::move(worker)), msk_(msk) {}

rest::ValidatedConfig RestConfigValidator::validate(const config::RawConfig& connector) const {
  CheckedConfig checked;
  checked.worker_written = worker_written_;
  checked.connector_written = connector;
  check_configs(msk_, &checked);
  if (checked.report.ok()) {
    Result<config::WorkerConfig> worker = config::WorkerConfig::parse(checked.resolved.worker);
    Result<config::S3SinkConnectorConfig> parsed =
        config::S3SinkConnectorConfig::parse(checked.resolved.connector);
    if (worker.ok() && parsed.ok()) {
      for (config::ConfigProblem& p : check_parsed(checked, *worker, *parsed)) {
        checked.report.add(std::move(p));
      }
    }
  }
  rest::ValidatedConfig out;
  out.resolved = std::move(checked.resolved.connector);
  out.report = std::move(checked.report);
  return out;
}

std::optional<std::string> RestConfigValidator::worker_default(std::string_view key) const {
  if (key == "key.converter") return worker_.key_converter().class_name;
  if (key == "value.converter") return worker_.value_converter().class_name;
  if (key == "header.converter") return worker_.header_converter().class_name;
  return std::nullopt;
}

}  // namespace sluice::cli
