// StsClient: the two STS query-API calls a credentials chain needs (spec msk-connect-and-aws.md
// §5.4, §5.7): AssumeRole (SigV4-signed with the caller's credentials) and
// AssumeRoleWithWebIdentity (unsigned), both as form-encoded POSTs to the regional endpoint
// https://sts.<region>.amazonaws.com/, answered in XML.
//
// One StsClient owns one HttpClient and serialises its calls with a mutex, so it may be shared.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "aws/credentials.h"
#include "aws/sigv4_signer.h"
#include "http/http_client.h"
#include "util/status.h"

namespace sluice::aws {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string external_id;              // omitted when empty
  std::optional<int> duration_seconds;  // STS default (3600) when absent
};

struct WebIdentityRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string web_identity_token;  // a secret
  std::optional<int> duration_seconds;
};

struct StsClientOptions {
  std::string region = "us-east-1";
  // Overrides https://sts.<region>.amazonaws.com (tests, VPC endpoints, FIPS); when empty,
  // AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL from the environment apply.
  std::string endpoint;
  http::HttpClientOptions http;
  std::function<std::chrono::system_clock::time_point()> clock;  // default system_clock::now
};

class StsClient {
 public:
  explicit StsClient(StsClientOptions options);

  // Temporary credentials for the role. Errors carry STS's error code and message
  // ("STS AssumeRole: AccessDenied: ..."): Throttling, IDPCommunicationError, 5xx and transport
  // failures are kRetriable; ExpiredToken / ExpiredTokenException / InvalidIdentityToken are
  // kRetriable too (the caller refreshes its input and retries once); the rest kFatal.
  Result<AwsCredentials> assume_role(const AssumeRoleRequest& request,
                                     const AwsCredentials& caller);
  Result<AwsCredentials> assume_role_with_web_identity(const WebIdentityRequest& request);

  const std::string& endpoint() const { return endpoint_; }

  // "https://sts.<region>.amazonaws.com" (".amazonaws.com.cn" for cn-* regions).
  static std::string regional_endpoint(const std::string& region);
  // The endpoint used when StsClientOptions::endpoint is empty: AWS_ENDPOINT_URL_STS, else
  // AWS_ENDPOINT_URL (as the AWS SDKs read them), else regional_endpoint(region).
  static std::string configured_endpoint(const std::string& region);
  // The <Code> of an STS error message built by this client ("" if none): for callers that
  // react to ExpiredToken.
  static std::string error_code(const Status& status);

 private:
  Result<AwsCredentials> call(const std::string& action, const QueryParams& params,
                              const AwsCredentials* caller);

  StsClientOptions options_;
  std::string endpoint_;
  std::string host_;  // Host header: endpoint authority
  SigV4Signer signer_;
  std::mutex mutex_;
  http::HttpClient http_;
};

}  // namespace sluice::aws
