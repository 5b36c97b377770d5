// ConfigProvider: where the values of `${provider:[path:]key}` placeholders come from, as Kafka's
// org.apache.kafka.common.config.provider.ConfigProvider (KIP-297) defines it: one call returns
// the values of some keys at one path, and optionally how long they stay valid (ConfigData's ttl).
//
// Providers are built once from the worker's `config.providers.<name>.class` and `.param.*` keys
// (provider_registry.h) and then used by one thread at a time: the start-up thread, later the
// reload watcher (never both at once).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::providers {

// What a provider returns for one path: Kafka's ConfigData.
struct ConfigData {
  // The keys found; a key that was asked for and is absent is simply missing (the resolver reports
  // it, naming the provider, the path and the key).
  std::map<std::string, std::string> data;
  // When set, the values may change after this long (Kafka: ConfigData.ttl(), in milliseconds).
  std::optional<std::chrono::milliseconds> ttl;
};

class ConfigProvider {
 public:
  virtual ~ConfigProvider() = default;

  // The values of `keys` at `path` ("" when the placeholder has no path). An error means the path
  // itself could not be read (missing file, HTTP failure, not allowed): its message names the path
  // and never contains a value. kRetriable marks a failure that may pass on a later attempt.
  virtual Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) = 0;

  // The Java class name this provider implements, for messages.
  virtual std::string_view class_name() const = 0;
};

}  // namespace sluice::providers
