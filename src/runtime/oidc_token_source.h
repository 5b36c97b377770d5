// OidcTokenSource: OAUTHBEARER tokens from an OAuth 2.0 token endpoint with the client_credentials
// grant, as Kafka's OIDC login handler (KIP-768, OAuthBearerLoginCallbackHandler) gets them.
//
// librdkafka has an OIDC login of its own, but it fails where Java's does not: a failed refresh
// is reported as an authentication error while the current token is still good, connection
// failures are not retried, and header.urlencode is missing (docs/compatibility.md). So sluice
// fetches the tokens and hands them to librdkafka through the refresh callback
// (kafka/oauthbearer_token.h).
//
// The request is what the Java handler sends: POST with grant_type=client_credentials and the
// scope, the client authenticated by HTTP Basic over the form-encoded id and secret (RFC 6749
// §2.3.1). The answer's access_token is a JWT; its exp claim (else expires_in) is the token's
// expiry and its sub claim (or the configured one) the principal. Thread-safe: the consumer and
// the dead-letter-queue producer share one source and call it from librdkafka's threads.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "kafka/client_config.h"
#include "kafka/oauthbearer_token.h"
#include "util/status.h"

namespace sluice::runtime {

// The source for `settings`; `clock` is for tests (default: the system clock).
kafka::OAuthBearerTokenSource make_oidc_token_source(
    kafka::ClientConfig::Oidc settings,
    std::function<std::chrono::system_clock::time_point()> clock = {});

// Parses a token endpoint's JSON answer (RFC 6749 §5.1) into a token: kFatal naming what is
// missing or wrong (never the token or the secret). Exposed for tests.
Result<kafka::OAuthBearerToken> parse_token_response(std::string_view body,
                                                     const std::string& sub_claim_name,
                                                     std::chrono::system_clock::time_point now);

}  // namespace sluice::runtime
