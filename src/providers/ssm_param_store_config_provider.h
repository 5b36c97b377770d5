// SsmParamStoreConfigProvider: com.amazonaws.kafka.config.providers.SsmParamStoreConfigProvider
// from aws-samples/msk-config-providers, reading AWS Systems Manager Parameter Store with
// GetParameter (WithDecryption=true, so SecureString parameters come back decrypted).
//
// Placeholder: `${ssm::/path/to/parameter}` (the key is the parameter's full name; a path, if any,
// is ignored, as in the Java provider), optionally ending in `?ttl=<ms>`. Params: `region`,
// `endpoint`, `NotFoundStrategy` (aws_provider_settings.h). One GetParameter per key. Use from one
// thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "providers/aws_provider_settings.h"
#include "providers/config_provider.h"

namespace sluice::providers {

class SsmParamStoreConfigProvider final : public ConfigProvider {
 public:
  static constexpr std::string_view kClassName =
      "com.amazonaws.kafka.config.providers.SsmParamStoreConfigProvider";

  static Result<std::unique_ptr<ConfigProvider>> create(
      const std::map<std::string, std::string>& params, AwsProviderDeps deps = {});

  Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) override;
  std::string_view class_name() const override { return kClassName; }

 private:
  SsmParamStoreConfigProvider(AwsProviderSettings settings, std::unique_ptr<AwsJsonClient> client)
      : settings_(std::move(settings)), client_(std::move(client)) {}

  AwsProviderSettings settings_;
  std::unique_ptr<AwsJsonClient> client_;
};

}  // namespace sluice::providers
