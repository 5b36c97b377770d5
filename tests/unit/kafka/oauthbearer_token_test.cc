#include "kafka/oauthbearer_token.h"

#include <gtest/gtest.h>

namespace sluice::kafka {
namespace {

using Clock = std::chrono::system_clock;
const Clock::time_point kStart = Clock::time_point(std::chrono::seconds(1'800'000'000));

OAuthBearerToken token(const std::string& value, Clock::time_point expiration) {
  OAuthBearerToken t;
  t.value = value;
  t.expiration = expiration;
  t.principal = "p";
  return t;
}

// librdkafka fails the task on any token failure, so a transient one at the refresh point is
// answered with the token still in force, until that token is nearly gone.
TEST(KeepLastGoodTokenTest, TransientFailuresReuseTheCurrentTokenWhileItLives) {
  Clock::time_point now = kStart;
  std::vector<Result<OAuthBearerToken>> answers;
  answers.push_back(token("t1", kStart + std::chrono::seconds(60)));
  answers.push_back(Status::retriable("token endpoint: HTTP 503"));
  answers.push_back(Status::retriable("token endpoint: HTTP 503"));
  answers.push_back(Status::fatal("refused client (HTTP 401, invalid_client)"));
  answers.push_back(token("t2", kStart + std::chrono::seconds(120)));
  size_t next = 0;
  OAuthBearerTokenSource source = keep_last_good_token(
      [&]() { return answers[next++]; }, std::chrono::seconds(5), [&] { return now; });

  EXPECT_EQ(source()->value, "t1");
  now = kStart + std::chrono::seconds(48);  // librdkafka's 80 % point
  Result<OAuthBearerToken> again = source();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->value, "t1");
  // Handed out as if it ended in 3 s, so that librdkafka asks again soon.
  EXPECT_EQ(again->expiration, now + std::chrono::seconds(3));
  now = kStart + std::chrono::seconds(56);  // less than the margin left: fail for real
  EXPECT_EQ(source().status().code(), StatusCode::kRetriable);
  now = kStart + std::chrono::seconds(10);
  EXPECT_EQ(source().status().code(), StatusCode::kFatal);  // never masked
  EXPECT_EQ(source()->value, "t2");
}

TEST(KeepLastGoodTokenTest, NoTokenYetMeansTheFailureGoesThrough) {
  OAuthBearerTokenSource source =
      keep_last_good_token([] { return Result<OAuthBearerToken>(Status::retriable("down")); });
  EXPECT_EQ(source().status().message(), "down");
}

}  // namespace
}  // namespace sluice::kafka
