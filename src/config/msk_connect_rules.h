// MSK Connect's extra rules for worker configurations (msk-connect-and-aws.md §1.2): only listed
// producer.* and consumer.* keys, a deny list of prefixes and exact keys, and both converters
// required.
//
// This is the place for those checks; WorkerConfig::validate calls it for
// WorkerFlavor::kMskConnect. Status: not implemented yet (tracked as a separate issue) -- it
// currently adds nothing. Keep the allow and deny lists in one data table here so that they can
// follow AWS's guide as it changes.
#pragma once

#include "config/config_problem.h"
#include "config/raw_config.h"

namespace sluice::config {

// Adds an error for every key MSK Connect would reject, all of them at once.
void check_msk_connect_worker_rules(const RawConfig& raw, ConfigReport* report);

}  // namespace sluice::config
