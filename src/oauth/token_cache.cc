#include "oauth/token_cache.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sluice::oauth {

namespace {

using TimePoint = std::chrono::system_clock::time_point;

int64_t epoch_ms(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_epoch_ms(int64_t ms) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace

TimePoint refresh_time(const AccessToken& token, TimePoint fetched_at,
                       const RefreshPolicy& policy) {
  if (policy.lifetime_fraction <= 0) return fetched_at;
  const int64_t now = epoch_ms(fetched_at);
  const int64_t expiry = epoch_ms(token.expiration);
  if (now >= expiry) return token.expiration;
  const int64_t buffer = std::chrono::milliseconds(policy.expiry_buffer).count();
  const double fraction = std::min(policy.lifetime_fraction, 1.0);
  // The share of what is left from now: for tokens shorter than the buffer, and for a token whose
  // iat lies so far behind this clock that its share of the lifetime is already over.
  const int64_t share_of_rest =
      now + static_cast<int64_t>(std::floor(static_cast<double>(expiry - now) * fraction));
  if (now + buffer >= expiry) return from_epoch_ms(share_of_rest);
  const int64_t start = token.issued_at ? epoch_ms(*token.issued_at) : now;
  int64_t due = start + static_cast<int64_t>(static_cast<double>(expiry - start) * fraction);
  due = std::min(due, expiry - buffer);
  if (due <= now) due = std::min(share_of_rest, expiry - buffer);
  return from_epoch_ms(due);
}

TokenCache::TokenCache(TokenSource source, RefreshPolicy policy, Clock clock)
    : source_(std::move(source)), policy_(policy), clock_(system_clock_or(std::move(clock))) {}

Result<TokenCache::Lookup> TokenCache::token() {
  std::lock_guard<std::mutex> lock(mu_);
  const TimePoint now = clock_();
  const bool every_call = policy_.lifetime_fraction <= 0;
  if (current_ && !every_call && now < due_) return Lookup{*current_, Status::ok_status()};
  Result<AccessToken> fresh = source_();
  if (fresh.ok()) {
    current_ = *fresh;
    due_ = refresh_time(*current_, now, policy_);
    return Lookup{std::move(fresh).value(), Status::ok_status(), /*fetched=*/true};
  }
  if (fresh.status().code() == StatusCode::kRetriable && current_ &&
      current_->expiration - now > policy_.reuse_margin) {
    due_ = std::min<TimePoint>(now + policy_.retry_after_failure,
                               current_->expiration - policy_.reuse_margin);
    return Lookup{*current_, fresh.status()};
  }
  return fresh.status();
}

}  // namespace sluice::oauth
