// RestConfigValidator: the checks of `sluice validate` for the REST validate endpoint
// (rest::ConfigValidator), with the running worker's configuration: the worker's config
// providers resolve the connector's placeholders (as Kafka Connect's herder does before
// validating; the validator has providers of its own, built from the worker's
// `config.providers`, so that the run's reload watch and the REST threads never share one), the
// worker supplies the converter defaults, and the connector is checked as
// `sluice validate` checks it (its table and cross-key rules, transforms and predicates, and,
// once those pass, the client overrides, feature support, Kafka client and converter checks).
// The worker itself is not checked again: it is the one this process runs with.
//
// Owned by ConnectorRestApi; validate() may be called from several REST threads at once: the
// resolution by the config providers, which are used by one thread at a time, is serialised
// (mutex_), the checks themselves share nothing.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "config/raw_config.h"
#include "config/worker_config.h"
#include "providers/provider_registry.h"
#include "rest/config_validator.h"
#include "util/thread_annotations.h"

namespace sluice::cli {

class RestConfigValidator : public rest::ConfigValidator {
 public:
  // `worker_written` is the worker configuration as written (placeholders unresolved), `worker`
  // the parsed one. REQUIRES: the worker configuration passed validation.
  RestConfigValidator(config::RawConfig worker_written, config::WorkerConfig worker);

  rest::ValidatedConfig validate(const config::RawConfig& connector) const override;
  std::optional<std::string> worker_default(std::string_view key) const override;

 private:
  mutable std::mutex mutex_;
  const config::RawConfig worker_written_;
  const config::WorkerConfig worker_;
  const providers::ConfigProviders providers_ GUARDED_BY(mutex_);
};

}  // namespace sluice::cli
