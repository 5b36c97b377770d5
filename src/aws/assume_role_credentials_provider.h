// AssumeRoleCredentialsProvider: temporary credentials from STS AssumeRole, called with the
// credentials of a source provider (spec msk-connect-and-aws.md §5.7; Confluent's
// AwsAssumeRoleCredentialsProvider, confluent-s3-sink.md §2.6, and profiles with role_arn +
// source_profile / credential_source, §5.3).
//
// Fetches on every call: wrap it in a RefreshingCredentialsProvider (make_assume_role_provider
// does) for caching. Owns its source; shares the StsClient.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "aws/credentials.h"
#include "aws/sts_client.h"

namespace sluice::aws {

class AssumeRoleCredentialsProvider final : public CredentialsProvider {
 public:
  AssumeRoleCredentialsProvider(std::unique_ptr<CredentialsProvider> source,
                                std::shared_ptr<StsClient> sts, AssumeRoleRequest request);

  // The source's credentials (kNotFound from it becomes kFatal: a role without a caller is a
  // misconfiguration), then AssumeRole; on ExpiredToken the source is invalidated and the call
  // retried once.
  Result<AwsCredentials> credentials() override;
  void invalidate() override { source_->invalidate(); }
  std::string name() const override { return "assume-role"; }

 private:
  std::unique_ptr<CredentialsProvider> source_;
  std::shared_ptr<StsClient> sts_;
  AssumeRoleRequest request_;
};

// An AssumeRoleCredentialsProvider behind a RefreshingCredentialsProvider.
std::unique_ptr<CredentialsProvider> make_assume_role_provider(
    std::unique_ptr<CredentialsProvider> source, std::shared_ptr<StsClient> sts,
    AssumeRoleRequest request);

// Confluent's assume-role provider from the properties under s3.credentials.provider. (prefix
// stripped): sts.role.arn, sts.role.session.name, sts.role.external.id (all required) and
// sts.region (default: region, the bucket's region passed by the caller). kInvalidArgument naming
// the missing key.
Result<std::unique_ptr<CredentialsProvider>> make_confluent_assume_role_provider(
    const std::map<std::string, std::string>& properties, const std::string& default_region,
    std::unique_ptr<CredentialsProvider> source, StsClientOptions sts_options = {});

}  // namespace sluice::aws
