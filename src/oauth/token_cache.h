// TokenCache: the token a client presents now, asked of a TokenSource only when it is due, and
// kept through a short outage of the source.
//
// When a token is due (refresh_time): Confluent's Schema Registry client (OauthTokenCache) asks
// for a new token after 80 % of the current one's lifetime (from its iat claim, else from when it
// was fetched), but no later than expiry_buffer before it expires; a token that lives less than
// the buffer is replaced after 80 % of what was left of it. A policy with lifetime_fraction 0 asks
// the source on every call, for callers that decide the timing themselves (librdkafka's refresh
// callback asks at 80 % of the lifetime on its own).
//
// Through an outage: when a refresh fails with kRetriable and the current token still has more
// than reuse_margin to live, that token is handed out again (with the failure, for the caller to
// report) and the source is asked again after retry_after_failure at the latest when the token
// stops being usable. A kFatal failure is never masked.
//
// Thread-safe: one mutex; the source is called under it, so concurrent callers wait for one
// fetch instead of each making their own.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>

#include "oauth/access_token.h"
#include "util/status.h"
#include "util/thread_annotations.h"

namespace sluice::oauth {

struct RefreshPolicy {
  // Share of a token's lifetime after which a new one is fetched (Confluent: 0.8); 0 fetches on
  // every call.
  double lifetime_fraction = 0.8;
  // A new token is fetched at least this long before the current one expires (Confluent's
  // bearer.auth.cache.expiry.buffer.seconds, 300 by default).
  std::chrono::seconds expiry_buffer{300};
  // After a retriable failure, the current token is used again only while it has more than this
  // left to live.
  std::chrono::milliseconds reuse_margin{std::chrono::seconds(2)};
  // ...and the source is asked again after this long (0: on the next call).
  std::chrono::milliseconds retry_after_failure{0};
};

// When a token fetched at `fetched_at` is due for replacement under `policy`.
std::chrono::system_clock::time_point refresh_time(const AccessToken& token,
                                                   std::chrono::system_clock::time_point fetched_at,
                                                   const RefreshPolicy& policy);

class TokenCache {
 public:
  struct Lookup {
    AccessToken token;
    // OK for a token that is fresh or not yet due; otherwise the refresh failure (kRetriable)
    // that made the cache hand out the current token again.
    Status refresh_failure;
    bool fetched = false;  // the source made this token during this call
  };

  // `clock` is for tests (default: the system clock).
  TokenCache(TokenSource source, RefreshPolicy policy, Clock clock = {});

  // The token to present now: the cached one until it is due, else a new one from the source.
  // Fails when the source fails and there is no usable token to fall back on.
  Result<Lookup> token() EXCLUDES(mu_);

 private:
  const TokenSource source_;
  const RefreshPolicy policy_;
  const Clock clock_;
  std::mutex mu_;
  std::optional<AccessToken> current_ GUARDED_BY(mu_);
  std::chrono::system_clock::time_point due_ GUARDED_BY(mu_);
};

}  // namespace sluice::oauth
