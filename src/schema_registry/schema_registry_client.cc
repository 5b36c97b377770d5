#include "schema_registry/schema_registry_client.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <random>
#include <thread>

#include "util/log.h"

namespace sluice::schema_registry {

namespace {

bool retriable_status(int status) {
  return status == 408 || status == 429 || status >= 500;
}

std::string describe_answer(const http::HttpResponse& response) {
  RegistryError error = parse_error_answer(response.body);
  std::string out = "HTTP " + std::to_string(response.status);
  if (error.error_code != 0) out += " (error " + std::to_string(error.error_code) + ")";
  if (!error.message.empty()) out += ": " + error.message;
  return out;
}

// A token kept through a token endpoint outage is sent only while it has this long to live; the
// endpoint is asked again this long after a failure (Kafka's sasl.login.retry.backoff.max.ms).
constexpr std::chrono::seconds kOAuthReuseMargin(5);
constexpr std::chrono::seconds kOAuthRetryAfterFailure(10);

double next_jitter() {
  thread_local std::minstd_rand rng(std::random_device{}());
  return std::uniform_real_distribution<double>(0.5, 1.0)(rng);
}

}  // namespace

SchemaRegistryClient::SchemaRegistryClient(RegistryClientConfig config)
    : config_(std::move(config)),
      http_(config_.http),
      by_id_(config_.cache_capacity),
      versions_(config_.cache_capacity) {
  assert(!config_.urls.empty());
  if (config_.oauth_bearer) {
    // The token endpoint is reached with the registry's TLS settings and timeouts (Confluent's
    // client uses schema.registry.ssl.* for it too), but not through proxy.host.
    http::HttpClientOptions token_http = config_.http;
    token_http.proxy_url.clear();
    oauth::RefreshPolicy policy;
    policy.expiry_buffer = config_.oauth_bearer->cache_expiry_buffer;
    policy.reuse_margin = kOAuthReuseMargin;
    policy.retry_after_failure = kOAuthRetryAfterFailure;
    oauth_tokens_ = std::make_unique<oauth::TokenCache>(
        oauth::make_client_credentials_source(config_.oauth_bearer->credentials,
                                              std::move(token_http)),
        policy);
  }
}

Result<std::string> SchemaRegistryClient::oauth_authorization(const std::string& what) {
  if (!oauth_tokens_) return std::string();
  Result<oauth::TokenCache::Lookup> lookup = oauth_tokens_->token();
  if (!lookup.ok()) {
    return lookup.status().with_context("Schema Registry " + what +
                                        ": cannot get an OAuth bearer token");
  }
  const oauth::AccessToken& token = lookup->token;
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(
      token.expiration - std::chrono::system_clock::now());
  if (!lookup->refresh_failure.ok()) {
    SLUICE_LOG(kSchemaRegistry)
        .warn(
            "schema registry: could not renew the OAuth bearer token ({}); using the current one, "
            "valid for {} s more",
            lookup->refresh_failure.message(), left.count());
  } else if (lookup->fetched) {
    SLUICE_LOG(kSchemaRegistry)
        .info("schema registry: new OAuth bearer token for principal {}, valid for {} s",
              token.principal, left.count());
  }
  return "Bearer " + token.value;
}

std::chrono::milliseconds SchemaRegistryClient::backoff(const RegistryClientConfig& config,
                                                        int attempt, double jitter) {
  double wait = static_cast<double>(config.retry_wait.count()) * std::pow(2.0, attempt - 1);
  wait = std::min(wait, static_cast<double>(config.retry_max_wait.count()));
  return std::chrono::milliseconds(static_cast<int64_t>(wait * std::clamp(jitter, 0.5, 1.0)));
}

Result<http::HttpResponse> SchemaRegistryClient::send(const RequestBuilder& build,
                                                      const std::string& what) {
  SLUICE_ASSIGN_OR_RETURN(const std::string authorization, oauth_authorization(what));
  const int attempts = std::max(1, config_.max_retries + 1);
  Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(backoff(config_, attempt, next_jitter()));
    const std::string& url = config_.urls[next_url_ % config_.urls.size()];
    http::HttpRequest request = build(url);
    if (!authorization.empty()) request.headers.emplace_back("Authorization", authorization);
    requests_sent_.fetch_add(1, std::memory_order_relaxed);
    Result<http::HttpResponse> response = http_.send(request);
    if (!response.ok()) {
      if (!response.status().is_retriable()) {
        return response.status().with_context("Schema Registry " + url + ": " + what);
      }
      last = response.status().with_context("Schema Registry " + url + ": " + what);
    } else if (retriable_status(response->status)) {
      last = answer_error(url, what, *response);
    } else {
      return response;
    }
    ++next_url_;  // the next attempt goes to the next registry, as Confluent's client does
  }
  return Status::retriable(last.message() + " (gave up after " + std::to_string(attempts) +
                           " attempts)");
}

Status SchemaRegistryClient::answer_error(const std::string& url, const std::string& what,
                                          const http::HttpResponse& response) const {
  std::string message = "Schema Registry " + url + ": " + what + ": " + describe_answer(response);
  const int status = response.status;
  if (status == 401 || status == 403) {
    return Status::fatal(message +
                         " (check basic.auth.credentials.source / basic.auth.user.info or "
                         "bearer.auth.* of the converter)");
  }
  if (retriable_status(status)) return Status::retriable(std::move(message));
  return Status::data_error(std::move(message));
}

Result<std::shared_ptr<const RegisteredSchema>> SchemaRegistryClient::schema_by_id(
    SchemaId id, const Subject& subject) {
  std::lock_guard<std::mutex> lock(mu_);
  if (const auto* cached = by_id_.get(id)) return *cached;
  const std::string what = "schema id " + std::to_string(id.value);
  SLUICE_ASSIGN_OR_RETURN(
      http::HttpResponse response,
      send([&](std::string_view base) { return schema_by_id_request(config_, base, id, subject); },
           what));
  const std::string& url = config_.urls[next_url_ % config_.urls.size()];
  if (response.status / 100 != 2) return answer_error(url, what, response);
  Result<RegisteredSchema> schema = parse_schema_answer(response.body, id);
  if (!schema.ok()) return schema.status().with_context("Schema Registry " + url + ": " + what);
  auto shared = std::make_shared<const RegisteredSchema>(std::move(*schema));
  by_id_.put(id, shared);
  return shared;
}

Result<SchemaVersion> SchemaRegistryClient::version_of(const Subject& subject,
                                                       const RegisteredSchema& schema) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string key = subject.name() + '\0' + schema.text;
  if (const auto* cached = versions_.get(key)) return *cached;
  const std::string what = "version of schema id " + std::to_string(schema.id.value) +
                           " under subject " + subject.name();
  std::string body;
  SLUICE_ASSIGN_OR_RETURN(http::HttpResponse response, send(
                                                           [&](std::string_view base) {
                                                             return lookup_version_request(
                                                                 config_, base, subject, schema,
                                                                 &body);
                                                           },
                                                           what));
  const std::string& url = config_.urls[next_url_ % config_.urls.size()];
  if (response.status / 100 != 2) return answer_error(url, what, response);
  Result<SubjectSchema> answer = parse_subject_schema_answer(response.body);
  if (!answer.ok()) return answer.status().with_context("Schema Registry " + url + ": " + what);
  versions_.put(key, answer->version);
  return answer->version;
}

Result<SubjectSchema> SchemaRegistryClient::subject_version(const Subject& subject,
                                                            std::optional<SchemaVersion> version) {
  const std::string what = "subject " + subject.name() + " version " +
                           (version ? std::to_string(version->value) : std::string("latest"));
  return fetch_subject_schema(
      [&](std::string_view base) {
        return subject_version_request(config_, base, subject, version);
      },
      what);
}

Result<SubjectSchema> SchemaRegistryClient::latest_with_metadata(
    const Subject& subject, const std::vector<std::pair<std::string, std::string>>& metadata) {
  std::string what = "latest version of subject " + subject.name() + " with metadata";
  for (const auto& [key, value] : metadata) what += " " + key + "=" + value;
  return fetch_subject_schema(
      [&](std::string_view base) {
        return latest_with_metadata_request(config_, base, subject, metadata);
      },
      what);
}

Result<SubjectSchema> SchemaRegistryClient::fetch_subject_schema(const RequestBuilder& build,
                                                                 const std::string& what) {
  std::lock_guard<std::mutex> lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(http::HttpResponse response, send(build, what));
  const std::string& url = config_.urls[next_url_ % config_.urls.size()];
  if (response.status / 100 != 2) return answer_error(url, what, response);
  Result<SubjectSchema> answer = parse_subject_schema_answer(response.body);
  if (!answer.ok()) return answer.status().with_context("Schema Registry " + url + ": " + what);
  return answer;
}

}  // namespace sluice::schema_registry
