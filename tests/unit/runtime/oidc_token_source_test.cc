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

// Reading the endpoint's answer is oauth::parse_token_response's job (tests/unit/oauth).

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
