// RestConfigValidator: the checks of `sluice validate` for the REST validate endpoint
// (rest::ConfigValidator), with the worker configuration the process runs with: check_configs
// builds the worker's config providers and resolves the connector's placeholders with them (as
// Kafka Connect's herder does before validating), then checks the configurations; once they pass,
// check_parsed adds the checks of the parsed configurations (client overrides, feature support,
// Kafka client settings, converters). The worker's converters are the converter defaults shown.
//
// Owned by ConnectorRestApi; validate() may be called from several REST threads at once: each
// call builds its own providers and shares nothing mutable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/raw_config.h"
#include "config/worker_config.h"
#include "rest/config_validator.h"

namespace sluice::cli {

class RestConfigValidator : public rest::ConfigValidator {
 public:
  // `worker_written` is the worker configuration as written (placeholders unresolved), `worker`
  // the parsed one; `msk` adds MSK Connect's connector rules, as `sluice validate --msk`.
  RestConfigValidator(config::RawConfig worker_written, config::WorkerConfig worker, bool msk);

  rest::ValidatedConfig validate(const config::RawConfig& connector) const override;
  std::optional<std::string> worker_default(std::string_view key) const override;

 private:
  const config::RawConfig worker_written_;
  const config::WorkerConfig worker_;
  const bool msk_;
};

}  // namespace sluice::cli
