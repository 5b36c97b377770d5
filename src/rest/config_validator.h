// ConfigValidator: how the REST validate endpoint (PUT /connector-plugins/{plugin}/config/validate)
// checks a connector configuration, without the rest module knowing the checks: implemented
// outside this module by whatever runs the connector (the CLI runs the checks of
// `sluice validate` with the worker's configuration).
//
// Called from the REST server's threads, concurrently: implementations must be thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/config_problem.h"
#include "config/raw_config.h"

namespace sluice::rest {

struct ValidatedConfig {
  // The configuration as checked: values from config providers substituted for their
  // `${provider:path:key}` placeholders (a placeholder that could not be resolved stays).
  config::RawConfig resolved;
  // Every problem found; values from providers shown as their placeholders in the messages.
  config::ConfigReport report;
};

class ConfigValidator {
 public:
  virtual ~ConfigValidator() = default;
  // Checks a connector configuration as given (placeholders unresolved).
  virtual ValidatedConfig validate(const config::RawConfig& connector) const = 0;
  // What the worker supplies for a connector key the connector leaves unset and whose own
  // default is null (key.converter, value.converter, header.converter), if anything.
  virtual std::optional<std::string> worker_default(std::string_view key) const = 0;
};

}  // namespace sluice::rest
