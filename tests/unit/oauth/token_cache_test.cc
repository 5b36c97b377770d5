#include "oauth/token_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <thread>
#include <vector>

namespace sluice::oauth {
namespace {

using Clock = std::chrono::system_clock;
using std::chrono::seconds;
const Clock::time_point kStart = Clock::time_point(seconds(1'800'000'000));

AccessToken token(const std::string& value, Clock::time_point expiration,
                  std::optional<Clock::time_point> issued_at = std::nullopt) {
  AccessToken t;
  t.value = value;
  t.expiration = expiration;
  t.issued_at = issued_at;
  t.principal = "p";
  return t;
}

RefreshPolicy confluent(seconds buffer = seconds(300)) {
  RefreshPolicy policy;
  policy.expiry_buffer = buffer;
  return policy;
}

// Confluent's OauthTokenCache.calculateTokenExpiryTime: 80 % of the lifetime, but no later than the
// buffer before expiry; a token shorter than the buffer is replaced after 80 % of what is left.
TEST(RefreshTimeTest, EightyPercentOfTheLifetimeButNotInsideTheBuffer) {
  EXPECT_EQ(refresh_time(token("a", kStart + seconds(3600)), kStart, confluent()),
            kStart + seconds(2880));
  EXPECT_EQ(refresh_time(token("a", kStart + seconds(1000)), kStart, confluent()),
            kStart + seconds(700));
  EXPECT_EQ(refresh_time(token("a", kStart + seconds(200)), kStart, confluent()),
            kStart + seconds(160));
  EXPECT_EQ(refresh_time(token("a", kStart + seconds(1000)), kStart, confluent(seconds(0))),
            kStart + seconds(800));
}

TEST(RefreshTimeTest, TheLifetimeCountsFromTheIssueTime) {
  // Issued 100 s before it was fetched: 80 % of 3600 s from the iat.
  EXPECT_EQ(
      refresh_time(token("a", kStart + seconds(3500), kStart - seconds(100)), kStart, confluent()),
      kStart + seconds(2780));
  // An iat far behind this clock would make the token due at once, and fetched on every request:
  // 80 % of what is left instead, still outside the buffer.
  EXPECT_EQ(
      refresh_time(token("a", kStart + seconds(600), kStart - seconds(3000)), kStart, confluent()),
      kStart + seconds(300));
  EXPECT_EQ(refresh_time(token("a", kStart + seconds(600), kStart - seconds(3000)), kStart,
                         confluent(seconds(0))),
            kStart + seconds(480));
}

struct FakeSource {
  std::deque<Result<AccessToken>> answers;
  int calls = 0;
  TokenSource source() {
    return [this]() -> Result<AccessToken> {
      ++calls;
      Result<AccessToken> next = answers.front();
      answers.pop_front();
      return next;
    };
  }
};

TEST(TokenCacheTest, OneFetchUntilTheTokenIsDue) {
  Clock::time_point now = kStart;
  FakeSource fake;
  fake.answers.push_back(token("t1", kStart + seconds(1000)));
  fake.answers.push_back(token("t2", kStart + seconds(2000)));
  TokenCache cache(fake.source(), confluent(), [&] { return now; });
  for (int i = 0; i < 100; ++i) {
    now = kStart + seconds(i * 6);  // up to 594 s: t1 is due at 700 s
    Result<TokenCache::Lookup> t = cache.token();
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->token.value, "t1");
  }
  EXPECT_EQ(fake.calls, 1);
  now = kStart + seconds(700);
  EXPECT_EQ(cache.token()->token.value, "t2");
  EXPECT_EQ(fake.calls, 2);
}

// A token endpoint outage at refresh time: the current token goes on while it lives, the endpoint
// is asked again only after retry_after_failure, and once the token is nearly gone the failure
// goes through (retriable, for the caller to retry later).
TEST(TokenCacheTest, AnOutageAtRefreshTimeKeepsTheCurrentTokenWhileItLives) {
  Clock::time_point now = kStart;
  FakeSource fake;
  fake.answers.push_back(token("t1", kStart + seconds(1000)));
  fake.answers.push_back(Status::retriable("token endpoint: HTTP 503"));
  fake.answers.push_back(Status::retriable("token endpoint: HTTP 503"));
  fake.answers.push_back(Status::retriable("token endpoint: connection refused"));
  RefreshPolicy policy = confluent();
  policy.reuse_margin = seconds(5);
  policy.retry_after_failure = seconds(10);
  TokenCache cache(fake.source(), policy, [&] { return now; });
  ASSERT_TRUE(cache.token().ok());

  now = kStart + seconds(700);
  Result<TokenCache::Lookup> kept = cache.token();
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->token.value, "t1");
  EXPECT_EQ(kept->refresh_failure.message(), "token endpoint: HTTP 503");
  EXPECT_EQ(fake.calls, 2);
  now = kStart + seconds(709);  // within retry_after_failure: no request, no new failure
  EXPECT_TRUE(cache.token()->refresh_failure.ok());
  EXPECT_EQ(fake.calls, 2);
  now = kStart + seconds(710);
  EXPECT_EQ(cache.token()->refresh_failure.message(), "token endpoint: HTTP 503");
  EXPECT_EQ(fake.calls, 3);
  now = kStart + seconds(996);  // 4 s left, less than the margin
  Result<TokenCache::Lookup> gone = cache.token();
  EXPECT_EQ(gone.status().code(), StatusCode::kRetriable);
  EXPECT_EQ(gone.status().message(), "token endpoint: connection refused");
}

TEST(TokenCacheTest, ARefusalIsNeverMaskedAndNoTokenMeansTheFailureGoesThrough) {
  Clock::time_point now = kStart;
  FakeSource fake;
  fake.answers.push_back(Status::retriable("down"));
  fake.answers.push_back(token("t1", kStart + seconds(1000)));
  fake.answers.push_back(Status::fatal("refused client (HTTP 401, invalid_client)"));
  fake.answers.push_back(token("t2", kStart + seconds(2000)));
  TokenCache cache(fake.source(), confluent(), [&] { return now; });
  EXPECT_EQ(cache.token().status().message(), "down");
  EXPECT_EQ(cache.token()->token.value, "t1");
  now = kStart + seconds(700);
  EXPECT_EQ(cache.token().status().code(), StatusCode::kFatal);
  EXPECT_EQ(cache.token()->token.value, "t2");  // asked again on the next call
}

TEST(TokenCacheTest, LifetimeFractionZeroAsksOnEveryCall) {
  FakeSource fake;
  for (int i = 0; i < 3; ++i) fake.answers.push_back(token("t", kStart + seconds(1000)));
  RefreshPolicy every_call;
  every_call.lifetime_fraction = 0;
  TokenCache cache(fake.source(), every_call, [] { return kStart; });
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(cache.token().ok());
  EXPECT_EQ(fake.calls, 3);
}

// Many threads at once (librdkafka's threads, the converters): one fetch, and everybody gets its
// token. Run under ThreadSanitizer by make test-tsan.
TEST(TokenCacheTest, ConcurrentCallersShareOneFetch) {
  std::atomic<int> calls{0};
  TokenSource source = [&calls]() -> Result<AccessToken> {
    calls.fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a slow endpoint
    return token("shared", Clock::now() + seconds(3600));
  };
  TokenCache cache(source, confluent());
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) {
        Result<TokenCache::Lookup> t = cache.token();
        if (t.ok() && t->token.value == "shared") good.fetch_add(1);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(good.load(), 400);
  EXPECT_EQ(calls.load(), 1);
}

}  // namespace
}  // namespace sluice::oauth
