#include "aws/assume_role_credentials_provider.h"

#include <utility>

#include "aws/refreshing_credentials_provider.h"

namespace sluice::aws {

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(
    std::unique_ptr<CredentialsProvider> source, std::shared_ptr<StsClient> sts,
    AssumeRoleRequest request)
    : source_(std::move(source)), sts_(std::move(sts)), request_(std::move(request)) {}

Result<AwsCredentials> AssumeRoleCredentialsProvider::credentials() {
  const std::string context = "assume role " + request_.role_arn;
  for (int attempt = 0;; ++attempt) {
    Result<AwsCredentials> base = source_->credentials();
    if (!base.ok()) {
      if (base.status().code() == StatusCode::kNotFound) {
        return Status::fatal(context + ": no source credentials (" + source_->name() + ": " +
                             base.status().message() + ")");
      }
      return base.status().with_context(context + ": source " + source_->name());
    }
    Result<AwsCredentials> assumed = sts_->assume_role(request_, base.value());
    if (!assumed.ok() && attempt == 0) {
      std::string code = StsClient::error_code(assumed.status());
      if (code == "ExpiredToken" || code == "InvalidClientTokenId") {
        source_->invalidate();
        continue;
      }
    }
    if (assumed.ok()) assumed.value().provider = "assume-role";
    return assumed;
  }
}

std::unique_ptr<CredentialsProvider> make_assume_role_provider(
    std::unique_ptr<CredentialsProvider> source, std::shared_ptr<StsClient> sts,
    AssumeRoleRequest request) {
  return std::make_unique<RefreshingCredentialsProvider>(
      std::make_unique<AssumeRoleCredentialsProvider>(std::move(source), std::move(sts),
                                                      std::move(request)));
}

Result<std::unique_ptr<CredentialsProvider>> make_confluent_assume_role_provider(
    const std::map<std::string, std::string>& properties, const std::string& default_region,
    std::unique_ptr<CredentialsProvider> source, StsClientOptions sts_options) {
  auto required = [&](const char* key) -> Result<std::string> {
    auto it = properties.find(key);
    if (it == properties.end() || it->second.empty()) {
      return Status::invalid_argument(std::string("s3.credentials.provider.") + key +
                                      " is required by AwsAssumeRoleCredentialsProvider");
    }
    return it->second;
  };
  AssumeRoleRequest request;
  SLUICE_ASSIGN_OR_RETURN(request.role_arn, required("sts.role.arn"));
  SLUICE_ASSIGN_OR_RETURN(request.role_session_name, required("sts.role.session.name"));
  SLUICE_ASSIGN_OR_RETURN(request.external_id, required("sts.role.external.id"));
  auto region = properties.find("sts.region");
  sts_options.region =
      region != properties.end() && !region->second.empty() ? region->second : default_region;
  if (sts_options.region.empty()) sts_options.region = "us-east-1";
  auto sts = std::make_shared<StsClient>(std::move(sts_options));
  return make_assume_role_provider(std::move(source), std::move(sts), std::move(request));
}

}  // namespace sluice::aws
