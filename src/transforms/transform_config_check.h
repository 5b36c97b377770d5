// check_transform_configs: the problems of a connector configuration's transforms and
// predicates, for `sluice validate` and `sluice run` before connecting anywhere.
//
// It reads the `transforms`/`predicates` lists straight from the raw connector configuration,
// so that transform problems are reported in the same pass as every other problem even when the
// rest of the connector configuration does not parse. Only what the transforms themselves find
// is reported here (unknown classes, their parameters); the lists' own rules (aliases, a type
// for each, predicate references, negate) are config::S3SinkConnectorConfig's, and an alias
// that breaks them is skipped here so that nothing is reported twice.
#pragma once

#include "config/config_problem.h"
#include "config/raw_config.h"

namespace sluice::transforms {

config::ConfigReport check_transform_configs(const config::RawConfig& connector_raw);

}  // namespace sluice::transforms
