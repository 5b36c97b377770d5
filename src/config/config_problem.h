// ConfigProblem and ConfigReport: what configuration parsing found wrong, all of it at once.
//
// Configuration code never stops at the first problem: every check adds a ConfigProblem and the
// caller (sluice validate, sluice run, the REST validate endpoint) reports the whole list and
// exits 2. A problem names the key, the value as given (the text "[hidden]" for secrets) and, in
// its message, what is allowed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace sluice::config {

enum class Severity {
  kError,    // the configuration cannot be used
  kWarning,  // usable, but probably not what the user meant (unknown key, ignored setting)
  kInfo,     // accepted and deliberately ignored (plugin.path, group.id, ...)
};

std::string_view severity_name(Severity severity);  // "error", "warning", "info"

struct ConfigProblem {
  std::string key;      // the key the problem is about ("" for a whole-file problem)
  std::string value;    // the value as given, "[hidden]" for secrets, "" when not applicable
  std::string message;  // a sentence naming the key, the value given and what is allowed
  Severity severity = Severity::kError;
  std::string location;  // "connector.properties:12" when known

  // "<location>: <severity>: <message>" (location omitted when unknown).
  std::string to_string() const;
};

// Everything found in one configuration (or in a worker and a connector configuration together).
struct ConfigReport {
  std::vector<ConfigProblem> errors;
  std::vector<ConfigProblem> warnings;  // kWarning and kInfo

  bool ok() const { return errors.empty(); }
  void add(ConfigProblem problem);
  void merge(ConfigReport other);
};

// kInvalidArgument whose message is "<what>: N problem(s)" followed by one indented line per
// error; OK when `errors` is empty.
Status problems_to_status(std::string_view what, const std::vector<ConfigProblem>& errors);

}  // namespace sluice::config
