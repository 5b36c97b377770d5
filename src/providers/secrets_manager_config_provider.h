// SecretsManagerConfigProvider: com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider
// from aws-samples/msk-config-providers, the provider AWS's MSK Connect tutorial uses, calling
// AWS Secrets Manager's GetSecretValue.
//
// Placeholders:
//  * `${secretsmanager:<secret>:<field>}`: the secret's SecretString is a flat JSON object and the
//    value is its field (strings as they are, numbers and booleans as their JSON text, as
//    Jackson's Map<String,String> reading gives them); `<secret>` is a name or a URL-encoded ARN
//    (an ARN's ':' would end Kafka's path early), decoded as java.net.URLDecoder does;
//  * `${secretsmanager:<secret>}`: the whole SecretString (param `RawSecretEncoding=base64` returns
//    it base64-encoded instead);
//  * either key may end in `?ttl=<ms>`: the values then carry that TTL (the smallest asked for).
// Params: `region`, `endpoint`, `NotFoundStrategy` (aws_provider_settings.h), `RawSecretEncoding`
// (`none` or `base64`). One GetSecretValue per secret and get() call. Use from one thread at a
// time.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "providers/aws_provider_settings.h"
#include "providers/config_provider.h"

namespace sluice::providers {

class SecretsManagerConfigProvider final : public ConfigProvider {
 public:
  static constexpr std::string_view kClassName =
      "com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider";

  static Result<std::unique_ptr<ConfigProvider>> create(
      const std::map<std::string, std::string>& params, AwsProviderDeps deps = {});

  Result<ConfigData> get(const std::string& path, const std::set<std::string>& keys) override;
  std::string_view class_name() const override { return kClassName; }

 private:
  SecretsManagerConfigProvider(AwsProviderSettings settings, bool raw_base64,
                               std::unique_ptr<AwsJsonClient> client)
      : settings_(std::move(settings)), raw_base64_(raw_base64), client_(std::move(client)) {}

  // The SecretString of `secret_id`; nullopt when the secret does not exist.
  Result<std::optional<std::string>> secret_string(const std::string& secret_id);

  AwsProviderSettings settings_;
  bool raw_base64_ = false;
  std::unique_ptr<AwsJsonClient> client_;
};

// The fields of a secret whose SecretString is a flat JSON object; an error (naming no value) for
// any other shape.
Result<std::map<std::string, std::string>> secret_json_fields(const std::string& secret_string);

}  // namespace sluice::providers
