// OAuthBearerToken: the SASL/OAUTHBEARER token a Kafka client presents, and how sluice hands
// librdkafka a fresh one whenever it asks.
//
// librdkafka asks for a token through its refresh callback: once before the first connection and
// again at about 80 % of the token's lifetime. sluice's tokens come from code of its own (MSK IAM
// signs one from the AWS credential chain, see aws/msk_iam_token.h), so the Kafka layer only knows
// "a function that makes a token"; the runtime supplies it. The callback runs on librdkafka's
// background thread (the SASL queue is forwarded there), so a first connection never waits for
// the application to poll, and the source must be thread-safe.
#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <functional>

#include "oauth/access_token.h"
#include "util/status.h"

namespace sluice::kafka {

// The token and its source are oauth/'s (shared with the Schema Registry client): the principal
// is the name the client reports (brokers may ignore it), the extensions go with the token.
using OAuthBearerToken = oauth::AccessToken;
using OAuthBearerTokenSource = oauth::TokenSource;

// The shape of librdkafka's token refresh callback; `opaque` is the client's opaque.
using OAuthBearerRefreshCallback = void (*)(rd_kafka_t* rk, const char* config, void* opaque);

// Sets `callback` as the token refresh callback of `conf` and routes SASL events to a queue that
// enable_oauthbearer_background(rk) forwards to librdkafka's background thread once the client
// exists. Both calls are needed; the callback usually just calls refresh_oauthbearer_token.
void install_oauthbearer_refresh(rd_kafka_conf_t* conf, OAuthBearerRefreshCallback callback);
Status enable_oauthbearer_background(rd_kafka_t* rk);

// Wraps `source` so that a transient failure (kRetriable) while the last token it made still has
// more than `margin` to live hands that token out again, with a warning, instead of failing:
// librdkafka reports every token failure as an authentication error, which fails the task, and a
// token endpoint or STS hiccup at the 80 % refresh point must not. The reused token is handed
// out with an expiry at most 3 s away (never later than its own), so librdkafka asks again within
// seconds rather than at 80 % of what is left. Fatal failures and an exhausted token still fail.
// Every call asks `source` (librdkafka decides when): an oauth::TokenCache whose policy fetches on
// every call. One wrapper per client; thread-safe.
OAuthBearerTokenSource keep_last_good_token(
    OAuthBearerTokenSource source, std::chrono::seconds margin = std::chrono::seconds(2),
    std::function<std::chrono::system_clock::time_point()> clock = {});

// Asks `source` for a token and gives it (or the failure) to librdkafka. Exposed for the refresh
// callbacks of both the consumer and the dead-letter-queue producer.
void refresh_oauthbearer_token(rd_kafka_t* rk, const OAuthBearerTokenSource& source);

}  // namespace sluice::kafka
