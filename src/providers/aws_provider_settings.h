// The settings shared by the AWS config providers of aws-samples/msk-config-providers (the ones
// AWS's MSK Connect tutorial "Externalizing sensitive information using config providers" uses):
// their `param.*` keys `region`, `endpoint` and `NotFoundStrategy`, and the `?ttl=<ms>` option a
// placeholder's key may carry (`${secretsmanager:db-creds:password?ttl=300000}`).
//
// Plain functions of their inputs; the environment is read through the lookup given.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "aws/credentials.h"
#include "providers/aws_json_client.h"
#include "util/status.h"

namespace sluice::providers {

// What to do when a secret, a parameter or a field of a secret does not exist. `fail`: the
// placeholder cannot be resolved (a configuration error). `ignore`: it resolves to "".
enum class NotFoundStrategy { kFail, kIgnore };

struct AwsProviderSettings {
  std::string region;
  std::string endpoint_url;  // without a trailing '/'
  NotFoundStrategy not_found = NotFoundStrategy::kFail;
};

using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

// How an AWS provider reaches its service; defaults are used for what is left empty.
struct AwsProviderDeps {
  std::shared_ptr<aws::CredentialsProvider> credentials;  // default: the default chain
  EnvLookup env;                                          // default: the process environment
  std::function<void(std::chrono::milliseconds)> sleep;   // between retries; default: sleeps
  http::HttpClientOptions http;
};

// The region (param `region`, else AWS_REGION, else AWS_DEFAULT_REGION, as the AWS SDK's default
// region chain starts), the endpoint (param `endpoint`, else AWS_ENDPOINT_URL_<SERVICE>, else
// AWS_ENDPOINT_URL, else https://<endpoint_prefix>.<region>.amazonaws.com[.cn]) and the
// NotFoundStrategy (`fail` or `ignore`, compared exactly). Errors name the param.
Result<AwsProviderSettings> aws_provider_settings(const std::map<std::string, std::string>& params,
                                                  const std::string& endpoint_prefix,
                                                  const std::string& endpoint_env_suffix,
                                                  const EnvLookup& env);

// A JSON 1.1 client for the service, with the deps' credentials or the default chain.
std::unique_ptr<AwsJsonClient> make_aws_json_client(const AwsProviderSettings& settings,
                                                    const std::string& signing_service,
                                                    AwsProviderDeps deps);

// A placeholder key with its options: "password?ttl=300000" -> {"password", 300000 ms}.
struct KeyReference {
  std::string name;
  std::optional<std::chrono::milliseconds> ttl;
};
// Options follow the first '?' as name=value pairs joined by '&'; `ttl` must be a whole number of
// milliseconds >= 0; other options are an error.
Result<KeyReference> parse_key_reference(const std::string& key);

// The smaller of two optional TTLs.
std::optional<std::chrono::milliseconds> earliest(std::optional<std::chrono::milliseconds> a,
                                                  std::optional<std::chrono::milliseconds> b);

}  // namespace sluice::providers
