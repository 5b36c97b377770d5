#include "oauth/token_response.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "oauth/test_jwt.h"

namespace sluice::oauth {
namespace {

using sluice::testing::jwt;
using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::system_clock;

const Clock::time_point kNow = Clock::time_point(std::chrono::seconds(1'800'000'000));

ClaimNames subject(const std::string& name) {
  ClaimNames names;
  names.subject = name;
  return names;
}

TEST(TokenResponseTest, ExpiryAndPrincipalFromTheJwtClaims) {
  std::string token = jwt(R"({"sub":"sluice-app","exp":1800000300,"iat":1799999990})");
  auto r = parse_token_response(
      R"({"access_token":")" + token + R"(","token_type":"bearer","expires_in":9999})", {}, kNow);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->value, token);
  EXPECT_EQ(r->principal, "sluice-app");
  // exp wins over expires_in: the server goes by the token's own claim.
  EXPECT_EQ(r->expiration, kNow + std::chrono::seconds(300));
  EXPECT_EQ(r->issued_at, kNow - std::chrono::seconds(10));

  auto custom = parse_token_response(
      R"({"access_token":")" + jwt(R"({"client_id":"app-7","exp":1800000060})") + R"("})",
      subject("client_id"), kNow);
  ASSERT_TRUE(custom.ok()) << custom.status().message();
  EXPECT_EQ(custom->principal, "app-7");
  EXPECT_FALSE(custom->issued_at.has_value());
}

TEST(TokenResponseTest, OpaqueTokensUseExpiresIn) {
  auto r = parse_token_response(R"({"access_token":"opaque-token","expires_in":120})", {}, kNow);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->expiration, kNow + std::chrono::seconds(120));
  EXPECT_EQ(r->principal, "unknown");
}

TEST(TokenResponseTest, BadAnswersSayWhatIsWrongWithoutTheToken) {
  EXPECT_EQ(parse_token_response("not json", {}, kNow).status().message(),
            "the answer is not a JSON object");
  EXPECT_EQ(parse_token_response(R"({"token_type":"bearer"})", {}, kNow).status().message(),
            "the answer has no access_token");
  EXPECT_EQ(parse_token_response(R"({"access_token":"opaque"})", {}, kNow).status().message(),
            "the token has neither an exp claim nor expires_in");
  std::string expired = jwt(R"({"sub":"a","exp":1799999999})");
  auto old = parse_token_response(R"({"access_token":")" + expired + R"("})", {}, kNow);
  EXPECT_EQ(old.status().message(), "the token has already expired");
  std::string no_sub = jwt(R"({"exp":1800000300})");
  auto anonymous = parse_token_response(R"({"access_token":")" + no_sub + R"("})", {}, kNow);
  EXPECT_EQ(anonymous.status().code(), StatusCode::kFatal);
  EXPECT_EQ(anonymous.status().message(), "the token has no 'sub' claim");
  EXPECT_THAT(anonymous.status().message(), Not(HasSubstr(no_sub)));
}

// Kafka's LoginAccessTokenValidator (which Confluent's registry client uses too) checks the scope
// claim: one string, or a list of distinct non-blank strings; other types mean no scope.
TEST(TokenResponseTest, TheScopeClaimIsCheckedAsKafkasValidatorChecksIt) {
  auto answer = [](const std::string& claims) {
    return R"({"access_token":")" + jwt(claims) + R"("})";
  };
  EXPECT_TRUE(
      parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scope":"x y"})"), {}, kNow).ok());
  EXPECT_TRUE(
      parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scope":["x","y"]})"), {}, kNow)
          .ok());
  EXPECT_TRUE(
      parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scope":42})"), {}, kNow).ok());
  EXPECT_EQ(
      parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scope":["x"," x "]})"), {}, kNow)
          .status()
          .message(),
      "the token's 'scope' claim lists 'x' twice");
  ClaimNames scp;
  scp.scope = "scp";
  EXPECT_EQ(
      parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scp":["x",""]})"), scp, kNow)
          .status()
          .message(),
      "the token's 'scp' claim holds an empty or non-string value");
  // Another claim name: "scope" is then just a claim like any other; none: no check (the Kafka
  // login leaves the scope to the broker).
  EXPECT_TRUE(
      parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scope":[""]})"), scp, kNow).ok());
  ClaimNames unchecked;
  unchecked.scope.clear();
  EXPECT_TRUE(parse_token_response(answer(R"({"sub":"a","exp":1800000300,"scope":["x","x"]})"),
                                   unchecked, kNow)
                  .ok());
}

}  // namespace
}  // namespace sluice::oauth
