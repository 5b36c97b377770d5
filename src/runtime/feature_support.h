// FeatureSupport: which parts of the connector's configuration this build of sluice carries out.
//
// The configuration layer knows every key of the Java connector and validates them all, so that a
// deployment's files load unchanged. Some features are not implemented yet; a configuration that
// turns one on must not run as if it were honoured. Each such key is an error that names the key,
// the value and what to do; keys whose setting has no effect in sluice are warnings. `sluice
// validate` and `sluice run` both apply these checks, before connecting anywhere.
#pragma once

#include <vector>

#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/raw_config.h"
#include "config/worker_config.h"

namespace sluice::runtime {

std::vector<config::ConfigProblem> check_feature_support(
    const config::RawConfig& connector_raw, const config::WorkerConfig& worker,
    const config::S3SinkConnectorConfig& connector);

}  // namespace sluice::runtime
