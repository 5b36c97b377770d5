// Access tokens from an OAuth 2.0 token endpoint with the client credentials grant (RFC 6749
// §4.4), as Kafka's Java client fetches them (ClientCredentialsJwtRetriever, formerly
// HttpAccessTokenRetriever, KIP-768) for its SASL/OAUTHBEARER login and Confluent's Schema
// Registry client for bearer.auth.credentials.source=OAUTHBEARER.
//
// The request: POST, a form body grant_type=client_credentials and the scope when there is one,
// the client authenticated by HTTP Basic over its id and secret (as they are, or form-encoded
// first when header_urlencode says so, RFC 6749 §2.3.1). The answer is read by
// parse_token_response (token_response.h).
//
// Errors: the endpoint unreachable, or answering 408, 429 or 5xx, is kRetriable; any other
// refusal (401 invalid_client, 400 invalid_scope, ...) is kFatal naming the endpoint, the client
// id and the endpoint's own error code; neither the secret nor a token ever appears in a message.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http/http_client.h"
#include "oauth/access_token.h"
#include "oauth/token_response.h"

namespace sluice::oauth {

struct ClientCredentials {
  std::string token_endpoint_url;  // http:// or https://
  std::string client_id;
  std::string client_secret;  // a secret
  std::string scope;          // empty: none sent
  ClaimNames claims;
  // Form-encode id and secret inside the Basic header (Kafka's sasl.oauthbearer.header.urlencode;
  // Java's clients send them as they are by default).
  bool header_urlencode = false;
  // Copied onto every token (SASL extensions; see AccessToken).
  std::vector<std::pair<std::string, std::string>> extensions;
};

// A source that asks the endpoint for a new token on every call, through one HTTP client made
// with `http` (TLS settings, timeouts). Thread-safe: calls take turns. `clock` is for tests.
TokenSource make_client_credentials_source(ClientCredentials credentials,
                                           http::HttpClientOptions http, Clock clock = {});

}  // namespace sluice::oauth
