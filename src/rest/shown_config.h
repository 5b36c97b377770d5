// The connector configuration as GET /connectors/{name}/config shows it: the keys and values as
// written (so a value from a config provider shows as its `${provider:path:key}` placeholder, as
// in Kafka Connect, whose herder keeps the unresolved configuration), with every secret replaced
// by "[hidden]": keys of type PASSWORD in the connector's table and client or converter keys
// that hold credentials (config::is_sensitive_key). Kafka Connect returns PASSWORD values in
// clear text; sluice does not.
//
// Stateless; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/raw_config.h"

namespace sluice::rest {

std::vector<std::pair<std::string, std::string>> shown_config(const config::RawConfig& written);

}  // namespace sluice::rest
