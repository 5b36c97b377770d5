#include "kafka/oauthbearer_token.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

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
  if (!clock) clock = [] { return std::chrono::system_clock::now(); };
  struct State {
    std::mutex mutex;
    std::optional<OAuthBearerToken> last;
  };
  auto state = std::make_shared<State>();
  return [source = std::move(source), margin, clock = std::move(clock),
          state]() -> Result<OAuthBearerToken> {
    Result<OAuthBearerToken> fresh = source();
    std::lock_guard<std::mutex> lock(state->mutex);
    if (fresh.ok()) {
      state->last = *fresh;
      return fresh;
    }
    if (fresh.status().code() == StatusCode::kRetriable && state->last &&
        state->last->expiration - clock() > margin) {
      spdlog::warn(
          "kafka: could not make a new OAUTHBEARER token ({}); using the current one, valid for "
          "{} s more",
          fresh.status().message(),
          std::chrono::duration_cast<std::chrono::seconds>(state->last->expiration - clock())
              .count());
      // librdkafka asks again at 80 % of the lifetime it is told: tell it the token lasts only a
      // few seconds more, so it retries soon (the broker goes by the token's own expiry). Waiting
      // for 80 % of the real rest would leave the connections re-authenticating with a token in
      // its last seconds (KIP-368) while the endpoint is already back.
      OAuthBearerToken again = *state->last;
      again.expiration = std::min(again.expiration, clock() + kRetryHorizon);
      return again;
    }
    return fresh;
  };
}

void refresh_oauthbearer_token(rd_kafka_t* rk, const OAuthBearerTokenSource& source) {
  Result<OAuthBearerToken> token = source();
  if (!token.ok()) {
    // librdkafka asks again in about 10 s, but also reports an authentication error at once,
    // which fails the task: transient failures are absorbed before this (keep_last_good_token).
    spdlog::error("kafka: could not make an OAUTHBEARER token: {}", token.status().message());
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
    spdlog::error("kafka: librdkafka refused the OAUTHBEARER token: {}", err);
    rd_kafka_oauthbearer_set_token_failure(rk, err);
    return;
  }
  spdlog::debug("kafka: new OAUTHBEARER token for principal {}, valid for {} s", token->principal,
                std::chrono::duration_cast<std::chrono::seconds>(token->expiration -
                                                                 std::chrono::system_clock::now())
                    .count());
}

}  // namespace sluice::kafka
