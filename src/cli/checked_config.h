// The checks `sluice run` and `sluice validate` make before connecting anywhere, shared with the
// REST API's PUT /connectors/{name}/config: config providers resolve the placeholders, then the
// worker and connector tables, the transforms, and the checks of the parsed configurations
// (client overrides, feature support, Kafka client settings, converters, REST listeners).
//
// Plain functions over values; a CheckedConfig and a RunnableConfig are owned by one thread at a
// time (the main thread, or the REST thread that checks a new configuration and hands it over).
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/resolved_configs.h"
#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/raw_config.h"
#include "config/worker_config.h"
#include "providers/provider_registry.h"
#include "util/status.h"

namespace sluice::cli {

// Everything `validate` and `run` check before connecting anywhere.
struct CheckedConfig {
  // As written (placeholders unresolved), kept to resolve them again on reload.
  config::RawConfig worker_written;
  config::RawConfig connector_written;
  std::shared_ptr<providers::ConfigProviders> providers;
  ResolvedConfigs resolved;  // what is validated and run
  config::ConfigReport report;
};

// Builds the worker's config providers, resolves both configurations and validates them (with
// MSK Connect's connector rules when `msk`). Problems are masked (provider values shown as their
// placeholders). Load problems already in `out->report` are kept and stop the checks.
void check_configs(bool msk, CheckedConfig* out);

// The checks that need the parsed configurations; problems masked.
std::vector<config::ConfigProblem> check_parsed(const CheckedConfig& checked,
                                                const config::WorkerConfig& worker,
                                                const config::S3SinkConnectorConfig& connector);

// A parse failure's message, with values from providers shown as their placeholders.
std::string masked_message(const CheckedConfig& checked, const Status& status);

// Each error, then each warning, one per line.
void print_report(const config::ConfigReport& report, std::ostream& os);

// A configuration that passed every check `sluice run` makes, parsed.
struct RunnableConfig {
  CheckedConfig checked;
  std::optional<config::WorkerConfig> worker;
  std::optional<config::S3SinkConnectorConfig> connector;
  std::vector<config::ConfigProblem> warnings;  // masked
};

// Parses `checked` and runs check_parsed. Returns null and fills *errors (masked, every one)
// when the configuration cannot run.
std::unique_ptr<RunnableConfig> prepare_run(CheckedConfig checked,
                                            std::vector<config::ConfigProblem>* errors);

}  // namespace sluice::cli
