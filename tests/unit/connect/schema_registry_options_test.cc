// The Schema Registry settings of the Confluent converters' sub-config (schema.registry.url,
// basic.auth.*, bearer.auth.*, schema.registry.ssl.*, limits), as Confluent's serde config reads
// them, and the problems reported for what sluice refuses.
#include "connect/schema_registry_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace sluice::connect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

struct Read {
  schema_registry::RegistryClientConfig config;
  std::vector<std::string> problems;
};

Read read(const std::map<std::string, std::string>& sub_config) {
  ConverterOptions options(sub_config, "value.converter.");
  Read out;
  out.config = read_schema_registry_options(options);
  out.problems = options.problems();
  return out;
}

TEST(SchemaRegistryOptionsTest, DefaultsAreConfluentsClientDefaults) {
  Read r = read({{"schema.registry.url", "http://sr1:8081/, https://sr2:8081"}});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  EXPECT_THAT(r.config.urls, ElementsAre("http://sr1:8081", "https://sr2:8081"));
  EXPECT_EQ(r.config.basic_user_info, "");
  EXPECT_EQ(r.config.bearer_token, "");
  EXPECT_EQ(r.config.cache_capacity, 1000u);
  EXPECT_EQ(r.config.max_retries, 3);
  EXPECT_EQ(r.config.retry_wait.count(), 1000);
  EXPECT_EQ(r.config.retry_max_wait.count(), 20000);
  EXPECT_EQ(r.config.http.connect_timeout.count(), 60000);
  EXPECT_EQ(r.config.http.request_timeout.count(), 120000);
}

TEST(SchemaRegistryOptionsTest, TheUrlIsRequiredAndMustBeHttp) {
  EXPECT_THAT(read({}).problems,
              ElementsAre("Missing required configuration \"value.converter.schema.registry.url\" "
                          "which has no default value."));
  EXPECT_THAT(read({{"schema.registry.url", "sr1:8081"}}).problems,
              ElementsAre("Invalid value sr1:8081 for configuration "
                          "value.converter.schema.registry.url: must be an http:// or https:// "
                          "URL"));
}

TEST(SchemaRegistryOptionsTest, UserInfoFromTheUrlByDefaultIsTakenOutOfTheUrl) {
  Read r = read({{"schema.registry.url", "https://alice:pw@sr:8081"}});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_THAT(r.config.urls, ElementsAre("https://sr:8081"));
  EXPECT_EQ(r.config.basic_user_info, "alice:pw");
}

TEST(SchemaRegistryOptionsTest, UserInfoSourceTakesEitherKeyAndNeverShowsIt) {
  Read r = read({{"schema.registry.url", "http://sr:8081"},
                 {"basic.auth.credentials.source", "user_info"},
                 {"schema.registry.basic.auth.user.info", "bob:S3cret"}});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.config.basic_user_info, "bob:S3cret");
  Read bad = read({{"schema.registry.url", "http://sr:8081"},
                   {"basic.auth.credentials.source", "USER_INFO"},
                   {"basic.auth.user.info", "S3cretWithoutColon"}});
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_THAT(bad.problems[0], HasSubstr("value.converter.basic.auth.user.info"));
  EXPECT_THAT(bad.problems[0], Not(HasSubstr("S3cretWithoutColon")));
}

TEST(SchemaRegistryOptionsTest, UnsupportedSourcesAreRefusedNotIgnored) {
  Read sasl = read({{"schema.registry.url", "http://sr:8081"},
                    {"basic.auth.credentials.source", "SASL_INHERIT"}});
  ASSERT_EQ(sasl.problems.size(), 1u);
  EXPECT_THAT(sasl.problems[0], HasSubstr("use USER_INFO"));
  Read oauth = read({{"schema.registry.url", "http://sr:8081"},
                     {"bearer.auth.credentials.source", "OAUTHBEARER"}});
  ASSERT_EQ(oauth.problems.size(), 1u);
  EXPECT_THAT(oauth.problems[0], HasSubstr("STATIC_TOKEN"));
  Read bogus = read(
      {{"schema.registry.url", "http://sr:8081"}, {"basic.auth.credentials.source", "PASSWORD"}});
  ASSERT_EQ(bogus.problems.size(), 1u);
}

TEST(SchemaRegistryOptionsTest, StaticBearerToken) {
  Read r = read({{"schema.registry.url", "http://sr:8081"},
                 {"bearer.auth.credentials.source", "STATIC_TOKEN"},
                 {"bearer.auth.token", "tok"}});
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.config.bearer_token, "tok");
}

TEST(SchemaRegistryOptionsTest, TlsStores) {
  Read r = read({{"schema.registry.url", "https://sr:8081"},
                 {"schema.registry.ssl.truststore.location", "/etc/ca.pem"},
                 {"schema.registry.ssl.truststore.type", "PEM"},
                 {"schema.registry.ssl.keystore.location", "/etc/client.p12"},
                 {"schema.registry.ssl.keystore.type", "PKCS12"},
                 {"schema.registry.ssl.keystore.password", "pw"}});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  EXPECT_EQ(r.config.http.ca_file, "/etc/ca.pem");
  EXPECT_EQ(r.config.http.client_cert_file, "/etc/client.p12");
  EXPECT_EQ(r.config.http.client_cert_type, "P12");
  EXPECT_EQ(r.config.http.client_key_password, "pw");
  Read jks = read({{"schema.registry.url", "https://sr:8081"},
                   {"schema.registry.ssl.truststore.location", "/etc/ca.jks"}});
  ASSERT_EQ(jks.problems.size(), 1u);
  EXPECT_THAT(jks.problems[0], HasSubstr("schema.registry.ssl.truststore.type"));
}

TEST(SchemaRegistryOptionsTest, LimitsProxyAndHeaders) {
  Read r = read({{"schema.registry.url", "http://sr:8081"},
                 {"max.schemas.per.subject", "20"},
                 {"http.connect.timeout.ms", "1000"},
                 {"http.read.timeout.ms", "2000"},
                 {"max.retries", "5"},
                 {"proxy.host", "proxy"},
                 {"proxy.port", "3128"},
                 {"request.header.X-Tenant", "blue"}});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  EXPECT_EQ(r.config.cache_capacity, 20u);
  EXPECT_EQ(r.config.http.connect_timeout.count(), 1000);
  EXPECT_EQ(r.config.http.request_timeout.count(), 3000);
  EXPECT_EQ(r.config.max_retries, 5);
  EXPECT_EQ(r.config.http.proxy_url, "http://proxy:3128");
  EXPECT_THAT(r.config.extra_headers, ElementsAre(Pair("X-Tenant", "blue")));
  EXPECT_THAT(
      read({{"schema.registry.url", "http://sr:8081"}, {"max.schemas.per.subject", "0"}}).problems,
      ElementsAre(HasSubstr("max.schemas.per.subject")));
}

}  // namespace
}  // namespace sluice::connect
