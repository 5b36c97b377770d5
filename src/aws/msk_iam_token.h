// MSK IAM authentication for librdkafka's OAUTHBEARER mechanism (spec msk-connect-and-aws.md §3.2):
// the token is a SigV4-presigned "kafka-cluster:Connect" URL of the regional service host,
// base64url-encoded, exactly as AWS's own signer libraries (aws-msk-iam-sasl-signer-*) build it.
//
// make_msk_iam_token() is the pure recipe. MskIamTokenProvider caches one token per Kafka client
// and makes a new one before it runs out; make_msk_iam_token_provider() builds one from the JAAS
// options that the Java IAMLoginModule takes (aws-msk-iam-auth), so a connector configuration
// written for the Java connector keeps working.
//
// Nothing here puts a secret (secret key, session token, the token value) into a Status message.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/credentials.h"
#include "aws/credentials_provider_chain.h"
#include "util/status.h"

namespace sluice::aws {

struct MskIamToken {
  std::string value;  // base64url (no padding) of the presigned URL; a secret
  // min(X-Amz-Date + 900 s, credentials expiry): what librdkafka is told, so that it refreshes in
  // time and re-authenticates (KIP-368) before the broker closes the session.
  std::chrono::system_clock::time_point expiration;
  std::string principal;  // the access key id (the broker ignores it; librdkafka wants non-empty)
};

// The presigned URL lives this long (the value every AWS signer uses).
inline constexpr std::chrono::seconds kMskIamTokenLifetime{900};

// Presigns GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster%3AConnect (service
// kafka-cluster, 900 s), then appends the unsigned User-Agent parameter. The query parameters come
// in the order AWS's signers emit them: Action, X-Amz-Algorithm, -Credential, -Date, -Expires,
// -SignedHeaders, [-Security-Token], -Signature, User-Agent. kInvalidArgument for an empty region
// or empty credentials; kRetriable when the credentials have already expired.
Result<MskIamToken> make_msk_iam_token(const AwsCredentials& credentials, std::string_view region,
                                       std::chrono::system_clock::time_point now,
                                       std::string_view user_agent = "sluice");

// The region of an MSK broker host name (b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com, the
// public 'b-1-public...' names, 'boot-...' serverless names under kafka-serverless, and
// ...amazonaws.com.cn), from a single host[:port] or a comma-separated bootstrap list (first match
// wins); nullopt when no host has the shape.
std::optional<std::string> region_from_msk_broker_hosts(std::string_view bootstrap_servers);

// The JAAS options of the Java IAMLoginModule / IAMOAuthBearerLoginCallbackHandler
// (aws-msk-iam-auth, MSKCredentialProvider), by their option names.
struct MskIamLoginOptions {
  std::string profile_name;  // awsProfileName: the shared-file profile instead of the chain
  std::string role_arn;      // awsRoleArn: assume this role with the base credentials
  // awsRoleSessionName; the Java module's default.
  std::string role_session_name = "aws-msk-iam-auth";
  std::string role_external_id;  // awsRoleExternalId
  std::string sts_region;        // awsStsRegion; empty: the token's region
  // awsRoleAccessKeyId / awsRoleSecretAccessKey / awsRoleSessionToken: fixed keys that call
  // AssumeRole instead of the chain (empty when not given). Secrets.
  AwsCredentials role_source_credentials;
  bool debug_credentials = false;  // awsDebugCreds: log which identity signs each new token
  // awsMaxRetries / awsMaxBackOffTimeMs: retries of a transient credentials failure, with full
  // jitter backoff from 500 ms up to the maximum (the Java module's defaults).
  int max_retries = 3;
  std::chrono::milliseconds max_back_off{5000};
  // awsAddDefaultProviders: accepted for compatibility; sluice never falls back from a configured
  // profile or role to the default chain (see make_msk_iam_token_provider).
  bool add_default_providers = true;
};

// Parses the options of a sasl.jaas.config line (names case-sensitive, as in Java; values already
// unquoted). kInvalidArgument naming the option for an unknown option, a bad number or boolean,
// half a key pair, or role keys without awsRoleArn. Never quotes a secret value.
Result<MskIamLoginOptions> parse_msk_iam_login_options(
    const std::vector<std::pair<std::string, std::string>>& jaas_options);

// Tokens for one Kafka client (librdkafka's refresh callback calls token()). Asks the credentials
// provider on every call (providers cache, so that is cheap) and keeps the last token while it has
// at least 20% of its lifetime left and was signed with the same credentials; librdkafka itself
// refreshes at 80%, so each of its refreshes gets a new token. Thread-safe: one mutex, held while
// signing (microseconds), not while fetching credentials.
class MskIamTokenProvider {
 public:
  MskIamTokenProvider(std::shared_ptr<CredentialsProvider> credentials, std::string region,
                      std::function<std::chrono::system_clock::time_point()> clock = {},
                      std::string user_agent = "sluice/" SLUICE_VERSION);

  // The cached token or a new one. Errors are those of the credentials provider (with context
  // "MSK IAM token for <region>") or of make_msk_iam_token.
  Result<MskIamToken> token();

  const std::string& region() const { return region_; }

 private:
  std::shared_ptr<CredentialsProvider> credentials_;
  std::string region_;
  std::function<std::chrono::system_clock::time_point()> clock_;
  std::string user_agent_;
  std::mutex mutex_;
  std::optional<MskIamToken> cached_;
  std::chrono::system_clock::time_point refresh_at_{};
  // Identifies the credentials the cached token was signed with, without keeping the secret:
  // SHA-256 over key id, secret and session token.
  std::string signed_with_;
};

// A provider from the login options: base credentials from the named profile (awsProfileName), or
// from fixed keys (awsRoleAccessKeyId...), else from the chain sluice uses (its default chain
// without configured keys); then STS AssumeRole when awsRoleArn is set, in awsStsRegion or else
// the token's region. Transient credential failures are retried as awsMaxRetries says.
// kInvalidArgument for an empty region.
Result<std::unique_ptr<MskIamTokenProvider>> make_msk_iam_token_provider(
    const MskIamLoginOptions& options, std::string region, DefaultChainOptions chain_options = {});

}  // namespace sluice::aws
