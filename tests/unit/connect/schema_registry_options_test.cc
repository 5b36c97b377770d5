// The Schema Registry settings of the Confluent converters' sub-config (schema.registry.url,
// basic.auth.*, bearer.auth.*, schema.registry.ssl.*, limits), as Confluent's serde config reads
// them, and the problems reported for what sluice refuses.
#include "connect/schema_registry_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "test_support/tls_files.h"

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

TEST(SchemaRegistryOptionsTest, SaslInheritTakesTheLoginOfThisConvertersJaasConfig) {
  Read r = read({{"schema.registry.url", "http://sr:8081"},
                 {"basic.auth.credentials.source", "SASL_INHERIT"},
                 {"sasl.jaas.config",
                  "org.apache.kafka.common.security.plain.PlainLoginModule required "
                  "username=\"carol\" password=\"S3cret\";"}});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  EXPECT_EQ(r.config.basic_user_info, "carol:S3cret");

  Read missing = read({{"schema.registry.url", "http://sr:8081"},
                       {"basic.auth.credentials.source", "SASL_INHERIT"}});
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_THAT(missing.problems[0], HasSubstr("sasl.jaas.config, which is not set"));
  Read no_password = read({{"schema.registry.url", "http://sr:8081"},
                           {"basic.auth.credentials.source", "SASL_INHERIT"},
                           {"sasl.jaas.config", "a.Module required username=\"carol\";"}});
  ASSERT_EQ(no_password.problems.size(), 1u);
  EXPECT_THAT(no_password.problems[0], HasSubstr("username and password"));
  Read broken = read({{"schema.registry.url", "http://sr:8081"},
                      {"basic.auth.credentials.source", "SASL_INHERIT"},
                      {"sasl.jaas.config", "a.Module required password=\"S3cret\""}});
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_THAT(
      broken.problems[0],
      HasSubstr("Invalid value [hidden] for configuration value.converter.sasl.jaas.config"));
  EXPECT_THAT(broken.problems[0], Not(HasSubstr("S3cret")));
}

TEST(SchemaRegistryOptionsTest, UnsupportedSourcesAreRefusedNotIgnored) {
  Read custom = read({{"schema.registry.url", "http://sr:8081"},
                      {"bearer.auth.credentials.source", "CUSTOM"},
                      {"bearer.auth.custom.provider.class", "com.example.TokenProvider"}});
  ASSERT_EQ(custom.problems.size(), 1u);
  EXPECT_THAT(custom.problems[0],
              HasSubstr("STATIC_TOKEN, OAUTHBEARER or SASL_OAUTHBEARER_INHERIT"));
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

TEST(SchemaRegistryOptionsTest, TlsStoresAreReadAsTheKafkaClientsAre) {
  test_support::TempDir dir;
  test_support::TestCert ca;
  const std::string pem = dir.file("ca.pem", ca.pem());
  const std::string client = dir.file("client.p12", ca.pkcs12("pw", /*with_key=*/true));
  Read r = read({{"schema.registry.url", "https://sr:8081"},
                 {"schema.registry.ssl.truststore.location", pem},
                 {"schema.registry.ssl.truststore.type", "PEM"},
                 {"schema.registry.ssl.keystore.location", client},
                 {"schema.registry.ssl.keystore.type", "PKCS12"},
                 {"schema.registry.ssl.keystore.password", "pw"}});
  ASSERT_TRUE(r.problems.empty()) << r.problems[0];
  EXPECT_EQ(r.config.http.ca_file, pem);
  EXPECT_EQ(r.config.http.client_cert_file, client);
  EXPECT_EQ(r.config.http.client_cert_type, "P12");
  EXPECT_EQ(r.config.http.client_key_password, "pw");

  // A PKCS#12 trust store becomes PEM text; its type may be left at the JKS default.
  const std::string p12 = dir.file("trust.p12", ca.pkcs12("tpw", /*with_key=*/false));
  Read p = read({{"schema.registry.url", "https://sr:8081"},
                 {"schema.registry.ssl.truststore.location", p12},
                 {"schema.registry.ssl.truststore.password", "tpw"}});
  ASSERT_TRUE(p.problems.empty()) << p.problems[0];
  EXPECT_TRUE(p.config.http.ca_file.empty());
  EXPECT_EQ(p.config.http.ca_pem, ca.pem());
  Read wrong = read({{"schema.registry.url", "https://sr:8081"},
                     {"schema.registry.ssl.truststore.location", p12},
                     {"schema.registry.ssl.truststore.password", "nope"}});
  ASSERT_EQ(wrong.problems.size(), 1u);
  EXPECT_THAT(wrong.problems[0], HasSubstr("wrong schema.registry.ssl.truststore.password"));

  // A JKS store names the keytool command that converts it.
  const std::string jks = dir.file("ca.jks", std::string("\xFE\xED\xFE\xED\x00\x00\x00\x02", 8));
  Read j = read({{"schema.registry.url", "https://sr:8081"},
                 {"schema.registry.ssl.truststore.location", jks}});
  ASSERT_EQ(j.problems.size(), 1u);
  EXPECT_THAT(j.problems[0], HasSubstr("value.converter.schema.registry.ssl.truststore.location"));
  EXPECT_THAT(j.problems[0], HasSubstr("keytool -importkeystore"));
  Read missing = read({{"schema.registry.url", "https://sr:8081"},
                       {"schema.registry.ssl.truststore.location", dir.file("x", "") + ".none"}});
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_THAT(missing.problems[0], HasSubstr("cannot read the file"));
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
