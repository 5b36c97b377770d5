// SchemaRegistryClient: the schemas behind Confluent wire-format ids, and their versions, from a
// Confluent Schema Registry, each asked for once and then cached.
//
// What the converters need while deserializing (kafka-connect.md §2.6 of the project's notes):
// the writer schema for an id, and that schema's version under the record's subject (which the
// S3 sink's schema.compatibility compares), and with use.latest.version a subject's latest version
// (connect/latest_schema_lookup.h caches those). Answers are cached in bounded LRU caches, so a
// registry is asked once per schema id (and once per subject and schema), never per record.
//
// Requests go to the configured URLs in turn: a transport failure or a 408/429/5xx answer moves on
// to the next URL and is retried with capped exponential backoff and jitter, max_retries times.
// Errors name the registry URL, the request (id or subject) and the HTTP status and registry
// error code; never a credential.
//
// With OAuth bearer authentication (config.oauth_bearer) the client holds an oauth::TokenCache:
// the token is fetched from the token endpoint before the first request and again when it is due
// (Confluent's OauthTokenCache timing), never per request. A token endpoint that cannot be
// reached fails the request with kRetriable (while the current token lives it is used instead,
// and the endpoint is asked again 10 s later); a refusal (401, 403, ...) with kFatal.
//
// Thread-safe: one mutex guards the caches and the HTTP connection, so concurrent callers take
// turns (a task's converters share one client).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/http_client.h"
#include "oauth/token_cache.h"
#include "schema_registry/registry_client_config.h"
#include "schema_registry/registry_protocol.h"
#include "schema_registry/registry_types.h"
#include "util/lru_cache.h"
#include "util/status.h"
#include "util/thread_annotations.h"

namespace sluice::schema_registry {

class SchemaRegistryClient {
 public:
  // REQUIRES: !config.urls.empty().
  explicit SchemaRegistryClient(RegistryClientConfig config);

  // The schema registered under `id`; `subject` is the lookup hint the converters send.
  // kDataError when the registry does not know the id (40403) or answers another 4xx;
  // kRetriable when it stays unreachable or overloaded; kFatal for 401/403.
  Result<std::shared_ptr<const RegisteredSchema>> schema_by_id(SchemaId id, const Subject& subject)
      EXCLUDES(mu_);

  // The version of `schema` under `subject`. kDataError when the schema is not registered under
  // that subject (40401/40403), as Confluent's converters fail then.
  Result<SchemaVersion> version_of(const Subject& subject, const RegisteredSchema& schema)
      EXCLUDES(mu_);

  // A subject's schema at `version`, or its latest version when nullopt (not cached: "latest"
  // moves).
  Result<SubjectSchema> subject_version(const Subject& subject,
                                        std::optional<SchemaVersion> version) EXCLUDES(mu_);

  // The latest version of `subject` whose metadata holds every key and value of `metadata` (not
  // cached here either). kDataError when there is none (40401/40403).
  Result<SubjectSchema> latest_with_metadata(
      const Subject& subject, const std::vector<std::pair<std::string, std::string>>& metadata)
      EXCLUDES(mu_);

  // HTTP requests sent so far, retries included (for tests and metrics).
  uint64_t requests_sent() const { return requests_sent_.load(std::memory_order_relaxed); }

  // The backoff before retry `attempt` (1-based): retry_wait * 2^(attempt-1), at most
  // retry_max_wait, scaled by `jitter` in [0.5, 1].
  static std::chrono::milliseconds backoff(const RegistryClientConfig& config, int attempt,
                                           double jitter);

 private:
  using RequestBuilder = std::function<http::HttpRequest(std::string_view base_url)>;

  // Sends the request built for each URL in turn until one answers with a status that retrying
  // cannot change; `what` names the request in messages ("schema id 42").
  Result<http::HttpResponse> send(const RequestBuilder& build, const std::string& what)
      REQUIRES(mu_);
  // Sends a request answered with a subject's schema and parses the answer.
  Result<SubjectSchema> fetch_subject_schema(const RequestBuilder& build, const std::string& what)
      EXCLUDES(mu_);
  // The Status for a final non-2xx answer.
  Status answer_error(const std::string& url, const std::string& what,
                      const http::HttpResponse& response) const;

  // "Bearer <token>" from the OAuth token cache, or "" without OAuth. A secret.
  Result<std::string> oauth_authorization(const std::string& what) REQUIRES(mu_);

  const RegistryClientConfig config_;
  std::atomic<uint64_t> requests_sent_{0};
  // Set when config_.oauth_bearer is; the cache has its own lock.
  std::unique_ptr<oauth::TokenCache> oauth_tokens_;
  std::mutex mu_;
  http::HttpClient http_ GUARDED_BY(mu_);
  size_t next_url_ GUARDED_BY(mu_) = 0;
  LruCache<SchemaId, std::shared_ptr<const RegisteredSchema>> by_id_ GUARDED_BY(mu_);
  // Keyed by subject, '\0', schema text.
  LruCache<std::string, SchemaVersion> versions_ GUARDED_BY(mu_);
};

}  // namespace sluice::schema_registry
