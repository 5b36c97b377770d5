#include "providers/aws_provider_settings.h"

#include <charconv>
#include <cstdlib>

#include "aws/credentials_provider_chain.h"

namespace sluice::providers {

namespace {

std::string param(const std::map<std::string, std::string>& params, const char* name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

Result<AwsProviderSettings> aws_provider_settings(const std::map<std::string, std::string>& params,
                                                  const std::string& endpoint_prefix,
                                                  const std::string& endpoint_env_suffix,
                                                  const EnvLookup& env_lookup) {
  EnvLookup env = env_lookup ? env_lookup : [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  auto env_value = [&](const std::string& name) {
    std::optional<std::string> v = env(name.c_str());
    return v && !blank(*v) ? *v : std::string();
  };
  AwsProviderSettings out;
  out.region = param(params, "region");
  if (blank(out.region)) out.region = env_value("AWS_REGION");
  if (out.region.empty()) out.region = env_value("AWS_DEFAULT_REGION");
  if (out.region.empty()) {
    return Status::invalid_argument(
        "no AWS region: set the provider's param.region (for example us-east-1), or AWS_REGION");
  }
  out.endpoint_url = param(params, "endpoint");
  if (blank(out.endpoint_url)) {
    std::string ignore = env_value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
    out.endpoint_url.clear();
    if (ignore != "true") {
      out.endpoint_url = env_value("AWS_ENDPOINT_URL_" + endpoint_env_suffix);
      if (out.endpoint_url.empty()) out.endpoint_url = env_value("AWS_ENDPOINT_URL");
    }
  }
  if (out.endpoint_url.empty()) {
    std::string suffix = out.region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
    out.endpoint_url = "https://" + endpoint_prefix + "." + out.region + suffix;
  } else if (out.endpoint_url.find("://") == std::string::npos) {
    return Status::invalid_argument(
        "Invalid value " + out.endpoint_url +
        " for param endpoint: an absolute URL is needed, such as "
        "https://vpce-1234.secretsmanager.us-east-1.vpce.amazonaws.com");
  }
  while (!out.endpoint_url.empty() && out.endpoint_url.back() == '/') out.endpoint_url.pop_back();
  std::string strategy = param(params, "NotFoundStrategy");
  if (strategy.empty() || strategy == "fail") {
    out.not_found = NotFoundStrategy::kFail;
  } else if (strategy == "ignore") {
    out.not_found = NotFoundStrategy::kIgnore;
  } else {
    return Status::invalid_argument("Invalid value " + strategy +
                                    " for param NotFoundStrategy: allowed values are fail, ignore");
  }
  return out;
}

std::unique_ptr<AwsJsonClient> make_aws_json_client(const AwsProviderSettings& settings,
                                                    const std::string& signing_service,
                                                    AwsProviderDeps deps) {
  AwsJsonClientOptions options;
  options.endpoint = AwsServiceEndpoint{settings.endpoint_url, settings.region, signing_service};
  if (deps.credentials) {
    options.credentials = std::move(deps.credentials);
  } else {
    aws::DefaultChainOptions chain;
    chain.sts.region = settings.region;
    options.credentials = std::shared_ptr<aws::CredentialsProvider>(
        aws::make_default_credentials_chain(aws::AwsCredentials{}, std::move(chain)));
  }
  options.http = std::move(deps.http);
  options.http.request_timeout =
      std::min(options.http.request_timeout, std::chrono::milliseconds(30'000));
  options.sleep = std::move(deps.sleep);
  return std::make_unique<AwsJsonClient>(std::move(options));
}

Result<KeyReference> parse_key_reference(const std::string& key) {
  KeyReference out;
  size_t question = key.find('?');
  out.name = key.substr(0, question);
  if (question == std::string::npos) return out;
  std::string_view options = std::string_view(key).substr(question + 1);
  while (!options.empty()) {
    size_t amp = options.find('&');
    std::string_view option = options.substr(0, amp);
    options = amp == std::string_view::npos ? std::string_view() : options.substr(amp + 1);
    if (option.empty()) continue;
    size_t eq = option.find('=');
    std::string_view name = option.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? "" : option.substr(eq + 1);
    if (name != "ttl") {
      return Status::invalid_argument("unknown option '" + std::string(name) + "' after '?' in '" +
                                      out.name + "'; the only option is ttl=<milliseconds>");
    }
    int64_t ms = -1;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (ec != std::errc() || end != value.data() + value.size() || ms < 0) {
      return Status::invalid_argument("invalid ttl '" + std::string(value) + "' in '" + out.name +
                                      "'; allowed: a whole number of milliseconds >= 0");
    }
    out.ttl = std::chrono::milliseconds(ms);
  }
  return out;
}

std::optional<std::chrono::milliseconds> earliest(std::optional<std::chrono::milliseconds> a,
                                                  std::optional<std::chrono::milliseconds> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

}  // namespace sluice::providers
