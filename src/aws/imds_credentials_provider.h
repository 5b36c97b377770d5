// ImdsCredentialsProvider: the EC2 instance role through IMDSv2 (spec msk-connect-and-aws.md
// §5.6): PUT /latest/api/token (TTL header), GET /latest/meta-data/iam/security-credentials/ for
// the role name, then GET .../<role> for the credentials JSON.
//
// The endpoint is AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://[fd00:ec2::254] when
// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6, else http://169.254.169.254.
// AWS_EC2_METADATA_DISABLED=true turns it off (kNotFound). Timeouts are short (1 s connect, 2 s
// request) and an unreachable service is kNotFound, so a host that is not on EC2 falls through
// quickly. An unreachable service is remembered for a few seconds (ImdsOptions::unreachable_ttl),
// so that on a host without any credentials the callers queued on the mutex, and the calls right
// after them, fail at once instead of each waiting out the timeouts again. The session token is
// cached until its TTL runs out and refetched on 401. No IMDSv1 fallback. Fetches credentials on
// every call: wrap it in a RefreshingCredentialsProvider. Thread-safe (one mutex around the
// client and the token).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "aws/credentials.h"
#include "aws/environment_credentials_provider.h"
#include "http/http_client.h"

namespace sluice::aws {

struct ImdsOptions {
  // Short, so that a host that is not on EC2 falls through the chain quickly.
  std::chrono::milliseconds connect_timeout{1'000};
  std::chrono::milliseconds request_timeout{2'000};
  // How long "not reachable" is answered from memory. A host that is not on EC2 stays that way,
  // so the only cost of remembering is recovery from a transient IMDS outage, which this bounds.
  // 5 s: long enough that a burst of callers (every upload worker at once) pays the timeouts once,
  // short next to the refresh windows (minutes) and librdkafka's 10 s token retry, so a real
  // instance that blips recovers on the next attempt.
  std::chrono::milliseconds unreachable_ttl{5'000};
  // The clock for the cache above and the session token's TTL; tests inject one.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

class ImdsCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ImdsCredentialsProvider(EnvironmentCredentialsProvider::Lookup env,
                                   ImdsOptions options = {});

  Result<AwsCredentials> credentials() override;
  std::string name() const override { return "imds"; }

  // The instance's region (GET /latest/meta-data/placement/region), the last step of the SDKs'
  // region chains. kNotFound when IMDS is disabled or not reachable, as for credentials.
  Result<std::string> region();

  static constexpr int kTokenTtlSeconds = 21600;

 private:
  Result<std::string> token(bool force);                    // with mutex_ held
  Result<http::HttpResponse> get(const std::string& path);  // with mutex_ held; one retry on 401
  std::chrono::steady_clock::time_point now() const;

  EnvironmentCredentialsProvider::Lookup env_;
  ImdsOptions options_;
  std::string endpoint_;
  bool disabled_ = false;
  std::mutex mutex_;
  http::HttpClient http_;
  std::string token_;
  std::chrono::steady_clock::time_point token_expiry_{};
  // The last "not reachable" answer and until when it is repeated without asking (mutex_).
  Status unreachable_;
  std::chrono::steady_clock::time_point unreachable_until_{};
};

}  // namespace sluice::aws
