#include "kafka/oauthbearer_token.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "oauth/token_cache.h"
#include "util/log.h"

namespace sluice::kafka {

void install_oauthbearer_refresh(rd_kafka_conf_t* conf, OAuthBearerRefreshCallback callback) {
  rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf, callback);
  // Without its own queue the refresh callback would run only inside rd_kafka_poll /
  // consumer_poll, and the first connection would wait for the application's first poll.
  rd_kafka_conf_enable_sasl_queue(conf, 1);
}

Status enable_oauthbearer_background(rd_kafka_t* rk) {
  rd_kafka_error_t* error = rd_kafka_sasl_background_callbacks_enable(rk);
  if (error == nullptr) return Status::ok_status();
  std::string why = rd_kafka_error_string(error);
  rd_kafka_error_destroy(error);
  return Status::fatal("Kafka client: cannot run SASL callbacks in the background: " + why);
}

namespace {
// What librdkafka is told is left of a reused token: it asks again after 80 % of it (2.4 s).
constexpr std::chrono::seconds kRetryHorizon(3);
}  // namespace

OAuthBearerTokenSource keep_last_good_token(
    OAuthBearerTokenSource source, std::chrono::seconds margin,
    std::function<std::chrono::system_clock::time_point()> clock) {
  clock = oauth::system_clock_or(std::move(clock));
  oauth::RefreshPolicy every_call;
  every_call.lifetime_fraction = 0;
  every_call.reuse_margin = margin;
  auto cache = std::make_shared<oauth::TokenCache>(std::move(source), every_call, clock);
  return [cache, clock]() -> Result<OAuthBearerToken> {
    SLUICE_ASSIGN_OR_RETURN(oauth::TokenCache::Lookup lookup, cache->token());
    if (lookup.refresh_failure.ok()) return std::move(lookup.token);
    const auto now = clock();
    SLUICE_LOG(kKafka).warn(
        "kafka: could not make a new OAUTHBEARER token ({}); using the current one, valid for "
        "{} s more",
        lookup.refresh_failure.message(),
        std::chrono::duration_cast<std::chrono::seconds>(lookup.token.expiration - now).count());
    // librdkafka asks again at 80 % of the lifetime it is told: tell it the token lasts only a
    // few seconds more, so it retries soon (the broker goes by the token's own expiry). Waiting
    // for 80 % of the real rest would leave the connections re-authenticating with a token in
    // its last seconds (KIP-368) while the endpoint is already back.
    lookup.token.expiration = std::min(lookup.token.expiration, now + kRetryHorizon);
    return std::move(lookup.token);
  };
}

void refresh_oauthbearer_token(rd_kafka_t* rk, const OAuthBearerTokenSource& source) {
  Result<OAuthBearerToken> token = source();
  if (!token.ok()) {
    // librdkafka asks again in about 10 s, but also reports an authentication error at once,
    // which fails the task: transient failures are absorbed before this (keep_last_good_token).
    SLUICE_LOG(kKafka).error("kafka: could not make an OAUTHBEARER token: {}",
                             token.status().message());
    rd_kafka_oauthbearer_set_token_failure(rk, token.status().message().c_str());
    return;
  }
  const int64_t expiry_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(token->expiration.time_since_epoch())
          .count();
  std::vector<const char*> extensions;
  extensions.reserve(token->extensions.size() * 2);
  for (const auto& [key, value] : token->extensions) {
    extensions.push_back(key.c_str());
    extensions.push_back(value.c_str());
  }
  char err[512];
  rd_kafka_resp_err_t rc = rd_kafka_oauthbearer_set_token(
      rk, token->value.c_str(), expiry_ms, token->principal.c_str(),
      extensions.empty() ? nullptr : extensions.data(), extensions.size(), err, sizeof(err));
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) {
    // The message librdkafka writes names the problem (expired, bad characters), never the token.
    SLUICE_LOG(kKafka).error("kafka: librdkafka refused the OAUTHBEARER token: {}", err);
    rd_kafka_oauthbearer_set_token_failure(rk, err);
    return;
  }
  SLUICE_LOG(kKafka).debug("kafka: new OAUTHBEARER token for principal {}, valid for {} s",
                           token->principal,
                           std::chrono::duration_cast<std::chrono::seconds>(
                               token->expiration - std::chrono::system_clock::now())
                               .count());
}

}  // namespace sluice::kafka
