#include "oauth/client_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/test_http_server.h"
#include "oauth/test_jwt.h"

namespace sluice::oauth {
namespace {

using sluice::testing::base64;
using sluice::testing::jwt;
using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;
using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::system_clock;

const Clock::time_point kNow = Clock::time_point(std::chrono::seconds(1'800'000'000));

ClientCredentials credentials(const std::string& base_url) {
  ClientCredentials c;
  c.token_endpoint_url = base_url + "/oauth2/token";
  c.client_id = "sr app";
  c.client_secret = "p@ss:word";
  c.scope = " registry.read ";
  c.claims.subject = "client_id";
  return c;
}

// RFC 6749 §4.4.2: a form POST with the grant and the scope, the client in HTTP Basic.
TEST(ClientCredentialsTest, AFormPostWithTheGrantTheScopeAndBasicCredentials) {
  TestHttpServer server;
  std::string token = jwt(R"({"client_id":"sr app","exp":1800000600,"iat":1800000000})");
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.set_content(R"({"access_token":")" + token + R"(","token_type":"Bearer"})",
                    "application/json");
  });
  TokenSource source =
      make_client_credentials_source(credentials(server.base_url()), {}, [] { return kNow; });
  Result<AccessToken> t = source();
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->value, token);
  EXPECT_EQ(t->principal, "sr app");
  EXPECT_EQ(t->expiration, kNow + std::chrono::seconds(600));
  EXPECT_EQ(t->issued_at, kNow);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/oauth2/token");
  // The scope trimmed, as Java's client sends it.
  EXPECT_EQ(requests[0].body, "grant_type=client_credentials&scope=registry.read");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0].header("Authorization"), "Basic " + base64("sr app:p@ss:word"));
}

TEST(ClientCredentialsTest, HeaderUrlencodeFormEncodesTheCredentialsAndNoScopeSendsNone) {
  TestHttpServer server;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.set_content(R"({"access_token":"opaque","expires_in":60})", "application/json");
  });
  ClientCredentials c = credentials(server.base_url());
  c.header_urlencode = true;
  c.scope = "  ";
  ASSERT_TRUE(make_client_credentials_source(c, {}, [] { return kNow; })().ok());
  EXPECT_EQ(server.requests().at(0).header("Authorization"),
            "Basic " + base64("sr%20app:p%40ss%3Aword"));
  EXPECT_EQ(server.requests().at(0).body, "grant_type=client_credentials");
}

TEST(ClientCredentialsTest, RefusalsAreFatalAndNameTheEndpointOverloadIsRetriable) {
  TestHttpServer server;
  int status = 401;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.status = status;
    res.set_content(R"({"error":"invalid_client","error_description":"bad secret"})",
                    "application/json");
  });
  TokenSource source =
      make_client_credentials_source(credentials(server.base_url()), {}, [] { return kNow; });
  Status refused = source().status();
  EXPECT_EQ(refused.code(), StatusCode::kFatal);
  EXPECT_EQ(refused.message(), "OAuth token endpoint " + server.base_url() +
                                   "/oauth2/token refused client sr app (HTTP 401, "
                                   "invalid_client: bad secret)");
  EXPECT_THAT(refused.message(), Not(HasSubstr("p@ss")));
  for (int fatal : {400, 403}) {
    status = fatal;
    EXPECT_EQ(source().status().code(), StatusCode::kFatal) << fatal;
  }
  for (int transient : {408, 429, 500, 503}) {
    status = transient;
    EXPECT_EQ(source().status().code(), StatusCode::kRetriable) << transient;
  }
}

TEST(ClientCredentialsTest, AnUnreachableEndpointIsRetriable) {
  Status st = make_client_credentials_source(credentials("http://127.0.0.1:1"), {})().status();
  EXPECT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_THAT(st.message(), HasSubstr("OAuth token endpoint http://127.0.0.1:1/oauth2/token: "));
}

TEST(ClientCredentialsTest, AnAnswerWithoutAUsableTokenIsFatal) {
  TestHttpServer server;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    res.set_content(R"({"access_token":")" + jwt(R"({"exp":1800000600})") + R"("})",
                    "application/json");
  });
  Status st =
      make_client_credentials_source(credentials(server.base_url()), {}, [] { return kNow; })()
          .status();
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_EQ(st.message(), "OAuth token endpoint " + server.base_url() +
                              "/oauth2/token: the token has no 'client_id' claim");
}

}  // namespace
}  // namespace sluice::oauth
