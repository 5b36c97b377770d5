// ResolvedConfigs: the worker and connector configurations after the worker's config providers
// replaced their `${provider:[path:]key}` placeholders, with what is needed to keep the values
// that came from providers out of every message.
//
// Built on the main thread at start, and again by the reload watch's thread when a TTL passes
// (from the configurations as written, kept in memory); never shared between threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/config_problem.h"
#include "config/raw_config.h"
#include "providers/config_resolver.h"
#include "providers/provider_registry.h"

namespace sluice::cli {

struct ResolvedConfigs {
  config::RawConfig worker;     // resolved; holds secrets, never print it
  config::RawConfig connector;  // resolved; holds secrets, never print it
  providers::ConfigResolution worker_resolution;
  providers::ConfigResolution connector_resolution;

  // Every resolution problem (errors naming the key and the provider).
  std::vector<config::ConfigProblem> problems() const;
  // The earliest TTL of any value used, and "provider:path" of the value that gave it.
  std::optional<std::chrono::milliseconds> ttl() const;
  std::string ttl_source() const;
  // Rewrites problems so that values from providers show as their placeholders.
  void mask(config::ConfigProblem* problem) const;
  void mask(config::ConfigReport* report) const;
  void mask(std::vector<config::ConfigProblem>* problems) const;
  // Whether both configurations hold the same keys and values as `other`'s.
  bool same_values(const ResolvedConfigs& other) const;
};

// Resolves copies of the configurations as written.
ResolvedConfigs resolve_configs(const config::RawConfig& worker_written,
                                const config::RawConfig& connector_written,
                                const providers::ConfigProviders& providers);

}  // namespace sluice::cli
