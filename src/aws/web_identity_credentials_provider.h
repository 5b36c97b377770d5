// WebIdentityCredentialsProvider: EKS IRSA and other OIDC federations (spec
// msk-connect-and-aws.md §5.4). Reads the token file on every fetch (it rotates) and calls the
// unsigned STS AssumeRoleWithWebIdentity.
//
// Configured from AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE (+ AWS_ROLE_SESSION_NAME), or from a
// profile's role_arn + web_identity_token_file. Fetches on every call: wrap it in a
// RefreshingCredentialsProvider (make_web_identity_provider does).
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "aws/sts_client.h"

namespace sluice::aws {

struct WebIdentityConfig {
  std::string role_arn;
  std::string token_file;
  std::string role_session_name;  // default "sluice-session-<epoch seconds>"
};

class WebIdentityCredentialsProvider final : public CredentialsProvider {
 public:
  WebIdentityCredentialsProvider(WebIdentityConfig config, std::shared_ptr<StsClient> sts);

  // kFatal when the token file cannot be read; STS errors as StsClient reports them. On
  // InvalidIdentityToken / ExpiredTokenException the file is re-read and the call retried once.
  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "web-identity"; }

 private:
  WebIdentityConfig config_;
  std::shared_ptr<StsClient> sts_;
};

// From the environment: nullptr when AWS_ROLE_ARN or AWS_WEB_IDENTITY_TOKEN_FILE is unset. The STS
// region is AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1; sts_options.endpoint is kept.
std::unique_ptr<CredentialsProvider> make_web_identity_provider_from_env(
    const EnvironmentCredentialsProvider::Lookup& env, StsClientOptions sts_options = {});

// A WebIdentityCredentialsProvider behind a RefreshingCredentialsProvider.
std::unique_ptr<CredentialsProvider> make_web_identity_provider(WebIdentityConfig config,
                                                                std::shared_ptr<StsClient> sts);

}  // namespace sluice::aws
