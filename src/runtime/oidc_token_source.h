// OidcTokenSource: OAUTHBEARER tokens from an OAuth 2.0 token endpoint with the client_credentials
// grant, as Kafka's OIDC login handler (KIP-768, OAuthBearerLoginCallbackHandler) gets them.
//
// librdkafka has an OIDC login of its own, but it fails where Java's does not: a failed refresh
// is reported as an authentication error while the current token is still good, connection
// failures are not retried, and header.urlencode is missing (docs/compatibility.md). So sluice
// fetches the tokens and hands them to librdkafka through the refresh callback
// (kafka/oauthbearer_token.h).
//
// The request and the reading of the answer are oauth/client_credentials.h's (shared with the
// Schema Registry client); this file maps the Kafka client's settings onto them. Thread-safe: the
// consumer and the dead-letter-queue producer share one source and call it from librdkafka's
// threads.
#pragma once

#include <chrono>
#include <functional>

#include "kafka/client_config.h"
#include "kafka/oauthbearer_token.h"

namespace sluice::runtime {

// The source for `settings`; `clock` is for tests (default: the system clock). Every call asks
// the endpoint: librdkafka calls only when it needs a new token.
kafka::OAuthBearerTokenSource make_oidc_token_source(
    kafka::ClientConfig::Oidc settings,
    std::function<std::chrono::system_clock::time_point()> clock = {});

}  // namespace sluice::runtime
