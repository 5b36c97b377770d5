// AccessToken: an OAuth 2.0 access token (RFC 6749 §1.4) as sluice's clients present it, and
// TokenSource, a function that makes one.
//
// The same token serves two clients: a Kafka connection signs in with it over SASL/OAUTHBEARER
// (kafka/oauthbearer_token.h hands it to librdkafka), and the Schema Registry client sends it as
// an HTTP bearer token (RFC 6750 §2.1). Tokens are values; a TokenSource's thread rules are its
// maker's (each source sluice builds is thread-safe).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/status.h"

namespace sluice::oauth {

using Clock = std::function<std::chrono::system_clock::time_point()>;

struct AccessToken {
  std::string value;  // a secret: never logged
  std::chrono::system_clock::time_point expiration;
  std::string principal;  // whom the token names (its subject claim); may be logged
  // SASL extensions a Kafka client sends with the token (RFC 7628 §3.1, e.g. Confluent Cloud's
  // logicalCluster); HTTP bearer authentication has none.
  std::vector<std::pair<std::string, std::string>> extensions;
  // When the token was issued (a JWT's iat claim), when it says.
  std::optional<std::chrono::system_clock::time_point> issued_at;
};

// Makes a new token on every call. kRetriable when trying again later may succeed (the endpoint
// is unreachable or overloaded), kFatal when it cannot (the credentials were refused).
using TokenSource = std::function<Result<AccessToken>()>;

// `clock`, or the system clock when it is empty.
inline Clock system_clock_or(Clock clock) {
  if (clock) return clock;
  return [] { return std::chrono::system_clock::now(); };
}

}  // namespace sluice::oauth
