// bearer.auth.* of the Confluent converters' sub-config, read as Confluent's client 7.7 reads them
// (StaticTokenCredentialProvider, OauthCredentialProvider, SaslOauthCredentialProvider), and the
// problems reported for what is missing or wrong, never showing a secret.
#include "connect/registry_bearer_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "connect/schema_registry_options.h"

namespace sluice::connect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

struct Read {
  schema_registry::RegistryClientConfig config;
  std::vector<std::string> problems;
};

Read read(std::map<std::string, std::string> sub_config) {
  sub_config.emplace("schema.registry.url", "https://alice:pw@sr:8081");
  ConverterOptions options(sub_config, "value.converter.");
  Read out;
  out.config = read_schema_registry_options(options);
  out.problems = options.problems();
  return out;
}

const std::map<std::string, std::string> kOAuth = {
    {"bearer.auth.credentials.source", "OAUTHBEARER"},
    {"bearer.auth.issuer.endpoint.url", "https://idp.example.com/oauth2/token"},
    {"bearer.auth.client.id", "sr-client"},
    {"bearer.auth.client.secret", "Cl1ent-S3cret"},
};

std::map<std::string, std::string> with(std::map<std::string, std::string> base,
                                        const std::map<std::string, std::string>& more) {
  for (const auto& [key, value] : more) base[key] = value;
  return base;
}

TEST(RegistryBearerOptionsTest, OAuthBearerWithConfluentsDefaults) {
  Read r = read(kOAuth);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  ASSERT_TRUE(r.config.oauth_bearer.has_value());
  const oauth::ClientCredentials& c = r.config.oauth_bearer->credentials;
  EXPECT_EQ(c.token_endpoint_url, "https://idp.example.com/oauth2/token");
  EXPECT_EQ(c.client_id, "sr-client");
  EXPECT_EQ(c.client_secret, "Cl1ent-S3cret");
  EXPECT_EQ(c.scope, "");
  EXPECT_EQ(c.claims.subject, "sub");
  EXPECT_EQ(c.claims.scope, "scope");
  EXPECT_FALSE(c.header_urlencode);  // Confluent's client sends id and secret as they are
  EXPECT_EQ(r.config.oauth_bearer->cache_expiry_buffer, std::chrono::seconds(300));
  // A bearer source replaces Basic authentication, the URL's user info included.
  EXPECT_EQ(r.config.basic_user_info, "");
  EXPECT_EQ(r.config.bearer_token, "");
  EXPECT_EQ(r.config.logical_cluster, "");
  EXPECT_EQ(r.config.identity_pool_id, "");
}

TEST(RegistryBearerOptionsTest, OAuthBearerScopeClaimsBufferAndConfluentCloudHeaders) {
  Read r = read(with(kOAuth, {{"bearer.auth.credentials.source", "oauthbearer"},
                              {"bearer.auth.scope", "registry.read"},
                              {"bearer.auth.scope.claim.name", "scp"},
                              {"bearer.auth.sub.claim.name", "client_id"},
                              {"bearer.auth.cache.expiry.buffer.seconds", "60"},
                              {"bearer.auth.logical.cluster", "lsrc-123"},
                              {"bearer.auth.identity.pool.id", "pool-9"}}));
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  const oauth::ClientCredentials& c = r.config.oauth_bearer->credentials;
  EXPECT_EQ(c.scope, "registry.read");
  EXPECT_EQ(c.claims.scope, "scp");
  EXPECT_EQ(c.claims.subject, "client_id");
  EXPECT_EQ(r.config.oauth_bearer->cache_expiry_buffer, std::chrono::seconds(60));
  EXPECT_EQ(r.config.logical_cluster, "lsrc-123");
  EXPECT_EQ(r.config.identity_pool_id, "pool-9");

  // The Confluent Cloud headers go with a static token too.
  Read static_token = read({{"bearer.auth.credentials.source", "STATIC_TOKEN"},
                            {"bearer.auth.token", "tok"},
                            {"bearer.auth.logical.cluster", "lsrc-1"}});
  ASSERT_TRUE(static_token.problems.empty()) << static_token.problems[0];
  EXPECT_EQ(static_token.config.bearer_token, "tok");
  EXPECT_EQ(static_token.config.logical_cluster, "lsrc-1");
  EXPECT_FALSE(static_token.config.oauth_bearer.has_value());
}

TEST(RegistryBearerOptionsTest, OAuthBearerProblemsNameTheKeyNeverTheSecret) {
  Read missing = read({{"bearer.auth.credentials.source", "OAUTHBEARER"}});
  EXPECT_THAT(missing.problems,
              ElementsAre(HasSubstr("value.converter.bearer.auth.issuer.endpoint.url: "
                                    "bearer.auth.credentials.source=OAUTHBEARER needs the URL"),
                          HasSubstr("value.converter.bearer.auth.client.id"),
                          HasSubstr("value.converter.bearer.auth.client.secret")));
  Read bad = read(with(kOAuth, {{"bearer.auth.issuer.endpoint.url", "idp.example.com/token"},
                                {"bearer.auth.cache.expiry.buffer.seconds", "3601"},
                                {"bearer.auth.sub.claim.name", "  "}}));
  EXPECT_THAT(bad.problems,
              ElementsAre("Invalid value idp.example.com/token for configuration "
                          "value.converter.bearer.auth.issuer.endpoint.url: must be an http:// or "
                          "https:// URL",
                          "Invalid value  for configuration "
                          "value.converter.bearer.auth.sub.claim.name: must not be blank",
                          "Invalid value 3601 for configuration "
                          "value.converter.bearer.auth.cache.expiry.buffer.seconds: Value must "
                          "be no more than 3600"));
  EXPECT_THAT(read(with(kOAuth, {{"bearer.auth.cache.expiry.buffer.seconds", "5m"}})).problems,
              ElementsAre(HasSubstr("Not a number of type SHORT")));
  EXPECT_THAT(read(with(kOAuth, {{"bearer.auth.cache.expiry.buffer.seconds", "-1"}})).problems,
              ElementsAre(HasSubstr("Value must be at least 0")));
  // As Confluent's RestService: one of the two sources only.
  Read both = read(with(kOAuth, {{"basic.auth.credentials.source", "URL"}}));
  EXPECT_THAT(both.problems, ElementsAre(HasSubstr("Only one of 'basic.auth.credentials.source' "
                                                   "and 'bearer.auth.credentials.source'")));
  for (const Read& r : {missing, bad, both}) {
    for (const std::string& p : r.problems) EXPECT_THAT(p, Not(HasSubstr("Cl1ent-S3cret")));
  }
}

// SaslOauthCredentialProvider: the client from this converter's own sasl.jaas.config, the endpoint
// from its sasl.oauthbearer.token.endpoint.url; bearer.auth.* keys win where both are set, except
// the claim names, where the sasl.oauthbearer.* keys win.
TEST(RegistryBearerOptionsTest, SaslOAuthBearerInheritTakesTheConvertersOwnKafkaLogin) {
  const std::map<std::string, std::string> inherit = {
      {"bearer.auth.credentials.source", "SASL_OAUTHBEARER_INHERIT"},
      {"sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/token"},
      {"sasl.jaas.config",
       "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
       "clientId=\"kafka-app\" clientSecret=\"Jaas-S3cret\" scope=\"kafka\" "
       "extension_identityPoolId=\"pool-jaas\" extension_logicalCluster=\"lkc-1\";"}};
  Read r = read(inherit);
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  const oauth::ClientCredentials& c = r.config.oauth_bearer->credentials;
  EXPECT_EQ(c.token_endpoint_url, "https://idp.example.com/token");
  EXPECT_EQ(c.client_id, "kafka-app");
  EXPECT_EQ(c.client_secret, "Jaas-S3cret");
  EXPECT_EQ(c.scope, "kafka");
  EXPECT_EQ(r.config.identity_pool_id, "pool-jaas");
  EXPECT_EQ(r.config.logical_cluster, "");  // only bearer.auth.logical.cluster names it

  Read overridden = read(with(inherit, {{"bearer.auth.issuer.endpoint.url", "https://sr-idp/t"},
                                        {"bearer.auth.client.id", "sr-app"},
                                        {"bearer.auth.client.secret", "Sr-S3cret"},
                                        {"bearer.auth.scope", "sr"},
                                        {"bearer.auth.identity.pool.id", "pool-sr"},
                                        {"bearer.auth.sub.claim.name", "azp"},
                                        {"sasl.oauthbearer.sub.claim.name", "client_id"}}));
  ASSERT_TRUE(overridden.problems.empty()) << overridden.problems[0];
  const oauth::ClientCredentials& o = overridden.config.oauth_bearer->credentials;
  EXPECT_EQ(o.token_endpoint_url, "https://sr-idp/t");
  EXPECT_EQ(o.client_id, "sr-app");
  EXPECT_EQ(o.client_secret, "Sr-S3cret");
  EXPECT_EQ(o.scope, "sr");
  EXPECT_EQ(o.claims.subject, "client_id");
  EXPECT_EQ(overridden.config.identity_pool_id, "pool-sr");
}

TEST(RegistryBearerOptionsTest, SaslOAuthBearerInheritNeedsThisConvertersJaasConfig) {
  Read none = read({{"bearer.auth.credentials.source", "SASL_OAUTHBEARER_INHERIT"},
                    {"sasl.oauthbearer.token.endpoint.url", "https://idp/token"}});
  EXPECT_THAT(none.problems, ElementsAre(HasSubstr("sasl.jaas.config, which is not set in this "
                                                   "converter's configuration")));
  Read no_client = read({{"bearer.auth.credentials.source", "SASL_OAUTHBEARER_INHERIT"},
                         {"sasl.jaas.config", "a.Module required clientSecret=\"Jaas-S3cret\";"}});
  EXPECT_THAT(no_client.problems,
              ElementsAre(HasSubstr("(or in sasl.oauthbearer.token.endpoint.url)"),
                          HasSubstr("as clientId in sasl.jaas.config")));
  Read broken = read({{"bearer.auth.credentials.source", "SASL_OAUTHBEARER_INHERIT"},
                      {"sasl.jaas.config", "a.Module required clientSecret=\"Jaas-S3cret\""}});
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_THAT(
      broken.problems[0],
      HasSubstr("Invalid value [hidden] for configuration value.converter.sasl.jaas.config"));
  for (const Read& r : {none, no_client, broken}) {
    for (const std::string& p : r.problems) EXPECT_THAT(p, Not(HasSubstr("Jaas-S3cret")));
  }
}

}  // namespace
}  // namespace sluice::connect
