// SchemaRegistryClient with OAuth bearer authentication (bearer.auth.credentials.source=
// OAUTHBEARER): one local server plays the token endpoint (POST /token) and the registry.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "http/test_http_server.h"
#include "oauth/test_jwt.h"
#include "schema_registry/schema_registry_client.h"

namespace sluice::schema_registry {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSchemaAnswer =
    R"({"schema":"{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}"})";

// Serves tokens at /token (the n-th is "<prefix>-n", valid `lifetime_s`) or `token_status`, and
// the schema everywhere else.
struct Server {
  TestHttpServer http;
  std::atomic<int> token_status{200};
  std::atomic<int> lifetime_s{3600};
  std::atomic<int> issued{0};

  Server() {
    http.set_handler([this](const RecordedRequest& req, httplib::Response& res) {
      if (req.path != "/token") {
        res.set_content(kSchemaAnswer, "application/vnd.schemaregistry.v1+json");
        return;
      }
      res.status = token_status;
      if (res.status != 200) {
        res.set_content(R"({"error":"invalid_client"})", "application/json");
        return;
      }
      res.set_content(R"({"access_token":"tok-)" + std::to_string(++issued) +
                          R"(","token_type":"Bearer","expires_in":)" +
                          std::to_string(lifetime_s.load()) + "}",
                      "application/json");
    });
  }

  std::vector<RecordedRequest> registry_requests() const {
    std::vector<RecordedRequest> out;
    for (const RecordedRequest& r : http.requests()) {
      if (r.path != "/token") out.push_back(r);
    }
    return out;
  }
};

RegistryClientConfig oauth_config(const Server& server) {
  RegistryClientConfig config;
  config.urls = {server.http.base_url()};
  config.retry_wait = std::chrono::milliseconds(1);
  config.retry_max_wait = std::chrono::milliseconds(4);
  RegistryClientConfig::OAuthBearer oauth;
  oauth.credentials.token_endpoint_url = server.http.url("/token");
  oauth.credentials.client_id = "sr-client";
  oauth.credentials.client_secret = "Oauth-S3cret";
  oauth.credentials.scope = "schema_registry";
  config.oauth_bearer = oauth;
  config.logical_cluster = "lsrc-123";
  config.identity_pool_id = "pool-9";
  return config;
}

TEST(SchemaRegistryOAuthTest, OneTokenBeforeTheFirstRequestThenSentWithEveryRequest) {
  Server server;
  SchemaRegistryClient client(oauth_config(server));
  for (int id = 1; id <= 5; ++id) {
    auto schema = client.schema_by_id(SchemaId{id}, Subject("t-value"));
    ASSERT_TRUE(schema.ok()) << schema.status().message();
  }
  auto all = server.http.requests();
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0].path, "/token");  // before the first registry request
  EXPECT_EQ(all[0].body, "grant_type=client_credentials&scope=schema_registry");
  EXPECT_EQ(server.issued, 1);  // never per request
  for (const RecordedRequest& r : server.registry_requests()) {
    EXPECT_EQ(r.header("Authorization"), "Bearer tok-1");
    EXPECT_EQ(r.header("target-sr-cluster"), "lsrc-123");
    EXPECT_EQ(r.header("Confluent-Identity-Pool-Id"), "pool-9");
  }
}

// A 2 s token is due after 80 % of its life (the 300 s buffer cannot fit in it).
TEST(SchemaRegistryOAuthTest, ATokenIsRenewedWhenDue) {
  Server server;
  server.lifetime_s = 2;
  SchemaRegistryClient client(oauth_config(server));
  ASSERT_TRUE(client.schema_by_id(SchemaId{1}, Subject("t")).ok());
  ASSERT_TRUE(client.schema_by_id(SchemaId{2}, Subject("t")).ok());
  EXPECT_EQ(server.issued, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1700));
  ASSERT_TRUE(client.schema_by_id(SchemaId{3}, Subject("t")).ok());
  EXPECT_EQ(server.issued, 2);
  auto requests = server.registry_requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].header("Authorization"), "Bearer tok-1");
  EXPECT_EQ(requests[2].header("Authorization"), "Bearer tok-2");
}

TEST(SchemaRegistryOAuthTest, AnEndpointOutageIsRetriableARefusalFatalAndNoSecretIsShown) {
  Server server;
  server.token_status = 503;
  SchemaRegistryClient client(oauth_config(server));
  auto down = client.schema_by_id(SchemaId{1}, Subject("t"));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), StatusCode::kRetriable);
  EXPECT_EQ(down.status().message(),
            "Schema Registry schema id 1: cannot get an OAuth bearer token: OAuth token endpoint " +
                server.http.url("/token") + " refused client sr-client (HTTP 503, invalid_client)");
  server.token_status = 401;
  auto refused = client.schema_by_id(SchemaId{1}, Subject("t"));
  EXPECT_EQ(refused.status().code(), StatusCode::kFatal);
  EXPECT_THAT(refused.status().message(), HasSubstr(server.http.url("/token")));
  EXPECT_THAT(refused.status().message(), Not(HasSubstr("Oauth-S3cret")));
  EXPECT_TRUE(server.registry_requests().empty());  // nothing went out without a token

  server.token_status = 200;  // back: the next request fetches a token and goes through
  ASSERT_TRUE(client.schema_by_id(SchemaId{1}, Subject("t")).ok());
  EXPECT_EQ(server.registry_requests().size(), 1u);
}

}  // namespace
}  // namespace sluice::schema_registry
