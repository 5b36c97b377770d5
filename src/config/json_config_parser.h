// The Kafka Connect REST JSON forms of a connector configuration, parsed into a RawConfig.
//
// Accepted, like connect-standalone's file loader and the REST API:
//  * the create request  {"name": "s3-sink", "config": {"connector.class": "...", ...}}
//    (an optional "initial_state" of "RUNNING" is accepted; "tasks" and "type", which a
//    GET /connectors/<name> response adds, are ignored);
//  * a bare config object  {"connector.class": "...", "name": "s3-sink", ...}.
// Values may be JSON strings, numbers or booleans; numbers keep the text they were written with
// (Jackson's behaviour when it reads a number into a String: 1.50 stays "1.50"), booleans become
// "true"/"false", and null means "not set" (the key is dropped). Objects and arrays as values are
// errors. The connector name comes from the outer "name" or from config.name; when both are given
// they must agree (Connect's "Connector name configuration (...) doesn't match ..." check), and the
// outer one is copied into the config, as Connect does.
// Malformed JSON is reported with its line and column.
#pragma once

#include <string>
#include <string_view>

#include "config/raw_config.h"
#include "util/status.h"

namespace sluice::config {

Result<RawConfig> parse_json_config(std::string_view text, std::string source_name = {});

}  // namespace sluice::config
