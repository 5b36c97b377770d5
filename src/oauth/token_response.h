// The answer of an OAuth 2.0 token endpoint (RFC 6749 §5.1) read into an AccessToken, with the
// checks Kafka's Java client makes of the JWT it gets (LoginAccessTokenValidator, KIP-768): the
// exp claim is the expiry, the subject claim names the principal, iat (when present) the issue
// time, and a scope claim, when present, is one non-blank string or a list of distinct non-blank
// strings. Stateless; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "oauth/access_token.h"
#include "util/status.h"

namespace sluice::oauth {

// The JWT claims that name the subject and the scope (Kafka's sasl.oauthbearer.sub.claim.name and
// .scope.claim.name, Confluent's bearer.auth.sub.claim.name and .scope.claim.name).
struct ClaimNames {
  std::string subject = "sub";
  std::string scope = "scope";  // empty: the scope claim is not looked at
};

// The token in `body`. A JWT's exp claim wins over the answer's expires_in; an opaque token (not a
// JWT) needs expires_in and is named "unknown". kFatal saying what is missing or wrong, never
// quoting the token.
Result<AccessToken> parse_token_response(std::string_view body, const ClaimNames& claims,
                                         std::chrono::system_clock::time_point now);

}  // namespace sluice::oauth
