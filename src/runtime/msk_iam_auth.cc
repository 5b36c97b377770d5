#include "runtime/msk_iam_auth.h"

#include <cstdlib>
#include <memory>

#include "aws/credentials_parsing.h"
#include "aws/imds_credentials_provider.h"
#include "aws/msk_iam_token.h"
#include "aws/profile_credentials_provider.h"
#include "util/log.h"

namespace sluice::runtime {

namespace {

std::optional<std::string> non_empty_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace

Result<kafka::OAuthBearerTokenSource> make_msk_iam_token_source(
    const std::vector<std::pair<std::string, std::string>>& login_options,
    const std::string& bootstrap_servers) {
  SLUICE_ASSIGN_OR_RETURN(aws::MskIamLoginOptions options,
                          aws::parse_msk_iam_login_options(login_options));
  std::optional<std::string> region = aws::region_from_msk_broker_hosts(bootstrap_servers);
  std::string region_source = "the broker host names";
  if (!region) {
    region = non_empty_env("AWS_REGION");
    region_source = "AWS_REGION";
  }
  if (!region) {
    region = non_empty_env("AWS_DEFAULT_REGION");
    region_source = "AWS_DEFAULT_REGION";
  }
  if (!region) {
    // The shared config file's region, for awsProfileName's profile or the default one, as the
    // SDKs' region chains do.
    region = aws::profile_region(aws::process_environment(), options.profile_name);
    region_source = "the region of AWS profile " + (options.profile_name.empty()
                                                        ? std::string("AWS_PROFILE / default")
                                                        : options.profile_name);
  }
  if (!region) {
    // Last, as in the SDKs' region chains: the EC2 instance's own region.
    aws::ImdsCredentialsProvider imds(aws::process_environment());
    if (Result<std::string> from_imds = imds.region(); from_imds.ok()) {
      region = *from_imds;
      region_source = "EC2 instance metadata";
    }
  }
  if (!region) {
    return Status::invalid_argument(
        "MSK IAM authentication: cannot tell the cluster's AWS region: the bootstrap servers " +
        bootstrap_servers +
        " are not MSK broker names (b-1.<cluster>.<id>.c<n>.kafka.<region>.amazonaws.com) and no "
        "AWS profile or EC2 instance metadata gives a region; set AWS_REGION in sluice's "
        "environment");
  }
  SLUICE_LOG(kRuntime).info("kafka: MSK IAM authentication, region {} (from {})", *region,
                            region_source);
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<aws::MskIamTokenProvider> owned,
                          aws::make_msk_iam_token_provider(options, *region));
  std::shared_ptr<aws::MskIamTokenProvider> provider = std::move(owned);
  return kafka::OAuthBearerTokenSource([provider]() -> Result<kafka::OAuthBearerToken> {
    SLUICE_ASSIGN_OR_RETURN(aws::MskIamToken token, provider->token());
    return kafka::OAuthBearerToken{std::move(token.value), token.expiration,
                                   std::move(token.principal)};
  });
}

}  // namespace sluice::runtime
