// RegistryClientConfig: how a SchemaRegistryClient reaches its registry. The converters fill it
// from their sub-config (schema.registry.url, basic.auth.*, bearer.auth.*, schema.registry.ssl.*,
// max.schemas.per.subject, http.*.timeout.ms, request.header.*) with the defaults of Confluent's
// client (AbstractKafkaSchemaSerDeConfig, RestService); this struct holds the resolved values.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "http/http_client.h"

namespace sluice::schema_registry {

struct RegistryClientConfig {
  // Base URLs, tried in turn when one fails ("http://host:8081", no trailing '/').
  std::vector<std::string> urls;
  // HTTP Basic credentials "user:password" (basic.auth.user.info, or the user info of the URL).
  // A secret: never logged.
  std::string basic_user_info;
  // A bearer token (bearer.auth.credentials.source=STATIC_TOKEN). A secret.
  std::string bearer_token;
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
