// AWS credentials and the interface every credentials source implements.
//
// A CredentialsProvider is shared by every thread that signs requests (all upload workers of a
// task use one), so credentials() must be thread-safe. It hands out AwsCredentials by value: one
// signature never mixes two credential sets, even while a refreshing provider swaps them.
//
// Sources now: static keys from the connector config (static_credentials_provider.h) and the
// process environment (environment_credentials_provider.h), tried in order by
// CredentialsProviderChain. The full chain (web identity, shared profiles, container, IMDS, STS
// AssumeRole; spec msk-connect-and-aws.md §5) plugs in as further providers: that is why a
// provider can say "not configured here" (kNotFound) apart from "configured but failing", and why
// invalidate() exists.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "util/status.h"

namespace sluice::aws {

struct AwsCredentials {
  std::string access_key_id;
  // A secret: never logged, never put in a Status message, never printed by describe().
  std::string secret_access_key;
  // Set for temporary credentials (STS, container, IMDS); also a secret. Empty otherwise.
  std::string session_token;
  // When temporary credentials stop working; absent for long-term keys.
  std::optional<std::chrono::system_clock::time_point> expiration;
  // Which provider produced them ("static", "environment", ...), for messages.
  std::string provider;

  bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
  // True when the credentials expire before now + margin (never for long-term keys).
  bool expires_within(std::chrono::system_clock::duration margin,
                      std::chrono::system_clock::time_point now) const {
    return expiration.has_value() && *expiration <= now + margin;
  }
  // "access_key_id=AKIA... provider=environment session_token=yes": what a log line or an
  // error message may show. No secret.
  std::string describe() const {
    return "access_key_id=" + access_key_id + " provider=" + (provider.empty() ? "?" : provider) +
           " session_token=" + (session_token.empty() ? "no" : "yes");
  }
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;

  // Current credentials. kNotFound means this source is not configured (a chain moves on to the
  // next); any other error means it is configured but failed (a chain stops and reports it).
  // Thread-safe.
  virtual Result<AwsCredentials> credentials() = 0;

  // The service rejected the last credentials as expired or invalid (ExpiredToken): drop any
  // cached set so the next credentials() fetches fresh ones. Sources of fixed keys ignore it.
  virtual void invalidate() {}

  // A short name for messages ("environment").
  virtual std::string name() const = 0;
};

}  // namespace sluice::aws
