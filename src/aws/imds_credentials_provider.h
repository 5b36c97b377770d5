// ImdsCredentialsProvider: the EC2 instance role through IMDSv2 (spec msk-connect-and-aws.md
// §5.6): PUT /latest/api/token (TTL header), GET /latest/meta-data/iam/security-credentials/ for
// the role name, then GET .../<role> for the credentials JSON.
//
// The endpoint is AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://[fd00:ec2::254] when
// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6, else http://169.254.169.254.
// AWS_EC2_METADATA_DISABLED=true turns it off (kNotFound). Timeouts are short (1 s connect, 2 s
// request) and an unreachable service is kNotFound, so a host that is not on EC2 falls through
// quickly. The session token is cached until its TTL runs out and refetched on 401. No IMDSv1
// fallback. Fetches credentials on every call: wrap it in a RefreshingCredentialsProvider.
// Thread-safe (one mutex around the client and the token).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "http/http_client.h"

namespace sluice::aws {

class ImdsCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ImdsCredentialsProvider(EnvironmentCredentialsProvider::Lookup env);

  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "imds"; }

  static constexpr int kTokenTtlSeconds = 21600;

 private:
  Result<std::string> token(bool force);                    // with mutex_ held
  Result<http::HttpResponse> get(const std::string& path);  // with mutex_ held; one retry on 401

  EnvironmentCredentialsProvider::Lookup env_;
  std::string endpoint_;
  bool disabled_ = false;
  std::mutex mutex_;
  http::HttpClient http_;
  std::string token_;
  std::chrono::steady_clock::time_point token_expiry_{};
};

}  // namespace sluice::aws
