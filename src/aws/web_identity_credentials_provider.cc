#include "aws/web_identity_credentials_provider.h"

#include <chrono>
#include <utility>

#include "aws/credentials_parsing.h"
#include "aws/refreshing_credentials_provider.h"

namespace sluice::aws {

WebIdentityCredentialsProvider::WebIdentityCredentialsProvider(WebIdentityConfig config,
                                                               std::shared_ptr<StsClient> sts)
    : config_(std::move(config)), sts_(std::move(sts)) {
  if (config_.role_session_name.empty()) {
    config_.role_session_name =
        "sluice-session-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
  }
}

Result<AwsCredentials> WebIdentityCredentialsProvider::credentials() {
  for (int attempt = 0;; ++attempt) {
    Result<std::string> token = read_text_file(config_.token_file);
    if (!token.ok()) {
      return Status::fatal("web identity token file for " + config_.role_arn + ": " +
                           token.status().message());
    }
    std::string text = std::move(token).value();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
      text.pop_back();
    }
    if (text.empty()) {
      return Status::fatal("web identity token file " + config_.token_file + " is empty");
    }
    WebIdentityRequest request{config_.role_arn, config_.role_session_name, std::move(text), {}};
    Result<AwsCredentials> result = sts_->assume_role_with_web_identity(request);
    if (!result.ok() && attempt == 0) {
      std::string code = StsClient::error_code(result.status());
      if (code == "InvalidIdentityToken" || code == "ExpiredTokenException") continue;
    }
    return result;
  }
}

std::unique_ptr<CredentialsProvider> make_web_identity_provider(WebIdentityConfig config,
                                                                std::shared_ptr<StsClient> sts) {
  return std::make_unique<RefreshingCredentialsProvider>(
      std::make_unique<WebIdentityCredentialsProvider>(std::move(config), std::move(sts)));
}

std::unique_ptr<CredentialsProvider> make_web_identity_provider_from_env(
    const EnvironmentCredentialsProvider::Lookup& env, StsClientOptions sts_options) {
  WebIdentityConfig config;
  config.role_arn = env_or_empty(env, "AWS_ROLE_ARN");
  config.token_file = env_or_empty(env, "AWS_WEB_IDENTITY_TOKEN_FILE");
  config.role_session_name = env_or_empty(env, "AWS_ROLE_SESSION_NAME");
  if (config.role_arn.empty() || config.token_file.empty()) return nullptr;
  std::string region = env_or_empty(env, "AWS_REGION");
  if (region.empty()) region = env_or_empty(env, "AWS_DEFAULT_REGION");
  sts_options.region = region.empty() ? "us-east-1" : region;
  return make_web_identity_provider(std::move(config),
                                    std::make_shared<StsClient>(std::move(sts_options)));
}

}  // namespace sluice::aws
