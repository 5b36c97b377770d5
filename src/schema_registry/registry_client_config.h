// RegistryClientConfig: how a SchemaRegistryClient reaches its registry. The converters fill it
// from their sub-config (schema.registry.url, basic.auth.*, bearer.auth.*, schema.registry.ssl.*,
// max.schemas.per.subject, http.*.timeout.ms, request.header.*) with the defaults of Confluent's
// client (AbstractKafkaSchemaSerDeConfig, RestService); this struct holds the resolved values.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/http_client.h"
#include "oauth/client_credentials.h"

namespace sluice::schema_registry {

struct RegistryClientConfig {
  // Base URLs, tried in turn when one fails ("http://host:8081", no trailing '/').
  std::vector<std::string> urls;
  // HTTP Basic credentials "user:password" (basic.auth.user.info, or the user info of the URL).
  // A secret: never logged.
  std::string basic_user_info;
  // A bearer token (bearer.auth.credentials.source=STATIC_TOKEN). A secret.
  std::string bearer_token;
  // Bearer tokens from an OAuth token endpoint (bearer.auth.credentials.source=OAUTHBEARER or
  // SASL_OAUTHBEARER_INHERIT), fetched before the first request and again before they expire,
  // never per request. Then basic_user_info and bearer_token are empty.
  struct OAuthBearer {
    oauth::ClientCredentials credentials;  // holds the client secret
    // A new token is fetched at least this long before the current one expires, else at 80 % of
    // its lifetime (bearer.auth.cache.expiry.buffer.seconds).
    std::chrono::seconds cache_expiry_buffer{300};
  };
  std::optional<OAuthBearer> oauth_bearer;
  // With bearer authentication, the headers that name the Confluent Cloud registry cluster and
  // identity pool (bearer.auth.logical.cluster -> target-sr-cluster, bearer.auth.identity.pool.id
  // -> Confluent-Identity-Pool-Id); empty: not sent.
  std::string logical_cluster;
  std::string identity_pool_id;
  // Extra request headers (request.header.<name>=<value>).
  http::HeaderList extra_headers;
  // TLS and timeouts of the HTTP client (ca_file / ca_pem, client certificate, proxy).
  http::HttpClientOptions http;
  // Retries of one request after a transport failure or a 408/429/5xx answer, with exponential
  // backoff from retry_wait to retry_max_wait (Confluent's max.retries, retries.wait.ms,
  // retries.max.wait.ms).
  int max_retries = 3;
  std::chrono::milliseconds retry_wait{1000};
  std::chrono::milliseconds retry_max_wait{20000};
  // How many schemas (by id) and versions (by subject and schema) are kept (max.schemas.per.subject
  // in Confluent's client, 1000 by default); the least recently used go first.
  size_t cache_capacity = 1000;
};

}  // namespace sluice::schema_registry
