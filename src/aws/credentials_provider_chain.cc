#include "aws/credentials_provider_chain.h"

#include <utility>

#include "aws/container_credentials_provider.h"
#include "aws/credentials_parsing.h"
#include "aws/environment_credentials_provider.h"
#include "aws/imds_credentials_provider.h"
#include "aws/profile_credentials_provider.h"
#include "aws/refreshing_credentials_provider.h"
#include "aws/static_credentials_provider.h"
#include "aws/web_identity_credentials_provider.h"

namespace sluice::aws {

CredentialsProviderChain::CredentialsProviderChain(
    std::vector<std::unique_ptr<CredentialsProvider>> providers)
    : providers_(std::move(providers)) {}

Result<AwsCredentials> CredentialsProviderChain::credentials() {
  // The cached hint only saves asking sources that were not configured last time; a source
  // earlier in the chain that has appeared since is still found by the full walk below when the
  // remembered one stops answering.
  int hint = last_used_.load(std::memory_order_relaxed);
  if (hint >= 0) {
    Result<AwsCredentials> cached = providers_[static_cast<size_t>(hint)]->credentials();
    if (cached.ok() || cached.status().code() != StatusCode::kNotFound) return cached;
  }
  std::string tried;
  for (size_t i = 0; i < providers_.size(); ++i) {
    Result<AwsCredentials> result = providers_[i]->credentials();
    if (result.ok()) {
      last_used_.store(static_cast<int>(i), std::memory_order_relaxed);
      return result;
    }
    if (result.status().code() != StatusCode::kNotFound) {
      return result.status().with_context("AWS credentials from " + providers_[i]->name());
    }
    if (!tried.empty()) tried += "; ";
    tried += providers_[i]->name() + ": " + result.status().message();
  }
  return Status::fatal("no AWS credentials found (tried " + tried + ")");
}

void CredentialsProviderChain::invalidate() {
  for (auto& provider : providers_) provider->invalidate();
}

std::unique_ptr<CredentialsProvider> make_default_credentials_chain(AwsCredentials configured,
                                                                    DefaultChainOptions options) {
  EnvironmentCredentialsProvider::Lookup env =
      options.env ? std::move(options.env) : process_environment();
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  providers.push_back(std::make_unique<StaticCredentialsProvider>(std::move(configured)));
  providers.push_back(std::make_unique<EnvironmentCredentialsProvider>(env));
  if (auto web_identity = make_web_identity_provider_from_env(env, options.sts)) {
    providers.push_back(std::move(web_identity));
  }
  ProfileProviderOptions profile_options;
  profile_options.sts = options.sts;
  providers.push_back(
      std::make_unique<ProfileCredentialsProvider>(env, std::move(profile_options)));
  providers.push_back(std::make_unique<RefreshingCredentialsProvider>(
      std::make_unique<ContainerCredentialsProvider>(env, options.container_relative_base)));
  providers.push_back(std::make_unique<RefreshingCredentialsProvider>(
      std::make_unique<ImdsCredentialsProvider>(env)));
  return std::make_unique<CredentialsProviderChain>(std::move(providers));
}

}  // namespace sluice::aws
