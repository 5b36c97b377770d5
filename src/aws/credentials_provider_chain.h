// CredentialsProviderChain: tries credentials sources in order and uses the first that is
// configured, like the AWS SDKs' default chains (spec msk-connect-and-aws.md §5.1).
//
// A provider answering kNotFound is skipped; any other error stops the chain, because a source
// that is configured but failing (a half-set environment, an STS AccessDenied) should be reported,
// not silently replaced by a weaker one. The provider that answered last is remembered and asked
// first next time (as aws-sdk-cpp does). Thread-safe if its providers are.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "aws/sts_client.h"

namespace sluice::aws {

class CredentialsProviderChain final : public CredentialsProvider {
 public:
  explicit CredentialsProviderChain(std::vector<std::unique_ptr<CredentialsProvider>> providers);

  // The first configured source's credentials; kFatal naming every source tried (and why each
  // was not configured) when none is.
  Result<AwsCredentials> credentials() override;
  void invalidate() override;
  std::string name() const override { return "chain"; }

 private:
  std::vector<std::unique_ptr<CredentialsProvider>> providers_;
  std::atomic<int> last_used_{-1};  // index into providers_, or -1; a hint only
};

struct DefaultChainOptions {
  // The environment every source reads; default: the process environment.
  EnvironmentCredentialsProvider::Lookup env;
  // STS endpoint/HTTP settings for web identity and profile roles (the region comes from the
  // environment or the profile).
  StsClientOptions sts;
  // Replaces http://169.254.170.2 for AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (tests).
  std::string container_relative_base = "http://169.254.170.2";
};

// The chain sluice uses, in the order of spec §5.1 ("recommended for us"): keys from the connector
// config when both are set, the environment, web identity from AWS_ROLE_ARN +
// AWS_WEB_IDENTITY_TOKEN_FILE (present only when both are set at construction), the shared
// profile (AWS_PROFILE or default), container credentials (ECS / EKS Pod Identity), EC2 IMDSv2.
// The temporary-credential sources are cached and refreshed before expiry.
std::unique_ptr<CredentialsProvider> make_default_credentials_chain(
    AwsCredentials configured, DefaultChainOptions options = {});

}  // namespace sluice::aws
