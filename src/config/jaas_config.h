// The JAAS login module entry of sasl.jaas.config, parsed as the Java client reads it.
// Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace sluice::config {

// One login module entry of a JAAS configuration, as the Java client reads sasl.jaas.config:
// `<class name> <control flag> [<option>=<value>]... ;`, values bare words or double-quoted
// strings with backslash escapes, // and /* */ comments allowed.
struct JaasLoginModule {
  std::string class_name;
  std::string control_flag;  // required, requisite, sufficient or optional (lower case)
  std::vector<std::pair<std::string, std::string>> options;  // in the order written

  // The value of option `name`, if present.
  std::optional<std::string> option(std::string_view name) const;
};

// Parses a sasl.jaas.config value, which must hold exactly one login module (as in the Java
// client). Error messages name the position and the option, never a value.
Result<JaasLoginModule> parse_jaas_config(std::string_view text);

// kInvalidArgument "Invalid value [hidden] for configuration sasl.jaas.config: <why>" (the entry
// holds secrets, so it is never quoted).
Status jaas_error(const std::string& why);

}  // namespace sluice::config
