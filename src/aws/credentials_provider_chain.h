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

// The chain sluice uses: keys from the connector config when both are set, then the environment.
// Web identity, shared profiles, container credentials and IMDS join here later, in the order of
// spec §5.1 ("recommended for us").
std::unique_ptr<CredentialsProvider> make_default_credentials_chain(AwsCredentials configured);

}  // namespace sluice::aws
