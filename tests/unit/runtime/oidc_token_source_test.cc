#include "runtime/oidc_token_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "format/base64.h"
#include "http/test_http_server.h"

namespace sluice::runtime {
namespace {

using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;
using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::system_clock;

std::string base64url(std::string_view bytes) {
  std::string out;
  format::append_base64(out, bytes);
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

// An unsigned-looking JWT: sluice reads the claims, the broker checks the signature.
std::string jwt(const std::string& claims_json) {
  return base64url(R"({"alg":"RS256","kid":"k1","typ":"JWT"})") + "." + base64url(claims_json) +
         ".c2lnbmF0dXJl";
}

const Clock::time_point kNow = Clock::time_point(std::chrono::seconds(1'800'000'000));

TEST(OidcTokenResponseTest, ExpiryAndPrincipalFromTheJwtClaims) {
  std::string token = jwt(R"({"sub":"sluice-app","exp":1800000300,"iat":1800000000})");
  auto r = parse_token_response(
      R"({"access_token":")" + token + R"(","token_type":"bearer","expires_in":9999})", "sub",
      kNow);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->value, token);
  EXPECT_EQ(r->principal, "sluice-app");
  // exp wins over expires_in: the broker goes by the token's own claim.
  EXPECT_EQ(r->expiration, kNow + std::chrono::seconds(300));

  auto custom = parse_token_response(
      R"({"access_token":")" + jwt(R"({"client_id":"app-7","exp":1800000060})") + R"("})",
      "client_id", kNow);
  ASSERT_TRUE(custom.ok()) << custom.status().message();
  EXPECT_EQ(custom->principal, "app-7");
}

TEST(OidcTokenResponseTest, OpaqueTokensUseExpiresIn) {
  auto r = parse_token_response(R"({"access_token":"opaque-token","expires_in":120})", "sub", kNow);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->expiration, kNow + std::chrono::seconds(120));
  EXPECT_EQ(r->principal, "unknown");
}

TEST(OidcTokenResponseTest, BadAnswersSayWhatIsWrongWithoutTheToken) {
  EXPECT_EQ(parse_token_response("not json", "sub", kNow).status().message(),
            "the answer is not a JSON object");
  EXPECT_EQ(parse_token_response(R"({"token_type":"bearer"})", "sub", kNow).status().message(),
            "the answer has no access_token");
  EXPECT_EQ(parse_token_response(R"({"access_token":"opaque"})", "sub", kNow).status().message(),
            "the token has neither an exp claim nor expires_in");
  std::string expired = jwt(R"({"sub":"a","exp":1799999999})");
  auto old = parse_token_response(R"({"access_token":")" + expired + R"("})", "sub", kNow);
  EXPECT_EQ(old.status().message(), "the token has already expired");
  std::string no_sub = jwt(R"({"exp":1800000300})");
  auto anonymous = parse_token_response(R"({"access_token":")" + no_sub + R"("})", "sub", kNow);
  EXPECT_EQ(anonymous.status().message(), "the token has no 'sub' claim");
  EXPECT_THAT(anonymous.status().message(), Not(HasSubstr(no_sub)));
}

kafka::ClientConfig::Oidc settings(const std::string& url) {
  kafka::ClientConfig::Oidc s;
  s.token_endpoint_url = url + "/oauth2/token";
  s.client_id = "sluice app";
  s.client_secret = "p@ss:word";
  s.scope = "kafka.read kafka.write";
  s.extensions = {{"logicalCluster", "lkc-1"}};
  return s;
}

// What Kafka's OAuthBearerLoginCallbackHandler sends (KIP-768): a form POST with the
// client_credentials grant and the scope, the client in HTTP Basic over its form-encoded id and
// secret (RFC 6749 §2.3.1).
TEST(OidcTokenSourceTest, ClientCredentialsGrantAsKafkaSendsIt) {
  TestHttpServer server;
  std::string token = jwt(R"({"sub":"sluice app","exp":1800000600})");
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.set_content(R"({"access_token":")" + token + R"(","token_type":"Bearer","expires_in":600})",
                    "application/json");
  });
  kafka::OAuthBearerTokenSource source =
      make_oidc_token_source(settings(server.base_url()), [] { return kNow; });
  Result<kafka::OAuthBearerToken> t = source();
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->value, token);
  EXPECT_EQ(t->principal, "sluice app");
  EXPECT_EQ(t->expiration, kNow + std::chrono::seconds(600));
  using Pair = std::pair<std::string, std::string>;
  EXPECT_EQ(t->extensions, (std::vector<Pair>{{"logicalCluster", "lkc-1"}}));

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/oauth2/token");
  EXPECT_EQ(requests[0].body, "grant_type=client_credentials&scope=kafka.read%20kafka.write");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-www-form-urlencoded");
  // Java sends id and secret as they are unless sasl.oauthbearer.header.urlencode=true.
  std::string basic;
  format::append_base64(basic, "sluice app:p@ss:word");
  EXPECT_EQ(requests[0].header("Authorization"), "Basic " + basic);

  // Every call asks again: librdkafka calls only when it needs a new token.
  ASSERT_TRUE(source().ok());
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(OidcTokenSourceTest, HeaderUrlencodeFormEncodesTheCredentials) {
  TestHttpServer server;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.set_content(R"({"access_token":"opaque","expires_in":60})", "application/json");
  });
  kafka::ClientConfig::Oidc s = settings(server.base_url());
  s.header_urlencode = true;
  ASSERT_TRUE(make_oidc_token_source(s, [] { return kNow; })().ok());
  std::string basic;
  format::append_base64(basic, "sluice%20app:p%40ss%3Aword");
  EXPECT_EQ(server.requests().at(0).header("Authorization"), "Basic " + basic);
}

TEST(OidcTokenSourceTest, RefusalsNameTheClientAndTheReasonButNotTheSecret) {
  TestHttpServer server;
  int status = 401;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.status = status;
    res.set_content(R"({"error":"invalid_client","error_description":"bad secret"})",
                    "application/json");
  });
  kafka::OAuthBearerTokenSource source =
      make_oidc_token_source(settings(server.base_url()), [] { return kNow; });
  Status refused = source().status();
  EXPECT_EQ(refused.code(), StatusCode::kFatal);
  EXPECT_EQ(refused.message(), "OAuth token endpoint " + server.base_url() +
                                   "/oauth2/token refused client sluice app (HTTP 401, "
                                   "invalid_client: bad secret)");
  EXPECT_THAT(refused.message(), Not(HasSubstr("p@ss")));
  status = 503;
  EXPECT_EQ(source().status().code(), StatusCode::kRetriable);
}

TEST(OidcTokenSourceTest, AnUnreachableEndpointIsRetriable) {
  kafka::ClientConfig::Oidc s = settings("http://127.0.0.1:1");
  Status st = make_oidc_token_source(s)().status();
  EXPECT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_THAT(st.message(), HasSubstr("OAuth token endpoint http://127.0.0.1:1/oauth2/token: "));
}

}  // namespace
}  // namespace sluice::runtime
