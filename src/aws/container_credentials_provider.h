// ContainerCredentialsProvider: ECS task roles and EKS Pod Identity (spec msk-connect-and-aws.md
// §5.5). GET http://169.254.170.2<AWS_CONTAINER_CREDENTIALS_RELATIVE_URI>, or
// AWS_CONTAINER_CREDENTIALS_FULL_URI (https, or a loopback / 169.254.170.2 / 169.254.170.23 /
// [fd00:ec2::23] host), with "Authorization: <token>" from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
// (re-read each time) or AWS_CONTAINER_AUTHORIZATION_TOKEN.
//
// The environment is read on every call. Fetches on every call: wrap it in a
// RefreshingCredentialsProvider. Its HttpClient is guarded by a mutex, so it is thread-safe.
#pragma once

#include <mutex>
#include <string>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "http/http_client.h"

namespace sluice::aws {

class ContainerCredentialsProvider final : public CredentialsProvider {
 public:
  // relative_base replaces "http://169.254.170.2" (tests).
  explicit ContainerCredentialsProvider(EnvironmentCredentialsProvider::Lookup env,
                                        std::string relative_base = "http://169.254.170.2");

  // kNotFound when neither URI variable is set; kFatal for a FULL_URI host that is not allowed or
  // a bad response; kRetriable for transport failures and 5xx.
  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "container"; }

  // Whether a FULL_URI may be used: https, or an allowed literal host (see above) or localhost.
  static bool full_uri_allowed(const std::string& url);

 private:
  EnvironmentCredentialsProvider::Lookup env_;
  std::string relative_base_;
  std::mutex mutex_;
  http::HttpClient http_;
};

}  // namespace sluice::aws
