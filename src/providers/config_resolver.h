// Resolving `${provider:[path:]key}` placeholders in a configuration before it is validated, as
// Kafka's ConfigTransformer does for a worker's own values (AbstractConfig with config providers)
// and Connect's WorkerConfigTransformer for connector configurations.
//
// Like ConfigTransformer, the placeholders of all keys are grouped by provider and path so each
// provider is asked once per path, and a value may mix text and placeholders. Unlike it, a
// placeholder that cannot be resolved (provider not declared, provider error, key absent) is an
// error naming the configuration key and the provider, not text left in place; and the values
// that came from providers are remembered so problem reports can show the placeholder instead
// (mask_resolved_values).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config_problem.h"
#include "config/raw_config.h"
#include "providers/provider_registry.h"

namespace sluice::providers {

// What resolving one configuration did. Holds resolved values (secrets): never print it.
struct ConfigResolution {
  std::vector<config::ConfigProblem> problems;  // errors; messages and values contain no secret
  // Every key whose value had a placeholder: the text as written, and the value it resolved to
  // (only keys that resolved completely).
  std::map<std::string, std::string> originals;
  std::map<std::string, std::string> resolved;
  // The earliest TTL a provider gave for a value used here, and which provider ("name" or
  // "name:path") gave it.
  std::optional<std::chrono::milliseconds> ttl;
  std::string ttl_source;

  bool ok() const { return problems.empty(); }
};

// Which keys a configuration resolves.
enum class ConfigScope {
  kWorker,     // every key but config.providers* (the providers' own settings) and plugin.path
  kConnector,  // every key
};

// Replaces the placeholders in `raw`'s values in place. A key that cannot be resolved keeps its
// text and adds a problem.
ConfigResolution resolve_placeholders(config::RawConfig* raw, const ConfigProviders& providers,
                                      ConfigScope scope);

// Rewrites a problem so that no value that came from a provider shows: its value becomes the
// placeholder text, and every whole-word occurrence of a resolved value in its message becomes
// that value's placeholder text.
void mask_resolved_values(config::ConfigProblem* problem, const ConfigResolution& resolution);

}  // namespace sluice::providers
