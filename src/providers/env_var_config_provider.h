// EnvVarConfigProvider: org.apache.kafka.common.config.provider.EnvVarConfigProvider (KIP-887).
// Keys are environment variable names, there is no path: `${env:S3_SECRET_KEY}` (or
// `${env::S3_SECRET_KEY}`, the same reference). No TTL.
//
// Param: `allowlist.pattern`, a regular expression an environment variable's whole name must
// match to be visible (default `.*`). Kafka compiles it as a java.util.regex.Pattern; sluice uses
// ECMAScript syntax (std::regex), which agrees with Java's on the patterns such allowlists use
// (literals, classes, alternation, quantifiers, anchors). A path other than "" is an error, as in
// Kafka ("Path is not supported for EnvVarConfigProvider, invalid value '<path>'").
// Immutable after construction.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include "providers/config_provider.h"

namespace sluice::providers {

class EnvVarConfigProvider final : public ConfigProvider {
 public:
  static constexpr std::string_view kClassName =
      "org.apache.kafka.common.config.provider.EnvVarConfigProvider";
  // Reads one environment variable; the default reads the process environment.
  using Lookup = std::function<std::optional<std::string>(const std::string& name)>;

  static Result<std::unique_ptr<ConfigProvider>> create(
      const std::map<std::string, std::string>& params, Lookup lookup = {});

  Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) override;
  std::string_view class_name() const override { return kClassName; }

 private:
  EnvVarConfigProvider(std::regex allowlist, Lookup lookup)
      : allowlist_(std::move(allowlist)), lookup_(std::move(lookup)) {}
  std::regex allowlist_;
  Lookup lookup_;
};

}  // namespace sluice::providers
